package ai.flatkey.migrate.ui.support;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Runs disk and network work off the UI thread and hands the outcome back on it through the {@link UiBridge}.
 * ViewModels use this instead of threads or {@code Platform.runLater}.
 */
public final class Background {

    private final Executor executor;
    private final UiBridge ui;

    public Background(Executor executor, UiBridge ui) {
        this.executor = Objects.requireNonNull(executor);
        this.ui = Objects.requireNonNull(ui);
    }

    public UiBridge ui() {
        return ui;
    }

    /** Runs {@code work} on the background executor; exactly one of the callbacks then runs on the UI thread. */
    public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onFailure) {
        CompletableFuture<T> f = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    f.complete(work.call());
                } catch (Throwable t) {
                    f.completeExceptionally(t);
                }
            });
        } catch (RuntimeException rejected) {
            f.completeExceptionally(rejected);
        }
        deliver(f, onSuccess, onFailure);
    }

    /** Starts {@code task}; see {@link BackgroundTask.Slot} for one that replaces an earlier one of its kind. */
    public BackgroundTask.Handle start(BackgroundTask<?> task) {
        return task.start(this);
    }

    /** Delivers the outcome of a future started elsewhere (e.g. the smoke runner) on the UI thread. */
    public <T> void deliver(CompletableFuture<T> future, Consumer<? super T> onSuccess, Consumer<Throwable> onFailure) {
        future.whenComplete((value, error) -> ui.post(() -> {
            if (error == null) {
                onSuccess.accept(value);
            } else {
                onFailure.accept(unwrap(error));
            }
        }));
    }

    /** The real cause behind completion wrappers. */
    public static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
