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
import ai.flatkey.migrate.smoke.SmokeRunner;
import ai.flatkey.migrate.smoke.SmokeService;
import ai.flatkey.migrate.smoke.SuiteRun;
import ai.flatkey.migrate.usage.UsageService;
import ai.flatkey.migrate.usage.Verification;
import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.Transport;
import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.embeddings.EmbeddingCreateParams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19's loop end to end: the official openai-java SDK calls the demo gateway through the recording proxy (a
 * plain answer, a stream with usage, a streamed tool call, embeddings); that recording replays against the demo
 * gateway with every check passing, and against a fault model that drops {@code [DONE]} with the stream rule failing.
 */
class SdkRecordingReplayTest {
    @TempDir
    static Path dir;
    private static DemoGateway gateway;
    private static Path recording;
    private static ExecutorService pool;
    private static Transport http;

    @BeforeAll
    static void recordThroughTheProxy() throws Exception {
        gateway = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(0));
        recording = dir.resolve("sdk.jsonl");
        try (ProxyFixture fx = new ProxyFixture(gateway.baseUrl(), recording)) {
            OpenAIClient sdk = ProxySdkParityTest.sdk(fx.baseUrl());
            try {
                sdk.chat().completions().create(ChatCompletionCreateParams.builder().model("gpt-4o-mini")
                        .addUserMessage("Hello through the proxy").build());
                try (StreamResponse<ChatCompletionChunk> s = sdk.chat().completions().createStreaming(
                        ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage("Stream this please")
                                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                                .build())) {
                    s.stream().forEach(chunk -> { });
                }
                try (StreamResponse<ChatCompletionChunk> s = sdk.chat().completions().createStreaming(
                        ChatCompletionCreateParams.builder().model("gpt-4o-mini")
                                .addUserMessage("What is the weather in Lisbon?")
                                .addFunctionTool(ProxySdkParityTest.function("get_weather", "city", "unit")).build())) {
                    s.stream().forEach(chunk -> { });
                }
                sdk.embeddings().create(EmbeddingCreateParams.builder().model("text-embedding-3-small")
                        .input("the same text").build());
            } finally {
                sdk.close();
            }
            fx.awaitRecorded(4);
        }
        pool = Executors.newFixedThreadPool(4);
        http = Transport.create();
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
        http.close();
        gateway.close();
    }

    private static SmokeRun replay(String chatTarget) throws Exception {
        MigrationPlan p = new PlanStore().load(Path.of("assets/sample-plans/demo.json"));
        List<ModelMapping> mappings = p.mappings().stream().map(m -> m.sourceModel().equals("gpt-4o-mini")
                ? new ModelMapping(m.sourceModel(), chatTarget, m.features(), m.notes()) : m).toList();
        MigrationPlan plan = p.withTarget(p.target().withBaseUrl(gateway.baseUrl())).withMappings(mappings);
        KeyResolver keys = new KeyResolver(k -> null);
        keys.remember("demo", DemoGateway.DEMO_KEY);
        SuiteRun suite = new SuiteRun(SmokeService.of(new SmokeRunner(http, pool, Clock.systemUTC())),
                new Verification(UsageService.of(() -> http, Clock.systemUTC())), keys);
        Replay.Selected selected = Replay.select(RecordingReader.read(recording), "sdk.jsonl", Replay.Options.defaults());
        Replay.Prepared prepared = new Replay(suite).prepare(plan, selected, Replay.Options.defaults(), List.of(), false);
        return new Replay(suite).execute(prepared, new Replay.Listener() { }, new Cancellation()).run();
    }

    @Test
    void theSdksRecordingHoldsFourCallsAndNoKey() throws Exception {
        Recording r = RecordingReader.read(recording);
        assertThat(r.problems()).isEmpty();
        assertThat(r.calls()).extracting(RecordedCall::route).containsExactly("/v1/chat/completions",
                "/v1/chat/completions", "/v1/chat/completions", "/v1/embeddings");
        assertThat(r.calls().get(1).streamed()).isTrue();
        assertThat(Files.readString(recording)).doesNotContain(DemoGateway.DEMO_KEY);
    }

    @Test
    void itReplaysAgainstTheDemoGatewayWithEveryCheckPassing() throws Exception {
        SmokeRun run = replay("gpt-5.5");
        String all = run.results().stream().map(r -> r.checkId() + " " + r.verdict() + " [" + r.ruleId() + "] "
                + r.reason()).reduce("", (a, b) -> a + "\n" + b);
        assertThat(run.results()).as(all).hasSize(4).allMatch(CheckResult::passed);
        assertThat(run.results().stream().flatMap(r -> r.assertions().stream()).map(AssertionResult::ruleId))
                .contains("REPLAY-STREAM-DONE", "REPLAY-USAGE", "REPLAY-TOOL-CALLS", "REPLAY-EMBEDDINGS");
    }

    @Test
    void againstAFaultModelThatDropsDoneTheStreamsFailTheStreamRule() throws Exception {
        SmokeRun run = replay("demo-no-done");
        List<CheckResult> streams = run.results().stream().filter(r -> r.assertions().stream()
                .anyMatch(a -> a.ruleId().equals("REPLAY-STREAM-DONE"))).toList();
        assertThat(streams).hasSize(2).allSatisfy(r -> {
            assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(r.decidingRuleIds()).contains("REPLAY-STREAM-DONE");
        });
        assertThat(run.results()).filteredOn(r -> r.model().equals("text-embedding-3-small")).singleElement()
                .satisfies(r -> assertThat(r.verdict()).isEqualTo(Verdict.PASS));
    }
}
