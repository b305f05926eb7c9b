package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.demo.DemoConfig;
import ai.flatkey.migrate.demo.DemoGateway;
import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.Inventory;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.Parameters;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.Verdict;
import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.OpenAiClient;
import ai.flatkey.migrate.wire.Transport;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint-family checks against the demo gateway: every family passes on its real models, and each family's
 * fault (a fault model of the demo) fails its check with the rule that fault breaks — and only that rule.
 */
class FamilyChecksTest {
    private static DemoGateway gateway;
    private static ExecutorService pool;
    private static OkHttpClient http;

    @BeforeAll
    static void start() throws Exception {
        gateway = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(0));
        pool = Executors.newFixedThreadPool(8);
        http = OpenAiClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        pool.shutdownNow();
    }

    static MigrationPlan plan(List<String> endpoints, List<ModelMapping> rows) {
        Inventory inv = new Inventory("Python openai 1.x", endpoints, "", rows.get(0).sourceModel(), List.of(),
                "user text", Parameters.none(), "", "");
        return MigrationPlan.newPlan("families").withInventory(inv)
                .withTarget(new Endpoint("demo", gateway.baseUrl(), "demo")).withMappings(rows);
    }

    static final List<String> ALL = List.of("chat", "images", "audio", "video", "moderations");

    private static SmokeRun run(MigrationPlan plan, String checks, Duration readTimeout) throws Exception {
        SuiteOptions options = SuiteOptions.defaults().withNegatives(false).withChecks(checks);
        return new SmokeRunner(Transport.over(http), pool, Clock.systemUTC(), readTimeout)
                .run(plan, new Target(gateway.baseUrl(), DemoGateway.DEMO_KEY), null, options, SmokeListener.NONE,
                        new Cancellation())
                .get(120, TimeUnit.SECONDS);
    }

    private static String describe(SmokeRun run) {
        return run.results().stream().map(r -> r.checkId() + " " + r.verdict() + " [" + r.ruleId() + "] " + r.reason())
                .collect(Collectors.joining("\n"));
    }

    @Test
    void everyFamilyPassesOnTheDemoGateway() throws Exception {
        MigrationPlan plan = plan(ALL, List.of(
                new ModelMapping("gpt-image-1", "gpt-image-1", List.of("images", "image-edits"), ""),
                new ModelMapping("dall-e-3", "dall-e-3", List.of("images"), ""),
                new ModelMapping("whisper-1", "whisper-1", List.of("transcriptions", "translations"), ""),
                new ModelMapping("tts-1", "gpt-4o-mini-tts", List.of("speech"), ""),
                new ModelMapping("omni-moderation-latest", "omni-moderation-latest", List.of("moderations"), ""),
                new ModelMapping("sora-2", "sora-2", List.of("video"), "")));
        SmokeRun run = run(plan, "*:*", Duration.ofSeconds(10));
        String all = describe(run);
        assertThat(run.results()).extracting(CheckResult::checkId).containsExactlyInAnyOrder(
                "images:gpt-image-1", "image-edits:gpt-image-1", "images:dall-e-3", "transcriptions:whisper-1",
                "transcription-formats:whisper-1", "translations:whisper-1", "speech:gpt-4o-mini-tts",
                "moderations:omni-moderation-latest", "video:sora-2");
        assertThat(run.results()).as(all).allSatisfy(r -> assertThat(r.verdict()).as(r.checkId() + ": " + r.reason())
                .isEqualTo(Verdict.PASS));
        Map<String, CheckResult> byId = run.results().stream().collect(Collectors.toMap(CheckResult::checkId, r -> r));
        assertThat(byId.get("images:gpt-image-1").reason()).contains("1024x1024 PNG", "b64_json");
        assertThat(byId.get("images:gpt-image-1").totalTokens()).as("gpt-image answers carry usage").isPositive();
        assertThat(byId.get("transcriptions:whisper-1").reason())
                .as("the clip was spoken by the plan's speech model, and the demo heard its words")
                .contains("speech by gpt-4o-mini-tts", MediaSamples.PHRASE);
        assertThat(byId.get("transcription-formats:whisper-1").output()).isEqualTo("text ✓, srt ✓, verbose_json ✓, vtt ✓");
        assertThat(byId.get("speech:gpt-4o-mini-tts").reason()).contains("WAV, 24000 Hz", "completion tokens");
        assertThat(byId.get("video:sora-2").reason()).contains("queued", "completed", "MP4, HTTP 206");
        assertThat(byId.get("video:sora-2").output()).containsPattern("job task_[A-Za-z0-9]{32}");
        assertThat(run.results()).allSatisfy(r -> assertThat(r.requestId()).as(r.checkId()).isNotBlank());
        assertThat(run.results()).allSatisfy(r -> assertThat(r.curl()).as(r.checkId()).startsWith("curl -sS")
                .doesNotContain(DemoGateway.DEMO_KEY));
        assertThat(run.results()).allSatisfy(r -> assertThat(r.transcript()).as(r.checkId()).isNotBlank()
                .doesNotContain(DemoGateway.DEMO_KEY));
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of("demo-image-url", "images", "images", Verdict.FAIL, "IMG-FORMAT"),
                Arguments.of("demo-image-broken", "images", "images", Verdict.FAIL, "IMG-BYTES"),
                Arguments.of("demo-image-broken", "image-edits", "image-edits", Verdict.FAIL, "IMG-BYTES"),
                Arguments.of("demo-transcribe-wrong-format", "transcriptions", "transcription-formats", Verdict.FAIL,
                        "AUD-FORMAT"),
                Arguments.of("demo-transcribe-empty", "transcriptions", "transcriptions", Verdict.FAIL, "AUD-TRANSCRIPT"),
                // a streamed transcription that ends without transcript.text.done
                Arguments.of("demo-transcribe-no-done", "transcription-stream", "transcription-stream", Verdict.FAIL,
                        "AUD-STREAM"),
                // OpenAI: "Streaming is not supported for the whisper-1 model and will be ignored" — a JSON answer
                Arguments.of("whisper-1", "transcription-stream", "transcription-stream", Verdict.FAIL, "AUD-STREAM"),
                Arguments.of("demo-tts-broken", "speech", "speech", Verdict.FAIL, "AUD-SPEECH"),
                Arguments.of("demo-tts-wrong-format", "speech", "speech", Verdict.FAIL, "AUD-FORMAT"),
                Arguments.of("demo-moderation-broken", "moderations", "moderations", Verdict.FAIL, "MOD-SHAPE"),
                Arguments.of("demo-video-bad-status", "video", "video", Verdict.FAIL, "VID-JOB"),
                Arguments.of("demo-video-fails", "video", "video", Verdict.FAIL, "VID-COMPLETES"),
                Arguments.of("demo-video-stuck", "video", "video", Verdict.FAIL, "VID-COMPLETES"),
                Arguments.of("demo-video-broken", "video", "video", Verdict.FAIL, "VID-CONTENT"),
                // gateways differ: gpt-4o-mini-transcribe has json and text only
                Arguments.of("gpt-4o-mini-transcribe", "transcriptions", "transcription-formats", Verdict.UNSUPPORTED,
                        "AUD-FORMAT"));
    }

    @ParameterizedTest(name = "{0}: {2} → {3} {4}")
    @MethodSource("faults")
    void eachFamilyFaultFailsItsCheckWithItsRule(String model, String feature, String check, Verdict verdict,
                                                  String rule) throws Exception {
        List<ModelMapping> rows = new ArrayList<>();
        rows.add(new ModelMapping(model, model, List.of(feature), ""));
        // the transcription of a spoken clip: the plan's speech model speaks it
        rows.add(new ModelMapping("tts-1", "gpt-4o-mini-tts", List.of("speech"), ""));
        SmokeRun run = run(plan(ALL, rows), check + ":" + model, Duration.ofSeconds(2));
        assertThat(run.results()).as(describe(run)).hasSize(1);
        CheckResult r = run.results().get(0);
        String what = r.verdict() + " [" + r.ruleId() + "] " + r.reason();
        assertThat(r.verdict()).as(what).isEqualTo(verdict);
        assertThat(r.ruleId()).as(what).isEqualTo(rule);
        assertThat(Rule.fired(r)).as(what).containsExactly(rule);
        assertThat(r.transcript()).as(what).isNotBlank().doesNotContain(DemoGateway.DEMO_KEY);
    }

    /**
     * A model that streams transcriptions (gpt-4o-mini-transcribe) gets the streamed-transcription check by its name;
     * on the demo gateway the spoken clip streams word by word and transcript.text.done carries the deltas joined and
     * the usage. whisper-1 does not get the check: it ignores stream=true.
     */
    @Test
    void aStreamedTranscriptionPassesOnAModelThatStreams() throws Exception {
        List<ModelMapping> rows = List.of(new ModelMapping("gpt-4o-mini-transcribe", "gpt-4o-mini-transcribe",
                        List.of(), ""), new ModelMapping("whisper-1", "whisper-1", List.of(), ""),
                new ModelMapping("tts-1", "gpt-4o-mini-tts", List.of("speech"), ""));
        MigrationPlan plan = plan(ALL, rows);
        assertThat(SmokeSuite.features(plan, "gpt-4o-mini-transcribe")).contains("transcription-stream");
        assertThat(SmokeSuite.features(plan, "whisper-1")).doesNotContain("transcription-stream");
        SmokeRun run = run(plan, "transcription-stream:*", Duration.ofSeconds(2));
        assertThat(run.results()).as(describe(run)).hasSize(1);
        CheckResult r = run.results().get(0);
        assertThat(r.verdict()).as(r.reason()).isEqualTo(Verdict.PASS);
        assertThat(r.ruleId()).isEqualTo("AUD-STREAM");
        assertThat(r.reason()).contains("delta events", MediaSamples.PHRASE, "usage");
        assertThat(r.curl()).contains("stream=true").doesNotContain(DemoGateway.DEMO_KEY);
        assertThat(r.totalTokens()).isPositive();
        assertThat(r.otherRequests()).as("the spoken clip is billed too").hasSize(1);
    }

    @Test
    void routesNewApiLacksAreUnsupportedNotErrors() throws Exception {
        MigrationPlan plan = plan(List.of("chat", "files", "fine-tuning", "batches"),
                List.of(new ModelMapping("gpt-4o-mini", "gpt-4o-mini", List.of("chat"), "")));
        SmokeRun run = run(plan, "files,fine-tuning,batches", Duration.ofSeconds(5));
        assertThat(run.results()).extracting(CheckResult::checkId).containsExactly("files", "fine-tuning", "batches");
        assertThat(run.results()).as(describe(run)).allSatisfy(r -> {
            assertThat(r.verdict()).isEqualTo(Verdict.UNSUPPORTED);
            assertThat(r.ruleId()).isEqualTo("ENDPOINT-AVAILABLE");
            assertThat(r.reason()).contains("separate endpoint migration");
        });
        assertThat(run.results().get(0).reason()).contains("HTTP 501", "api_not_implemented");
        assertThat(run.results().get(2).reason()).contains("HTTP 404", "no such route");
    }

    @Test
    void costlyFamiliesRunOnlyWhenTheInventoryListsThem() {
        List<ModelMapping> rows = List.of(
                new ModelMapping("gpt-image-1", "gpt-image-1", List.of("images"), ""),
                new ModelMapping("whisper-1", "whisper-1", List.of("transcriptions"), ""),
                new ModelMapping("tts-1", "gpt-4o-mini-tts", List.of("speech"), ""),
                new ModelMapping("sora-2", "sora-2", List.of("video"), ""));
        List<String> without = SmokeSuite.derive(plan(List.of("chat"), rows)).stream().map(Check::id).toList();
        assertThat(without).contains("transcriptions:whisper-1")
                .noneMatch(id -> id.startsWith("images:") || id.startsWith("speech:") || id.startsWith("video:"));
        List<String> with = SmokeSuite.derive(plan(ALL, rows)).stream().map(Check::id).toList();
        assertThat(with).contains("images:gpt-image-1", "speech:gpt-4o-mini-tts", "video:sora-2");
        assertThat(with).as("a media model gets no chat checks").noneMatch(id -> id.startsWith("chat:gpt-image-1")
                || id.startsWith("chat:sora-2") || id.startsWith("chat:whisper-1"));
    }

    @Test
    void aModelWithoutRowsIsRecognisedByItsName() {
        Inventory inv = new Inventory("Python openai 1.x", ALL, "", "gpt-image-1", List.of("whisper-1", "sora-2"),
                "user text", Parameters.none(), "", "");
        MigrationPlan plan = MigrationPlan.newPlan("names").withInventory(inv)
                .withTarget(new Endpoint("demo", "http://127.0.0.1:1/v1", "demo"));
        assertThat(SmokeSuite.features(plan, "gpt-image-1")).containsExactly("images");
        assertThat(SmokeSuite.features(plan, "whisper-1")).containsExactly("transcriptions", "transcription-formats");
        assertThat(SmokeSuite.features(plan, "sora-2")).containsExactly("video");
    }

    /**
     * A family check hands its images and sounds to the listener just before its result, with that result's request
     * ID: a 256-px PNG thumbnail of the image it decoded (the edit's input too), the speech's WAV with its duration,
     * the clip a transcription sent. The result itself holds none of them.
     */
    @Test
    void imagesAndSoundsGoToTheListenerNotIntoTheResult() throws Exception {
        MigrationPlan plan = plan(ALL, List.of(
                new ModelMapping("gpt-image-1", "gpt-image-1", List.of("images", "image-edits"), ""),
                new ModelMapping("whisper-1", "whisper-1", List.of("transcriptions"), ""),
                new ModelMapping("tts-1", "gpt-4o-mini-tts", List.of("speech"), ""),
                new ModelMapping("omni-moderation-latest", "omni-moderation-latest", List.of("moderations"), "")));
        Map<String, List<MediaEvidence>> media = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, String> mediaRequestIds = new java.util.concurrent.ConcurrentHashMap<>();
        List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
        SmokeListener listener = new SmokeListener() {
            @Override
            public void onMedia(Check check, String requestId, List<MediaEvidence> m) {
                media.put(check.id(), m);
                mediaRequestIds.put(check.id(), requestId);
                order.add("media " + check.id());
            }

            @Override
            public void onFinished(Check check, CheckResult result) {
                order.add("finished " + check.id());
            }
        };
        SmokeRun run = new SmokeRunner(Transport.over(http), pool, Clock.systemUTC(), Duration.ofSeconds(10))
                .run(plan, new Target(gateway.baseUrl(), DemoGateway.DEMO_KEY), null,
                        SuiteOptions.defaults().withNegatives(false).withChecks("images:*,image-edits:*,"
                                + "transcriptions:*,speech:*,moderations:*"), listener, new Cancellation())
                .get(120, TimeUnit.SECONDS);
        assertThat(run.allPassed()).as(describe(run)).isTrue();
        Map<String, CheckResult> byId = run.results().stream().collect(Collectors.toMap(CheckResult::checkId, r -> r));

        assertThat(media).containsOnlyKeys("images:gpt-image-1", "image-edits:gpt-image-1", "transcriptions:whisper-1",
                "speech:gpt-4o-mini-tts");
        media.keySet().forEach(id -> {
            assertThat(mediaRequestIds.get(id)).as(id).isEqualTo(byId.get(id).requestId()).isNotBlank();
            assertThat(order.indexOf("media " + id)).as(id).isLessThan(order.indexOf("finished " + id));
        });
        MediaEvidence image = media.get("images:gpt-image-1").get(0);
        assertThat(image.kind()).isEqualTo(MediaEvidence.Kind.IMAGE);
        assertThat(image.width()).isEqualTo(1024);
        assertThat(image.height()).isEqualTo(1024);
        MediaSamples.Picture thumb = MediaSamples.picture(image.bytes());
        assertThat(thumb).isEqualTo(new MediaSamples.Picture("png", MediaEvidence.THUMBNAIL_SIDE,
                MediaEvidence.THUMBNAIL_SIDE));
        assertThat(image.bytes().length).as("a thumbnail, far smaller than the image").isLessThan(60_000);
        assertThat(media.get("image-edits:gpt-image-1")).extracting(MediaEvidence::caption)
                .containsExactly("Sent for editing · 1024×1024 PNG", "Edited image · 1024×1024 PNG");

        MediaEvidence speech = media.get("speech:gpt-4o-mini-tts").get(0);
        assertThat(speech.kind()).isEqualTo(MediaEvidence.Kind.AUDIO);
        assertThat(speech.format()).isEqualTo("wav");
        assertThat(MediaSamples.sound(speech.bytes()).seconds()).isEqualTo(speech.seconds()).isGreaterThan(1);
        assertThat(byId.get("speech:gpt-4o-mini-tts").output()).contains(String.format(java.util.Locale.ROOT, "%.2f s",
                speech.seconds()));
        assertThat(media.get("transcriptions:whisper-1")).singleElement().satisfies(clip -> {
            assertThat(clip.caption()).isEqualTo("Clip sent (spoken) · WAV");
            assertThat(clip.bytes()).isEqualTo(speech.bytes()); // the same phrase by the same voice
        });

        String results = new ai.flatkey.migrate.plan.PlanStore().toJson(plan.withSmokeRunAdded(run, 10));
        assertThat(results).doesNotContain(java.util.Base64.getEncoder().encodeToString(speech.bytes())
                .substring(0, 60)).doesNotContain(java.util.Base64.getEncoder().encodeToString(image.bytes())
                .substring(0, 60));
    }
}
