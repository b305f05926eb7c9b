package ai.flatkey.migrate.ui.step.endpoints;

import ai.flatkey.migrate.ui.services.DemoHost;
import ai.flatkey.migrate.ui.support.Background;
import ai.flatkey.migrate.ui.support.BackgroundTask;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.function.Consumer;

/**
 * Step 2's start of the embedded demo gateway: off the UI thread, with a status line while it starts. Another preset
 * chosen meanwhile {@linkplain #forget() drops} the start-up, so a late "running" never switches the form back.
 */
final class DemoStart {

    private final DemoHost demo;
    private final BackgroundTask.Slot starting;

    final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "demoStarting");
    final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "demoStatus", "");

    DemoStart(DemoHost demo, Background background) {
        this.demo = demo;
        this.starting = new BackgroundTask.Slot(background);
    }

    String demoKey() {
        return demo.demoKey();
    }

    /** Starts the gateway (if it is not running); {@code onRunning} gets its base URL, {@code onFailed} the reason. */
    void start(Consumer<String> onRunning, Consumer<String> onFailed) {
        busy.set(true);
        status.set("Starting the embedded demo gateway…");
        starting.start(BackgroundTask.of(cancel -> demo.ensureStarted())
                .onSuccess(url -> {
                    onRunning.accept(url);
                    busy.set(false);
                    status.set("Demo gateway running on this computer at " + url + " — no network or key needed.");
                })
                .onError(e -> {
                    busy.set(false);
                    status.set("");
                    onFailed.accept(String.valueOf(e.getMessage()));
                }));
    }

    /** Drops a start-up in progress (its outcome is no longer wanted) and clears the status line. */
    void forget() {
        starting.drop();
        busy.set(false);
        status.set("");
    }
}
