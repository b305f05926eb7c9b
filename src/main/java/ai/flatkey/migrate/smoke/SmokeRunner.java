package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.wire.Excerpts;
import ai.flatkey.migrate.plan.BilledRequest;
import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.Comparison;
import ai.flatkey.migrate.plan.Assertion;
import ai.flatkey.migrate.plan.AssertionResult;
import ai.flatkey.migrate.plan.RequestCheck;
import ai.flatkey.migrate.usage.PriceTable;
import ai.flatkey.migrate.wire.RawRequest;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.RepeatStats;
import ai.flatkey.migrate.plan.RuleBreach;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.Texts;
import ai.flatkey.migrate.plan.Verdict;
import ai.flatkey.migrate.wire.ApiException;
import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.ChatMessage;
import ai.flatkey.migrate.wire.ChatRequest;
import ai.flatkey.migrate.wire.ChatResult;
import ai.flatkey.migrate.wire.ClientConfig;
import ai.flatkey.migrate.wire.EmbeddingsRequest;
import ai.flatkey.migrate.wire.EmbeddingsResult;
import ai.flatkey.migrate.wire.FailureKind;
import ai.flatkey.migrate.wire.ImageEditRequest;
import ai.flatkey.migrate.wire.ImageResult;
import ai.flatkey.migrate.wire.ModerationResult;
import ai.flatkey.migrate.wire.SpeechResult;
import ai.flatkey.migrate.wire.ResponsesRequest;
import ai.flatkey.migrate.wire.ResponsesListener;
import ai.flatkey.migrate.wire.ResponsesResult;
import ai.flatkey.migrate.wire.StreamListener;
import ai.flatkey.migrate.wire.ToolCallDelta;
import ai.flatkey.migrate.wire.Transcript;
import ai.flatkey.migrate.wire.TranscriptionRequest;
import ai.flatkey.migrate.wire.TranscriptionResult;
import ai.flatkey.migrate.wire.TranscriptionStream;
import ai.flatkey.migrate.wire.ModelList;
import ai.flatkey.migrate.wire.OpenAiClient;
import ai.flatkey.migrate.wire.Transport;
import ai.flatkey.migrate.wire.Redactor;
import ai.flatkey.migrate.wire.SafeText;
import ai.flatkey.migrate.wire.Usage;

