package ai.flatkey.migrate.cli;

import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.Transport;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ends a command promptly when the process is asked to stop (SIGTERM, Ctrl+C): a shutdown hook cancels the command's
 * {@link Cancellation} (its checks and the waits of its reconciliation) and every call on its HTTP stack (the reads of
 * the books before the suite too), then gives the command {@link #GRACE} to finish what it prints and writes — the
 * summary of what ran, the line that says it stopped — before the JVM exits. A plan is never left half-written: it is
 * saved atomically, and a cancelled run does not save it. Installed for the command's duration; closing it removes the
 * hook.
 */
final class StopOnSignal implements AutoCloseable {
    /** How long the hook waits for the command to print its summary after cancelling it. */
    static final Duration GRACE = Duration.ofSeconds(3);

    private final Thread hook;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean signalled;

    private StopOnSignal(Cancellation cancel, Runnable cancelCalls) {
        this.hook = new Thread(() -> {
            signalled = true;
            cancel.cancel();
            cancelCalls.run();
            try {
                finished.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "cli-stop");
    }

    /** Installs the hook for {@code cancel} and {@code http}; close it when the command ends. */
    static StopOnSignal install(Cancellation cancel, Transport http) {
        return install(cancel, http::cancelAll);
    }

    /** Installs the hook for {@code cancel} and {@code cancelCalls} (which cancels every call of the command). */
    static StopOnSignal install(Cancellation cancel, Runnable cancelCalls) {
        StopOnSignal stop = new StopOnSignal(cancel, cancelCalls);
        Runtime.getRuntime().addShutdownHook(stop.hook);
        return stop;
    }

    /** Whether the process was asked to stop while the command ran. */
    boolean signalled() {
        return signalled;
    }

    /** The command has ended: the hook (if running) lets the JVM exit now; otherwise it is removed. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting: the hook is running and returns now
        }
    }
}
