package ai.flatkey.migrate.ui;

import ai.flatkey.migrate.ui.support.FxUiBridge;
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
        StartupPreloader.start();
        Application.launch(WizardApp.class, args);
    }

    @Override
    public void init() {
        WizardWindow.prepare();
        context = AppContext.standard();
    }

    @Override
    public void start(Stage stage) {
        new WizardWindow(context).show(stage);
        // The window icons (six PNG sizes to decode) are set right after the first frame: the window manager
        // picks them up then; decoding them first would hold up the first frame.
        FxUiBridge.later(() -> {
            for (int size : new int[] {16, 32, 48, 64, 128, 256}) {
                stage.getIcons().add(new Image(Objects.requireNonNull(
                        WizardApp.class.getResourceAsStream("icons/icon-" + size + ".png"))));
            }
        });
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
