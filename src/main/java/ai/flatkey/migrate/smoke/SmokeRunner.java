package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.Comparison;
import ai.flatkey.migrate.plan.CustomCheck;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.RepeatStats;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.Verdict;
import ai.flatkey.migrate.wire.ApiException;
import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.ChatMessage;
import ai.flatkey.migrate.wire.ChatRequest;
import ai.flatkey.migrate.wire.ChatResult;
import ai.flatkey.migrate.wire.ClientConfig;
import ai.flatkey.migrate.wire.ModelList;
import ai.flatkey.migrate.wire.OpenAiClient;
import ai.flatkey.migrate.wire.Redactor;
import ai.flatkey.migrate.wire.Usage;
import okhttp3.OkHttpClient;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;

/**
 * Runs a plan's checks concurrently (at most {@link SuiteOptions#concurrency()} at a time against one endpoint), emits live
 * events, and collects a {@link SmokeRun} in catalog order. With repeat-N each check runs N times (one after the
 * other) and carries p50/p95 figures; in compare mode the same checks also run against the current provider and each
 * pair is compared by shape. Cancelling closes every open connection at once; checks that had not started end as
 * Error "cancelled".
 */
public final class SmokeRunner {
    /** The default per-endpoint concurrency (see {@link SuiteOptions#concurrency()}). */
    public static final int PER_TARGET_LIMIT = SuiteOptions.DEFAULT_CONCURRENCY;
    static final String PROMPT = "Reply with one sentence confirming this migration smoke test worked.";
    /** A model ID no gateway serves, for the unknown-model check. */
    static final String NO_SUCH_MODEL = "flatkey-migrate-no-such-model-7f3a";
    /** A key no gateway accepts, for the invalid-key check (obviously fake). */
    static final String INVALID_KEY = "sk-fake-flatkey-migrate-invalid-key-check";
    private static final int OUTPUT_LIMIT = 2_000;

    private final OkHttpClient http;
    private final ExecutorService executor;
    private final Clock clock;

    public SmokeRunner(OkHttpClient http, ExecutorService executor, Clock clock) {
        this.http = Objects.requireNonNull(http);
        this.executor = Objects.requireNonNull(executor);
        this.clock = Objects.requireNonNull(clock);
    }

    /** The default suite against the target only. */
    public CompletableFuture<SmokeRun> run(MigrationPlan plan, Target target, SmokeListener listener, Cancellation cancel) {
        return run(plan, target, null, SuiteOptions.defaults(), listener, cancel);
    }

