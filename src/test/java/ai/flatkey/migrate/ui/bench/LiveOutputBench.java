package ai.flatkey.migrate.ui.bench;

import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.secrets.KeyResolver;
import ai.flatkey.migrate.smoke.Check;
import ai.flatkey.migrate.smoke.SmokeListener;
import ai.flatkey.migrate.smoke.Target;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.smoke.SmokeService;
import ai.flatkey.migrate.ui.step.smoke.SmokeView;
import ai.flatkey.migrate.ui.step.smoke.SmokeViewModel;
import ai.flatkey.migrate.ui.support.Background;
import ai.flatkey.migrate.ui.support.FxUiBridge;
import ai.flatkey.migrate.ui.theme.Themes;
import ai.flatkey.migrate.wire.Cancellation;
import javafx.animation.AnimationTimer;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The smoke step's live output under load, in the real view on the FX thread (Monocle headless, software pipeline):
 * tokens fed at 5,000/s for 60 s (set {@code -Dbench.seconds} to change), each with its raw SSE event as a real stream
 * sends it, FX pulse time p50/p99/max; and the cost of applying 1,000 tokens (and their raw events) at the start and
 * at the end of a 300,000-token transcript (no quadratic growth). {@code -Dbench.view=raw} runs both with the Raw SSE
 * view on.
 */
@Tag("bench")
class LiveOutputBench {

    private static final long WARM_UP_MS = 5_000;
    private static final boolean RAW = "raw".equals(System.getProperty("bench.view"));
    /** {@code -Dbench.rawEvents=false}: tokens only, the workload before the raw view existed (for comparison). */
    private static final boolean RAW_EVENTS = !"false".equals(System.getProperty("bench.rawEvents"));

    private final ExecutorService exec = Executors.newCachedThreadPool();
    private final AtomicReference<SmokeListener> listener = new AtomicReference<>();
    private final CountDownLatch started = new CountDownLatch(1);
    private final CompletableFuture<SmokeRun> never = new CompletableFuture<>();
    private final Check check = new Check("streaming:m1", "streaming", "m1", "Streaming chat");
    private SmokeViewModel vm;
    private Stage stage;

    @BeforeEach
    void open() throws Exception {
        FxToolkit.registerPrimaryStage();
        SmokeService fake = new SmokeService() {
            @Override
            public List<Check> derive(MigrationPlan plan) {
                return List.of(check);
            }

            @Override
            public CompletableFuture<SmokeRun> run(MigrationPlan plan, Target target, Target source, ai.flatkey.migrate.smoke.SuiteOptions options,
                                                   SmokeListener l, Cancellation cancel) {
                listener.set(l);
                started.countDown();
                return never;
            }
        };
        PlanDocument doc = new PlanDocument(MigrationPlan.newPlan("bench").withTarget(new Endpoint("custom", "http://127.0.0.1:9/v1", ""))
                .withMappings(List.of(new ModelMapping("a", "m1", List.of("streaming"), ""))));
        vm = new SmokeViewModel(doc, new KeyResolver(k -> null), fake, new Background(exec, new FxUiBridge()));
        stage = FxToolkit.setupStage(s -> {
            Scene scene = new Scene(new StackPane(new SmokeView(vm).root()), 1200, 800);
            Themes.apply(scene, false);
            s.setScene(scene);
            s.show();
        });
        WaitForAsyncUtils.asyncFx(() -> {
            vm.rawViewProperty().set(RAW);
            vm.run();
        }).get(5, TimeUnit.SECONDS);
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        listener.get().onStarted(check);
    }

    @AfterEach
    void close() throws Exception {
        never.cancel(true);
        FxToolkit.cleanupStages();
        exec.shutdownNow();
    }

