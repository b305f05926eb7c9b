package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.demo.DemoConfig;
import ai.flatkey.migrate.demo.DemoGateway;
import ai.flatkey.migrate.plan.AssertionResult;
import ai.flatkey.migrate.plan.CheckFile;
import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.Verdict;
import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.OpenAiClient;
import ai.flatkey.migrate.wire.Transport;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Transcription and translation request checks against the demo gateway: the body's {@code file} read from the
 * check file's folder and uploaded as a multipart form with the body's other fields and the mapped model, judged by
 * the audio rules (AUD-FORMAT, AUD-TRANSCRIPT, AUD-STREAM) and the check's assertions on the transcript's text; a
 * media fault model fails its rule; a missing file is a problem naming its line when the file is read and an ERROR
 * when it is gone at run time, never a pass.
 */
class UploadRequestChecksTest {
    private static DemoGateway gateway;
    private static ExecutorService pool;
    private static OkHttpClient http;

    @TempDir
    Path dir;

    static final String CHECKS = """
            checks:
              - name: hello
                endpoint: audio/transcriptions
                body: {model: app-whisper, file: audio/hello.wav, language: en, response_format: json, temperature: 0}
                assert:
                  - status: 200
                  - {contains: quick brown FOX, ignore-case: true}
                  - not-empty
                  - latency: 30000
              - name: hello-srt
                endpoint: transcriptions
                body: {model: app-whisper, file: audio/hello.wav, response_format: srt}
                assert: [{regex: "(?i)lazy dog"}]
              - name: hello-english
                endpoint: /v1/audio/translations
                body: {model: app-whisper, file: audio/hello.wav, prompt: A short test clip.}
                assert: [not-empty, {cost: 1}]
              - name: hello-streamed
                endpoint: transcriptions
                body: {model: app-stream, file: audio/hello.wav, stream: true}
                assert: [{contains: fox}]
            """;

