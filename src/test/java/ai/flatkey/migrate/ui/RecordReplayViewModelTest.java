package ai.flatkey.migrate.ui;

import ai.flatkey.migrate.demo.DemoConfig;
import ai.flatkey.migrate.demo.DemoGateway;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.secrets.KeyResolver;
import ai.flatkey.migrate.smoke.SmokeRunner;
import ai.flatkey.migrate.smoke.SmokeService;
import ai.flatkey.migrate.smoke.SuiteRun;
import ai.flatkey.migrate.traffic.Replay;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.ui.step.inventory.CallRow;
import ai.flatkey.migrate.ui.step.inventory.RecordingViewModel;
import ai.flatkey.migrate.ui.step.smoke.ReplayViewModel;
import ai.flatkey.migrate.ui.step.smoke.SmokeViewModel;
import ai.flatkey.migrate.ui.support.Background;
import ai.flatkey.migrate.ui.support.NamedThreadFactory;
import ai.flatkey.migrate.ui.support.Notifier;
import ai.flatkey.migrate.usage.UsageService;
import ai.flatkey.migrate.usage.Verification;
import ai.flatkey.migrate.wire.Transport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Inventory step's recording and the Smoke step's replay, without a window: the test thread plays the UI thread.
 * The app's calls go through the proxy with a fake key the demo gateway is told to accept; the recording must not hold
 * it, and replaying it against the demo gateway passes.
 */
class RecordReplayViewModelTest {
    /** A made-up key: the demo gateway accepts it, the recording must not hold it. */
    static final String APP_KEY = "sk-test-recording-canary-0000000000";
    static final String PLAIN = """
            {"model":"gpt-4o-mini","messages":[{"role":"user","content":"Say hello."}],"max_tokens":50}""";
    static final String STREAM = """
            {"model":"gpt-4o-mini","messages":[{"role":"user","content":"Count to three."}],"max_tokens":50,\
            "stream":true,"stream_options":{"include_usage":true}}""";

    /** Allows more output than {@code ReplayCalls.COSTLY_OUTPUT_BOUND}: listed as costly, sent only when opted in. */
    static final String COSTLY = """
            {"model":"gpt-4o-mini","messages":[{"role":"user","content":"Write a long story."}],"max_tokens":16000}""";

    private static DemoGateway gateway;
    private static Transport http;

