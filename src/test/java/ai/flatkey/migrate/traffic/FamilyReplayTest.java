package ai.flatkey.migrate.traffic;

import ai.flatkey.migrate.demo.DemoConfig;
import ai.flatkey.migrate.demo.DemoGateway;
import ai.flatkey.migrate.plan.AssertionResult;
import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A recording of an image generation, a speech request and a moderation made from the demo gateway replays against
 * it: the images and speech calls only with costly calls included, each compared with its recorded structure
 * (REPLAY-IMAGES, REPLAY-SPEECH, REPLAY-MODERATIONS); mapped to a demo fault model the right rule fails.
 */
class FamilyReplayTest {
    static final String IMAGE = """
            {"model":"gpt-image-1","prompt":"A paper plane","n":2,"size":"64x64"}""";
    static final String SPEECH = """
            {"model":"tts-1","input":"Hello there","voice":"alloy","response_format":"wav"}""";
    static final String MODERATION = """
            {"model":"omni-moderation-latest","input":["I love my cat","I will kill the process"]}""";

    private static DemoGateway gateway;
    private static ExecutorService pool;
    private static Transport http;
    private static Path recording;

    @TempDir
    static Path dir;

    @BeforeAll
    static void record() throws Exception {
        gateway = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(0));
        pool = Executors.newFixedThreadPool(4);
        http = Transport.create();
        DemoRecordings rec = new DemoRecordings(gateway.baseUrl(), DemoGateway.DEMO_KEY);
        // tts-1 is not on the demo gateway: the app's speech model is recorded as the target maps it
        List<RecordedCall> calls = List.of(rec.call("images/generations", IMAGE),
                rec.call("audio/speech", SPEECH.replace("tts-1", "gpt-4o-mini-tts")),
                rec.call("moderations", MODERATION));
        assertThat(calls).allSatisfy(c -> assertThat(c.status()).as(c.route()).isEqualTo(200));
        recording = DemoRecordings.write(dir.resolve("media.flatkey-recording.jsonl"), gateway.baseUrl(), calls,
                DemoGateway.DEMO_KEY);
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
        http.close();
        gateway.close();
    }

    static MigrationPlan plan(String image, String tts, String moderation) {
        return MigrationPlan.newPlan("media-replay").withTarget(new Endpoint("demo", gateway.baseUrl(), "demo"))
                .withMappings(List.of(new ModelMapping("gpt-image-1", image, List.of("images"), ""),
                        new ModelMapping("gpt-4o-mini-tts", tts, List.of("speech"), ""),
                        new ModelMapping("omni-moderation-latest", moderation, List.of("moderations"), "")));
    }

    private static Replay.Outcome replay(MigrationPlan plan, Replay.Options options) throws Exception {
        KeyResolver keys = new KeyResolver(k -> null);
        keys.remember("demo", DemoGateway.DEMO_KEY);
        SuiteRun suite = new SuiteRun(SmokeService.of(new SmokeRunner(http, pool, Clock.systemUTC())),
                new Verification(UsageService.of(() -> http, Clock.systemUTC())), keys);
        Replay.Selected selected = Replay.select(RecordingReader.read(recording), "media.flatkey-recording.jsonl",
                options);
        Replay.Prepared prepared = new Replay(suite).prepare(plan, selected, options, List.of(), false);
        return new Replay(suite).execute(prepared, new Replay.Listener() {
        }, new Cancellation());
    }

    private static Map<String, CheckResult> byCall(SmokeRun run) {
        return run.results().stream().collect(Collectors.toMap(CheckResult::checkId, r -> r));
    }

    private static String describe(SmokeRun run) {
        return run.results().stream().map(r -> r.checkId() + " " + r.verdict() + " [" + r.ruleId() + "] " + r.reason()
                + " " + r.assertions()).collect(Collectors.joining("\n"));
    }

    @Test
    void withoutTheOptInOnlyTheModerationIsSentAndTheCostlyCallsAreListed() throws Exception {
        Replay.Outcome o = replay(plan("gpt-image-1", "gpt-4o-mini-tts", "omni-moderation-latest"),
                Replay.Options.defaults());
        assertThat(o.run().results()).extracting(CheckResult::checkId).containsExactly("request:replay-3");
        assertThat(o.selected().selection().skipped()).extracting(ReplayCalls.Skipped::skip)
                .containsExactly(ReplayCalls.Skip.COSTLY, ReplayCalls.Skip.COSTLY);
        assertThat(o.selected().selection().skipped()).extracting(ReplayCalls.Skipped::why).satisfiesExactly(
                w -> assertThat(w).startsWith("it generates images (POST /v1/images/generations, 2 images"),
                w -> assertThat(w).startsWith("it returns spoken audio (POST /v1/audio/speech"));
    }

    @Test
    void withTheOptInEveryFamilyCallReplaysAndPassesOnItsRecordedStructure() throws Exception {
        Replay.Outcome o = replay(plan("gpt-image-1", "gpt-4o-mini-tts", "omni-moderation-latest"),
                new Replay.Options(0, 2, true));
        SmokeRun run = o.run();
        String all = describe(run);
        assertThat(run.results()).as(all).extracting(CheckResult::checkId)
                .containsExactly("request:replay-1", "request:replay-2", "request:replay-3");
        assertThat(run.results()).as(all).allSatisfy(r -> assertThat(r.verdict()).as(r.checkId() + ": "
                + r.reason()).isEqualTo(Verdict.PASS));
        Map<String, CheckResult> by = byCall(run);
        assertThat(by.get("request:replay-1").assertions()).extracting(AssertionResult::ruleId,
                AssertionResult::assertion).containsExactly(
                org.assertj.core.groups.Tuple.tuple("REPLAY-IMAGES", "as recorded: 2 images"),
                org.assertj.core.groups.Tuple.tuple("REPLAY-IMAGES", "as recorded: images as b64_json"),
                org.assertj.core.groups.Tuple.tuple("REPLAY-USAGE", "as recorded: usage present"));
        assertThat(by.get("request:replay-2").assertions()).extracting(AssertionResult::ruleId,
                AssertionResult::assertion).containsExactly(
                org.assertj.core.groups.Tuple.tuple("REPLAY-SPEECH", "as recorded: content type audio/wav"));
        assertThat(by.get("request:replay-3").assertions()).extracting(AssertionResult::ruleId,
                AssertionResult::assertion).containsExactly(
                org.assertj.core.groups.Tuple.tuple("REPLAY-MODERATIONS", "as recorded: 2 moderation results"));
        assertThat(run.comparisons()).hasSize(3).allMatch(c -> c.matches());
        assertThat(run.results()).allSatisfy(r -> assertThat(r.curl()).doesNotContain(DemoGateway.DEMO_KEY));
    }

    @Test
    void anImageAnswerOfAnotherKindThanRecordedFailsTheImagesRule() throws Exception {
        Replay.Outcome o = replay(plan("demo-image-url", "gpt-4o-mini-tts", "omni-moderation-latest"),
                new Replay.Options(0, 2, true));
        Map<String, CheckResult> by = byCall(o.run());
        CheckResult images = by.get("request:replay-1");
        assertThat(images.verdict()).as(describe(o.run())).isEqualTo(Verdict.FAIL);
        assertThat(images.ruleId()).isEqualTo("REPLAY-IMAGES");
        // the fault model is not a gpt-image model: it answers URLs, and no usage either
        assertThat(images.assertions()).filteredOn(a -> a.status() == AssertionResult.Status.FAIL)
                .extracting(AssertionResult::ruleId, AssertionResult::evidence).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("REPLAY-IMAGES", "the images came as url, url"),
                        org.assertj.core.groups.Tuple.tuple("REPLAY-USAGE", "the answer carries no usage"));
        assertThat(images.assertions()).filteredOn(a -> a.assertion().equals("as recorded: 2 images"))
                .singleElement().satisfies(a -> assertThat(a.status()).isEqualTo(AssertionResult.Status.PASS));
        assertThat(by.get("request:replay-2").verdict()).isEqualTo(Verdict.PASS);
        assertThat(by.get("request:replay-3").verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void speechInAnotherFormatThanRecordedFailsTheSpeechRule() throws Exception {
        Replay.Outcome o = replay(plan("gpt-image-1", "demo-tts-wrong-format", "omni-moderation-latest"),
                new Replay.Options(0, 2, true));
        CheckResult speech = byCall(o.run()).get("request:replay-2");
        assertThat(speech.verdict()).as(describe(o.run())).isEqualTo(Verdict.FAIL);
        assertThat(speech.decidingRuleIds()).contains("REPLAY-SPEECH", "AUD-FORMAT");
        assertThat(speech.assertions()).singleElement().satisfies(a -> {
            assertThat(a.ruleId()).isEqualTo("REPLAY-SPEECH");
            assertThat(a.status()).isEqualTo(AssertionResult.Status.FAIL);
            assertThat(a.evidence()).contains("audio/mpeg");
        });
    }

    @Test
    void aModerationWithoutScoresFailsTheModerationShapeRule() throws Exception {
        Replay.Outcome o = replay(plan("gpt-image-1", "gpt-4o-mini-tts", "demo-moderation-broken"),
                Replay.Options.defaults());
        CheckResult moderation = byCall(o.run()).get("request:replay-3");
        assertThat(moderation.verdict()).as(describe(o.run())).isEqualTo(Verdict.FAIL);
        assertThat(moderation.ruleId()).isEqualTo("MOD-SHAPE");
        assertThat(moderation.assertions()).singleElement()
                .satisfies(a -> assertThat(a.status()).isEqualTo(AssertionResult.Status.PASS));
    }
}