    @BeforeAll
    static void start() throws Exception {
        gateway = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(0));
        pool = Executors.newFixedThreadPool(4);
        http = OpenAiClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        pool.shutdownNow();
    }

    private MigrationPlan plan(String whisper, String streaming, String checks) throws Exception {
        Files.createDirectories(dir.resolve("audio"));
        Files.write(dir.resolve("audio/hello.wav"), MediaSamples.toneWav(MediaSamples.PHRASE));
        Files.writeString(dir.resolve("checks.yaml"), checks);
        CheckFile.Loaded loaded = CheckFile.read(dir.resolve("checks.yaml"));
        assertThat(loaded.problems()).isEmpty();
        return MigrationPlan.newPlan("upload-requests").withTarget(new Endpoint("demo", gateway.baseUrl(), "demo"))
                .withMappings(List.of(new ModelMapping("app-whisper", whisper, List.of("transcriptions"), ""),
                        new ModelMapping("app-stream", streaming, List.of("transcription-stream"), "")))
                .withFileChecks(loaded.checks());
    }

    static SmokeRun run(MigrationPlan plan, String checks) throws Exception {
        SuiteOptions options = SuiteOptions.defaults().withNegatives(false).withChecks(checks);
        return new SmokeRunner(Transport.over(http), pool, Clock.systemUTC(), Duration.ofSeconds(10))
                .run(plan, new Target(gateway.baseUrl(), DemoGateway.DEMO_KEY), null, options, SmokeListener.NONE,
                        new Cancellation())
                .get(120, TimeUnit.SECONDS);
    }

    private static String describe(SmokeRun run) {
        return run.results().stream().map(r -> r.checkId() + " " + r.verdict() + " [" + r.ruleId() + "] " + r.reason()
                + " " + r.assertions()).collect(Collectors.joining("\n"));
    }

    private static Map<String, CheckResult> byId(SmokeRun run) {
        return run.results().stream().collect(Collectors.toMap(CheckResult::checkId, r -> r));
    }

    @Test
    void transcriptionTranslationAndStreamedChecksPassOnTheDemoGateway() throws Exception {
        SmokeRun run = run(plan("whisper-1", "gpt-4o-mini-transcribe", CHECKS), "request:hello,request:hello-srt,"
                + "request:hello-english,request:hello-streamed");
        String all = describe(run);
        Map<String, CheckResult> byId = byId(run);
        for (String id : List.of("request:hello", "request:hello-srt", "request:hello-streamed")) {
            CheckResult r = byId.get(id);
            assertThat(r.verdict()).as(all).isEqualTo(Verdict.PASS);
            assertThat(r.assertions()).as(all).allMatch(a -> a.status() == AssertionResult.Status.PASS);
            assertThat(r.curl()).startsWith("curl -sS").contains("-F", "file=@hello.wav;type=audio/wav")
                    .doesNotContain(DemoGateway.DEMO_KEY);
        }
        assertThat(byId.get("request:hello").model()).as("mapped through the plan").isEqualTo("whisper-1");
        assertThat(byId.get("request:hello").curl()).contains("/v1/audio/transcriptions", "model=whisper-1",
                "language=en", "temperature=0");
        assertThat(byId.get("request:hello").transcript()).contains("multipart/form-data", "hello.wav (audio/wav, ");
        assertThat(byId.get("request:hello-srt").output()).contains("srt ✓");
        assertThat(byId.get("request:hello-streamed").curl()).contains("stream=true", "model=gpt-4o-mini-transcribe");
        assertThat(byId.get("request:hello-streamed").output()).contains("transcript.text.done");
        CheckResult english = byId.get("request:hello-english");
        assertThat(english.curl()).contains("/v1/audio/translations", "prompt=A short test clip.");
        assertThat(english.assertions().get(0).status()).as(all).isEqualTo(AssertionResult.Status.PASS);
        assertThat(english.assertions().get(1).status()).as("no price in the plan: not checked, never passed")
                .isEqualTo(AssertionResult.Status.NOT_CHECKED);
        assertThat(english.verdict()).as(all).isEqualTo(Verdict.ERROR);
    }

    @Test
    void aWrongFormatFailsAudFormatAndAMissingDoneFailsAudStream() throws Exception {
        SmokeRun run = run(plan("demo-transcribe-wrong-format", "demo-transcribe-no-done", CHECKS),
                "request:hello-srt,request:hello-streamed");
        String all = describe(run);
        Map<String, CheckResult> byId = byId(run);
        assertThat(byId.get("request:hello-srt").verdict()).as(all).isEqualTo(Verdict.FAIL);
        assertThat(byId.get("request:hello-srt").ruleId()).as(all).isEqualTo("AUD-FORMAT");
        assertThat(byId.get("request:hello-streamed").verdict()).as(all).isEqualTo(Verdict.FAIL);
        assertThat(Rule.fired(byId.get("request:hello-streamed"))).as(all).contains("AUD-STREAM");
    }

    @Test
    void anEmptyTranscriptFailsTheNotEmptyAssertion() throws Exception {
        SmokeRun run = run(plan("demo-transcribe-empty", "gpt-4o-mini-transcribe", CHECKS), "request:hello");
        CheckResult r = run.results().get(0);
        assertThat(r.verdict()).as(describe(run)).isEqualTo(Verdict.FAIL);
        assertThat(r.ruleId()).as(describe(run)).startsWith("ASSERT-");
        assertThat(r.assertions()).filteredOn(a -> a.ruleId().equals("ASSERT-NOT-EMPTY"))
                .singleElement().satisfies(a -> assertThat(a.status()).isEqualTo(AssertionResult.Status.FAIL));
    }

    @Test
    void aCheckKeptInThePlanFindsItsFileBesideThePlanFile() throws Exception {
        MigrationPlan written = plan("whisper-1", "gpt-4o-mini-transcribe", CHECKS);
        Path planFile = dir.resolve("plan.json");
        ai.flatkey.migrate.plan.PlanStore store = new ai.flatkey.migrate.plan.PlanStore();
        store.save(planFile, written.withRequestChecks(written.fileChecks().stream()
                .filter(c -> c.name().equals("hello")).map(c -> c.withOrigin("")).toList()).withFileChecks(List.of()));
        MigrationPlan opened = store.open(planFile).plan();
        assertThat(opened.requestChecks()).singleElement().satisfies(c -> {
            assertThat(c.folder()).isEqualTo(dir.toAbsolutePath().normalize().toString());
            assertThat(c.filePath()).isEqualTo(dir.resolve("audio/hello.wav").toAbsolutePath().normalize());
        });
        SmokeRun run = run(opened, "request:hello");
        assertThat(run.results()).singleElement().satisfies(r -> assertThat(r.verdict()).as(describe(run))
                .isEqualTo(Verdict.PASS));
    }

    static final String EDITS = """
            checks:
              - name: star
                endpoint: images/edits
                body: {model: app-image, image: images/icon.png, mask: images/mask.png, prompt: Add a star, size: 64x64,
                       response_format: b64_json}
                assert: [{image-count: 1}, {image-format: b64_json}, {status: 200}]
              - name: stars
                endpoint: image-edits
                body: {model: app-image, image: [images/icon.png, images/mask.png], prompt: Add a star, size: 64x64}
                assert: []
            """;

    private MigrationPlan editPlan(String image) throws Exception {
        Files.createDirectories(dir.resolve("images"));
        Files.write(dir.resolve("images/icon.png"), MediaSamples.png(64));
        Files.write(dir.resolve("images/mask.png"), MediaSamples.png(64));
        Files.writeString(dir.resolve("edits.yaml"), EDITS);
        CheckFile.Loaded loaded = CheckFile.read(dir.resolve("edits.yaml"));
        assertThat(loaded.problems()).isEmpty();
        return MigrationPlan.newPlan("edit-requests").withTarget(new Endpoint("demo", gateway.baseUrl(), "demo"))
                .withMappings(List.of(new ModelMapping("app-image", image, List.of("image-edits"), "")))
                .withFileChecks(loaded.checks());
    }

    @Test
    void anImageEditCheckUploadsItsImagesAndIsHeldToTheImageRules() throws Exception {
        SmokeRun run = run(editPlan("gpt-image-1"), "request:star,request:stars");
        String all = describe(run);
        Map<String, CheckResult> byId = byId(run);
        assertThat(run.results()).as(all).allSatisfy(r -> assertThat(r.verdict()).as(all).isEqualTo(Verdict.PASS));
        assertThat(byId.get("request:star").assertions()).allMatch(a -> a.status() == AssertionResult.Status.PASS);
        assertThat(byId.get("request:star").curl()).contains("/v1/images/edits", "model=gpt-image-1",
                "image=@icon.png;type=image/png", "mask=@mask.png;type=image/png", "size=64x64", "response_format=b64_json")
                .doesNotContain(DemoGateway.DEMO_KEY);
        assertThat(byId.get("request:star").output()).contains("1 image as b64_json");
        assertThat(byId.get("request:stars").curl()).contains("image[]=@icon.png", "image[]=@mask.png");

        SmokeRun broken = run(editPlan("demo-image-broken"), "request:star");
        CheckResult r = broken.results().get(0);
        assertThat(r.verdict()).as(describe(broken)).isEqualTo(Verdict.FAIL);
        assertThat(r.ruleId()).as(describe(broken)).isEqualTo("IMG-BYTES");
    }

    @Test
    void aMissingImageIsAProblemWithItsLine() throws Exception {
        Files.writeString(dir.resolve("edit.yaml"), """
                - name: star
                  endpoint: image-edits
                  body:
                    prompt: Add a star
                    image: [images/nowhere.png]
                """);
        assertThat(CheckFile.read(dir.resolve("edit.yaml")).problems()).containsExactly("edit.yaml:5: check \"star\":"
                + " file images/nowhere.png does not exist (looked in " + dir.toAbsolutePath().normalize() + ")");
    }

    @Test
    void aMissingFileIsAProblemWithItsLineWhenReadAndAnErrorWhenGoneAtRunTime() throws Exception {
        Files.writeString(dir.resolve("missing.yaml"), """
                checks:
                  - name: gone
                    endpoint: transcriptions
                    body:
                      model: whisper-1
                      file: audio/nowhere.wav
                """);
        CheckFile.Loaded loaded = CheckFile.read(dir.resolve("missing.yaml"));
        assertThat(loaded.checks()).isEmpty();
        assertThat(loaded.problems()).containsExactly("missing.yaml:6: check \"gone\": file audio/nowhere.wav does not"
                + " exist (looked in " + dir.toAbsolutePath().normalize() + ")");

        MigrationPlan plan = plan("whisper-1", "gpt-4o-mini-transcribe", CHECKS);
        Files.delete(dir.resolve("audio/hello.wav"));
        SmokeRun run = run(plan, "request:hello");
        CheckResult r = run.results().get(0);
        assertThat(r.verdict()).as(describe(run)).isEqualTo(Verdict.ERROR);
        assertThat(r.reason()).contains("was not sent", "file audio/hello.wav", "does not exist",
                dir.resolve("audio/hello.wav").toAbsolutePath().normalize().toString());
        assertThat(r.assertions()).allMatch(a -> a.status() == AssertionResult.Status.NOT_CHECKED);
    }
}
