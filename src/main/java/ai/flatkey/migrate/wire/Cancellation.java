package ai.flatkey.migrate.wire;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A cancel switch shared by a caller and the exchanges it starts; cancelling closes their connections at once. */
public final class Cancellation {
    private volatile boolean cancelled;
    private final List<Runnable> hooks = new CopyOnWriteArrayList<>();

    public void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        hooks.forEach(Runnable::run);
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Runs {@code hook} on cancel (at once if already cancelled). */
    public void onCancel(Runnable hook) {
        hooks.add(hook);
        if (cancelled) {
            hook.run();
        }
    }

    /**
     * Waits {@code millis}, or less when cancelled meanwhile (at once when already cancelled): a retry's back-off
     * that a cancel cuts short.
     */
    public void pause(long millis) throws InterruptedException {
        if (millis <= 0 || cancelled) {
            return;
        }
        java.util.concurrent.CountDownLatch woken = new java.util.concurrent.CountDownLatch(1);
        Runnable wake = woken::countDown;
        onCancel(wake);
        try {
            woken.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
        } finally {
            remove(wake);
        }
    }

    /** Removes a hook registered with {@link #onCancel(Runnable)} once its exchange has ended. */
    public void remove(Runnable hook) {
        hooks.remove(hook);
    }
}
