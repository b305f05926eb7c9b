package ai.flatkey.migrate.ui;

import ai.flatkey.migrate.wire.OpenAiClient;
import javafx.application.Application;
import javafx.scene.image.Image;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The desktop wizard. {@link ai.flatkey.migrate.Main} calls {@link #launchApp} when started without arguments, or
 * with the path of a plan file, which is then opened.
 * The composition root is {@link AppContext}; it is built in {@link #init()} (off the FX thread, so reading the
 * preferences file does not hold up the UI) and closed in {@link #stop()}, which also stops the demo gateway.
 */
public final class WizardApp extends Application {

    private AppContext context;

    /** Starts the JavaFX runtime and shows the wizard; returns when the window is closed. */
    public static void launchApp(String[] args) {
        // While this thread starts the JavaFX toolkit, another core loads the HTTP stack (OkHttp, Kotlin, the TLS
        // trust store): the client built here is dropped (it has started no thread); AppContext's finds it all ready.
        Thread warmUp = new Thread(OpenAiClient::newHttpClient, "startup-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        Application.launch(WizardApp.class, args);
    }

    @Override
    public void init() {
        context = AppContext.standard();
    }

    @Override
    public void start(Stage stage) {
        for (int size : new int[] {16, 32, 48, 64, 128, 256}) {
            stage.getIcons().add(new Image(Objects.requireNonNull(
                    WizardApp.class.getResourceAsStream("icons/icon-" + size + ".png"))));
        }
        new WizardWindow(context).show(stage);
        StartupProbe.fromSystemProperty().ifPresent(p -> p.watch(stage.getScene()));
        List<String> raw = getParameters().getRaw();
        if (raw.size() == 1) {
            context.wizard().openRecent(Path.of(raw.get(0)));
        }
    }

    @Override
    public void stop() {
        if (context != null) {
            context.close();
        }
    }
}
