package ai.flatkey.migrate.ui.bench;

import ai.flatkey.migrate.ui.AppContext;
import ai.flatkey.migrate.ui.StartupPreloader;
import ai.flatkey.migrate.ui.WizardWindow;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import java.nio.file.Files;

/**
 * Child process of {@link UiStartupBench}: starts either the wizard (as {@code WizardApp} does: the composition root
 * in {@code init()}, the window in {@code start()}) or a minimal window with one Label, and prints the wall-clock time
 * of the first pulse that lays out the shown window, then exits.
 */
public final class FirstFrame {

    private FirstFrame() {
    }

    public static void main(String[] args) {
        boolean wizard = "wizard".equals(args[0]);
        if (wizard) {
            StartupPreloader.start(); // as WizardApp.launchApp does
        }
        Application.launch(wizard ? Wizard.class : Minimal.class, args);
    }

    static void reportFirstFrame(Stage stage) {
        Scene scene = stage.getScene();
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            new FirstFrameMarker(); // its class load marks the first frame in a -Xlog:class+load log

            System.out.println("FIRST_FRAME_EPOCH_MS=" + System.currentTimeMillis());
            System.out.flush();
            Platform.exit();
        };
        scene.addPostLayoutPulseListener(once[0]);
    }

    /** Loaded at the first frame: bench/startup-classes.sh cuts the class-load log there. */
    static final class FirstFrameMarker {
    }

    /** One Label in a window: the baseline. */
    public static final class Minimal extends Application {
        @Override
        public void start(Stage stage) {
            stage.setScene(new Scene(new StackPane(new Label("Hello")), 1200, 800));
            stage.show();
            reportFirstFrame(stage);
        }
    }

    /** The wizard, wired as in production but with a fresh configuration folder. */
    public static final class Wizard extends Application {
        private AppContext context;

        @Override
        public void init() throws Exception {
            WizardWindow.prepare(); // as WizardApp.init does
            context = AppContext.builder().configDir(Files.createTempDirectory("fk-bench-cfg")).build();
        }

        @Override
        public void start(Stage stage) {
            new WizardWindow(context).show(stage);
            reportFirstFrame(stage);
        }

        @Override
        public void stop() {
            context.close();
        }
    }

}