    /**
     * @param source the current provider for compare mode (used only when {@code options.compare()}), or null
     */
    public CompletableFuture<SmokeRun> run(MigrationPlan plan, Target target, Target source, SuiteOptions options,
                                           SmokeListener listener, Cancellation cancel) {
        List<Check> checks = SmokeSuite.derive(plan, options);
        Map<Check, Check> pairs = options.compare() && source != null ? SmokeSuite.sourcePairs(plan, checks) : Map.of();
        String startedAt = clock.instant().toString();
        Side targetSide = new Side(target, plan, keyVariable(plan.target().keyRef()), false, options.concurrency());
        Map<String, Shape> shapes = new ConcurrentHashMap<>();
        List<CompletableFuture<CheckResult>> targetFutures = new ArrayList<>();
        for (Check check : checks) {
            targetFutures.add(schedule(targetSide, check, options.repeat(), listener, cancel, shapes));
        }
        List<CompletableFuture<CheckResult>> sourceFutures = new ArrayList<>();
        if (!pairs.isEmpty()) {
            Side sourceSide = new Side(source, plan, keyVariable(plan.source().keyRef()), true, options.concurrency());
            for (Check check : pairs.values()) {
                sourceFutures.add(schedule(sourceSide, check, options.repeat(), listener, cancel, shapes));
            }
        }
        List<CompletableFuture<CheckResult>> all = new ArrayList<>(targetFutures);
        all.addAll(sourceFutures);
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<CheckResult> targetResults = targetFutures.stream().map(CompletableFuture::join).toList();
            if (pairs.isEmpty()) {
                return new SmokeRun(startedAt, target.baseUrl(), targetResults);
            }
            List<CheckResult> sourceResults = sourceFutures.stream().map(CompletableFuture::join).toList();
            return new SmokeRun(startedAt, target.baseUrl(), targetResults, source.baseUrl(), sourceResults,
                    compare(pairs, targetResults, sourceResults, shapes));
        });
    }

    private static List<Comparison> compare(Map<Check, Check> pairs, List<CheckResult> targetResults,
                                            List<CheckResult> sourceResults, Map<String, Shape> shapes) {
        Map<String, CheckResult> byId = new LinkedHashMap<>();
        targetResults.forEach(r -> byId.put(r.checkId(), r));
        sourceResults.forEach(r -> byId.put(r.checkId(), r));
        List<Comparison> out = new ArrayList<>();
        pairs.forEach((t, s) -> {
            CheckResult tr = byId.get(t.id());
            CheckResult sr = byId.get(s.id());
            if (tr == null || sr == null) {
                return;
            }
            List<String> diffs = shapes.getOrDefault(t.id(), Shape.NONE).differencesFrom(shapes.getOrDefault(s.id(), Shape.NONE));
            out.add(new Comparison(t.id(), s.model(), t.model(), sr.verdict(), tr.verdict(), diffs,
                    sr.totalMs(), tr.totalMs(), sr.totalTokens(), tr.totalTokens()));
        });
        return out;
    }

    /** One endpoint a suite talks to: its client, a concurrency limit, and what its curl lines name the key. */
    private final class Side {
        final Target target;
        final OpenAiClient client;
        final MigrationPlan plan;
        final String keyVar;
        final Semaphore slots;
        final boolean source;

        Side(Target target, MigrationPlan plan, String keyVar, boolean source, int concurrency) {
            this.slots = new Semaphore(concurrency);
            this.target = target;
            this.source = source;
            this.client = new OpenAiClient(http, ClientConfig.of(target.baseUrl(), target.apiKey()));
            this.plan = plan;
            this.keyVar = keyVar;
        }
    }

    private CompletableFuture<CheckResult> schedule(Side side, Check check, int repeat, SmokeListener listener,
                                                    Cancellation cancel, Map<String, Shape> shapes) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                side.slots.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return notRun(listener, check);
            }
            try {
                if (cancel.isCancelled()) {
                    return notRun(listener, check);
                }
                listener.onStarted(check);
                List<Attempt> attempts = new ArrayList<>();
                for (int i = 0; i < repeat && (i == 0 || !cancel.isCancelled()); i++) {
                    attempts.add(attempt(side, check, listener, cancel));
                }
                Attempt first = worst(attempts);
                shapes.put(check.id(), first.shape);
                CheckResult r = result(check, first, side.target.apiKey());
                if (repeat > 1) {
                    r = r.withStats(Stats.of(attempts.stream().map(a -> new Stats.Sample(a.outcome.verdict(), a.totalMs, a.ttftMs)).toList()));
                }
                listener.onFinished(check, r);
                return r;
            } finally {
                side.slots.release();
            }
        }, executor);
    }

    /** The attempt that decides a repeated check: the first that did not pass, else the first. */
    private static Attempt worst(List<Attempt> attempts) {
        return attempts.stream().filter(a -> a.outcome.verdict() != Verdict.PASS).findFirst().orElse(attempts.get(0));
    }

    private CheckResult notRun(SmokeListener listener, Check check) {
        Attempt a = new Attempt(new Outcome.Error("", "Cancelled before it ran."), null, "", "", Shape.NONE, null, null);
        CheckResult r = result(check, a, null);
        listener.onFinished(check, r);
        return r;
    }

    /** What one exchange of a check gave. */
    private record Attempt(Outcome outcome, ChatResult chat, String requestId, String curl, Shape shape, Long ttftMs, Long totalMs) {
        static Attempt of(Outcome o, ChatResult r, String curl) {
            return new Attempt(o, r, r == null ? "" : requestId(r), curl, Shape.of(r),
                    r == null || r.timing() == null ? null : r.timing().ttftMs(),
                    r == null || r.timing() == null ? null : r.timing().totalMs());
        }

        /** The request-ID header, else the completion ID (OpenRouter's generation lookup takes that). */
        static String requestId(ChatResult r) {
            String h = r.requestId() == null ? "" : r.requestId();
            return h.isBlank() && r.id() != null ? r.id() : h;
        }

        static Attempt failed(Outcome o, ApiException e, String curl) {
            ChatResult partial = e.partial();
            Shape shape = partial != null ? Shape.of(partial) : Shape.status(e.status());
            return new Attempt(o, partial, e.requestId(), curl, shape,
                    partial == null || partial.timing() == null ? null : partial.timing().ttftMs(),
                    partial == null || partial.timing() == null ? null : partial.timing().totalMs());
        }
    }

    private Attempt attempt(Side side, Check check, SmokeListener listener, Cancellation cancel) {
        OpenAiClient client = side.client;
        String curl = "";
        try {
            switch (check.kind()) {
                case Check.MODELS -> {
                    curl = "curl -sS \"" + client.config().baseUrl().replaceAll("/+$", "") + "/models\" -H \"Authorization: Bearer $"
                            + side.keyVar + "\"";
                    ModelList list = client.listModels(cancel);
                    List<String> expected = check.source() ? List.of() : SmokeSuite.models(side.plan);
                    return new Attempt(Rules.models(list, expected), null, list.requestId(), curl, Shape.NONE, null, list.totalMs());
                }
                case Check.CHAT, Check.REPLAY -> {
                    String prompt = check.kind().equals(Check.REPLAY) ? replayPrompt(side.plan, check) : PROMPT;
                    ChatRequest req = ChatRequest.simple(check.model(), prompt, false);
                    curl = client.curl(req, side.keyVar);
                    ChatResult res = client.chat(req, cancel);
                    return Attempt.of(Rules.chat(res), res, curl);
                }
                case Check.STREAMING -> {
                    ChatRequest req = ChatRequest.simple(check.model(), PROMPT, true);
                    curl = client.curl(req, side.keyVar);
                    ChatResult res = client.streamChat(req, tokens(listener, check), cancel);
                    return Attempt.of(Rules.streaming(res), res, curl);
                }
                case Check.CUSTOM -> {
                    CustomCheck custom = side.plan.customChecks().stream()
                            .filter(c -> c.name().equals(check.featureArgument())).findFirst().orElse(null);
                    if (custom == null) {
                        return new Attempt(new Outcome.Error("", "The custom check '" + check.featureArgument()
                                + "' is no longer in the plan."), null, "", "", Shape.NONE, null, null);
                    }
                    ChatRequest req = customRequest(custom, check.model());
                    curl = client.curl(req, side.keyVar);
                    ChatResult res = custom.stream() ? client.streamChat(req, tokens(listener, check), cancel) : client.chat(req, cancel);
                    return Attempt.of(Rules.custom(res, custom), res, curl);
                }
                case Check.AUTH -> {
                    OpenAiClient bad = new OpenAiClient(http, ClientConfig.of(side.target.baseUrl(), INVALID_KEY));
                    ChatRequest req = ChatRequest.simple(firstModel(side), PROMPT, false);
                    curl = bad.curl(req, "INVALID_KEY");
                    try {
                        ChatResult res = bad.chat(req, cancel);
                        return Attempt.of(new Outcome.Fail("ERR-AUTH", "An invalid key was accepted (HTTP " + res.status()
                                + "): anyone could spend on this endpoint, or the gateway ignores the key."), res, curl);
                    } catch (ApiException e) {
                        return Attempt.failed(Rules.invalidKey(e), e, curl);
                    }
                }
                case Check.UNKNOWN_MODEL -> {
                    ChatRequest req = ChatRequest.simple(NO_SUCH_MODEL, PROMPT, false);
                    curl = client.curl(req, side.keyVar);
                    try {
                        ChatResult res = client.chat(req, cancel);
                        return Attempt.of(new Outcome.Fail("ERR-UNKNOWN-MODEL", "The unknown model " + NO_SUCH_MODEL
                                + " was silently served" + (res.model() == null || res.model().isBlank() ? "" : " by " + res.model())
                                + " instead of refused: a typo in a model ID would go unnoticed and be billed."), res, curl);
                    } catch (ApiException e) {
                        return Attempt.failed(Rules.unknownModel(e, NO_SUCH_MODEL), e, curl);
                    }
                }
                default -> {
                    return new Attempt(new Outcome.Error("", "This build has no check for feature " + check.feature() + "."),
                            null, "", "", Shape.NONE, null, null);
                }
            }
        } catch (ApiException e) {
            return Attempt.failed(Rules.failure(e, check.kind()), e, curl);
        } catch (RuntimeException e) {
            String what = Redactor.redact(String.valueOf(e.getMessage()), side.target.apiKey());
            return new Attempt(new Outcome.Error("", "Unexpected error in the check: " + e.getClass().getSimpleName() + ": " + what),
                    null, "", curl, Shape.NONE, null, null);
        }
    }

    /** A model the endpoint should serve: the first target model, or on the source the first model mapped from. */
    private static String firstModel(Side side) {
        if (side.source) {
            String fromMapping = side.plan.mappings().stream().map(m -> m.sourceModel()).filter(m -> !m.isBlank())
                    .findFirst().orElse(side.plan.inventory().productionModel());
            if (!fromMapping.isBlank()) {
                return fromMapping;
            }
        }
        List<String> models = SmokeSuite.models(side.plan);
        return models.isEmpty() ? NO_SUCH_MODEL : models.get(0);
    }

    private static ai.flatkey.migrate.wire.StreamListener tokens(SmokeListener listener, Check check) {
        return chunk -> {
            if (chunk.contentDelta() != null && !chunk.contentDelta().isEmpty()) {
                listener.onToken(check, chunk.contentDelta());
            }
        };
    }

    private static String replayPrompt(MigrationPlan plan, Check check) {
        int i = Integer.parseInt(check.featureArgument()) - 1;
        return i >= 0 && i < plan.replayPrompts().size() ? plan.replayPrompts().get(i) : PROMPT;
    }

    static ChatRequest customRequest(CustomCheck c, String model) {
        List<ChatMessage> messages = new ArrayList<>();
        if (!c.system().isBlank()) {
            messages.add(ChatMessage.system(c.system()));
        }
        messages.add(ChatMessage.user(c.prompt().isBlank() ? PROMPT : c.prompt()));
        return new ChatRequest(model, messages, c.stream(), c.stream(), null, null);
    }

    private static CheckResult result(Check check, Attempt a, String key) {
        ChatResult res = a.chat;
        Usage usage = res == null ? null : res.usage();
        String output = res == null || res.content() == null ? "" : Redactor.redact(res.content(), key);
        if (output.length() > OUTPUT_LIMIT) {
            output = output.substring(0, OUTPUT_LIMIT) + "…";
        }
        return new CheckResult(check.id(), check.kind(), check.model(), a.outcome.verdict(), a.outcome.ruleId(), a.outcome.reason(),
                a.requestId, a.ttftMs, a.totalMs,
                usage == null ? null : usage.promptTokens(),
                usage == null ? null : usage.completionTokens(),
                usage == null ? null : usage.totalTokens(),
                output, a.curl);
    }

    /** The environment variable a curl line should read the key from. */
    static String keyVariable(String keyRef) {
        if (keyRef != null && keyRef.startsWith("env:") && keyRef.length() > 4) {
            return keyRef.substring(4);
        }
        return "FLATKEY_API_KEY";
    }
}
