package ai.flatkey.migrate.ui.support;

/**
 * The one way results reach the UI thread. {@link #post} runs a task on the UI thread; {@link #onPulse} calls a
 * flush once per frame (so streaming text is coalesced to one UI update per pulse, not one per token).
 * The JavaFX implementation is {@link FxUiBridge}; tests use a queue they drain themselves.
 */
public interface UiBridge {

    /** Runs {@code task} later on the UI thread, in posting order. */
    void post(Runnable task);

    /** Calls {@code flush} on the UI thread once per frame until the returned registration is cancelled. */
    Registration onPulse(Runnable flush);

    /** A handle to stop a per-frame flush. */
    @FunctionalInterface
    interface Registration {
        void cancel();
    }
}
