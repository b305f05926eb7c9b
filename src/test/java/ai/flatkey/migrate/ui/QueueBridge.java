package ai.flatkey.migrate.ui;

import ai.flatkey.migrate.ui.support.UiBridge;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A {@link UiBridge} for ViewModel tests: the test thread plays the UI thread, draining posts and pulsing. */
public final class QueueBridge implements UiBridge {

    private final LinkedBlockingQueue<Runnable> posted = new LinkedBlockingQueue<>();
    private final List<Runnable> flushes = new CopyOnWriteArrayList<>();
    private int pulses;

    @Override
    public void post(Runnable task) {
        posted.add(task);
    }

    @Override
    public Registration onPulse(Runnable flush) {
        flushes.add(flush);
        return () -> flushes.remove(flush);
    }

    /** Runs one frame: every registered flush once. */
    public void pulse() {
        pulses++;
        flushes.forEach(Runnable::run);
    }

    public int pulses() {
        return pulses;
    }

    public int registeredFlushes() {
        return flushes.size();
    }

    /** Runs posted tasks (waiting for them to arrive) and pulses until {@code done} holds or 10 s pass. */
    public void runUntil(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within 10 s");
            }
            Runnable r = posted.poll(20, TimeUnit.MILLISECONDS);
            if (r != null) {
                r.run();
            }
            pulse();
        }
    }
}
