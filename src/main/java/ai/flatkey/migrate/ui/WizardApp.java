package ai.flatkey.migrate.ui;

import javafx.application.Application;
import javafx.stage.Stage;

/**
 * The desktop wizard. {@link ai.flatkey.migrate.Main} calls {@link #launchApp} when started without arguments.
 * The composition root is {@link AppContext}; it is built in {@link #init()} (off the FX thread, so reading the
 * preferences file does not hold up the UI) and closed in {@link #stop()}, which also stops the demo gateway.
 */
public final class WizardApp extends Application {

    private AppContext context;

    /** Starts the JavaFX runtime and shows the wizard; returns when the window is closed. */
    public static void launchApp(String[] args) {
        Application.launch(WizardApp.class, args);
    }

    @Override
    public void init() {
        context = AppContext.standard();
    }

    @Override
    public void start(Stage stage) {
        new WizardWindow(context).show(stage);
    }

    @Override
    public void stop() {
        if (context != null) {
            context.close();
        }
    }
}
