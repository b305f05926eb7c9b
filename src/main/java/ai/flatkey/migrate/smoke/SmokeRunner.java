package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.wire.ApiException;
import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.ChatRequest;
import ai.flatkey.migrate.wire.ChatResult;
import ai.flatkey.migrate.wire.ClientConfig;
import ai.flatkey.migrate.wire.ModelList;
import ai.flatkey.migrate.wire.OpenAiClient;
import ai.flatkey.migrate.wire.Redactor;
import okhttp3.OkHttpClient;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;

/**
 * Runs a plan's checks concurrently (at most {@link #PER_TARGET_LIMIT} at a time against one target), emits live
 * events, and collects a {@link SmokeRun} in catalog order. Cancelling closes every open connection at once; checks
 * that had not started end as Error "cancelled".
 */
public final class SmokeRunner {
    public static final int PER_TARGET_LIMIT = 4;
    static final String PROMPT = "Reply with one sentence confirming this migration smoke test worked.";
    private static final int OUTPUT_LIMIT = 2_000;

    private final OkHttpClient http;
    private final ExecutorService executor;
    private final Clock clock;

    public SmokeRunner(OkHttpClient http, ExecutorService executor, Clock clock) {
        this.http = Objects.requireNonNull(http);
        this.executor = Objects.requireNonNull(executor);
        this.clock = Objects.requireNonNull(clock);
    }

    public CompletableFuture<SmokeRun> run(MigrationPlan plan, Target target, SmokeListener listener, Cancellation cancel) {
        List<Check> checks = SmokeSuite.derive(plan);
        OpenAiClient client = new OpenAiClient(http, ClientConfig.of(target.baseUrl(), target.apiKey()));
        String keyVar = keyVariable(plan.target().keyRef());
        String startedAt = clock.instant().toString();
        Semaphore slots = new Semaphore(PER_TARGET_LIMIT);
        List<CompletableFuture<CheckResult>> futures = new ArrayList<>();
        for (Check check : checks) {
            futures.add(CompletableFuture.supplyAsync(() -> {
                try {
                    slots.acquire();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return finish(listener, check, cancelled(check), null, "");
                }
                try {
                    return runOne(client, plan, check, listener, cancel, keyVar, target.apiKey());
                } finally {
                    slots.release();
                }
            }, executor));
        }
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                .thenApply(v -> new SmokeRun(startedAt, target.baseUrl(), futures.stream().map(CompletableFuture::join).toList()));
    }

    private CheckResult runOne(OpenAiClient client, MigrationPlan plan, Check check, SmokeListener listener,
                               Cancellation cancel, String keyVar, String key) {
        if (cancel.isCancelled()) {
            return finish(listener, check, cancelled(check), null, "");
        }
        listener.onStarted(check);
        String curl = "";
        try {
            switch (check.feature()) {
                case Check.MODELS -> {
                    ModelList list = client.listModels(cancel);
                    CheckResult r = result(check, Rules.models(list, SmokeSuite.models(plan)), list.requestId(),
                            null, list.totalMs(), null, "", "curl -sS \"" + client.config().baseUrl().replaceAll("/+$", "")
                                    + "/models\" -H \"Authorization: Bearer $" + keyVar + "\"");
                    listener.onFinished(check, r);
                    return r;
                }
                case Check.CHAT -> {
                    ChatRequest req = ChatRequest.simple(check.model(), PROMPT, false);
                    curl = client.curl(req, keyVar);
                    ChatResult res = client.chat(req, cancel);
                    return finish(listener, check, Rules.chat(res), res, curl);
                }
                case Check.STREAMING -> {
                    ChatRequest req = ChatRequest.simple(check.model(), PROMPT, true);
                    curl = client.curl(req, keyVar);
                    ChatResult res = client.streamChat(req, chunk -> {
                        if (chunk.contentDelta() != null && !chunk.contentDelta().isEmpty()) {
                            listener.onToken(check, chunk.contentDelta());
                        }
                    }, cancel);
                    return finish(listener, check, Rules.streaming(res), res, curl);
                }
                default -> {
                    return finish(listener, check, new Outcome.Error("", "Unknown check feature " + check.feature()), null, curl);
                }
            }
        } catch (ApiException e) {
            return finish(listener, check, Rules.failure(e, check.feature()), e.partial(), curl, e.requestId());
        } catch (RuntimeException e) {
            String what = Redactor.redact(String.valueOf(e.getMessage()), key);
            return finish(listener, check, new Outcome.Error("", "Unexpected error in the check: "
                    + e.getClass().getSimpleName() + ": " + what), null, curl);
        }
    }

    private CheckResult finish(SmokeListener listener, Check check, Outcome outcome, ChatResult res, String curl) {
        return finish(listener, check, outcome, res, curl, res == null ? "" : res.requestId());
    }

    private CheckResult finish(SmokeListener listener, Check check, Outcome outcome, ChatResult res, String curl, String requestId) {
        CheckResult r;
        if (res == null) {
            r = result(check, outcome, requestId, null, null, null, "", curl);
        } else {
            r = result(check, outcome, requestId == null || requestId.isBlank() ? res.requestId() : requestId,
                    res.timing() == null ? null : res.timing().ttftMs(),
                    res.timing() == null ? null : res.timing().totalMs(),
                    res.usage(), res.content(), curl);
        }
        listener.onFinished(check, r);
        return r;
    }

    private static CheckResult result(Check check, Outcome o, String requestId, Long ttft, Long total,
                                      ai.flatkey.migrate.wire.Usage usage, String output, String curl) {
        String out = output == null ? "" : output.length() > OUTPUT_LIMIT ? output.substring(0, OUTPUT_LIMIT) + "…" : output;
        return new CheckResult(check.id(), check.feature(), check.model(), o.verdict(), o.ruleId(), o.reason(), requestId,
                ttft, total,
                usage == null ? null : usage.promptTokens(),
                usage == null ? null : usage.completionTokens(),
                usage == null ? null : usage.totalTokens(),
                out, curl);
    }

    private static Outcome cancelled(Check check) {
        return new Outcome.Error("", "Cancelled before it ran.");
    }

    /** The environment variable a curl line should read the key from. */
    static String keyVariable(String keyRef) {
        if (keyRef != null && keyRef.startsWith("env:") && keyRef.length() > 4) {
            return keyRef.substring(4);
        }
        return "FLATKEY_API_KEY";
    }
}
