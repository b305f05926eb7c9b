import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

import java.time.Instant;

/**
 * The start-up benchmark's baseline: the smallest JavaFX window (one Label). Prints
 * {@code first-frame <epoch microseconds>} on the first pulse after show, like the app's
 * {@code -Dflatkey.startupProbe=print}; {@code -Dflatkey.startupProbe=exit} also closes it.
 */
public final class MinimalLabel extends Application {

    public static void main(String[] args) {
        launch(args);
    }

    @Override
    public void start(Stage stage) {
        Scene scene = new Scene(new Label("Hello"), 320, 120);
        stage.setScene(scene);
        stage.setTitle("Minimal");
        stage.show();
        Runnable once = new Runnable() {
            @Override
            public void run() {
                scene.removePostLayoutPulseListener(this);
                Instant now = Instant.now();
                System.out.println("first-frame " + (now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000));
                System.out.flush();
                if ("exit".equals(System.getProperty("flatkey.startupProbe"))) {
                    Platform.runLater(Platform::exit);
                }
            }
        };
        scene.addPostLayoutPulseListener(once);
    }
}
