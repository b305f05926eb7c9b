package ai.flatkey.migrate.cli;

import ai.flatkey.migrate.demo.DemoConfig;
import ai.flatkey.migrate.demo.DemoGateway;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.secrets.KeyResolver;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code replay FILE --plan PLAN}: the exit codes of {@code run} (0 all passed, 1 a call failed, 2 a usage, plan or
 * recording error), its JSON and JUnit reports, the costly calls listed, a malformed line reported and the rest
 * replayed; {@code --inventory} lists and proposes without sending anything. The recording is hand-written JSON Lines
 * in src/test/resources/traffic, as the recording proxy writes them (with no key).
 */
class ReplayCliTest {
    private static DemoGateway gateway;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    @BeforeAll
    static void start() throws Exception {
        gateway = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(0));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private int cli(String... args) {
        PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
        return new Cli(out, err, new KeyResolver(Map.<String, String>of()::get), new PlanStore(), Clock.systemUTC())
                .execute(args);
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    /** The demo sample plan, its chat model mapped to {@code chatTarget}, on the shared demo gateway. */
    private Path plan(String chatTarget) throws Exception {
        JsonObject plan = JsonParser.parseString(Files.readString(Path.of("assets/sample-plans/demo.json"))).getAsJsonObject();
        plan.getAsJsonObject("target").addProperty("baseUrl", gateway.baseUrl());
        plan.getAsJsonArray("mappings").get(0).getAsJsonObject().addProperty("targetModel", chatTarget);
        Path file = dir.resolve("plan.json");
        Files.writeString(file, plan.toString());
        return file;
    }

    private Path recording(String name) throws Exception {
        Path file = dir.resolve(name);
        Files.copy(Path.of("src/test/resources/traffic/" + name), file);
        return file;
    }

    @Test
    void aRecordingThatMatchesExitsZeroWithReportsAndTheRunSaved() throws Exception {
        Path plan = plan("gpt-5.5");
        Path json = dir.resolve("out/replay.json");
        Path junit = dir.resolve("out/replay.xml");
        int code = cli("replay", recording("app.jsonl").toString(), "--plan", plan.toString(), "--json", json.toString(),
                "--junit", junit.toString(), "--write", "--no-verify");
        assertThat(code).as(out() + err()).isZero();
        assertThat(out()).contains("app.jsonl: 6 recorded calls, 5 distinct; replaying 3.",
                "not replayed: #5 it generates images (POST /v1/images/generations, 1 image, billed per image):"
                        + " replayed only with costly calls included",
                "not replayed: #6 it allows 16000 output tokens (max_tokens): replayed only with costly calls included",
                "Pass --include-costly", "PASS        request:replay-1", "Recorded → target:",
                "3 passed, 0 failed, 0 unsupported, 0 errors", "Results saved into");
        assertThat(err()).contains("warning: app.jsonl: line 5: not a JSON object");
        assertThat(err().split("line 5:", -1)).as("said once").hasSize(2);
        JsonObject results = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertThat(results.getAsJsonArray("results")).hasSize(3);
        assertThat(results.getAsJsonArray("comparisons")).hasSize(3);
        String xml = Files.readString(junit);
        assertThat(xml).contains("request:replay-1", "request:replay-2", "request:replay-4").doesNotContain("<failure");
        SmokeRun stored = new PlanStore().load(plan).latestRun().orElseThrow();
        assertThat(stored.sourceBaseUrl()).startsWith("recording app.jsonl");
    }

    @Test
    void aTargetThatBreaksTheRecordedShapeExitsOneAndNamesTheRule() throws Exception {
        Path junit = dir.resolve("replay.xml");
        int code = cli("replay", recording("app.jsonl").toString(), "--plan", plan("demo-no-done").toString(),
                "--junit", junit.toString(), "--no-verify");
        assertThat(code).as(out() + err()).isEqualTo(Cli.CHECKS_FAILED);
        assertThat(out()).containsPattern("FAIL +request:replay-2 +demo-no-done +\\[SSE-DONE, REPLAY-STREAM-DONE\\]");
        assertThat(Files.readString(junit)).contains("<failure", "REPLAY-STREAM-DONE");
    }

    @Test
    void aReplayOverThePlansBudgetIsRefusedBeforeAnythingIsSent() throws Exception {
        JsonObject plan = JsonParser.parseString(Files.readString(plan("gpt-5.5"))).getAsJsonObject();
        plan.addProperty("budgetUsd", 0.000001);
        JsonObject production = plan.getAsJsonArray("mappings").get(0).getAsJsonObject();
        production.addProperty("inputPer1M", 1.25);
        production.addProperty("outputPer1M", 10.0);
        Path file = dir.resolve("budget.json");
        Files.writeString(file, plan.toString());
        int code = cli("replay", recording("app.jsonl").toString(), "--plan", file.toString(), "--no-verify");
        assertThat(code).as(out() + err()).isEqualTo(Cli.USAGE);
        assertThat(out()).contains("Estimated from the recorded tokens: 3 requests, ~").doesNotContain("PASS", "FAIL");
        assertThat(err()).contains("error: The replay is expected to cost about $", "over the plan's budget",
                "Nothing was sent. Pass --allow-over-budget");
    }

    @Test
    void costlyCallsAreSentOnlyWhenIncluded() throws Exception {
        int code = cli("replay", recording("app.jsonl").toString(), "--plan", plan("gpt-5.5").toString(),
                "--include-costly", "--no-verify");
        assertThat(code).as(out() + err()).isZero();
        assertThat(out()).contains("replaying 5.", "request:replay-5", "request:replay-6")
                .doesNotContain("Pass --include-costly");
    }

    @Test
    void aSampleReplaysThatManyDistinctCallsTheSameEachTime() throws Exception {
        Path rec = recording("app.jsonl");
        Path plan = plan("gpt-5.5");
        assertThat(cli("replay", rec.toString(), "--plan", plan.toString(), "--sample", "2", "--no-verify")).isZero();
        String first = out().lines().filter(l -> l.startsWith("PASS")).map(l -> l.substring(0, 40)).sorted().toList()
                .toString();
        outBytes.reset();
        assertThat(cli("replay", rec.toString(), "--plan", plan.toString(), "--sample", "2", "--no-verify")).isZero();
        String second = out().lines().filter(l -> l.startsWith("PASS")).map(l -> l.substring(0, 40)).sorted().toList()
                .toString();
        assertThat(first).isEqualTo(second).contains("request:replay-");
        assertThat(out()).contains("replaying 2.", "1 more distinct calls left out by --sample 2");
    }

    @Test
    void aRecordingWithNoCallsOrNoFileOrNoPlanIsAUsageError() throws Exception {
        Path empty = dir.resolve("empty.jsonl");
        Files.writeString(empty, "{\"format\":\"flatkey-recording\",\"version\":1,\"createdAt\":\"2026-12-07T10:00:00Z\","
                + "\"upstream\":\"https://api.example.test/v1\",\"contents\":\"full\",\"tool\":\"test\"}\n");
        Path plan = plan("gpt-5.5");
        assertThat(cli("replay", empty.toString(), "--plan", plan.toString())).isEqualTo(Cli.USAGE);
        assertThat(err()).contains("error: empty.jsonl holds no recorded call: record some traffic first");
        assertThat(cli("replay", dir.resolve("nope.jsonl").toString(), "--plan", plan.toString())).isEqualTo(Cli.USAGE);
        assertThat(err()).contains("error: cannot read the recording");
        assertThat(cli("replay", recording("app.jsonl").toString())).isEqualTo(Cli.USAGE);
        assertThat(err()).contains("replay needs --plan PLAN.json");
        Path notARecording = dir.resolve("plan-as-recording.jsonl");
        Files.copy(plan, notARecording);
        assertThat(cli("replay", notARecording.toString(), "--plan", plan.toString())).isEqualTo(Cli.USAGE);
        assertThat(err()).contains("is not a recording");
    }

    @Test
    void anOldPlanReplaysAndLoadsAgainWithTheRunStored() throws Exception {
        Path plan = dir.resolve("old.json");
        Files.writeString(plan, """
                {"schemaVersion": 3, "name": "old plan",
                 "target": {"preset": "demo", "baseUrl": "%s", "keyRef": "demo"},
                 "mappings": [{"sourceModel": "gpt-4o-mini", "targetModel": "gpt-5.5", "features": ["chat", "streaming"]}],
                 "customChecks": [{"name": "greeting", "prompt": "Say hi.", "expect": "NON_EMPTY"}]}
                """.formatted(gateway.baseUrl()));
        int code = cli("replay", recording("app.jsonl").toString(), "--plan", plan.toString(), "--write", "--no-verify");
        assertThat(code).as(out() + err()).isZero();
        MigrationPlan loaded = new PlanStore().load(plan);
        assertThat(loaded.latestRun().orElseThrow().results()).hasSize(3);
        assertThat(loaded.requestChecks()).extracting(c -> c.name()).as("the plan's own checks are kept")
                .containsExactly("greeting");
    }

    @Test
    void theInventoryListsWhatTheAppSendsAndProposesItIntoThePlan() throws Exception {
        Path plan = dir.resolve("new-plan.json");
        int code = cli("replay", recording("app.jsonl").toString(), "--inventory", "--plan", plan.toString(), "--write");
        assertThat(code).as(out() + err()).isZero();
        assertThat(out()).contains("app.jsonl: 6 recorded calls", "endpoint chat", "model gpt-4o-mini",
                "parameter stream: true", "parameter stream_options.include_usage: true", "message role developer",
                "Saved");
        MigrationPlan saved = new PlanStore().load(plan);
        assertThat(saved.inventory().productionModel()).isEqualTo("gpt-4o-mini");
        assertThat(saved.inventory().endpoints()).contains("chat", "embeddings", "images");
        assertThat(saved.inventory().parameters().stream()).isTrue();
        assertThat(saved.inventory().currentBaseUrl()).isEqualTo("https://api.example.test/v1");
        assertThat(saved.mappings()).extracting(m -> m.sourceModel()).contains("gpt-4o-mini", "text-embedding-3-small");
    }

    /** A recording is a file from anywhere: what its calls say is printed without a key or a control character. */
    @Test
    void theInventoryPrintsNoKeyAndNoControlCharacterFromTheRecording() throws Exception {
        String canary = "sk-test-CANARY0123456789abcdefCANARY";
        Path file = dir.resolve("hostile.jsonl");
        Files.writeString(file, "{\"format\":\"flatkey-recording\",\"version\":1}\n"
                + "{\"seq\":1,\"method\":\"POST\",\"path\":\"/v1/chat/completions\",\"status\":200,"
                + "\"requestBody\":{\"model\":\"" + canary + "\\u001b[2J\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}]}}\n");
        int code = cli("replay", file.toString(), "--inventory");
        assertThat(code).as(out() + err()).isZero();
        assertThat(out()).contains("1 recorded calls").doesNotContain("CANARY").doesNotContain("\u001b");
    }
}
