package ai.flatkey.migrate.ui;

import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.Verdict;
import ai.flatkey.migrate.secrets.KeyResolver;
import ai.flatkey.migrate.secrets.MemoryKeychain;
import ai.flatkey.migrate.smoke.Check;
import ai.flatkey.migrate.smoke.SmokeListener;
import ai.flatkey.migrate.smoke.SmokeService;
import ai.flatkey.migrate.smoke.SuiteOptions;
import ai.flatkey.migrate.smoke.Target;
import ai.flatkey.migrate.ui.doc.Dialogs;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.ui.doc.TargetCatalog;
import ai.flatkey.migrate.ui.services.ConnectionChecker;
import ai.flatkey.migrate.ui.services.DemoHost;
import ai.flatkey.migrate.ui.step.endpoints.EndpointsViewModel;
import ai.flatkey.migrate.ui.support.Background;
import ai.flatkey.migrate.usage.KeyQuota;
import ai.flatkey.migrate.usage.LoggedRequest;
import ai.flatkey.migrate.usage.ModelPrice;
import ai.flatkey.migrate.usage.Reconciler;
import ai.flatkey.migrate.usage.UsageAdapter;
import ai.flatkey.migrate.usage.UsageService;
import ai.flatkey.migrate.wire.Cancellation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * What every {@code XViewModelTest} shares: ViewModels without a robot or a window, the test thread playing the UI thread
 * through {@link QueueBridge}, background work on {@link #exec} (stopped after each test), a fixed clock, and the fakes
 * of the services the steps use.
 */
public abstract class StepFixtures {

    @TempDir
    protected Path tmp;

    protected final ExecutorService exec = Executors.newCachedThreadPool();
    protected final QueueBridge ui = new QueueBridge();
    protected final Background bg = new Background(exec, ui);
    protected final Clock clock = Clock.fixed(Instant.parse("2026-06-11T09:00:00Z"), ZoneOffset.UTC);

    @AfterEach
    protected void stopBackgroundWork() throws InterruptedException {
        exec.shutdownNow();
        // Background saves (plan, autosave, preferences) write into the temp dir: let them end before it is deleted.
        if (!exec.awaitTermination(10, TimeUnit.SECONDS)) {
            throw new AssertionError("background work did not stop within 10 s");
        }
    }

    // ---- plans, keys, results ----

    protected static KeyResolver keys() {
        return new KeyResolver(Map.of("GW_KEY", "sk-test-gw")::get);
    }

    protected static MigrationPlan plan() {
        return MigrationPlan.newPlan("p").withTarget(new Endpoint("custom", "http://gw.test/v1", "env:GW_KEY"))
                .withMappings(List.of(new ModelMapping("a", "m1", List.of("chat"), "")));
    }

    protected static CheckResult result() {
        return new CheckResult("chat:m1", "chat", "m1", Verdict.PASS, "", "ok", "req_1", null, 1000L, 10, 50, 60, "hi", "curl …");
    }

    /** Step 2 on the {@link FakeDemo}, a memory keychain, and the given connection check. */
    protected EndpointsViewModel endpoints(PlanDocument doc, KeyResolver keys, ConnectionChecker checker) {
        return new EndpointsViewModel(doc, keys, checker, new FakeDemo(), bg, new TargetCatalog(), () -> new MemoryKeychain("memory (test)"));
    }

    // ---- fakes ----

    /** A run a test plays itself: what it tells the listener, and how the run ends. */
    @FunctionalInterface
    public interface ScriptedRun {
        CompletableFuture<SmokeRun> play(MigrationPlan plan, Target target, SmokeListener listener);
    }

    /** A smoke service that lists the plan's checks with {@code checks} and runs them as {@code run} plays it. */
    protected static SmokeService scriptedSmoke(Function<MigrationPlan, List<Check>> checks, ScriptedRun run) {
        return new ScriptedSmoke(checks, run);
    }

    private record ScriptedSmoke(Function<MigrationPlan, List<Check>> checks, ScriptedRun script) implements SmokeService {
        @Override
        public List<Check> derive(MigrationPlan plan) {
            return checks.apply(plan);
        }

        @Override
        public CompletableFuture<SmokeRun> run(MigrationPlan plan, Target target, Target source, SuiteOptions options,
                                               SmokeListener listener, Cancellation cancel) {
            return script.play(plan, target, listener);
        }
    }

    /** Runs one chat check (or the checks the options select) and records what it was asked. */
    public final class FakeSmoke implements SmokeService {
        public final List<SuiteOptions> runs = new ArrayList<>();
        public final List<Target> targets = new ArrayList<>();
        public final List<MigrationPlan> plans = new ArrayList<>();
        public volatile Verdict verdict = Verdict.PASS;

        @Override
        public List<Check> derive(MigrationPlan plan) {
            return plan.targetModels().stream().map(m -> new Check("chat:" + m, "chat", m, "Chat completion")).toList();
        }

        @Override
        public CompletableFuture<SmokeRun> run(MigrationPlan plan, Target target, Target source, SuiteOptions options,
                                               SmokeListener listener, Cancellation cancel) {
            synchronized (this) {
                runs.add(options);
                targets.add(target);
                plans.add(plan);
            }
            return CompletableFuture.supplyAsync(() -> {
                List<CheckResult> results = new ArrayList<>();
                for (Check c : derive(plan, options)) {
                    listener.onStarted(c);
                    CheckResult r = new CheckResult(c.id(), c.feature(), c.model(), verdict, verdict == Verdict.PASS ? "" : "R1",
                            "reason", "req_1", null, 1000L, 10, 50, 60, "hi", "curl …");
                    listener.onFinished(c, r);
                    results.add(r);
                }
                return new SmokeRun("2026-06-11T09:00:00Z", target.baseUrl(), results);
            }, exec);
        }
    }

    /** A gateway with a quota of $10, a price for m1, rate-limit headers, and req_1 in its log. */
    public static final class FakeUsage implements UsageService {
        public final Map<String, LoggedRequest> log = new ConcurrentHashMap<>(Map.of("req_1",
                new LoggedRequest("req_1", "m1", 10, 50, 0.00011, "200", 0)));

        @Override
        public UsageAdapter adapter(Endpoint target, String key) {
            return new UsageAdapter() {
                @Override
                public String name() {
                    return "fake";
                }

                @Override
                public boolean canLookUp() {
                    return true;
                }

                @Override
                public boolean canReadQuota() {
                    return true;
                }

                @Override
                public Optional<KeyQuota> quota() {
                    return Optional.of(new KeyQuota("k", 20.0, 10.0, 10.0, false, 0));
                }

                @Override
                public Optional<LoggedRequest> lookup(String requestId) {
                    return Optional.ofNullable(log.get(requestId));
                }

                @Override
                public List<ModelPrice> prices() {
                    return List.of(new ModelPrice("m1", 1.0, 2.0, 0, "gateway"));
                }
            };
        }

        @Override
        public Reconciler reconciler(UsageAdapter adapter, Cancellation cancel) {
            return new Reconciler(adapter, Clock.systemUTC(), ms -> { }, 1, 0);
        }

        @Override
        public List<String> rateLimits(String baseUrl, String key, Cancellation cancel) {
            return ai.flatkey.migrate.wire.ResponseHeaders.rateLimitLines(Map.of("x-ratelimit-limit-requests", "60",
                    "x-ratelimit-remaining-requests", "59", "x-ratelimit-reset-requests", "1s"));
        }
    }

    /** A demo that must not be used. */
    public static final class NoDemo implements DemoHost {
        @Override
        public String ensureStarted() {
            throw new AssertionError("the demo is not used here");
        }

        @Override
        public String demoKey() {
            return "";
        }

        @Override
        public boolean isRunning() {
            return false;
        }

        @Override
        public void close() {
        }
    }

    /** A demo that "starts" at once on 127.0.0.1:4242 with the key sk-demo, and records the thread that started it. */
    public static final class FakeDemo implements DemoHost {
        public volatile String startedOn;

        @Override
        public String ensureStarted() {
            startedOn = Thread.currentThread().getName();
            return "http://127.0.0.1:4242/v1";
        }

        @Override
        public String demoKey() {
            return "sk-demo";
        }

        @Override
        public boolean isRunning() {
            return startedOn != null;
        }

        @Override
        public void close() {
        }
    }

    /** Answers "unsaved changes?" with one choice, counts the questions, and keeps the errors shown. */
    public static final class FakeDialogs implements Dialogs {
        public final Dialogs.UnsavedChoice answer;
        public final List<String> errors = new ArrayList<>();
        public int asked;

        public FakeDialogs(Dialogs.UnsavedChoice answer) {
            this.answer = answer;
        }

        @Override
        public void showError(String title, String message) {
            errors.add(message);
        }

        @Override
        public Dialogs.UnsavedChoice askUnsaved(String planName, String action) {
            asked++;
            return answer;
        }

        /** Edits outside the plan asked about, in words; dropped unless the answer is Cancel. */
        public final List<String> discardAsked = new ArrayList<>();

        @Override
        public boolean askDiscardEdits(String what, String action) {
            discardAsked.add(what + " / " + action);
            return answer != Dialogs.UnsavedChoice.CANCEL;
        }
    }
}
