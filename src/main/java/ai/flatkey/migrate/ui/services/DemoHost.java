package ai.flatkey.migrate.ui.services;

/**
 * The embedded demo gateway as the wizard sees it: started on demand (off the UI thread), closed on exit.
 */
public interface DemoHost extends AutoCloseable {

    /** Starts the gateway if it is not running and returns its base URL (with {@code /v1}). Blocking. */
    String ensureStarted() throws Exception;

    /** The gateway's public demo key (not a secret; still never written to the plan). */
    String demoKey();

    /** Whether it is running now. */
    boolean isRunning();

    @Override
    void close();
}
