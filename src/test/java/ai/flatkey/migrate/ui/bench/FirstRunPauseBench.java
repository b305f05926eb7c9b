package ai.flatkey.migrate.ui.bench;

import ai.flatkey.migrate.ui.WizardFixture;
import ai.flatkey.migrate.ui.AppContext;
import ai.flatkey.migrate.ui.FakeFileDialogs;
import ai.flatkey.migrate.ui.Step;
import javafx.application.Platform;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static ai.flatkey.migrate.ui.FxWait.fx;
import static ai.flatkey.migrate.ui.FxWait.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long the FX thread stalls when Run all is clicked in the Smoke tests step: the first run in a fresh JVM
 * against the second run in the same window (demo migration, embedded gateway). A probe posts a task to the FX thread
 * every 5 ms and records how late each runs; while a probe is overdue by more than 16 ms a sampler records the FX
 * thread's stack, and the frames seen most are printed (to find what runs there). Run it alone (its own JVM):
 * {@code ./mvnw -B -o -Pbench test -Dtest='ai.flatkey.migrate.ui.bench.FirstRunPauseBench'}.
 */
@Tag("bench")
class FirstRunPauseBench {

    @TempDir
    Path tmp;

    private final FxRobot robot = new FxRobot();
    private AppContext ctx;

    @AfterEach
    void close() throws Exception {
        WizardFixture.close(ctx);
    }

    @Test
    void fxThreadStallOnTheFirstRunAgainstTheSecond() throws Exception {
        ctx = WizardFixture.context(tmp, new FakeFileDialogs()).build();
        WizardFixture.show(ctx);
        robot.clickOn("#start-demo");
        waitFor(() -> ctx.document().plan().target().baseUrl().startsWith("http://127.0.0.1:"));
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT4).release(KeyCode.DIGIT4, KeyCode.CONTROL);
        waitFor(() -> ctx.wizard().currentProperty().get() == Step.SMOKE);
        settle();

        Probe first = runOnce();
        Probe second = runOnce();
        System.out.println();
        System.out.printf(Locale.ROOT, "FX thread while Run all starts (probe every 5 ms, first %d ms after the click):%n", WINDOW_MS);
        System.out.printf(Locale.ROOT, "  %-11s %8s %8s %8s %10s%n", "run", "p50 ms", "p99 ms", "max ms", "probes");
        first.print("first");
        second.print("second");
        System.out.printf(Locale.ROOT, "  first ÷ second (max): %.2f×%n", first.max() / (double) Math.max(1, second.max()));
        System.out.println("  FX-thread frames sampled while a probe was over 16 ms late (first run):");
        first.topFrames(25).forEach((f, n) -> System.out.printf(Locale.ROOT, "    %4d  %s%n", n, f));
        System.out.println();
        assertThat(first.delays).isNotEmpty();
    }

    private static final long WINDOW_MS = 1_500;

    /** Probe delays and sampled stacks of one click on Run all. */
    private static final class Probe {
        final List<Long> delays = Collections.synchronizedList(new ArrayList<>());
        final Map<String, Integer> frames = new ConcurrentHashMap<>();

        long pct(double p) {
            List<Long> s = new ArrayList<>(delays);
            Collections.sort(s);
            return s.get(Math.min(s.size() - 1, (int) Math.ceil(p * s.size()) - 1)) / 1_000;
        }

        long max() {
            return pct(1.0);
        }

        void print(String name) {
            System.out.printf(Locale.ROOT, "  %-11s %8d %8d %8d %10d%n", name, pct(0.5), pct(0.99), max(), delays.size());
        }

        Map<String, Integer> topFrames(int n) {
            Map<String, Integer> out = new LinkedHashMap<>();
            frames.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(n)
                    .forEach(e -> out.put(e.getKey(), e.getValue()));
            return out;
        }
    }

    private Probe runOnce() throws Exception {
        Probe probe = new Probe();
        Thread fxThread = WaitForAsyncUtils.asyncFx(Thread::currentThread).get(5, TimeUnit.SECONDS);
        ConcurrentLinkedQueue<Long> pending = new ConcurrentLinkedQueue<>();
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "fx-probe");
            t.setDaemon(true);
            return t;
        });
        long clickAt;
        try {
            timers.scheduleAtFixedRate(() -> {
                long postedAt = System.nanoTime();
                pending.add(postedAt);
                Platform.runLater(() -> {
                    pending.remove(postedAt);
                    probe.delays.add((System.nanoTime() - postedAt) / 1_000);
                });
            }, 0, 5, TimeUnit.MILLISECONDS);
            timers.scheduleAtFixedRate(() -> {
                Long oldest = pending.peek();
                if (oldest != null && System.nanoTime() - oldest > 16_000_000) {
                    StackTraceElement[] st = fxThread.getStackTrace();
                    String app = null;
                    for (StackTraceElement e : st) {
                        if (e.getClassName().startsWith("ai.flatkey.")) {
                            app = e.getClassName() + "." + e.getMethodName() + ":" + e.getLineNumber();
                            break;
                        }
                    }
                    String top = st.length == 0 ? "?" : st[0].getClassName() + "." + st[0].getMethodName();
                    probe.frames.merge(phase(st) + " | " + (app == null ? "-" : app) + " | top " + top, 1, Integer::sum);
                }
            }, 0, 2, TimeUnit.MILLISECONDS);
            clickAt = System.nanoTime();
            robot.clickOn("#smoke-run");
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> System.nanoTime() - clickAt > WINDOW_MS * 1_000_000);
        } finally {
            timers.shutdownNow();
            timers.awaitTermination(5, TimeUnit.SECONDS);
        }
        long now = System.nanoTime();
        pending.forEach(p -> probe.delays.add((now - p) / 1_000));
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> fx(() -> !ctx.smoke().runningProperty().get()
                && !ctx.smoke().reconcilingProperty().get()));
        settle();
        return probe;
    }

    /** What the FX thread is doing, from the outermost recognisable frame inward. */
    private static String phase(StackTraceElement[] st) {
        StringBuilder sb = new StringBuilder();
        for (int i = st.length - 1; i >= 0; i--) {
            String c = st[i].getClassName();
            String m = st[i].getMethodName();
            String tag = null;
            if (c.endsWith("SmokeViewModel") && !m.startsWith("lambda")) {
                tag = "vm." + m;
            } else if (c.endsWith("SmokeViewModel") || c.contains("SmokeView")) {
                tag = c.substring(c.lastIndexOf('.') + 1) + "." + m;
            } else if (m.equals("doCSSPass")) {
                tag = "css";
            } else if (m.equals("doLayoutPass")) {
                tag = "layout";
            } else if (c.endsWith("VirtualFlow") && (m.equals("layoutChildren") || m.equals("getAvailableCell"))) {
                tag = "VirtualFlow." + m;
            } else if (m.equals("loadClass")) {
                tag = "classload";
            } else if (c.contains("QuantumToolkit") && m.equals("pulse")) {
                tag = "pulse";
            } else if (m.equals("waitForRenderingToComplete") || c.endsWith("PaintCollector") && m.equals("waitForRenderingToComplete")) {
                tag = "wait-render";
            } else if (c.endsWith("AnimationTimer") || m.equals("timerPulse")) {
                tag = "animation";
            }
            if (tag != null && (sb.length() == 0 || !sb.toString().endsWith(tag))) {
                sb.append(sb.length() == 0 ? "" : ">").append(tag);
            }
        }
        return sb.length() == 0 ? "(other)" : sb.toString();
    }

    private static void settle() {
        for (int i = 0; i < 5; i++) {
            WaitForAsyncUtils.waitForFxEvents();
        }
    }

}
