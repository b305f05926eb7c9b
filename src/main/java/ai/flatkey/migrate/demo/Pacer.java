package ai.flatkey.migrate.demo;

import java.util.concurrent.TimeUnit;

/**
 * When each generated token of an answer is due: the first after the configured first-token delay (or one token
 * interval when there is none), each next one a token interval later, all measured from the start.
 */
final class Pacer {

    private final long startNanos;
    private final long firstNanos;
    private final long intervalNanos;

    Pacer(long firstTokenDelayNanos, long intervalNanos) {
        this.startNanos = System.nanoTime();
        this.firstNanos = firstTokenDelayNanos > 0 ? firstTokenDelayNanos : intervalNanos;
        this.intervalNanos = intervalNanos;
    }

    /** Waits until token {@code index} (0 for the first) is due. */
    void awaitToken(int index) throws InterruptedException {
        sleepUntil(startNanos + firstNanos + index * intervalNanos);
    }

    static void sleepUntil(long deadlineNanos) throws InterruptedException {
        long wait = deadlineNanos - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        } else if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }

    static void sleepMillis(long millis) throws InterruptedException {
        sleepUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis));
    }
}
