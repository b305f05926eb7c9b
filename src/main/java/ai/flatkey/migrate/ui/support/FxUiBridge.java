package ai.flatkey.migrate.ui.support;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The FX-thread adapter: {@link Platform#runLater} for single results and one {@link AnimationTimer} for per-pulse
 * flushes. The timer runs only while someone is registered.
 */
public final class FxUiBridge implements UiBridge {

    private final List<Runnable> flushes = new CopyOnWriteArrayList<>();
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            for (Runnable flush : flushes) {
                flush.run();
            }
        }
    };
    private boolean running;

    @Override
    public void post(Runnable task) {
        later(task);
    }

    /**
     * Runs {@code task} on the FX thread after what it is doing now (the pulse drawing a frame, say): for the shell's
     * own start-up steps, which run before any {@link UiBridge} exists or must follow the first frame.
     */
    public static void later(Runnable task) {
        Platform.runLater(task);
    }

    @Override
    public Registration onPulse(Runnable flush) {
        flushes.add(flush);
        onFx(this::syncTimer);
        return () -> {
            if (flushes.remove(flush)) {
                onFx(() -> {
                    flush.run();
                    syncTimer();
                });
            }
        };
    }

    private void syncTimer() {
        boolean wanted = !flushes.isEmpty();
        if (wanted && !running) {
            timer.start();
        } else if (!wanted && running) {
            timer.stop();
        }
        running = wanted;
    }

    private static void onFx(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }
}
