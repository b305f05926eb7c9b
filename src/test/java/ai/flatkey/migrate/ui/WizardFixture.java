package ai.flatkey.migrate.ui;

import javafx.stage.Stage;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/** How the UI tests set up the wizard: a context of their own and the window shown in TestFX's stage. */
public final class WizardFixture {

    private WizardFixture() {
    }

    /**
     * A context builder with its configuration under {@code dir/config}, no environment variables, the light theme and
     * {@code files} for file dialogs; tests change what they need before {@code build()}.
     */
    public static AppContext.Builder context(Path dir, FakeFileDialogs files) throws TimeoutException {
        FxToolkit.registerPrimaryStage(); // the context's FX-thread adapter needs the toolkit
        return AppContext.builder()
                .configDir(dir.resolve("config"))
                .environment(Map.<String, String>of()::get)
                .fileDialogs(files)
                .systemDark(false);
    }

    /** After a test: closes the windows TestFX opened, then the context (if one was built). */
    public static void close(AppContext ctx) throws TimeoutException {
        FxToolkit.cleanupStages();
        if (ctx != null) {
            ctx.close();
        }
    }

    /** Shows the wizard of {@code ctx} in TestFX's primary stage and waits for the FX events that follow. */
    public static Stage show(AppContext ctx) throws TimeoutException {
        Stage stage = FxToolkit.setupStage(s -> new WizardWindow(ctx).show(s));
        WaitForAsyncUtils.waitForFxEvents();
        return stage;
    }
}
