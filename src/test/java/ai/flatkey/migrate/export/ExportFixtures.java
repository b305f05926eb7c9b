package ai.flatkey.migrate.export;

import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.Checklist;
import ai.flatkey.migrate.plan.ChecklistItem;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.Inventory;
import ai.flatkey.migrate.plan.ItemStatus;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.Parameters;
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
                new ModelMapping("gpt-4o-mini", "gpt-5.5", List.of("chat", "streaming", "tools"), "Production model"),
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
                check("bad-key", "", Verdict.ERROR, "TLS-VERIFY", "Connection reset while reading the response", "", null, null, null, ""));
        List<CheckResult> source = List.of(
                check("chat", "gpt-5.5", Verdict.PASS, "", "ok", "src_1", 250L, 540L, 40, ""),
                check("streaming", "gpt-5.5", Verdict.PASS, "", "ok", "src_2", 150L, 990L, 55, ""),
                check("chat", "deepseek-chat", Verdict.PASS, "", "ok", "src_3", 300L, 800L, 50, ""));
        List<SmokeRun> runs = List.of(
                new SmokeRun("2026-11-25T09:00:00Z", "https://api.openai.com/v1", source),
                new SmokeRun("2026-11-25T09:30:12Z", "https://router.flatkey.ai/v1", target));
        List<ChecklistItem> items = List.of(
                new ChecklistItem(Checklist.QUOTA, ItemStatus.DONE, "Limit of 5 USD set on the test key"),
                new ChecklistItem(Checklist.BILLING, ItemStatus.OPEN, "Waiting for the first invoice line"),
                new ChecklistItem(Checklist.SDK, ItemStatus.NOT_APPLICABLE, "The app calls the API with curl only in this job"));
        List<RolloutStage> stages = new ArrayList<>(RolloutStage.defaults());
        stages.set(0, new RolloutStage(stages.get(0).name(), stages.get(0).gate(), ItemStatus.DONE, "Done on staging"));
        return new MigrationPlan(MigrationPlan.SCHEMA_VERSION, "Support bot to Flatkey", inv,
                new Endpoint("openai", "https://api.openai.com/v1", "env:OPENAI_API_KEY"), Endpoint.flatkey(), mappings, runs, items,
                stages, new Rollback("https://api.openai.com/v1", "gpt-4o-mini", "env:OPENAI_API_KEY",
                "Keep the previous key valid until billing has been reconciled."), "2026-11-25T09:45:00Z");
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
        runs.add(new SmokeRun(last.startedAt(), last.targetBaseUrl(), results));
        return p.withName("Bot <script>alert(1)</script> & co")
                .withSmokeRuns(runs)
                .withChecklistItem(new ChecklistItem(Checklist.USAGE_LOG, ItemStatus.DONE, "pasted from console: " + CANARY + " " + evil))
                .withRollback(new Rollback("https://api.openai.com/v1", "gpt-4o-mini\nFLATKEY_API_KEY=" + CANARY, "env:OPENAI_API_KEY",
                        "old key was " + CANARY));
    }
}
