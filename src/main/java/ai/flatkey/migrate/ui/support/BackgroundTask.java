package ai.flatkey.migrate.ui.support;

import ai.flatkey.migrate.wire.Cancellation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One piece of disk or network work a ViewModel starts, in the manner of JabRef's {@code BackgroundTask} and
 * Cryptomator's {@code Tasks}: built with callbacks that run on the UI thread, started on {@link Background}'s
 * executor, and cancellable through the {@link Cancellation} the work receives. Exactly one of {@code onSuccess},
 * the first matching {@code onError}, or {@code onCancelled} runs, then {@code andFinally}. A task that is
 * {@linkplain Handle#cancel() cancelled} reports {@code onCancelled} whatever the work returned; a task replaced in
 * its {@link Slot} reports nothing at all: a stale result never reaches the UI.
 *
 * @param <T> what the work returns
 */
public final class BackgroundTask<T> {

    /** The work: runs off the UI thread and should stop early when {@code cancel} is cancelled. */
    @FunctionalInterface
    public interface Work<T> {
        T call(Cancellation cancel) throws Exception;
    }

    /** A started task. */
    public interface Handle {
        /** Asks the work to stop; its callbacks then report {@code onCancelled}. */
        void cancel();

        /** True until the callbacks have run (or the task was replaced). */
        boolean isRunning();
    }

    private record ErrorHandler<E extends Throwable>(Class<E> type, Consumer<? super E> handler) {
        boolean handle(Throwable t) {
            if (!type.isInstance(t)) {
                return false;
            }
            handler.accept(type.cast(t));
            return true;
        }
    }

    private final Work<T> work;
    private Consumer<? super T> onSuccess = v -> { };
    private final List<ErrorHandler<?>> onError = new ArrayList<>();
    private Runnable onCancelled = () -> { };
    private Runnable andFinally = () -> { };

    private BackgroundTask(Work<T> work) {
        this.work = Objects.requireNonNull(work);
    }

    /** A task doing {@code work}; add callbacks, then start it with {@link Background#start} or a {@link Slot}. */
    public static <T> BackgroundTask<T> of(Work<T> work) {
        return new BackgroundTask<>(work);
    }

    public BackgroundTask<T> onSuccess(Consumer<? super T> callback) {
        this.onSuccess = Objects.requireNonNull(callback);
        return this;
    }

    /** Handles failures of {@code type}; handlers are tried in the order they were added. */
    public <E extends Throwable> BackgroundTask<T> onError(Class<E> type, Consumer<? super E> callback) {
        onError.add(new ErrorHandler<>(type, callback));
        return this;
    }

    /** Handles any failure not handled by a typed {@link #onError(Class, Consumer)} added before it. */
    public BackgroundTask<T> onError(Consumer<Throwable> callback) {
        return onError(Throwable.class, callback);
    }

    public BackgroundTask<T> onCancelled(Runnable callback) {
        this.onCancelled = Objects.requireNonNull(callback);
        return this;
    }

    /** Runs after whichever callback ran (not for a task replaced in its slot). */
    public BackgroundTask<T> andFinally(Runnable callback) {
        this.andFinally = Objects.requireNonNull(callback);
        return this;
    }

    Handle start(Background background) {
        Cancellation cancel = new Cancellation();
        Started handle = new Started(cancel);
        background.run(() -> work.call(cancel), value -> handle.deliver(() -> onSuccess.accept(value)),
                error -> handle.deliver(() -> fail(error)));
        return handle;
    }

    private void fail(Throwable error) {
        for (ErrorHandler<?> h : onError) {
            if (h.handle(error)) {
                return;
            }
        }
    }

    private final class Started implements Handle {
        private final Cancellation cancel;
        private boolean running = true;
        private boolean replaced;

        Started(Cancellation cancel) {
            this.cancel = cancel;
        }

        @Override
        public void cancel() {
            cancel.cancel();
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        void replace() {
            replaced = true;
            running = false;
            cancel.cancel();
        }

        /** On the UI thread: the outcome, unless cancelled (then onCancelled) or replaced (then nothing). */
        void deliver(Runnable outcome) {
            if (replaced) {
                return;
            }
            running = false;
            try {
                if (cancel.isCancelled()) {
                    onCancelled.run();
                } else {
                    outcome.run();
                }
            } finally {
                andFinally.run();
            }
        }
    }

    /**
     * Holds the one task of a kind a ViewModel runs at a time (a suite, a connection check, a price load): starting
     * one replaces the previous, whose callbacks then never run.
     */
    public static final class Slot {
        private final Background background;
        private Handle current;

        public Slot(Background background) {
            this.background = Objects.requireNonNull(background);
        }

        /** Replaces the running task, if any, with {@code task}, started now. */
        public Handle start(BackgroundTask<?> task) {
            replaceCurrent();
            current = task.start(background);
            return current;
        }

        /** Cancels the current task (its {@code onCancelled} runs once the work ends). */
        public void cancel() {
            if (current != null) {
                current.cancel();
            }
        }

        /** Drops the current task without a report (the state it would update is gone, e.g. another plan opened). */
        public void drop() {
            replaceCurrent();
            current = null;
        }

        public boolean isRunning() {
            return current != null && current.isRunning();
        }

        private void replaceCurrent() {
            if (current instanceof BackgroundTask<?>.Started s && s.running) {
                s.replace();
            }
        }
    }
}