    private final ExecutorService exec = Executors.newCachedThreadPool(new NamedThreadFactory("test-bg"));
    private final ExecutorService smokePool = Executors.newFixedThreadPool(4, new NamedThreadFactory("test-smoke"));
    private final QueueBridge ui = new QueueBridge();
    private final Background background = new Background(exec, ui);
    private final FakeFileDialogs files = new FakeFileDialogs();
    private final KeyResolver keys = new KeyResolver(k -> null);
    private PlanDocument doc;
    private RecordingViewModel recording;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startDemo() throws Exception {
        Set<String> accepted = new HashSet<>(DemoGateway.DEMO_KEYS);
        accepted.add(APP_KEY);
        gateway = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(0).withKeys(accepted));
        http = Transport.create();
    }

    @AfterAll
    static void stopDemo() {
        http.close();
        gateway.close();
    }

    @AfterEach
    void stop() {
        if (recording != null) {
            recording.close();
        }
        exec.shutdownNow();
        smokePool.shutdownNow();
    }

    /** The demo plan with the demo gateway as both the current provider and the target. */
    static MigrationPlan demoPlan(String gatewayUrl) throws Exception {
        MigrationPlan p = new PlanStore().load(Path.of("assets/sample-plans/demo.json"));
        return p.withTarget(p.target().withBaseUrl(gatewayUrl)).withSource(p.source().withBaseUrl(gatewayUrl));
    }

    private void open() throws Exception {
        keys.remember("demo", DemoGateway.DEMO_KEY);
        doc = new PlanDocument(demoPlan(gateway.baseUrl()));
        recording = new RecordingViewModel(doc, keys, () -> http, files, background, Clock.systemUTC());
    }

    /** Sends {@code body} to the proxy as the app would, with its own key. */
    static int send(String baseUrl, String body) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(baseUrl + "/chat/completions"))
                .header("Authorization", "Bearer " + APP_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private Path record(boolean shadow) throws Exception {
        Path out = tmp.resolve("calls.jsonl");
        recording.outputFile.set(out.toString());
        recording.shadow.set(shadow);
        assertThat(recording.effectiveUpstream()).isEqualTo(gateway.baseUrl()); // the plan's current base URL
        recording.start();
        ui.runUntil(() -> recording.recordingProperty().get());
        String proxy = recording.baseUrlProperty().get();
        assertThat(proxy).startsWith("http://127.0.0.1:").endsWith("/v1");
        assertThat(send(proxy, PLAIN)).isEqualTo(200);
        assertThat(send(proxy, STREAM)).isEqualTo(200);
        ui.runUntil(() -> recording.calls().size() == 2 && recording.calls().stream().noneMatch(r -> r.time().isEmpty()));
        return out;
    }

    @Test
    void recordsCallsLiveWithoutTheKeyThenProposesTheInventory() throws Exception {
        open();
        Path out = record(false);
        CallRow first = recording.calls().get(0);
        assertThat(first.endpoint()).isEqualTo("POST /v1/chat/completions");
        assertThat(first.model()).isEqualTo("gpt-4o-mini");
        assertThat(first.status()).isEqualTo("200");
        assertThat(first.tokens()).isNotEmpty();
        assertThat(recording.calls().get(1).status()).isEqualTo("200 stream");
        assertThat(ui.registeredFlushes()).isEqualTo(1);

        recording.stop();
        ui.runUntil(() -> !recording.recordingProperty().get() && !recording.busyProperty().get());
        assertThat(ui.registeredFlushes()).isZero();
        assertThat(recording.statusProperty().get()).startsWith("Stopped. 2 calls").contains("calls.jsonl");
        assertThat(recording.baseUrlProperty().get()).isEmpty();
        String text = Files.readString(out);
        assertThat(text).contains("gpt-4o-mini").doesNotContain(APP_KEY).doesNotContain("sk-test-");

        recording.useForInventory();
        ui.runUntil(() -> !recording.proposals().isEmpty());
        assertThat(recording.proposals()).anySatisfy(r -> assertThat(r.proposal().id()).isEqualTo("endpoint:chat"));
        assertThat(recording.proposals()).anySatisfy(r -> assertThat(r.evidence).startsWith("2 of 2 recorded calls (#1, #2)"));
        assertThat(recording.statusProperty().get()).startsWith("calls.jsonl: 2 recorded calls; ");
        doc.edit(x -> x.withInventory(new ai.flatkey.migrate.plan.Inventory(x.inventory().sdk(), x.inventory().endpoints(),
                x.inventory().currentBaseUrl(), "", x.inventory().fallbackModels(), x.inventory().messageShape(),
                x.inventory().parameters(), "", "")));
        recording.proposals().forEach(r -> r.accepted.set(r.proposal().id().startsWith("production:")));
        assertThat(recording.applyLabelProperty().get()).isEqualTo("Apply 1 accepted value");
        assertThat(recording.applyAccepted()).isEqualTo(1);
        assertThat(doc.plan().inventory().productionModel()).isEqualTo("gpt-4o-mini");
        assertThat(recording.applyLabelProperty().get()).isEqualTo("Nothing left to apply");
    }

    @Test
    void shadowMirrorsEachCallToTheTargetAndCountsAgreement() throws Exception {
        open();
        record(true);
        ui.runUntil(() -> recording.shadowSummaryProperty().get().contains("2 mirrored"));
        assertThat(recording.shadowSummaryProperty().get())
                .isEqualTo("Shadow: 2 mirrored, 2 agreed, 0 differed, 0 failed, 0 dropped");
        assertThat(recording.shadowToneProperty().get()).isEqualTo(ai.flatkey.migrate.ui.support.Tone.SUCCESS);
        assertThat(recording.calls()).allSatisfy(r -> assertThat(r.shadow()).isEqualTo("same structure"));
        recording.stop();
        ui.runUntil(() -> !recording.recordingProperty().get() && !recording.busyProperty().get());
        assertThat(recording.shadowSummaryProperty().get()).contains("2 agreed");
    }

    @Test
    void aBadUpstreamOrAMissingTargetIsSaidAndNothingStarts() throws Exception {
        open();
        recording.upstream.set("not a url");
        recording.start();
        assertThat(recording.statusProperty().get()).startsWith("Upstream: an http(s) base URL is needed");
        recording.upstream.set("");
        doc.edit(p -> p.withTarget(p.target().withBaseUrl("")));
        recording.shadow.set(true);
        recording.start();
        assertThat(recording.statusProperty().get()).contains("Shadow needs the target's base URL");
        doc.edit(p -> p.withTarget(p.target().withBaseUrl(gateway.baseUrl())));
        recording.shadowPercent.set("0");
        recording.start();
        assertThat(recording.statusProperty().get()).startsWith("Shadow share: ");
        assertThat(recording.busyProperty().get()).isFalse();
    }

    @Test
    void aRecordingReplaysThroughTheSmokeStepsRunAndIsStored() throws Exception {
        open();
        Path file = record(false);
        recording.stop();
        ui.runUntil(() -> !recording.recordingProperty().get() && !recording.busyProperty().get());

        SuiteRun suite = new SuiteRun(SmokeService.of(new SmokeRunner(http, smokePool, Clock.systemUTC())),
                new Verification(UsageService.of(() -> http, Clock.systemUTC())), keys);
        SmokeViewModel smoke = new SmokeViewModel(doc, suite, background, new Notifier());
        ReplayViewModel replay = ReplayViewModel.of(smoke, new Replay(suite), files, background, Clock.systemUTC());
        files.answer(file);
        replay.choose();
        assertThat(replay.fileProperty().get()).isEqualTo("calls.jsonl");
        ui.runUntil(() -> replay.readyProperty().get());
        assertThat(replay.selectionProperty().get()).startsWith("2 recorded calls, 2 distinct; 2 will be sent to");
        assertThat(replay.estimateProperty().get()).startsWith("Estimated from the recorded tokens: 2 requests");
        assertThat(replay.replayLabelProperty().get()).isEqualTo("Replay 2 calls");
        assertThat(replay.costly()).isEmpty();

        replay.replay();
        assertThat(smoke.runningProperty().get()).isTrue();
        ui.runUntil(() -> !smoke.runningProperty().get() && doc.plan().latestRun().isPresent());
        SmokeRun run = doc.plan().latestRun().orElseThrow();
        assertThat(run.allPassed()).as(run.toString()).isTrue();
        assertThat(run.results()).allSatisfy(r -> assertThat(r.checkId()).startsWith("request:replay-"));
        assertThat(run.sourceBaseUrl()).startsWith("recording calls.jsonl");
        assertThat(smoke.summaryProperty().get()).startsWith("All 2 replayed calls passed");
        assertThat(smoke.rows()).hasSize(4); // the target's answers, then the recorded ones
        assertThat(smoke.rows()).extracting(r -> r.titleProperty().get())
                .containsOnly("Request: replay-1", "Request: replay-2");
        assertThat(smoke.groupedRows()).filteredOn(r -> r.isGroup())
                .extracting(r -> r.statusProperty().get()).containsExactly("Target", "Recorded");
        assertThat(replay.readyProperty().get()).isTrue(); // can be sent again
        smoke.runOne(smoke.rows().stream().filter(r -> !r.isSource()).findFirst().orElseThrow());
        assertThat(smoke.summaryProperty().get()).startsWith("A replayed call runs again with the whole recording");
        assertThat(smoke.runningProperty().get()).isFalse();
        assertThat(ui.registeredFlushes()).isZero();
    }

    @Test
    void costlyCallsAreListedAndSentOnlyWhenOptedIn() throws Exception {
        open();
        recording.start();
        ui.runUntil(() -> recording.recordingProperty().get());
        String proxy = recording.baseUrlProperty().get();
        assertThat(send(proxy, PLAIN)).isEqualTo(200);
        assertThat(send(proxy, COSTLY)).isEqualTo(200);
        ui.runUntil(() -> recording.calls().size() == 2 && recording.calls().stream().noneMatch(r -> r.time().isEmpty()));
        recording.stop();
        ui.runUntil(() -> !recording.busyProperty().get() && !recording.recordingProperty().get());
        SuiteRun suite = new SuiteRun(SmokeService.of(new SmokeRunner(http, smokePool, Clock.systemUTC())),
                new Verification(UsageService.of(() -> http, Clock.systemUTC())), keys);
        SmokeViewModel smoke = new SmokeViewModel(doc, suite, background, new Notifier());
        ReplayViewModel replay = ReplayViewModel.of(smoke, new Replay(suite), files, background, Clock.systemUTC());
        replay.load(recording.recordedFile());
        ui.runUntil(() -> replay.readyProperty().get());
        assertThat(replay.costly()).singleElement().asString().startsWith("#2 POST /v1/chat/completions gpt-4o-mini — ");
        assertThat(replay.selectionProperty().get()).startsWith("2 recorded calls, 2 distinct; 1 will be sent");
        assertThat(replay.replayLabelProperty().get()).isEqualTo("Replay 1 call");
        replay.includeCostly.set(true);
        assertThat(replay.readyProperty().get()).isFalse();
        ui.runUntil(() -> replay.readyProperty().get());
        assertThat(replay.selectionProperty().get()).startsWith("2 recorded calls, 2 distinct; 2 will be sent");
        assertThat(replay.costly()).hasSize(1); // still listed: the box says what was opted in
    }

    @Test
    void cancelStopsAReplayAndStoresNothing() throws Exception {
        open();
        Path file = record(false);
        recording.stop();
        ui.runUntil(() -> !recording.busyProperty().get() && !recording.recordingProperty().get());
        doc.edit(p -> p.withSmokeRuns(List.of()));
        SuiteRun suite = new SuiteRun(SmokeService.of(new SmokeRunner(http, smokePool, Clock.systemUTC())),
                new Verification(UsageService.of(() -> http, Clock.systemUTC())), keys);
        SmokeViewModel smoke = new SmokeViewModel(doc, suite, background, new Notifier());
        ReplayViewModel replay = ReplayViewModel.of(smoke, new Replay(suite), files, background, Clock.systemUTC());
        replay.load(file);
        ui.runUntil(() -> replay.readyProperty().get());
        replay.replay();
        smoke.cancel();
        ui.runUntil(() -> !smoke.runningProperty().get());
        assertThat(doc.plan().latestRun()).isEmpty();
        assertThat(smoke.summaryProperty().get()).contains("cancelled");
    }
}
