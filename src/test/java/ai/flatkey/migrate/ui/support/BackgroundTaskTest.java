package ai.flatkey.migrate.ui.support;

import ai.flatkey.migrate.ui.QueueBridge;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class BackgroundTaskTest {
    private final ExecutorService exec = Executors.newCachedThreadPool();
    private final QueueBridge ui = new QueueBridge();
    private final java.util.concurrent.atomic.AtomicInteger posts = new java.util.concurrent.atomic.AtomicInteger();
    private final Background bg = new Background(exec, new UiBridge() {
        @Override
        public void post(Runnable task) {
            ui.post(() -> {
                task.run();
                posts.incrementAndGet();
            });
        }

        @Override
        public Registration onPulse(Runnable flush) {
            return ui.onPulse(flush);
        }
    });
    private final List<String> seen = new ArrayList<>();

    @AfterEach
    void stop() {
        exec.shutdownNow();
    }

    private <T> BackgroundTask<T> recorded(BackgroundTask<T> task) {
        return task.onSuccess(v -> seen.add("ok " + v)).onError(IOException.class, e -> seen.add("io " + e.getMessage()))
                .onError(e -> seen.add("other " + e.getMessage())).onCancelled(() -> seen.add("cancelled"))
                .andFinally(() -> seen.add("finally"));
    }

    @Test
    void exactlyOneOutcomeThenFinallyOnTheUiThread() throws Exception {
        BackgroundTask.Handle h = bg.start(recorded(BackgroundTask.of(c -> 42)));
        ui.runUntil(() -> !h.isRunning());
        bg.start(recorded(BackgroundTask.of(c -> {
            throw new IOException("disk full");
        })));
        ui.runUntil(() -> seen.size() == 4);
        bg.start(recorded(BackgroundTask.of(c -> {
            throw new IllegalStateException("broken");
        })));
        ui.runUntil(() -> seen.size() == 6);
        assertThat(seen).containsExactly("ok 42", "finally", "io disk full", "finally", "other broken", "finally");
    }

    @Test
    void aCancelledTaskReportsCancelledWhateverItsWorkReturned() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        BackgroundTask.Handle h = bg.start(recorded(BackgroundTask.of(c -> {
            started.countDown();
            c.pause(10_000);
            return "late";
        })));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        h.cancel();
        ui.runUntil(() -> !h.isRunning());
        assertThat(seen).containsExactly("cancelled", "finally");
    }

    @Test
    void aTaskReplacedInItsSlotNeverReachesTheUi() throws Exception {
        BackgroundTask.Slot slot = new BackgroundTask.Slot(bg);
        CountDownLatch release = new CountDownLatch(1);
        slot.start(recorded(BackgroundTask.of(c -> {
            release.await(5, TimeUnit.SECONDS);
            return "stale";
        })));
        BackgroundTask.Handle second = slot.start(recorded(BackgroundTask.of(c -> "fresh")));
        ui.runUntil(() -> !second.isRunning());
        release.countDown();
        ui.runUntil(() -> posts.get() == 2); // the stale task's outcome reached the UI thread too, and was dropped there
        assertThat(seen).containsExactly("ok fresh", "finally");
        assertThat(slot.isRunning()).isFalse();
    }
}