    @Test
    void pulseTimeWhileStreaming5000TokensPerSecond() throws Exception {
        int seconds = Integer.getInteger("bench.seconds", 60);
        List<Long> pulses = new ArrayList<>();
        long[] pulseStart = {0};
        AnimationTimer timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                pulseStart[0] = System.nanoTime();
            }
        };
        Runnable post = () -> {
            if (pulseStart[0] != 0) {
                pulses.add(System.nanoTime() - pulseStart[0]);
                pulseStart[0] = 0;
            }
        };
        WaitForAsyncUtils.asyncFx(() -> {
            timer.start();
            stage.getScene().addPostLayoutPulseListener(post);
        }).get(5, TimeUnit.SECONDS);
        ScheduledExecutorService feeder = Executors.newSingleThreadScheduledExecutor();
        long[] sent = {0};
        feeder.scheduleAtFixedRate(() -> {
            for (int i = 0; i < 50; i++) {
                String t = token(sent[0]++);
                if (RAW_EVENTS) {
                    listener.get().onRawSse(check, raw(t));
                }
                listener.get().onToken(check, t);
            }
        }, 0, 10, TimeUnit.MILLISECONDS);
        Thread.sleep(WARM_UP_MS); // warm-up window (JIT), not synchronisation; not counted
        WaitForAsyncUtils.asyncFx(pulses::clear).get(5, TimeUnit.SECONDS);
        long sentBefore = sent[0];
        Thread.sleep(seconds * 1000L); // the measurement window itself, not synchronisation
        feeder.shutdownNow();
        feeder.awaitTermination(5, TimeUnit.SECONDS);
        List<Long> copy = WaitForAsyncUtils.asyncFx(() -> {
            timer.stop();
            stage.getScene().removePostLayoutPulseListener(post);
            return new ArrayList<>(pulses);
        }).get(5, TimeUnit.SECONDS);
        copy.sort(null);
        long measured = sent[0] - sentBefore;
        double rate = measured / (double) seconds;
        long p50 = pct(copy, 0.50);
        long p99 = pct(copy, 0.99);
        long max = copy.get(copy.size() - 1);
        System.out.println();
        System.out.printf(Locale.ROOT, "Live output (%s view): %,d tokens with their raw events in %d s after a %d s warm-up (%.0f tokens/s), "
                        + "%,d pulses, %,d output lines, %,d raw lines shown%n", RAW ? "raw SSE" : "rendered",
                measured, seconds, WARM_UP_MS / 1000, rate, copy.size(), WaitForAsyncUtils.asyncFx(() -> vm.outputLines().size()).get(),
                WaitForAsyncUtils.asyncFx(() -> vm.rawLines().size()).get());
        System.out.printf(Locale.ROOT, "FX pulse time (animation + CSS + layout): p50 %.2f ms, p99 %.2f ms, max %.2f ms (goal p99 ≤ 16 ms): %s%n%n",
                p50 / 1e6, p99 / 1e6, max / 1e6, p99 <= 16_000_000 ? "met" : "NOT met");
        assertThat(copy).hasSizeGreaterThan(seconds * 10);
    }

    @Test
    void appendingStaysFlatOverA300000TokenTranscript() throws Exception {
        // warm-up (JIT) on another check's transcript, then the measured one from its first token
        Check other = new Check("chat:m1", "chat", "m1", "Chat completion");
        listener.get().onStarted(other);
        for (int b = 0; b < 100; b++) {
            WaitForAsyncUtils.asyncFx(() -> {
                for (int i = 0; i < 1000; i++) {
                    listener.get().onToken(other, "w ");
                }
                vm.flush();
                stage.getScene().getRoot().applyCss();
                stage.getScene().getRoot().layout();
            }).get(30, TimeUnit.SECONDS);
        }
        WaitForAsyncUtils.asyncFx(() -> vm.follow(vm.rows().stream().filter(r -> r.id().equals(check.id())).findFirst().orElseThrow()))
                .get(5, TimeUnit.SECONDS);
        int batches = 300;
        long[] first = new long[5];
        long[] last = new long[5];
        long[] counter = {0};
        long[] gcInBatch = {0};
        long gcFirst = 0;
        long gcLast = 0;
        for (int b = 0; b < batches; b++) {
            int batch = b;
            long ns = WaitForAsyncUtils.asyncFx(() -> {
                for (int i = 0; i < 1000; i++) {
                    String t = token(counter[0]++);
                    if (RAW_EVENTS) {
                        listener.get().onRawSse(check, raw(t));
                    }
                    listener.get().onToken(check, t);
                }
                long gcBefore = gcMillis();
                long t = System.nanoTime();
                vm.flush();
                stage.getScene().getRoot().applyCss();
                stage.getScene().getRoot().layout();
                long took = System.nanoTime() - t;
                gcInBatch[0] = gcMillis() - gcBefore;
                return took;
            }).get(30, TimeUnit.SECONDS);
            if (batch < 5) {
                first[batch] = ns;
                gcFirst += gcInBatch[0];
            } else if (batch >= batches - 5) {
                last[batch - (batches - 5)] = ns;
                gcLast += gcInBatch[0];
            }
        }
        double f = median(first) / 1e6;
        double l = median(last) / 1e6;
        System.out.println();
        System.out.printf(Locale.ROOT, "(%s view) Transcript of %,d tokens: applying 1,000 tokens costs %.2f ms at the start, %.2f ms at the end: "
                + "%.2f× (goal ≤ 2×): %s%n%n", RAW ? "raw SSE" : "rendered", counter[0], f, l, l / f, l / f <= 2 ? "met" : "NOT met");
        System.out.printf(Locale.ROOT, "GC time inside the timed part: %d ms over the first 5 batches, %d ms over the last 5%n%n", gcFirst, gcLast);
        assertThat(counter[0]).isEqualTo(300_000);
    }

    /** The chunk a gateway sends for a token, as the runner hands it on. */
    private static String raw(String token) {
        return "data: {\"id\":\"chatcmpl-bench0001\",\"object\":\"chat.completion.chunk\",\"created\":1795631828,"
                + "\"model\":\"m1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + token.replace("\n", "\\n")
                + "\"},\"finish_reason\":null}]}";
    }

    private static String token(long n) {
        return n % 16 == 15 ? "tok\n" : "tok ";
    }

    private static long gcMillis() {
        long sum = 0;
        for (java.lang.management.GarbageCollectorMXBean gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }

    private static long pct(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static double median(long[] v) {
        long[] s = v.clone();
        java.util.Arrays.sort(s);
        return s[s.length / 2];
    }
}