import java.time.Clock;
import java.time.Duration;
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
    static final String PROMPT = Probes.PROMPT;
    /** A model ID no gateway serves, for the unknown-model check. */
    static final String NO_SUCH_MODEL = "flatkey-migrate-no-such-model-7f3a";
    /**
     * A key no gateway accepts, for the invalid-key check (obviously fake). Not shaped like a real key ({@code sk-…}),
     * so the redactor leaves it in the check's curl line, which stays runnable as shown.
     */
    static final String INVALID_KEY = "invalid-key-for-this-check";
    private static final int OUTPUT_LIMIT = 2_000;
    /** Longest transcript kept per check result (64 KB of text). */
    static final int TRANSCRIPT_LIMIT = 64 * 1024;

    private final Transport http;
    private final ExecutorService executor;
    private final Clock clock;
    private final Duration readTimeout;
    /** The budget of the untimed warm-up request (connect, first byte), so a dead server does not cost twice. */
    private static final Duration WARM_UP_TIMEOUT = Duration.ofSeconds(5);
    /** A check's margin over its read timeout (see {@link #checkBudget()}). */
    private static final Duration CHECK_MARGIN = Duration.ofSeconds(15);
    /** The wire client's default: a minute for the first byte and between events. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

    public SmokeRunner(Transport http, ExecutorService executor, Clock clock) {
        this(http, executor, clock, DEFAULT_READ_TIMEOUT);
    }

    /**
     * @param readTimeout how long a check waits for the first byte and between stream events before it ends as an
     *                    Error (timeout)
     */
    public SmokeRunner(Transport http, ExecutorService executor, Clock clock, Duration readTimeout) {
        this.http = Objects.requireNonNull(http);
        this.executor = Objects.requireNonNull(executor);
        this.clock = Objects.requireNonNull(clock);
        this.readTimeout = Objects.requireNonNull(readTimeout);
    }

    private ClientConfig config(String baseUrl, String key) {
        return new ClientConfig(baseUrl, key, null, readTimeout, checkBudget());
    }

    /**
     * The most one check's exchange may take, headers dripping in included: the read timeout (first byte, and the
     * progress watchdog: each stream event or the whole body) and a margin for a slow, steady answer.
     */
    Duration checkBudget() {
        return readTimeout.plus(CHECK_MARGIN);
    }

    /**
     * The run's deadline, derived from the checks' budgets: the warm-up, the catalog check alone, then the others in
     * rounds of {@code concurrency}, each round repeated. Past it, the checks still waiting are stopped.
     */
    Duration runDeadline(int checks, SuiteOptions options) {
        long rounds = 1 + (Math.max(0, checks - 1) + options.concurrency() - 1) / options.concurrency();
        return WARM_UP_TIMEOUT.multipliedBy(2).plus(checkBudget().multipliedBy(rounds * options.repeat()));
    }

    /** How long the warm-up waits for its answer: {@link #WARM_UP_TIMEOUT}, and never longer than a check would. */
    private Duration warmUpTimeout() {
        return readTimeout.compareTo(WARM_UP_TIMEOUT) < 0 ? readTimeout : WARM_UP_TIMEOUT;
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
        Duration deadline = runDeadline(checks.size() * (pairs.isEmpty() ? 1 : 2), options)
                .plus(FamilyChecks.extraDeadline(checks, readTimeout));
        Cancellation outer = cancel;
        Cancellation runCancel = new Cancellation();
        Runnable relay = runCancel::cancel;
        outer.onCancel(relay);
        if (outer.isCancelled()) {
            runCancel.cancel();
        }
        cancel = runCancel;
        Stop stop = new Stop();
        CompletableFuture<Void> timer = CompletableFuture.runAsync(() -> {
            stop.set("The run passed its deadline of " + deadline.toSeconds() + " s (derived from the checks' "
                    + "budgets) and this check was stopped: the gateway made no progress in time.");
            runCancel.cancel();
        }, CompletableFuture.delayedExecutor(deadline.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
        Side targetSide = new Side(target, plan, keyVariable(plan.target().keyRef()), false, options.concurrency());
        targetSide.stop = stop;
        Map<String, Shape> shapes = new ConcurrentHashMap<>();
        List<CompletableFuture<CheckResult>> targetFutures = scheduleSide(targetSide, checks, options.repeat(),
                listener, cancel, shapes);
        List<CompletableFuture<CheckResult>> sourceFutures = pairs.isEmpty() ? List.of()
                : scheduleSide(sourceSide(source, plan, options, stop),
                        new ArrayList<>(pairs.values()), options.repeat(), listener, cancel, shapes);
        List<CompletableFuture<CheckResult>> all = new ArrayList<>(targetFutures);
        all.addAll(sourceFutures);
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> {
            timer.cancel(false);
            outer.remove(relay);
        }).thenApply(v -> {
            List<CheckResult> targetResults = targetFutures.stream().map(CompletableFuture::join).toList();
            if (pairs.isEmpty()) {
                return new SmokeRun(startedAt, SafeText.scrub(target.baseUrl()), targetResults);
            }
            List<CheckResult> sourceResults = sourceFutures.stream().map(CompletableFuture::join).toList();
            return new SmokeRun(startedAt, SafeText.scrub(target.baseUrl()), targetResults, SafeText.scrub(source.baseUrl()), sourceResults,
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

    private Side sourceSide(Target source, MigrationPlan plan, SuiteOptions options, Stop stop) {
        Side side = new Side(source, plan, keyVariable(plan.source().keyRef()), true, options.concurrency());
        side.stop = stop;
        return side;
    }

    /**
     * Why the run stopped its remaining checks (the deadline passed, or the gateway did not answer the catalog
     * check at all), or null.
     */
    static final class Stop {
        private volatile String reason;

        synchronized void set(String why) {
            if (reason == null) {
                reason = why;
            }
        }

        String reason() {
            return reason;
        }
    }

    /** One endpoint a suite talks to: its client, a concurrency limit, and what its curl lines name the key. */
    private final class Side {
        final Target target;
        final OpenAiClient client;
        final MigrationPlan plan;
        final String keyVar;
        final Semaphore slots;
        final boolean source;
        /** Shared by the run's sides: set when the run stops its remaining checks. */
        Stop stop = new Stop();
        /** What GET {base}/models gave here, once known (see {@link #pathEvidence}). */
        private PathEvidence models;

        Side(Target target, MigrationPlan plan, String keyVar, boolean source, int concurrency) {
            this.slots = new Semaphore(concurrency);
            this.target = target;
            this.source = source;
            this.client = http.client(config(target.baseUrl(), target.apiKey()));
            this.plan = plan;
            this.keyVar = keyVar;
        }

        synchronized void recordModels(PathEvidence evidence) {
            if (models == null || models.state() == PathEvidence.State.UNKNOWN) {
                models = evidence;
            }
        }

        /**
         * Whether {@code GET {base}/models} answers at this side's base URL: what the models check found, or else
         * asked once now (a 404 elsewhere is a wrong path only when this fails too).
         */
        synchronized PathEvidence pathEvidence(Cancellation cancel) {
            if (models == null) {
                try {
                    models = PathEvidence.answered(client.listModels(cancel).models().size());
                } catch (ApiException e) {
                    models = SmokeRunner.pathEvidence(e);
                }
            }
            return models;
        }
    }

    /** What a failed {@code GET {base}/models} says about the path: in doubt, or nothing (key, network, …). */
    static PathEvidence pathEvidence(ApiException e) {
        return e.kind() == FailureKind.WRONG_PATH || e.kind() == FailureKind.NON_JSON_BODY
                || e.kind() == FailureKind.PROTOCOL ? PathEvidence.FAILED : PathEvidence.UNKNOWN;
    }

    /**
     * One side's checks, in catalog order. When the suite has the model-catalog check, an untimed {@code GET /models}
     * goes first (a request that costs nothing, with short timeouts): it opens the connection and warms this client
     * (classes, TLS, the pool) and the server's route, so that no check's figure holds the client's start-up. Then the
     * catalog check runs alone, then the others, whatever its verdict. A suite without the catalog check (a filtered
     * one) sends nothing it did not ask for.
     */
    private List<CompletableFuture<CheckResult>> scheduleSide(Side side, List<Check> checks, int repeat,
                                                              SmokeListener listener, Cancellation cancel,
                                                              Map<String, Shape> shapes) {
        Check warmUp = checks.stream().filter(c -> c.kind().equals(Check.MODELS)).findFirst().orElse(null);
        CompletableFuture<CheckResult> first = warmUp == null ? CompletableFuture.completedFuture(null)
                : schedule(side, warmUp, repeat, listener, cancel, shapes,
                        CompletableFuture.runAsync(() -> warmUp(side, cancel), executor));
        List<CompletableFuture<CheckResult>> futures = new ArrayList<>();
        for (Check check : checks) {
            futures.add(check == warmUp ? first : schedule(side, check, repeat, listener, cancel, shapes, first));
        }
        return futures;
    }

    /** The untimed warm-up request; its outcome does not matter (the catalog check after it reports the server's). */
    private void warmUp(Side side, Cancellation cancel) {
        if (cancel.isCancelled()) {
            return;
        }
        try {
            Duration wait = warmUpTimeout();
            http.client(new ClientConfig(side.target.baseUrl(), side.target.apiKey(), WARM_UP_TIMEOUT, wait,
                    wait.multipliedBy(2))).listModels(cancel);
        } catch (ApiException | RuntimeException e) {
            // The catalog check that follows sends the same request and reports what it gets.
        }
    }

    private CompletableFuture<CheckResult> schedule(Side side, Check check, int repeat, SmokeListener listener,
                                                    Cancellation cancel, Map<String, Shape> shapes,
                                                    CompletableFuture<?> after) {
        return after.handle((r, e) -> null).thenApplyAsync(ignored -> {
            try {
                side.slots.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return notRun(listener, check, side);
            }
            try {
                if (cancel.isCancelled()) {
                    return notRun(listener, check, side);
                }
                listener.onStarted(check);
                List<Attempt> attempts = new ArrayList<>();
                for (int i = 0; i < repeat && (i == 0 || !cancel.isCancelled()); i++) {
                    attempts.add(attempt(side, check, listener, cancel));
                }
                Attempt first = worst(attempts);
                String stopped = side.stop.reason();
                if (stopped != null && first.outcome instanceof Outcome.Error err
                        && err.reason().startsWith("Cancelled")) {
                    first = Attempt.of(new Outcome.Error("", stopped), first.curl);
                }
                shapes.put(check.id(), first.shape);
                CheckResult r = result(check, first, side.target.secrets());
                if (repeat > 1) {
                    r = r.withStats(Stats.of(attempts.stream().map(a -> new Stats.Sample(a.outcome.verdict(), a.totalMs, a.ttftMs)).toList()));
                }
                if (!first.media.isEmpty()) {
                    listener.onMedia(check, r.requestId(), first.media);
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

    private CheckResult notRun(SmokeListener listener, Check check, Side side) {
        String stopped = side.stop.reason();
        CheckResult r = result(check, Attempt.of(new Outcome.Error("", stopped != null ? stopped
                : "Cancelled before it ran."), ""), null);
        listener.onFinished(check, r);
        return r;
    }

    /**
     * What one exchange (or the few exchanges of one check) gave.
     *
     * @param others the billed requests besides the one {@code requestId} is for (a family check may send several)
     * @param media  images and sounds for a face to show (never stored)
     */
    private record Attempt(Outcome outcome, ChatResult chat, String requestId, String curl, Shape shape, Long ttftMs,
                           Long totalMs, Usage usage, String output, String transcript, List<AssertionResult> assertions,
                           List<BilledRequest> others, List<MediaEvidence> media) {
        Attempt {
            assertions = List.copyOf(assertions);
        }

        Attempt(Outcome outcome, ChatResult chat, String requestId, String curl, Shape shape, Long ttftMs,
                Long totalMs, Usage usage, String output, String transcript) {
            this(outcome, chat, requestId, curl, shape, ttftMs, totalMs, usage, output, transcript, List.of(), List.of(),
                    List.of());
        }

        Attempt withAssertions(List<AssertionResult> results) {
            return new Attempt(outcome, chat, requestId, curl, shape, ttftMs, totalMs, usage, output, transcript, results,
                    others, media);
        }

        static Attempt of(Outcome o, String curl) {
            return new Attempt(o, null, "", curl, Shape.NONE, null, null, null, "", "");
        }

        static Attempt of(Outcome o, ChatResult r, String curl) {
            return new Attempt(o, r, requestId(r), curl, Shape.of(r),
                    r.timing() == null ? null : r.timing().ttftMs(),
                    r.timing() == null ? null : r.timing().totalMs(), r.usage(),
                    r.content() == null ? "" : r.content(), render(r.transcript()));
        }

        static Attempt of(Outcome o, ResponsesResult r, String curl) {
            String id = r.requestId() == null || r.requestId().isBlank() ? r.id() : r.requestId();
            return new Attempt(o, null, id, curl, Shape.ok(r.usage() != null, !r.outputText().isBlank()), r.timing() == null ? null : r.timing().ttftMs(),
                    r.timing() == null ? null : r.timing().totalMs(), r.usage(), r.outputText(), render(r.transcript()));
        }

        static Attempt of(Outcome o, EmbeddingsResult r, String curl, String transcript) {
            return new Attempt(o, null, r.requestId(), curl, Shape.ok(r.usage() != null, false), null,
                    r.timing() == null ? null : r.timing().totalMs(), r.usage(),
                    r.data().isEmpty() ? "" : r.data().size() + " vector(s) of " + r.data().get(0).dimensions()
                            + " dimensions, " + String.join("/", r.encodingsReceived()), transcript);
        }

        /** The request-ID header, else the completion ID (OpenRouter's generation lookup takes that). */
        static String requestId(ChatResult r) {
            String h = r.requestId() == null ? "" : r.requestId();
            return h.isBlank() && r.id() != null ? r.id() : h;
        }

        static Attempt failed(Outcome o, ApiException e, String curl) {
            ChatResult partial = e.partial();
            Shape shape = partial != null ? Shape.of(partial) : Shape.status(e.status());
            String output = partial != null && partial.content() != null ? partial.content()
                    : e.partialResponse() != null ? e.partialResponse().outputText() : "";
            return new Attempt(o, partial, e.requestId(), curl, shape,
                    partial == null || partial.timing() == null ? null : partial.timing().ttftMs(),
                    partial == null || partial.timing() == null ? null : partial.timing().totalMs(),
                    partial == null ? null : partial.usage(), output, render(e.transcript()));
        }

        Attempt withTranscriptAfter(String later) {
            return new Attempt(outcome, chat, requestId, curl, shape, ttftMs, totalMs, usage, output,
                    later.isEmpty() ? transcript : transcript + "\n\n" + later, assertions, others, media);
        }

        Attempt withOthers(List<BilledRequest> billed) {
            return new Attempt(outcome, chat, requestId, curl, shape, ttftMs, totalMs, usage, output, transcript,
                    assertions, billed, media);
        }

        Attempt withTranscriptBefore(String earlier) {
            return new Attempt(outcome, chat, requestId, curl, shape, ttftMs, totalMs, usage, output,
                    earlier.isEmpty() ? transcript : earlier + "\n\n" + transcript, assertions, others, media);
        }
    }

    private static String render(Transcript t) {
        return t == null ? "" : t.render();
    }

    /** What one attempt needs, and the curl of the request it is sending (shown with a failure). */
    private static final class Exchange {
        final Side side;
        final Check check;
        final SmokeListener listener;
        final Cancellation cancel;
        final OpenAiClient client;
        final String model;
        String curl = "";

        Exchange(Side side, Check check, SmokeListener listener, Cancellation cancel) {
            this.side = side;
            this.check = check;
            this.listener = listener;
            this.cancel = cancel;
            this.client = side.client;
            this.model = check.model();
        }

        /** The request's curl line through the side's client, kept for a failure. */
        String curl(ChatRequest req) {
            curl = client.curl(req, side.keyVar);
            return curl;
        }

        StreamListener events() {
            return SmokeRunner.events(listener, check, side.target.apiKey());
        }

        /**
         * Sends a bounded probe (streamed or not); when the gateway refuses the bound's {@code max_tokens} by name,
         * sends it once more bounded with {@code max_completion_tokens} (see {@link Probes#rebound}). Never unbounded.
         */
        ChatResult send(ChatRequest req, boolean stream) throws ApiException {
            curl(req);
            try {
                return stream ? client.streamChat(req, events(), cancel) : client.chat(req, cancel);
            } catch (ApiException e) {
                ChatRequest other = Probes.rebound(req, e);
                if (other == null) {
                    throw e;
                }
                curl(other);
                return stream ? client.streamChat(other, events(), cancel) : client.chat(other, cancel);
            }
        }

        boolean is(String kind) {
            return check.kind().equals(kind);
        }
    }

    private Attempt attempt(Side side, Check check, SmokeListener listener, Cancellation cancel) {
        Exchange x = new Exchange(side, check, listener, cancel);
        try {
            return switch (check.kind()) {
                case Check.MODELS -> models(x);
                case Check.BASE_URL -> {
                    x.curl = x.client.curlModels(side.keyVar);
                    yield baseUrl(side, cancel, x.curl);
                }
                case Check.CHAT, Check.REPLAY -> chat(x);
                case Check.STREAMING, Check.STREAMING_NO_USAGE -> streaming(x);
                case Check.TOOLS, Check.TOOLS_STREAM, Check.TOOLS_PARALLEL -> tools(x);
                case Check.JSON, Check.JSON_SCHEMA -> json(x);
                case Check.VISION, Check.DEVELOPER_ROLE, Check.MAX_TOKENS, Check.MAX_COMPLETION_TOKENS -> parameter(x);
                case Check.RESPONSES, Check.RESPONSES_STREAM -> responses(x);
                case Check.EMBEDDINGS -> embeddings(x);
                case Check.EMBEDDINGS_BASE64 -> embeddingsBase64(x);
                case Check.REQUEST -> request(x);
                case Check.AUTH -> invalidKey(x);
                case Check.UNKNOWN_MODEL -> unknownModel(x);
                case Check.UNSUPPORTED_PARAM -> unknownParameter(x);
                default -> FamilyChecks.handles(check.kind()) ? family(x, readTimeout)
                        : Attempt.of(new Outcome.Error("", "This build has no check for feature " + check.feature() + "."), "");
            };
        } catch (ApiException e) {
            boolean listing = check.kind().equals(Check.MODELS) || check.kind().equals(Check.BASE_URL);
            if (listing) {
                side.recordModels(pathEvidence(e));
            }
            if (e.kind() == FailureKind.TIMEOUT) {
                listener.onTimedOut(check);
                if (check.kind().equals(Check.MODELS) && e.status() <= 0) {
                    // Nothing at all came back to the cheapest request: every other check would wait as long.
                    side.stop.set("Not sent: the gateway did not answer GET /models within " + readTimeout.toSeconds()
                            + " s, and every other check would wait as long.");
                    listener.onSilent(check);
                    cancel.cancel();
                }
            }
            PathEvidence path = e.kind() == FailureKind.WRONG_PATH && e.status() == 404 && !listing
                    ? side.pathEvidence(cancel) : PathEvidence.UNKNOWN;
            return Attempt.failed(Rules.failure(e, check.kind(), side.target.baseUrl(), path), e, x.curl);
        } catch (RuntimeException e) {
            String what = Redactor.redact(String.valueOf(e.getMessage()), side.target.apiKey());
            return Attempt.of(new Outcome.Error("", "Unexpected error in the check: " + e.getClass().getSimpleName() + ": " + what), x.curl);
        }
    }

    /** A check of an endpoint family beyond chat (images, audio, moderations, video, other routes). */
    private static Attempt family(Exchange x, Duration readTimeout) throws ApiException {
        FamilyChecks.Done d = FamilyChecks.run(new FamilyChecks.Context(x.client.families(), x.check, x.side.plan,
                x.side.keyVar, x.cancel, curl -> x.curl = curl, readTimeout));
        return new Attempt(d.outcome(), null, d.requestId(), x.curl, Shape.ok(d.usage() != null, !d.output().isBlank()),
                null, d.totalMs(), d.usage(), d.output(), d.transcript(), List.of(), d.others(), d.media());
    }

    private static Attempt models(Exchange x) throws ApiException {
        x.curl = x.client.curlModels(x.side.keyVar);
        ModelList list = x.client.listModels(x.cancel);
        x.side.recordModels(PathEvidence.answered(list.models().size()));
        List<String> expected = x.check.source() ? List.of() : SmokeSuite.models(x.side.plan);
        return new Attempt(Rules.models(list, expected), null, list.requestId(), x.curl, Shape.ok(false, false), null,
                list.totalMs(), null, list.models().size() + " models", render(list.transcript()));
    }

    private static Attempt chat(Exchange x) throws ApiException {
        String prompt = x.is(Check.REPLAY) ? replayPrompt(x.side.plan, x.check) : PROMPT;
        ChatResult res = x.send(Probes.chat(x.model, prompt), false);
        return Attempt.of(Rules.chat(res, x.model), res, x.curl);
    }

    private static Attempt streaming(Exchange x) throws ApiException {
        boolean usage = x.is(Check.STREAMING);
        ChatResult res = x.send(Probes.stream(x.model, usage), true);
        return Attempt.of(Rules.streaming(res, usage, x.model), res, x.curl);
    }

    private static Attempt tools(Exchange x) throws ApiException {
        boolean parallel = x.is(Check.TOOLS_PARALLEL);
        boolean stream = x.is(Check.TOOLS_STREAM) || parallel && SmokeSuite.features(x.side.plan, x.model)
                .contains(Check.STREAMING);
        ChatResult res = x.send(parallel ? Probes.parallelTools(x.model, stream) : Probes.tools(x.model, stream), stream);
        return Attempt.of(Rules.tools(res, parallel, x.model), res, x.curl);
    }

    private static Attempt json(Exchange x) throws ApiException {
        boolean schema = x.is(Check.JSON_SCHEMA);
        ChatResult res = x.send(schema ? Probes.jsonSchema(x.model) : Probes.jsonObject(x.model), false);
        return Attempt.of(schema ? Rules.jsonSchema(res, x.model) : Rules.jsonObject(res, x.model), res, x.curl);
    }

    /** A chat request that exercises one thing: an image, the developer role, max_tokens or max_completion_tokens. */
    private static Attempt parameter(Exchange x) throws ApiException {
        ChatRequest req = switch (x.check.kind()) {
            case Check.VISION -> Probes.vision(x.model);
            case Check.DEVELOPER_ROLE -> Probes.developerRole(x.model);
            case Check.MAX_TOKENS -> Probes.maxTokens(x.model);
            default -> Probes.maxCompletionTokens(x.model);
        };
        boolean ownBound = x.is(Check.MAX_TOKENS) || x.is(Check.MAX_COMPLETION_TOKENS);
        ChatResult res;
        if (ownBound) {
            x.curl(req);
            res = x.client.chat(req, x.cancel);
        } else {
            res = x.send(req, false);
        }
        Outcome o = switch (x.check.kind()) {
            case Check.VISION -> Rules.chatWith(res, x.model, Rule.VISION_INPUT, "An inline PNG image was");
            case Check.DEVELOPER_ROLE -> Rules.chatWith(res, x.model, Rule.ROLE_DEVELOPER, "The developer role was");
            case Check.MAX_TOKENS -> Rules.chatWith(res, x.model, Rule.PARAM_MAX_TOKENS, "max_tokens was");
            default -> Rules.chatWith(res, x.model, Rule.PARAM_MAX_TOKENS, "max_completion_tokens was");
        };
        return Attempt.of(o, res, x.curl);
    }

    private static Attempt responses(Exchange x) throws ApiException {
        boolean stream = x.is(Check.RESPONSES_STREAM);
        ResponsesRequest req = Probes.responses(x.model, stream);
        x.curl = x.client.curl(req, x.side.keyVar);
        if (stream) {
            ResponsesResult res = x.client.streamResponses(req, responsesEvents(x.listener, x.check,
                    x.side.target.apiKey()), x.cancel);
            return Attempt.of(Rules.responsesStream(res), res, x.curl);
        }
        ResponsesResult res = x.client.responses(req, x.cancel);
        return Attempt.of(Rules.responses(res), res, x.curl);
    }

    private static Attempt embeddings(Exchange x) throws ApiException {
        EmbeddingsRequest req = Probes.embeddings(x.model, "float");
        x.curl = x.client.curl(req, x.side.keyVar);
        EmbeddingsResult res = x.client.embeddings(req, x.cancel);
        return Attempt.of(Rules.embeddings(res), res, x.curl, render(res.transcript()));
    }

    /** The float answer first, then the base64 one to compare with it; a failure of the second keeps the first's transcript. */
    private static Attempt embeddingsBase64(Exchange x) throws ApiException {
        EmbeddingsRequest req = Probes.embeddings(x.model, "base64");
        x.curl = x.client.curl(req, x.side.keyVar);
        EmbeddingsResult floats = x.client.embeddings(Probes.embeddings(x.model, "float"), x.cancel);
        // the float request is billed too: the result stands for the base64 one
        List<BilledRequest> others = List.of(new BilledRequest(x.model, floats.requestId(),
                floats.usage() == null ? null : floats.usage().promptTokens(),
                floats.usage() == null ? null : floats.usage().completionTokens()));
        try {
            EmbeddingsResult base64 = x.client.embeddings(req, x.cancel);
            return Attempt.of(Rules.embeddingsBase64(floats, base64), base64, x.curl,
                    render(floats.transcript()) + "\n\n" + render(base64.transcript())).withOthers(others);
        } catch (ApiException e) {
            return Attempt.failed(Rules.failure(e, x.check.kind(), x.side.target.baseUrl()), e, x.curl)
                    .withTranscriptBefore(render(floats.transcript())).withOthers(others);
        }
    }

    /**
     * A person's request check: the body as written (model set to the one this check sends), to its endpoint,
     * streamed when the body says so; the conformance rules on the answer, then the check's assertions. A failed
     * request is judged by the assertions when they expect a status or error; otherwise it is the failure it is, and
     * every assertion says it could not be checked.
     */
    private Attempt request(Exchange x) {
        RequestCheck rc = RequestChecks.find(x.side.plan, x.check).orElse(null);
        if (rc == null) {
            return Attempt.of(new Outcome.Error("", "The request check '" + x.check.featureArgument()
                    + "' is no longer in the plan or its check files."), "");
        }
        if (x.model.isEmpty()) {
            return Attempt.of(new Outcome.Error("", "The body of request check '" + rc.name() + "' names no model and"
                    + " the plan maps no " + RequestChecks.modelKind(rc.api()) + " model to send it to: add \"model\" to the body, or map a model in step 3."), "")
                    .withAssertions(notChecked(rc, "the check was not sent: no model to send it to"));
        }
        Prepared ready = prepare(x, rc);
        if (ready.problem() != null) {
            return Attempt.of(new Outcome.Error("", "Request check '" + rc.name() + "'" + (rc.origin().isEmpty() ? ""
                    : " (" + rc.origin() + ")") + " was not sent: " + ready.problem()), "")
                    .withAssertions(notChecked(rc, "the check was not sent: its file could not be read"));
        }
        RawRequest raw = ready.raw();
        JsonObject sent = ready.sent();
        String sentAs = RequestChecks.sentAs(rc, x.model, x.side.source);
        Judgement j = new Judgement();
        Assertions.Seen seen;
        Attempt attempt;
        try {
            Sent answer = ready.edit() != null ? edit(x, ready.edit(), sent, j)
                    : rc.api().upload() ? transcription(x, rc, ready.upload(), j) : send(x, rc, raw, sent, j);
            seen = answer.seen();
            attempt = answer.attempt();
        } catch (ApiException e) {
            boolean expectsError = rc.assertions().stream().anyMatch(a -> a.kind() == Assertion.Kind.STATUS
                    || a.kind() == Assertion.Kind.ERROR_TYPE || a.kind() == Assertion.Kind.ERROR_SHAPE);
            boolean brokenStream = e.partial() != null && e.partial().streamed();
            PathEvidence path = e.kind() == FailureKind.WRONG_PATH && e.status() == 404
                    ? x.side.pathEvidence(x.cancel) : PathEvidence.UNKNOWN;
            Outcome failure = Rules.failure(e, failureKind(rc), x.side.target.baseUrl(), path);
            Rule failed = Rule.byId(failure.ruleId()).orElse(null);
            if (brokenStream && !expectsError && failure instanceof Outcome.Fail && failed != null) {
                // a stream that broke halfway: the break is a Fail of its own, and what arrived is still judged
                j.fail(failed, failure.reason());
            } else if (!expectsError) {
                return Attempt.failed(withReason(failure, " (" + sentAs + ")"), e, x.curl)
                        .withAssertions(notChecked(rc, "the request failed (" + (e.status() > 0 ? "HTTP " + e.status()
                                : e.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')) + ")"));
            }
            seen = Assertions.Seen.of(e, rc.api());
            attempt = Attempt.failed(null, e, x.curl);
        }
        List<AssertionResult> results = Assertions.decide(rc, sent, seen, prices(x.side.plan).price(x.model), x.model, j);
        long held = results.stream().filter(r -> r.status() == AssertionResult.Status.PASS).count();
        Rule checked = rc.assertions().isEmpty() ? mainRule(rc.api())
                : Rule.byId(results.get(0).ruleId()).orElse(mainRule(rc.api()));
        Outcome o = j.decide(checked, held + " of " + results.size() + " assertion" + (results.size() == 1 ? "" : "s")
                + " held; " + sentAs);
        if (!(o instanceof Outcome.Pass)) {
            o = withReason(o, " (" + sentAs + ")");
        }
        return new Attempt(o, attempt.chat, attempt.requestId, attempt.curl, attempt.shape, attempt.ttftMs,
                attempt.totalMs, attempt.usage, attempt.output, attempt.transcript, results, attempt.others, attempt.media);
    }

    /**
     * A request check ready to send: its JSON body with the model mapped ({@code raw}), or an upload's form
     * ({@code upload}, its file read) with {@code sent} the body as written with the model mapped; or the problem
     * that keeps it from being sent (an upload's file missing or unreadable).
     */
    private record Prepared(RawRequest raw, TranscriptionRequest upload, ImageEditRequest edit, JsonObject sent,
                            String problem) {
    }

    private static Prepared prepare(Exchange x, RequestCheck rc) {
        JsonObject body = rc.body();
        if (!rc.api().upload()) {
            RawRequest raw = new RawRequest(api(rc.api()), body).withModel(x.model);
            x.curl = x.client.curl(raw, x.side.keyVar);
            return new Prepared(raw, null, null, raw.body(), null);
        }
        body.addProperty("model", x.model);
        try {
            if (rc.api() == RequestCheck.Api.IMAGE_EDITS) {
                ImageEditRequest edit = RequestChecks.edit(rc, x.model);
                x.curl = x.client.families().curl(edit, x.side.keyVar);
                return new Prepared(null, null, edit, body, null);
            }
            TranscriptionRequest upload = RequestChecks.upload(rc, x.model);
            x.curl = x.client.families().curl(upload, rc.stream(), x.side.keyVar);
            return new Prepared(null, upload, null, body, null);
        } catch (java.io.IOException e) {
            return new Prepared(null, null, null, body, e.getMessage());
        }
    }

    /**
     * Sends a transcription or translation check's upload and holds the answer to the audio rules: AUD-FORMAT and
     * AUD-TRANSCRIPT, or AUD-STREAM for a streamed transcription ({@code "stream": true}).
     */
    private static Sent transcription(Exchange x, RequestCheck rc, TranscriptionRequest upload, Judgement j)
            throws ApiException {
        if (rc.stream()) {
            TranscriptionStream r = x.client.families().transcribeStreaming(upload, x.cancel);
            FamilyRules.transcriptStream(j, r, false);
            Rules.transport(j, r.transcript(), r.headers(), true);
            String what = "streamed in " + r.deltas() + " " + TranscriptionStream.DELTA + " event"
                    + (r.deltas() == 1 ? "" : "s") + (r.done() ? " and " : " without ") + TranscriptionStream.DONE
                    + ": \"" + Judgement.excerpt(r.done() ? r.text() : r.deltaText()) + "\"";
            return new Sent(Assertions.Seen.of(r), familyAttempt(x, r.requestId(), r.timing(), r.usage(), what,
                    r.transcript()));
        }
        TranscriptionResult r = x.client.families().transcribe(upload, x.cancel);
        String what = FamilyRules.requestTranscription(j, r);
        Rules.transport(j, r.transcript(), r.headers(), false);
        return new Sent(Assertions.Seen.of(rc.api(), r), familyAttempt(x, r.requestId(), r.timing(), r.usage(), what,
                r.transcript()));
    }

    /** Sends an image edit check's upload and holds the answer to the images rules, as a generation's. */
    private static Sent edit(Exchange x, ImageEditRequest edit, JsonObject sent, Judgement j) throws ApiException {
        ImageResult r = x.client.families().editImage(edit, x.cancel);
        String what = FamilyRules.requestImages(j, r, sent);
        Rules.transport(j, r.transcript(), r.headers(), false);
        return new Sent(Assertions.Seen.of(RequestCheck.Api.IMAGE_EDITS, r), familyAttempt(x, r.requestId(), r.timing(),
                r.usage(), what, r.transcript()));
    }

    /** What a request check's exchange gave: the answer as the assertions see it, and as the check reports it. */
    private record Sent(Assertions.Seen seen, Attempt attempt) {
    }

    /** Sends a request check's body to its endpoint and holds the answer to that endpoint's conformance rules. */
    private Sent send(Exchange x, RequestCheck rc, RawRequest raw, JsonObject sent, Judgement j) throws ApiException {
        return switch (rc.api()) {
            case TRANSCRIPTIONS, TRANSLATIONS, IMAGE_EDITS -> throw new IllegalArgumentException(rc.api().key()
                    + " is an upload");
            case CHAT -> {
                ChatResult r = x.client.chat(raw, x.events(), x.cancel);
                Rules.requestChat(j, r, x.model, includeUsage(sent));
                yield new Sent(Assertions.Seen.of(r), Attempt.of(null, r, x.curl));
            }
            case RESPONSES -> {
                ResponsesResult r = x.client.responses(raw, responsesEvents(x.listener, x.check,
                        x.side.target.apiKey()), x.cancel);
                Rules.requestResponses(j, r);
                yield new Sent(Assertions.Seen.of(r), Attempt.of(null, r, x.curl));
            }
            case EMBEDDINGS -> {
                EmbeddingsResult r = x.client.embeddings(raw, x.cancel);
                Rules.requestEmbeddings(j, r);
                yield new Sent(Assertions.Seen.of(r), Attempt.of(null, r, x.curl, render(r.transcript())));
            }
            case IMAGES -> {
                ImageResult r = x.client.families().generateImage(raw, x.cancel);
                String what = FamilyRules.requestImages(j, r, sent);
                Rules.transport(j, r.transcript(), r.headers(), false);
                yield new Sent(Assertions.Seen.of(r), familyAttempt(x, r.requestId(), r.timing(), r.usage(), what,
                        r.transcript()));
            }
            case SPEECH -> {
                SpeechResult r = x.client.families().speech(raw, x.cancel);
                String what = FamilyRules.requestSpeech(j, r);
                Rules.transport(j, null, r.headers(), false);
                yield new Sent(Assertions.Seen.of(r), familyAttempt(x, r.requestId(), r.timing(), null, what,
                        r.transcript()));
            }
            case MODERATIONS -> {
                ModerationResult r = x.client.families().moderate(raw, x.cancel);
                String what = FamilyRules.requestModeration(j, r, sent);
                Rules.transport(j, r.transcript(), r.headers(), false);
                yield new Sent(Assertions.Seen.of(r), familyAttempt(x, r.requestId(), r.timing(), null, what,
                        r.transcript()));
            }
        };
    }

    private static Attempt familyAttempt(Exchange x, String requestId, ai.flatkey.migrate.wire.Timing timing,
                                         Usage usage, String output, ai.flatkey.migrate.wire.Transcript transcript) {
        return new Attempt(null, null, requestId, x.curl, Shape.ok(usage != null, !output.isBlank()), null,
                timing == null ? null : timing.totalMs(), usage, output, render(transcript), List.of(), List.of(),
                List.of());
    }

    private static List<AssertionResult> notChecked(RequestCheck rc, String why) {
        return rc.assertions().stream().map(a -> new AssertionResult(a.kind().ruleId(), a.describe(),
                AssertionResult.Status.NOT_CHECKED, why)).toList();
    }

    /** The outcome with {@code more} after its reason (same verdict, rule and breaches). */
    private static Outcome withReason(Outcome o, String more) {
        String reason = o.reason() + more;
        if (o instanceof Outcome.Pass) {
            return new Outcome.Pass(o.ruleId(), reason, o.breaches());
        }
        if (o instanceof Outcome.Fail) {
            return new Outcome.Fail(o.ruleId(), reason, o.breaches());
        }
        if (o instanceof Outcome.Unsupported) {
            return new Outcome.Unsupported(o.ruleId(), reason, o.breaches());
        }
        return new Outcome.Error(o.ruleId(), reason, o.breaches());
    }

    private static RawRequest.Api api(RequestCheck.Api api) {
        return switch (api) {
            case CHAT -> RawRequest.Api.CHAT;
            case RESPONSES -> RawRequest.Api.RESPONSES;
            case EMBEDDINGS -> RawRequest.Api.EMBEDDINGS;
            case IMAGES -> RawRequest.Api.IMAGES;
            case SPEECH -> RawRequest.Api.SPEECH;
            case MODERATIONS -> RawRequest.Api.MODERATIONS;
            case TRANSCRIPTIONS, TRANSLATIONS, IMAGE_EDITS -> throw new IllegalArgumentException(api.key()
                    + " is sent as an upload,"
                    + " not a JSON body");
        };
    }

    /** The built-in check a request check's failure reads like (which rule a refusal or broken stream breaks). */
    private static String failureKind(RequestCheck rc) {
        return switch (rc.api()) {
            case CHAT -> rc.stream() ? Check.STREAMING : Check.CHAT;
            case RESPONSES -> rc.stream() ? Check.RESPONSES_STREAM : Check.RESPONSES;
            case EMBEDDINGS -> Check.EMBEDDINGS;
            case IMAGES -> FamilyChecks.IMAGES;
            case SPEECH -> FamilyChecks.SPEECH;
            case MODERATIONS -> FamilyChecks.MODERATIONS;
            case TRANSCRIPTIONS -> rc.stream() ? FamilyChecks.TRANSCRIPTION_STREAM : FamilyChecks.TRANSCRIPTIONS;
            case TRANSLATIONS -> FamilyChecks.TRANSLATIONS;
            case IMAGE_EDITS -> FamilyChecks.IMAGE_EDITS;
        };
    }

    private static Rule mainRule(RequestCheck.Api api) {
        return switch (api) {
            case CHAT -> Rule.CHAT_SHAPE;
            case RESPONSES -> Rule.RESP_SHAPE;
            case EMBEDDINGS -> Rule.EMB_SHAPE;
            case IMAGES -> Rule.IMG_SHAPE;
            case SPEECH -> Rule.AUD_SPEECH;
            case MODERATIONS -> Rule.MOD_SHAPE;
            case TRANSCRIPTIONS, TRANSLATIONS -> Rule.AUD_TRANSCRIPT;
            case IMAGE_EDITS -> Rule.IMG_SHAPE;
        };
    }

    /** Whether the body asks for the usage chunk ({@code stream_options.include_usage: true}). */
    private static boolean includeUsage(JsonObject body) {
        JsonElement options = body.get("stream_options");
        JsonElement usage = options != null && options.isJsonObject() ? options.getAsJsonObject().get("include_usage") : null;
        return usage != null && usage.isJsonPrimitive() && usage.getAsJsonPrimitive().isBoolean() && usage.getAsBoolean();
    }

    /** The plan's own prices (typed in the mapping), for cost assertions. */
    private static PriceTable prices(MigrationPlan plan) {
        return PriceTable.of(List.of(), List.of(), plan);
    }

    private Attempt invalidKey(Exchange x) {
        OpenAiClient bad = http.client(config(x.side.target.baseUrl(), INVALID_KEY));
        ChatRequest req = Probes.chat(firstModel(x.side));
        x.curl = invalidKeyCurl(bad.curl(req, "INVALID_KEY"));
        try {
            ChatResult res = bad.chat(req, x.cancel);
            return Attempt.of(Rule.ERR_AUTH.fail("An invalid key was accepted (HTTP " + res.status()
                    + "): anyone could spend on this endpoint, or the gateway ignores the key."), res, x.curl);
        } catch (ApiException e) {
            return Attempt.failed(Rules.invalidKey(e), e, x.curl);
        }
    }

    /**
     * The invalid-key check's curl line, runnable as shown: it sets {@code INVALID_KEY} to the fake key the check
     * sent (nobody has that variable set) before the request that reads it.
     */
    static String invalidKeyCurl(String curl) {
        return "INVALID_KEY='" + INVALID_KEY + "'  # deliberately wrong, for this check\n" + curl;
    }

    private static Attempt unknownModel(Exchange x) {
        ChatRequest req = Probes.chat(NO_SUCH_MODEL);
        x.curl(req);
        try {
            ChatResult res = x.client.chat(req, x.cancel);
            return Attempt.of(Rule.ERR_UNKNOWN_MODEL.fail("The unknown model " + NO_SUCH_MODEL
                    + " was silently served" + (res.model() == null || res.model().isBlank() ? "" : " by " + res.model())
                    + " instead of refused: a typo in a model ID would go unnoticed and be billed."), res, x.curl);
        } catch (ApiException e) {
            return Attempt.failed(Rules.unknownModel(e, NO_SUCH_MODEL), e, x.curl);
        }
    }

    private static Attempt unknownParameter(Exchange x) {
        ChatRequest req = Probes.unknownParameter(firstModel(x.side));
        x.curl(req);
        try {
            ChatResult res = x.client.chat(req, x.cancel);
            return Attempt.of(Rules.unknownParameterAccepted(res), res, x.curl);
        } catch (ApiException e) {
            return Attempt.failed(Rules.unknownParameterRefused(e), e, x.curl);
        }
    }

    /**
     * URL-DOUBLED-PATH and URL-MISSING-V1: the configured base URL's shape, then {@code GET {base}/models}; when that
     * is not the API, {@code GET {base}/v1/models} (or the cut URL's) to show the fix works.
     */
    private Attempt baseUrl(Side side, Cancellation cancel, String curl) {
        String base = side.target.baseUrl().strip().replaceAll("/+$", "");
        BaseUrls.Diagnosis d = BaseUrls.diagnose(base);
        try {
            ModelList list = side.client.listModels(cancel);
            side.recordModels(PathEvidence.answered(list.models().size()));
            if (d.doubledPath()) {
                return new Attempt(Rule.URL_DOUBLED_PATH.fail(base + " ends in an endpoint path; " + d.advice()
                        + " (GET " + base + "/models answered anyway, but chat calls go to …"
                        + base.substring(base.lastIndexOf('/')) + "/chat/completions.)"), null, list.requestId(), curl,
                        Shape.ok(false, false), null, list.totalMs(), null, "", render(list.transcript()));
            }
            return new Attempt(Rule.URL_MISSING_V1.pass("GET " + base + "/models answers the API (" + list.models().size()
                    + " models): the base URL's path is right"), null, list.requestId(), curl,
                    Shape.ok(false, false), null,
                    list.totalMs(), null, "", render(list.transcript()));
        } catch (ApiException e) {
            side.recordModels(pathEvidence(e));
            if (e.kind() != FailureKind.WRONG_PATH && e.kind() != FailureKind.NON_JSON_BODY && e.kind() != FailureKind.PROTOCOL) {
                return Attempt.failed(Rules.failure(e, Check.BASE_URL, base), e, curl);
            }
            String fixed = d.doubledPath() || d.missingVersion() ? d.fixedUrl() : base + "/v1";
            OpenAiClient probe = http.client(config(fixed, side.target.apiKey()));
            String what = "GET " + base + "/models: " + e.getMessage();
            try {
                ModelList list = probe.listModels(cancel);
                Rule rule = d.doubledPath() ? Rule.URL_DOUBLED_PATH : Rule.URL_MISSING_V1;
                return Attempt.failed(rule.fail(what + " GET " + fixed + "/models answers the API ("
                        + list.models().size() + " models): set the base URL to " + fixed + "."), e, curl)
                        .withTranscriptAfter(render(list.transcript()));
            } catch (ApiException again) {
                Outcome o = d.doubledPath() ? Rule.URL_DOUBLED_PATH.fail(what + " " + d.advice())
                        : Rules.failure(e, Check.BASE_URL, base);
                return Attempt.failed(o, e, curl).withTranscriptAfter(render(again.transcript()));
            }
        }
    }

    /** A model the endpoint should serve: the first target chat model, or on the source the first model mapped from. */
    private static String firstModel(Side side) {
        if (side.source) {
            String fromMapping = side.plan.migratingMappings().stream().map(m -> m.sourceModel()).filter(m -> !m.isBlank())
                    .findFirst().orElse(side.plan.inventory().productionModel());
            if (!fromMapping.isBlank()) {
                return fromMapping;
            }
        }
        List<String> models = SmokeSuite.models(side.plan);
        return models.stream().filter(m -> SmokeSuite.chatModel(side.plan, m)).findFirst()
                .orElse(models.isEmpty() ? NO_SUCH_MODEL : models.get(0));
    }

    /**
     * Forwards streamed text, tool-call fragments and the raw events to the listener. Text and arguments are
     * redacted per fragment (a key split across two chunks is not caught here; the stored result is redacted whole);
     * raw events arrive redacted from the client.
     */
    static StreamListener events(SmokeListener listener, Check check, String key) {
        return new StreamListener() {
            @Override
            public void onChunk(ai.flatkey.migrate.wire.StreamChunk chunk) {
                if (chunk.contentDelta() != null && !chunk.contentDelta().isEmpty()) {
                    listener.onToken(check, SafeText.scrub(chunk.contentDelta(), key));
                }
                for (ToolCallDelta d : chunk.toolCallDeltas()) {
                    listener.onToolCallFragment(check, d.index(), SafeText.scrub(d.name(), key),
                            SafeText.scrub(d.arguments(), key));
                }
            }

            @Override
            public void onRawEvent(String event, String data) {
                listener.onRawSse(check, SafeText.text(sse(event, data)));
            }

            @Override
            public void onRawComment(String comment) {
                listener.onRawSse(check, SafeText.text(":" + comment));
            }
        };
    }

    /** Forwards a Responses stream's text deltas and raw events to the listener. */
    static ResponsesListener responsesEvents(SmokeListener listener, Check check, String key) {
        return new ResponsesListener() {
            @Override
            public void onEvent(ai.flatkey.migrate.wire.ResponseEvent e) {
                if (!e.delta().isEmpty()) {
                    listener.onToken(check, SafeText.scrub(e.delta(), key));
                }
            }

            @Override
            public void onRawEvent(String event, String data) {
                listener.onRawSse(check, SafeText.text(sse(event, data)));
            }

            @Override
            public void onRawComment(String comment) {
                listener.onRawSse(check, SafeText.text(":" + comment));
            }
        };
    }

    /** An event back in SSE syntax: {@code event: NAME} when named, then one {@code data: } line per data line. */
    static String sse(String event, String data) {
        String lines = "data: " + (data.indexOf('\n') < 0 ? data : data.replace("\n", "\ndata: "));
        return event == null || event.isEmpty() ? lines : "event: " + event + "\n" + lines;
    }

    private static String replayPrompt(MigrationPlan plan, Check check) {
        int i = Integer.parseInt(check.featureArgument()) - 1;
        return i >= 0 && i < plan.replayPrompts().size() ? plan.replayPrompts().get(i) : PROMPT;
    }


    /** The result of a check, every text in it scrubbed of the secrets and of control characters ({@link SafeText}). */
    private static CheckResult result(Check check, Attempt a, String... secrets) {
        return Texts.map(unscrubbed(check, a, secrets), s -> SafeText.scrub(s, secrets));
    }

    private static CheckResult unscrubbed(Check check, Attempt a, String... secrets) {
        Usage usage = a.usage;
        String output = a.output == null ? "" : Redactor.redact(a.output, secrets);
        output = Excerpts.clip(output, OUTPUT_LIMIT, "…");
        List<RuleBreach> breaches = a.outcome.breaches().stream()
                .map(b -> new RuleBreach(b.ruleId(), b.kind(), Redactor.redact(b.evidence(), secrets))).toList();
        return new CheckResult(check.id(), check.kind(), check.model(), a.outcome.verdict(), a.outcome.ruleId(),
                Redactor.redact(a.outcome.reason(), secrets), a.requestId, a.ttftMs, a.totalMs,
                usage == null ? null : usage.promptTokens(),
                usage == null ? null : usage.completionTokens(),
                usage == null ? null : usage.totalTokens(),
                output, a.curl, null, capTranscript(Redactor.redact(a.transcript, secrets)), breaches,
                a.assertions.stream().map(r -> new AssertionResult(r.ruleId(), Redactor.redact(r.assertion(), secrets),
                        r.status(), Redactor.redact(r.evidence(), secrets))).toList(), a.others);
    }

    /** A transcript cut to {@link #TRANSCRIPT_LIMIT} characters, saying so. */
    static String capTranscript(String text) {
        if (text == null || text.length() <= TRANSCRIPT_LIMIT) {
            return text == null ? "" : text;
        }
        String cut = Excerpts.cut(text, TRANSCRIPT_LIMIT);
        int nl = cut.lastIndexOf('\n');
        return (nl > TRANSCRIPT_LIMIT / 2 ? cut.substring(0, nl + 1) : cut + "\n") + "… (truncated: " + text.length()
                + " characters in all; the first " + TRANSCRIPT_LIMIT + " are kept)";
    }

    /** The environment variable a curl line should read the key from. */
    static String keyVariable(String keyRef) {
        if (keyRef != null && keyRef.startsWith("env:") && keyRef.length() > 4) {
            return keyRef.substring(4);
        }
        return "FLATKEY_API_KEY";
    }
}
