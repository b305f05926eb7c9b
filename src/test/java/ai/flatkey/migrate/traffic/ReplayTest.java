package ai.flatkey.migrate.traffic;

import ai.flatkey.migrate.demo.DemoConfig;
import ai.flatkey.migrate.demo.DemoGateway;
import ai.flatkey.migrate.plan.AssertionResult;
import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.Verdict;
import ai.flatkey.migrate.secrets.KeyResolver;
import ai.flatkey.migrate.smoke.Check;
import ai.flatkey.migrate.smoke.SmokeRunner;
import ai.flatkey.migrate.smoke.SmokeService;
import ai.flatkey.migrate.smoke.SuiteRun;
import ai.flatkey.migrate.usage.UsageService;
import ai.flatkey.migrate.usage.Verification;
import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.Transport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A recording made from the demo gateway replays against it with every check passing; mapped to a demo fault model
 * the right REPLAY rules fail, with evidence that says only what was seen.
 */
class ReplayTest {
    private static DemoGateway gateway;
    private static ExecutorService pool;
    private static Transport http;
    private static Path recording;

    @TempDir
    static Path dir;

    @BeforeAll
    static void record() throws Exception {
        gateway = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(0));
        pool = Executors.newFixedThreadPool(8);
        http = Transport.create();
        DemoRecordings rec = new DemoRecordings(gateway.baseUrl(), DemoGateway.DEMO_KEY);
        List<RecordedCall> calls = new ArrayList<>(rec.suite());
        calls.add(rec.image());
        recording = DemoRecordings.write(dir.resolve("demo.flatkey-recording.jsonl"), gateway.baseUrl(), calls,
                DemoGateway.DEMO_KEY);
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
        http.close();
        gateway.close();
    }

    static MigrationPlan demoPlan(String chatTarget) throws Exception {
        MigrationPlan p = new PlanStore().load(Path.of("assets/sample-plans/demo.json"));
        List<ModelMapping> mappings = p.mappings().stream().map(m -> m.sourceModel().equals("gpt-4o-mini")
                ? new ModelMapping(m.sourceModel(), chatTarget, m.features(), m.notes()) : m).toList();
        return p.withTarget(p.target().withBaseUrl(gateway.baseUrl())).withMappings(mappings);
    }

    private static Replay.Outcome replay(MigrationPlan plan, Path file, Replay.Options options) throws Exception {
        return replay(plan, file, options, new ArrayList<>());
    }

    private static Replay.Outcome replay(MigrationPlan plan, Replay.Options options, List<CheckResult> live)
            throws Exception {
        return replay(plan, recording, options, live);
    }

    private static Replay.Outcome replay(MigrationPlan plan, Path file, Replay.Options options, List<CheckResult> live)
            throws Exception {
        KeyResolver keys = new KeyResolver(k -> null);
        keys.remember("demo", DemoGateway.DEMO_KEY);
        SuiteRun suite = new SuiteRun(SmokeService.of(new SmokeRunner(http, pool, Clock.systemUTC())),
                new Verification(UsageService.of(() -> http, Clock.systemUTC())), keys);
        Replay.Selected selected = Replay.select(RecordingReader.read(file), file.getFileName().toString(), options);
        Replay.Prepared prepared = new Replay(suite).prepare(plan, selected, options, List.of(), false);
        return new Replay(suite).execute(prepared, new Replay.Listener() {
            @Override
            public void onFinished(Check check, CheckResult result) {
                live.add(result);
            }
        }, new Cancellation());
    }

    private static CheckResult result(SmokeRun run, String name) {
        return run.results().stream().filter(r -> r.checkId().startsWith("request:" + name)).findFirst().orElseThrow();
    }

    @Test
    void aDemoRecordingReplaysAgainstTheDemoGatewayWithEveryCheckPassing() throws Exception {
        List<CheckResult> live = new java.util.concurrent.CopyOnWriteArrayList<>();
        Replay.Outcome o = replay(demoPlan("gpt-5.5"), Replay.Options.defaults(), live);
        SmokeRun run = o.run();
        String all = run.results().stream().map(r -> r.checkId() + " " + r.verdict() + " [" + r.ruleId() + "] "
                + r.reason()).reduce("", (a, b) -> a + "\n" + b);
        assertThat(run.results()).as(all).hasSize(6).allMatch(CheckResult::passed);
        assertThat(o.selected().selection().recorded()).isEqualTo(8);
        assertThat(o.selected().selection().skipped()).singleElement()
                .satisfies(s -> assertThat(s.why()).contains("/v1/images/generations", "costly"));
        assertThat(result(run, "replay-1").model()).as("mapped through the plan").isEqualTo("gpt-5.5");
        assertThat(result(run, "replay-6").model()).as("an unmapped model is sent as written")
                .isEqualTo("text-embedding-3-small");
        List<String> rules = run.results().stream().flatMap(r -> r.assertions().stream()).map(AssertionResult::ruleId)
                .distinct().toList();
        assertThat(rules).contains("REPLAY-FINISH-REASON", "REPLAY-TOOL-CALLS", "REPLAY-TOOL-ARGS", "REPLAY-JSON",
                "REPLAY-USAGE", "REPLAY-STREAM-DONE", "REPLAY-EMBEDDINGS").noneMatch(id -> id.startsWith("ASSERT-"));
        assertThat(result(run, "replay-3").assertions()).extracting(AssertionResult::assertion)
                .contains("as recorded: tool call get_weather", "as recorded: finish_reason tool_calls");
        assertThat(run.compared()).isTrue();
        assertThat(run.sourceBaseUrl()).startsWith("recording demo.flatkey-recording.jsonl");
        assertThat(run.comparisons()).hasSize(6).allMatch(c -> c.matches());
        assertThat(run.sourceResults()).allSatisfy(r -> assertThat(r.totalMs()).isNotNull());
        assertThat(live).hasSize(6).allSatisfy(r -> assertThat(r.assertions())
                .noneMatch(a -> a.ruleId().startsWith("ASSERT-")));
    }

    @Test
    void aStreamWithoutDoneFailsTheStreamRuleAndNothingElse() throws Exception {
        MigrationPlan plan = demoPlan("demo-no-done");
        Replay.Outcome outcome = replay(plan, Replay.Options.defaults(), new ArrayList<>());
        SmokeRun run = outcome.run();
        MigrationPlan stored = outcome.applyTo(plan, Clock.systemUTC());
        assertThat(ai.flatkey.migrate.export.ChecklistMarkdown.render(stored)).as("every export shows the verdicts")
                .contains("REPLAY-STREAM-DONE", "recording demo.flatkey-recording.jsonl");
        assertThat(ai.flatkey.migrate.export.JunitXml.render(stored)).contains("request:replay-2", "REPLAY-STREAM-DONE");
        CheckResult stream = result(run, "replay-2");
        assertThat(stream.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(stream.decidingRuleIds()).contains("REPLAY-STREAM-DONE");
        assertThat(stream.assertions()).filteredOn(a -> a.status() == AssertionResult.Status.FAIL)
                .extracting(AssertionResult::ruleId).containsExactly("REPLAY-STREAM-DONE");
        assertThat(stream.assertions()).filteredOn(a -> a.ruleId().equals("REPLAY-STREAM-DONE")).singleElement()
                .satisfies(a -> assertThat(a.evidence()).startsWith("the stream ended without data: [DONE] after"));
        assertThat(result(run, "replay-1").verdict()).as("a plain answer has no [DONE] to lose").isEqualTo(Verdict.PASS);
        assertThat(run.comparisons()).filteredOn(c -> c.checkId().startsWith("request:replay-2")).singleElement()
                .satisfies(c -> assertThat(c.differences()).anyMatch(d -> d.startsWith("REPLAY-STREAM-DONE: recorded"
                        + " stream ends with [DONE]; target: the stream ended without data: [DONE]")));
    }

    @Test
    void anAnswerWithoutUsageFailsTheUsageRuleWithTheEvidenceSeen() throws Exception {
        SmokeRun run = replay(demoPlan("demo-no-usage"), Replay.Options.defaults(), new ArrayList<>()).run();
        CheckResult plain = result(run, "replay-1");
        assertThat(plain.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(plain.decidingRuleIds()).contains("REPLAY-USAGE");
        assertThat(plain.assertions()).filteredOn(a -> a.ruleId().equals("REPLAY-USAGE")).singleElement()
                .satisfies(a -> {
                    assertThat(a.status()).isEqualTo(AssertionResult.Status.FAIL);
                    assertThat(a.evidence()).isEqualTo("the answer carries no usage");
                });
        assertThat(plain.assertions()).filteredOn(a -> !a.ruleId().equals("REPLAY-USAGE"))
                .allMatch(a -> a.status() == AssertionResult.Status.PASS);
        assertThat(result(run, "replay-6").verdict()).as("embeddings go to their own, unmapped model")
                .isEqualTo(Verdict.PASS);
    }

    @Test
    void theRunIsStoredInThePlanAndTheSavedPlanLoadsAgain() throws Exception {
        MigrationPlan plan = demoPlan("gpt-5.5");
        Replay.Outcome o = replay(plan, new Replay.Options(2, 2, false), new ArrayList<>());
        assertThat(o.run().results()).hasSize(2);
        Path file = dir.resolve("plan.json");
        new PlanStore().save(file, o.applyTo(plan, Clock.systemUTC()));
        MigrationPlan loaded = new PlanStore().load(file);
        SmokeRun stored = loaded.latestRun().orElseThrow();
        assertThat(stored.results()).extracting(CheckResult::checkId).isEqualTo(o.run().results().stream()
                .map(CheckResult::checkId).toList());
        assertThat(stored.comparisons()).hasSize(2);
        assertThat(loaded.requestChecks()).as("the replay's checks are not kept in the plan").isEqualTo(plan.requestChecks());
        assertThat(Files.readString(file)).doesNotContain(DemoGateway.DEMO_KEY);
    }

    @Test
    void toolArgumentsThatBreakTheRequestsSchemaFailTheToolArgsRuleOnly() throws Exception {
        // recorded elsewhere: the old provider answered a three-letter code, as the schema's pattern asks; the demo
        // gateway does not honour "pattern", so its arguments break the schema
        String body = DemoRecordings.TOOLS.replace("\"city\":{\"type\":\"string\"}",
                "\"city\":{\"type\":\"string\",\"pattern\":\"^[A-Z]{3}$\"}");
        String answer = """
                {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o-mini","choices":[{"index":0,\
                "message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",\
                "function":{"name":"get_weather","arguments":"{\\"city\\":\\"PAR\\"}"}}]},\
                "finish_reason":"tool_calls"}],"usage":{"prompt_tokens":20,"completion_tokens":8,"total_tokens":28}}""";
        RecordedCall call = new RecordedCall(1, "2026-12-07T10:00:00Z", "POST", "/v1/chat/completions", Map.of(),
                com.google.gson.JsonParser.parseString(body), null, 200, Map.of("content-type", "application/json"),
                com.google.gson.JsonParser.parseString(answer), null, null, List.of(), new RecordedCall.Timing(300L, 300L),
                new RecordedCall.Usage(20, 8, 28), RecordedCall.COMPLETE);
        Path file = DemoRecordings.write(dir.resolve("tools.jsonl"), "https://api.example.test/v1", List.of(call), "");
        SmokeRun run = replay(demoPlan("gpt-5.5"), file, Replay.Options.defaults()).run();
        CheckResult r = run.results().get(0);
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.assertions()).filteredOn(a -> a.status() == AssertionResult.Status.FAIL)
                .extracting(AssertionResult::ruleId).containsExactly("REPLAY-TOOL-ARGS");
        assertThat(r.assertions()).filteredOn(a -> a.ruleId().equals("REPLAY-TOOL-ARGS")).singleElement()
                .satisfies(a -> assertThat(a.evidence()).startsWith("the arguments of get_weather break its parameters"
                        + " schema:").contains("does not match regular expression").doesNotContain("usage", "[DONE]"));
        assertThat(r.reason()).doesNotContain("ASSERT-");
    }

    @Test
    void refusedCallsExpectARefusalAndResponsesCallsReplayToo() throws Exception {
        DemoRecordings rec = new DemoRecordings(gateway.baseUrl(), DemoGateway.DEMO_KEY);
        List<RecordedCall> calls = List.of(
                rec.call("chat/completions", "{\"model\":\"no-such-model-anywhere\",\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"hi\"}]}"),
                rec.call("responses", "{\"model\":\"gpt-4o-mini\",\"input\":\"Say hi.\",\"max_output_tokens\":50}"),
                rec.call("responses", "{\"model\":\"gpt-4o-mini\",\"input\":\"Say hi.\",\"max_output_tokens\":50,"
                        + "\"stream\":true}"),
                rec.call("chat/completions", "{\"model\":\"gpt-4.1-mini\",\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"hi\"}],\"max_tokens\":20}"));
        assertThat(calls.get(0).status()).isEqualTo(404);
        Path file = DemoRecordings.write(dir.resolve("mixed.jsonl"), gateway.baseUrl(), calls, DemoGateway.DEMO_KEY);
        MigrationPlan plan = demoPlan("gpt-5.5");
        plan = plan.withMappings(plan.mappings().stream().map(m -> m.sourceModel().equals("gpt-4.1-mini")
                ? new ModelMapping(m.sourceModel(), "a-model-the-target-lacks", m.features(), m.notes()) : m).toList());
        SmokeRun run = replay(plan, file, Replay.Options.defaults()).run();
        String all = run.results().stream().map(r -> r.checkId() + " " + r.verdict() + " [" + r.ruleId() + "] "
                + r.reason()).reduce("", (a, b) -> a + "\n" + b);
        CheckResult refused = result(run, "replay-1");
        assertThat(refused.verdict()).as(all).isEqualTo(Verdict.PASS);
        assertThat(refused.assertions()).extracting(AssertionResult::ruleId, AssertionResult::assertion)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("REPLAY-STATUS", "as recorded: status 4xx"),
                        org.assertj.core.groups.Tuple.tuple("REPLAY-ERROR-SHAPE",
                                "as recorded: refused with an OpenAI error object"));
        assertThat(result(run, "replay-2").verdict()).as(all).isEqualTo(Verdict.PASS);
        assertThat(result(run, "replay-3").verdict()).as(all).isEqualTo(Verdict.PASS);
        CheckResult missing = result(run, "replay-4");
        assertThat(missing.verdict()).as(all).isEqualTo(Verdict.FAIL);
        assertThat(missing.ruleId()).as("the failure's own rule decides; nothing was compared")
                .isEqualTo("MODELS-HAS-MAPPED");
        assertThat(missing.reason()).contains("a-model-the-target-lacks");
        assertThat(missing.assertions()).isNotEmpty().allSatisfy(a -> {
            assertThat(a.status()).isEqualTo(AssertionResult.Status.NOT_CHECKED);
            assertThat(a.ruleId()).startsWith("REPLAY-");
        });
    }

    @Test
    void aRefusalInPlainTextWhereTheRecordingHadAnErrorObjectFailsTheErrorShapeRuleOnly() throws Exception {
        DemoRecordings rec = new DemoRecordings(gateway.baseUrl(), DemoGateway.DEMO_KEY);
        RecordedCall refused = rec.call("chat/completions", "{\"model\":\"no-such-model-anywhere\",\"messages\":"
                + "[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(Expectations.openAiError(refused.responseBody())).as("the demo refuses with an error object").isTrue();
        // the same refusal as the app would send it with a model the target maps to one that refuses in plain text
        RecordedCall mapped = rec.call("chat/completions", "{\"model\":\"gpt-4.1-mini\",\"messages\":"
                + "[{\"role\":\"user\",\"content\":\"hi\"}]}");
        RecordedCall asRefused = new RecordedCall(mapped.seq(), mapped.startedAt(), mapped.method(), mapped.path(),
                mapped.requestHeaders(), mapped.requestBody(), mapped.requestBodyRef(), refused.status(),
                refused.responseHeaders(), refused.responseBody(), refused.responseText(), refused.responseBodyRef(),
                refused.events(), refused.timing(), refused.usage(), refused.outcome());
        Path file = DemoRecordings.write(dir.resolve("refused.jsonl"), gateway.baseUrl(), List.of(asRefused),
                DemoGateway.DEMO_KEY);
        MigrationPlan plan = demoPlan("gpt-5.5");
        plan = plan.withMappings(plan.mappings().stream().map(m -> m.sourceModel().equals("gpt-4.1-mini")
                ? new ModelMapping(m.sourceModel(), "demo-400-text", m.features(), m.notes()) : m).toList());
        SmokeRun run = replay(plan, file, Replay.Options.defaults()).run();
        CheckResult r = result(run, "replay-" + asRefused.seq());
        assertThat(r.verdict()).as("%s", r).isEqualTo(Verdict.FAIL);
        assertThat(r.ruleId()).isEqualTo("REPLAY-ERROR-SHAPE");
        assertThat(r.assertions()).filteredOn(a -> a.status() == AssertionResult.Status.FAIL)
                .singleElement().satisfies(a -> {
                    assertThat(a.ruleId()).isEqualTo("REPLAY-ERROR-SHAPE");
                    assertThat(a.evidence()).contains("HTTP 400", "not an OpenAI error object");
                });
        assertThat(r.assertions()).filteredOn(a -> a.ruleId().equals("REPLAY-STATUS"))
                .singleElement().extracting(AssertionResult::status).isEqualTo(AssertionResult.Status.PASS);
    }

    @Test
    void aCancelledReplaySendsNothingAndLeavesThePlanAsItWas() throws Exception {
        KeyResolver keys = new KeyResolver(k -> null);
        keys.remember("demo", DemoGateway.DEMO_KEY);
        SuiteRun suite = new SuiteRun(SmokeService.of(new SmokeRunner(http, pool, Clock.systemUTC())),
                new Verification(UsageService.of(() -> http, Clock.systemUTC())), keys);
        MigrationPlan plan = demoPlan("gpt-5.5");
        Replay replay = new Replay(suite);
        Replay.Selected selected = Replay.select(RecordingReader.read(recording), "demo", Replay.Options.defaults());
        Replay.Prepared prepared = replay.prepare(plan, selected, Replay.Options.defaults(), List.of(), false);
        Cancellation cancel = new Cancellation();
        cancel.cancel();
        List<ReplayCalls.Selection> announced = new ArrayList<>();
        Replay.Outcome o = replay.execute(prepared, new Replay.Listener() {
            @Override
            public void onSelected(ReplayCalls.Selection selection) {
                announced.add(selection);
            }
        }, cancel);
        assertThat(announced).containsExactly(selected.selection());
        assertThat(o.suite().cancelled()).isTrue();
        assertThat(o.run().results()).hasSize(6).allSatisfy(r -> assertThat(r.reason()).startsWith("Cancelled"));
        assertThat(o.applyTo(plan, Clock.systemUTC())).isSameAs(plan);
    }

    @Test
    void theRecordingHoldsNoKey() throws Exception {
        assertThat(Files.readString(recording)).doesNotContain(DemoGateway.DEMO_KEY).contains("gpt-4o-mini");
    }
}
