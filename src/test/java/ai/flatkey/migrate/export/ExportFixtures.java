package ai.flatkey.migrate.export;

import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.Checklist;
import ai.flatkey.migrate.plan.ChecklistItem;
import ai.flatkey.migrate.plan.Comparison;
import ai.flatkey.migrate.plan.Confirmation;
import ai.flatkey.migrate.plan.Assertion;
import ai.flatkey.migrate.plan.AssertionResult;
import ai.flatkey.migrate.plan.RequestCheck;
import ai.flatkey.migrate.plan.RuleBreach;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.Inventory;
import ai.flatkey.migrate.plan.ItemStatus;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.Parameters;
import ai.flatkey.migrate.plan.Reconciliation;
import ai.flatkey.migrate.plan.RepeatStats;
import ai.flatkey.migrate.plan.Rollback;
import ai.flatkey.migrate.plan.RolloutStage;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.Verdict;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Fixed plans and a fixed clock for export tests. */
final class ExportFixtures {
    static final Instant NOW = Instant.parse("2026-11-25T10:30:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String GENERATOR = "Flatkey Migration Assistant (test)";
    static final String CANARY = "sk-test-canary-7Qv2LmX9pR4tZ8wN";

    private ExportFixtures() {
    }

    static Exporter exporter() {
        return new Exporter(CLOCK, GENERATOR);
    }

    static CheckResult check(String feature, String model, Verdict v, String rule, String reason, String requestId,
                             Long ttft, Long total, Integer tokens, String output) {
        String id = feature + (model.isBlank() ? "" : ":" + model);
        return new CheckResult(id, feature, model, v, rule, reason, requestId, ttft, total,
                tokens == null ? null : tokens / 3, tokens == null ? null : tokens - tokens / 3, tokens, output,
                "curl -sS \"$OPENAI_BASE_URL/chat/completions\" -H \"Authorization: Bearer $FLATKEY_API_KEY\" -d '{\"model\":\"" + model + "\"}'");
    }

    /** A plan with everything filled in: inventory, mappings, two runs (target and current provider), notes. */
    static MigrationPlan full() {
        Inventory inv = new Inventory("Python openai 1.x", List.of("chat", "embeddings"), "https://api.openai.com/v1", "gpt-4o-mini",
                List.of("gpt-4.1-mini"), "system prompt + user text; tool messages",
                new Parameters(true, 0.3, 400, true, false, "", null, 30, 2),
                "Request IDs and token counts in the app log", "Restore OPENAI_BASE_URL and the model from ROLLBACK_* variables");
        List<ModelMapping> mappings = List.of(
                new ModelMapping("gpt-4o-mini", "gpt-5.5", List.of("chat", "streaming", "tools"), "Production model", 1.25, 10.0),
                new ModelMapping("gpt-4.1-mini", "deepseek-chat", List.of("chat", "streaming"), "Fallback"));
        List<CheckResult> target = List.of(
                check("models", "", Verdict.PASS, "", "12 models listed", "req_models_1", null, 84L, null, ""),
                check("chat", "gpt-5.5", Verdict.PASS, "", "Answered with a usable assistant message", "req_chat_1", 310L, 620L, 42,
                        "The request is routed through the gateway."),
                check("streaming", "gpt-5.5", Verdict.PASS, "", "31 chunks, [DONE] received", "req_stream_1", 180L, 1240L, 57,
                        "Streaming works: token by token."),
                check("tools", "gpt-5.5", Verdict.FAIL, "TOOL-FINISH-REASON", "finish_reason was stop, expected tool_calls",
                        "req_tools_1", 402L, 905L, 88, "{\"name\":\"get_weather\"}"),
                check("chat", "deepseek-chat", Verdict.PASS, "", "Answered with a usable assistant message", "req_chat_2", 520L, 1480L, 51,
                        "Routed through the gateway."),
                check("streaming", "deepseek-chat", Verdict.UNSUPPORTED, "SSE-STREAM-OPTIONS", "stream_options rejected with 400",
                        "req_stream_2", null, 210L, null, ""),
                requestResult(),
                check("bad-key", "", Verdict.ERROR, "TLS-VERIFY", "Connection reset while reading the response", "", null, null, null, ""));
        List<CheckResult> source = List.of(
                check("chat", "gpt-4o-mini", Verdict.PASS, "", "ok", "src_1", 250L, 540L, 40, ""),
                check("streaming", "gpt-4o-mini", Verdict.PASS, "", "ok", "src_2", 150L, 990L, 55, ""),
                check("tools", "gpt-4o-mini", Verdict.PASS, "", "ok", "src_3", 300L, 700L, 80, ""),
                check("chat", "gpt-4.1-mini", Verdict.PASS, "", "ok", "src_4", 300L, 800L, 50, ""));
        List<Comparison> comparisons = List.of(
                new Comparison("chat:gpt-5.5", "gpt-4o-mini", "gpt-5.5", Verdict.PASS, Verdict.PASS, List.of(), 540L, 620L, 40, 42),
                new Comparison("streaming:gpt-5.5", "gpt-4o-mini", "gpt-5.5", Verdict.PASS, Verdict.PASS,
                        List.of("no usage chunk at the end of the stream"), 990L, 1240L, 55, 57),
                new Comparison("tools:gpt-5.5", "gpt-4o-mini", "gpt-5.5", Verdict.PASS, Verdict.FAIL,
                        List.of("finish_reason stop instead of tool_calls"), 700L, 905L, 80, 88),
                new Comparison("chat:deepseek-chat", "gpt-4.1-mini", "deepseek-chat", Verdict.PASS, Verdict.PASS, List.of(), 800L, 1480L, 50, 51));
        List<CheckResult> targetWithStats = new ArrayList<>(target);
        targetWithStats.set(1, target.get(1).withStats(new RepeatStats(5, 5, 600L, 700L, 300L, 340L)));
        String startedAt = "2026-11-25T09:30:12Z";
        List<SmokeRun> runs = List.of(
                new SmokeRun("2026-11-24T16:00:00Z", "https://router.flatkey.ai/v1", List.of(
                        check("chat", "gpt-5.5", Verdict.FAIL, "ERR-AUTH", "401 with the old key", "req_old", null, 90L, null, ""))),
                new SmokeRun(startedAt, "https://router.flatkey.ai/v1", targetWithStats, "https://api.openai.com/v1", source, comparisons));
        Reconciliation reconciliation = new Reconciliation(startedAt, "2026-11-25T09:40:00Z", "flatkey", List.of(
                new Reconciliation.Row("chat:gpt-5.5", "req_chat_1", "gpt-5.5", "gpt-5.5", 42, 42, 0.00021, 0.00021, "200",
                        Reconciliation.Status.MATCH, ""),
                new Reconciliation.Row("streaming:gpt-5.5", "req_stream_1", "gpt-5.5", "gpt-5.5", 57, 61, 0.00028, 0.00031, "200",
                        Reconciliation.Status.MISMATCH, "the log counts 61 tokens, the response said 57"),
                new Reconciliation.Row("chat:deepseek-chat", "req_chat_2", "deepseek-chat", "", 51, null, 0.00005, null, "",
                        Reconciliation.Status.NOT_VISIBLE_YET, "not in the key's log after 30 s"),
                new Reconciliation.Row("models", "req_models_1", "", "", null, null, null, null, "", Reconciliation.Status.NOT_CHECKABLE,
                        "the models route is not billed")),
                4.99954, 4.9989, 0.00054, List.of("requests 59/60, resets in 1s", "tokens 149800/150000, resets in 6m0s"),
                "One request differs and one is not in the log yet; the rest match.");
        List<ChecklistItem> items = List.of(
                new ChecklistItem(Checklist.QUOTA, ItemStatus.DONE, "Limit of 5 USD set on the test key"),
                new ChecklistItem(Checklist.BILLING, ItemStatus.OPEN, "Waiting for the first invoice line"),
                new ChecklistItem(Checklist.SDK, ItemStatus.NOT_APPLICABLE, "The app calls the API with curl only in this job"));
        List<RolloutStage> stages = new ArrayList<>(RolloutStage.defaults());
        stages.set(0, new RolloutStage(stages.get(0).name(), stages.get(0).gate(), ItemStatus.DONE, "Done on staging",
                "Dana Reviewer", "2026-11-24"));
        stages.set(1, stages.get(1).withOwner("Platform team").withDate("2026-12-01"));
        return new MigrationPlan(MigrationPlan.SCHEMA_VERSION, "Support bot to Flatkey", inv,
                new Endpoint("openai", "https://api.openai.com/v1", "env:OPENAI_API_KEY"), Endpoint.flatkey(), mappings, runs, items,
                stages, new Rollback("https://api.openai.com/v1", "gpt-4o-mini", "env:OPENAI_API_KEY",
                "Keep the previous key valid until billing has been reconciled.", "2026-11-25T09:44:00Z"), "2026-11-25T09:45:00Z",
                List.of(refundPolicyCheck()), List.of(),
                List.of("Where is my order?", "Cancel my subscription."), reconciliation,
                List.of(new Confirmation(Checklist.QUOTA, "Dana Reviewer", "2026-11-25T09:50:00Z", "Console screenshot in ticket OPS-42")),
                5.0, List.of());
    }

    /** The request check of the full plan: a chat body with a system prompt and temperature, and three assertions. */
    static RequestCheck refundPolicyCheck() {
        JsonObject body = JsonParser.parseString("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":"
                + "\"You are a support bot.\"},{\"role\":\"user\",\"content\":\"Summarise our refund policy in one line.\"}],"
                + "\"temperature\":0}").getAsJsonObject();
        return new RequestCheck("refund-policy", RequestCheck.Api.CHAT, body, List.of(
                Assertion.of(Assertion.Kind.NOT_EMPTY), Assertion.textIgnoringCase(Assertion.Kind.CONTAINS, "refund"),
                Assertion.number(Assertion.Kind.LATENCY, 2000), Assertion.number(Assertion.Kind.COST, 0.01)), "");
    }

    /** Its result in the latest run: the answer had text but not the word, and was fast. */
    private static CheckResult requestResult() {
        return new CheckResult("request:refund-policy", "request", "gpt-5.5", Verdict.FAIL, "ASSERT-CONTAINS",
                "contains \"refund\" (any case): the answer does not contain it: \"We take returns within 30 days.\" (sent to"
                        + " gpt-5.5 (the body says gpt-4o-mini; the plan maps it))", "req_request_1", null, 700L, 20, 9, 29,
                "We take returns within 30 days.", "curl -sS \"$OPENAI_BASE_URL/chat/completions\" -d '{\"model\":\"gpt-5.5\"}'",
                null, "", List.of(new RuleBreach("ASSERT-CONTAINS", RuleBreach.Kind.FAIL,
                        "contains \"refund\" (any case): the answer does not contain it: \"We take returns within 30 days.\"")),
                List.of(new AssertionResult("ASSERT-NOT-EMPTY", "answer not empty", AssertionResult.Status.PASS,
                                "31 characters: \"We take returns within 30 days.\""),
                        new AssertionResult("ASSERT-CONTAINS", "contains \"refund\" (any case)", AssertionResult.Status.FAIL,
                                "the answer does not contain it: \"We take returns within 30 days.\""),
                        new AssertionResult("ASSERT-LATENCY", "latency ≤ 2000 ms", AssertionResult.Status.PASS, "answered in 700 ms"),
                        new AssertionResult("ASSERT-COST", "cost ≤ $0.01", AssertionResult.Status.PASS,
                                "$0.000115 for 29 tokens (20 prompt + 9 completion) at typed prices")))
                .withOtherRequests(List.of(new ai.flatkey.migrate.plan.BilledRequest("gpt-5.5", "req_request_2", 20, 11)));
    }

    /** A fresh plan: nothing run, nothing mapped. */
    static MigrationPlan empty() {
        return MigrationPlan.newPlan("Billing API");
    }

    /** The full plan with hostile text everywhere a server or a person writes, including the canary key. */
    static MigrationPlan hostile() {
        MigrationPlan p = full();
        String evil = "<script>alert('x')</script></td></tr></table><img src=x onerror=alert(1)> & \"quoted\" \u0000\u0007 日本語 \uD83D\uDE80 \uD800";
        List<SmokeRun> runs = new ArrayList<>(p.smokeRuns());
        SmokeRun last = runs.remove(runs.size() - 1);
        List<CheckResult> results = new ArrayList<>(last.results());
        results.add(check("chat", "evil</td><script>m</script>", Verdict.FAIL, "CHAT-SHAPE",
                "echo: Authorization: Bearer " + CANARY + " " + evil, "req_<b>9</b>", 5L, 10L, 3,
                "model said " + evil + " key=" + CANARY + " and {\"api_key\": \"" + CANARY + "\"}"));
        results.add(new CheckResult("request:evil-check", "request", "evil</td>", Verdict.FAIL, "ASSERT-REGEX",
                "matches /" + evil + "/: " + CANARY, "req_evil", null, 5L, 1, 1, 2, "said " + evil + " " + CANARY, "curl …",
                null, "", List.of(new RuleBreach("ASSERT-REGEX", RuleBreach.Kind.FAIL, "evidence " + evil + " " + CANARY)),
                List.of(new AssertionResult("ASSERT-REGEX", "matches /" + evil + "/", AssertionResult.Status.FAIL,
                        "the answer " + evil + " does not match; key " + CANARY))));
        results.set(0, new CheckResult(results.get(0).checkId(), "models", "", Verdict.PASS, "", "ok", "req_models_1", null, 84L,
                null, null, null, "", "", null, "> POST /v1/models\n> Authorization: Bearer " + CANARY + "\n< 200 " + evil));
        List<Comparison> comparisons = new ArrayList<>(last.comparisons());
        comparisons.add(new Comparison("chat:evil", "<b>src</b>", "evil</td>", Verdict.PASS, Verdict.FAIL,
                List.of("source echoed " + CANARY + " " + evil), 1L, 2L, 3, 4));
        runs.add(new SmokeRun(last.startedAt(), last.targetBaseUrl(), results, last.sourceBaseUrl(), last.sourceResults(), comparisons));
        Reconciliation rec = p.reconciliation();
        List<Reconciliation.Row> rows = new ArrayList<>(rec.rows());
        rows.add(new Reconciliation.Row("chat:evil", "req_<b>9</b>", "evil</td>", "<i>billed</i>", 3, 4, 0.1, 0.2, "500 " + evil,
                Reconciliation.Status.MISMATCH, "log says key " + CANARY + " " + evil));
        return p.withName("Bot <script>alert(1)</script> & co")
                .withReconciliation(new Reconciliation(rec.runStartedAt(), rec.checkedAt(), "<script>src</script>", rows, rec.quotaBefore(),
                        rec.quotaAfter(), rec.suiteCostUsd(), List.of("x-ratelimit " + evil), "note " + CANARY + " " + evil))
                .withConfirmation(new Confirmation("billing", "Mallory <script>", "now", "pasted " + CANARY + " " + evil))
                .withRequestChecks(List.of(hostileCheck(evil)))
                .withReplayPrompts(List.of("replay " + CANARY + " " + evil))
                .withSmokeRuns(runs)
                .withChecklistItem(new ChecklistItem(Checklist.USAGE_LOG, ItemStatus.DONE, "pasted from console: " + CANARY + " " + evil))
                .withRollback(new Rollback("https://api.openai.com/v1", "gpt-4o-mini\nFLATKEY_API_KEY=" + CANARY, "env:OPENAI_API_KEY",
                        "old key was " + CANARY, "when " + CANARY + " " + evil))
                .withRollout(hostileStages(p.rollout(), evil));
    }

    /** A request check whose body, assertion and origin carry the canary key and markup. */
    private static RequestCheck hostileCheck(String evil) {
        JsonObject body = new JsonObject();
        com.google.gson.JsonArray messages = new com.google.gson.JsonArray();
        JsonObject user = new JsonObject();
        user.addProperty("role", "user");
        user.addProperty("content", "prompt " + CANARY + evil);
        messages.add(user);
        body.add("messages", messages);
        body.addProperty("api_key", CANARY);
        return new RequestCheck("evil-check", RequestCheck.Api.CHAT, body,
                List.of(Assertion.text(Assertion.Kind.REGEX, evil), Assertion.text(Assertion.Kind.CONTAINS, CANARY)),
                "checks.yaml:1 " + evil);
    }

    private static List<RolloutStage> hostileStages(List<RolloutStage> stages, String evil) {
        List<RolloutStage> all = new ArrayList<>(stages);
        all.set(1, new RolloutStage("stage " + evil, "gate " + evil, ItemStatus.OPEN, "note " + CANARY,
                "owner " + CANARY + " " + evil, "date " + CANARY + " " + evil));
        return all;
    }
}
