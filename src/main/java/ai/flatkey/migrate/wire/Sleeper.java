package ai.flatkey.migrate.wire;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Waits between retries; tests inject one that records instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    /**
     * Waits {@code delay}, returning early when {@code cancel} (which may be null) is cancelled.
     */
    void sleep(Duration delay, Cancellation cancel) throws InterruptedException;

    /** Really waits, and wakes at once on cancel. */
    static Sleeper real() {
        return (delay, cancel) -> {
            CountDownLatch wake = new CountDownLatch(1);
            Runnable hook = wake::countDown;
            if (cancel != null) {
                cancel.onCancel(hook);
            }
            try {
                wake.await(delay.toNanos(), TimeUnit.NANOSECONDS);
            } finally {
                if (cancel != null) {
                    cancel.remove(hook);
                }
            }
        };
    }
}
