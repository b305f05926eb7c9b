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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request checks of image generations, speech and moderations against the demo gateway: the body goes to its route
 * with the mapped model, the family's conformance rules judge the answer (IMG-*, AUD-*, MOD-SHAPE) beside the
 * check's own assertions, each media fault model fails its rule, and an assertion that does not hold fails with its
 * ASSERT rule.
 */
class FamilyRequestChecksTest {
    private static DemoGateway gateway;
    private static ExecutorService pool;
    private static OkHttpClient http;

    static final String CHECKS = """
            checks:
              - name: icons
                endpoint: images/generations
                body: {model: app-image, prompt: A paper plane, n: 2, size: 64x64}
                assert:
                  - status: 200
                  - image-count: 2
                  - image-format: b64_json
                  - usage
                  - latency: 30000
              - name: icon-url
                endpoint: images
                body: {model: dall-e-3, prompt: A paper plane, size: 64x64, response_format: url}
                assert: [{image-format: url}, {image-count: 1}]
              - name: icon-b64
                endpoint: images
                body: {model: app-image, prompt: A paper plane, size: 64x64, response_format: b64_json}
                assert: []
              - name: hello-wav
                endpoint: /v1/audio/speech
                body: {model: app-tts, input: Hello there, voice: alloy, response_format: wav}
                assert: [{content-type: audio/wav}, {latency: 30000}]
              - name: hello-mp3
                endpoint: speech
                body: {model: app-tts, input: Hello there, voice: alloy}
                assert: [{content-type: audio/mpeg}]
              - name: moderate
                endpoint: moderations
                body: {model: app-moderation, input: [I love my cat, I will kill the process]}
                assert: [{moderation-count: 2}]
              - name: calm
                endpoint: moderations
                body: {model: app-moderation, input: I love my cat}
                assert: [{flagged: false}]
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

    static MigrationPlan plan(String image, String tts, String moderation, String checks) {
        CheckFile.Loaded loaded = CheckFile.parse(checks, "checks.yaml");
        assertThat(loaded.problems()).isEmpty();
        return MigrationPlan.newPlan("family-requests").withTarget(new Endpoint("demo", gateway.baseUrl(), "demo"))
                .withMappings(List.of(new ModelMapping("app-image", image, List.of("images"), ""),
                        new ModelMapping("app-tts", tts, List.of("speech"), ""),
                        new ModelMapping("app-moderation", moderation, List.of("moderations"), "")))
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

    @Test
    void everyFamilyCheckPassesOnTheDemoGatewayWithItsModelMapped() throws Exception {
        SmokeRun run = run(plan("gpt-image-1", "gpt-4o-mini-tts", "omni-moderation-latest", CHECKS), "request:*");
        String all = describe(run);
        assertThat(run.results()).extracting(CheckResult::checkId).containsExactly("request:icons", "request:icon-url",
                "request:icon-b64", "request:hello-wav", "request:hello-mp3", "request:moderate", "request:calm");
        assertThat(run.results()).as(all).allSatisfy(r -> {
            assertThat(r.verdict()).as(r.checkId() + ": " + r.reason()).isEqualTo(Verdict.PASS);
            assertThat(r.assertions()).allMatch(a -> a.status() == AssertionResult.Status.PASS);
            assertThat(r.curl()).startsWith("curl -sS").doesNotContain(DemoGateway.DEMO_KEY);
            assertThat(r.transcript()).isNotBlank().doesNotContain(DemoGateway.DEMO_KEY);
            assertThat(r.requestId()).isNotBlank();
        });
        Map<String, CheckResult> byId = run.results().stream().collect(Collectors.toMap(CheckResult::checkId, r -> r));
        assertThat(byId.get("request:icons").model()).as("mapped through the plan").isEqualTo("gpt-image-1");
        assertThat(byId.get("request:icons").curl()).contains("/v1/images/generations", "\"model\":\"gpt-image-1\"",
                "\"n\":2");
        assertThat(byId.get("request:icons").output()).contains("2 images as b64_json", "64x64 PNG");
        assertThat(byId.get("request:icons").totalTokens()).as("gpt-image answers carry usage").isPositive();
        assertThat(byId.get("request:icon-url").model()).as("an unmapped model is sent as written").isEqualTo("dall-e-3");
        assertThat(byId.get("request:hello-wav").curl()).contains("/v1/audio/speech");
        assertThat(byId.get("request:hello-wav").output()).contains("WAV", "audio/wav");
        assertThat(byId.get("request:hello-mp3").output()).contains("MP3", "audio/mpeg");
        assertThat(byId.get("request:moderate").output()).isEqualTo("2 results, 1 flagged");
        assertThat(byId.get("request:moderate").curl()).contains("/v1/moderations");
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of("request:icon-b64", "demo-image-broken", "gpt-4o-mini-tts", "omni-moderation-latest",
                        "IMG-BYTES"),
                Arguments.of("request:icon-b64", "demo-image-url", "gpt-4o-mini-tts", "omni-moderation-latest",
                        "IMG-FORMAT"),
                Arguments.of("request:hello-wav", "gpt-image-1", "demo-tts-wrong-format", "omni-moderation-latest",
                        "AUD-FORMAT"),
                Arguments.of("request:hello-wav", "gpt-image-1", "demo-tts-broken", "omni-moderation-latest",
                        "AUD-SPEECH"),
                Arguments.of("request:moderate", "gpt-image-1", "gpt-4o-mini-tts", "demo-moderation-broken",
                        "MOD-SHAPE"));
    }

    @ParameterizedTest(name = "{0} on {1}/{2}/{3} → {4}")
    @MethodSource("faults")
    void eachMediaFaultFailsTheCheckWithItsFamilysRule(String check, String image, String tts, String moderation,
                                                       String rule) throws Exception {
        SmokeRun run = run(plan(image, tts, moderation, CHECKS), check);
        assertThat(run.results()).as(describe(run)).hasSize(1);
        CheckResult r = run.results().get(0);
        String what = r.verdict() + " [" + r.ruleId() + "] " + r.reason();
        assertThat(r.verdict()).as(what).isEqualTo(Verdict.FAIL);
        assertThat(r.ruleId()).as(what).isEqualTo(rule);
        assertThat(Rule.fired(r)).as(what).contains(rule);
    }

    @Test
    void anAssertionThatDoesNotHoldFailsWithItsRuleAndOneWithoutEvidenceIsNeverPassed() throws Exception {
        SmokeRun run = run(plan("gpt-image-1", "gpt-4o-mini-tts", "omni-moderation-latest", """
                checks:
                  - name: three
                    endpoint: images
                    body: {model: app-image, prompt: A paper plane, n: 2, size: 64x64}
                    assert: [{image-count: 3}]
                  - name: wrong-type
                    endpoint: speech
                    body: {model: app-tts, input: Hello, voice: alloy, response_format: wav}
                    assert: [{content-type: audio/mpeg}]
                  - name: flagged
                    endpoint: moderations
                    body: {model: app-moderation, input: I love my cat}
                    assert: [{flagged: true}]
                  - name: priced
                    endpoint: speech
                    body: {model: app-tts, input: Hello, voice: alloy}
                    assert: [{cost: 1}]
                """), "request:*");
        Map<String, CheckResult> byId = run.results().stream().collect(Collectors.toMap(CheckResult::checkId, r -> r));
        String all = describe(run);
        assertThat(byId.get("request:three").verdict()).as(all).isEqualTo(Verdict.FAIL);
        assertThat(byId.get("request:three").ruleId()).as(all).isEqualTo("ASSERT-IMG-COUNT");
        assertThat(byId.get("request:three").assertions()).singleElement()
                .satisfies(a -> assertThat(a.evidence()).isEqualTo("2 images in data[]"));
        assertThat(byId.get("request:wrong-type").ruleId()).as(all).isEqualTo("ASSERT-CONTENT-TYPE");
        assertThat(byId.get("request:wrong-type").assertions().get(0).evidence()).contains("audio/wav");
        assertThat(byId.get("request:flagged").ruleId()).as(all).isEqualTo("ASSERT-FLAGGED");
        assertThat(byId.get("request:priced").verdict()).as("no price in the plan: not checked, never passed")
                .isEqualTo(Verdict.ERROR);
        assertThat(byId.get("request:priced").assertions()).singleElement()
                .satisfies(a -> assertThat(a.status()).isEqualTo(AssertionResult.Status.NOT_CHECKED));
    }

    @Test
    void aBodyWithoutAModelRunsOnTheModelsOfItsFamilyOnly() {
        MigrationPlan plan = plan("gpt-image-1", "gpt-4o-mini-tts", "omni-moderation-latest", """
                checks:
                  - name: any-image
                    endpoint: images
                    body: {prompt: A paper plane}
                  - name: any-voice
                    endpoint: speech
                    body: {input: Hi, voice: alloy}
                  - name: any-moderation
                    endpoint: moderations
                    body: {input: Hi}
                """).withMappings(List.of(new ModelMapping("gpt-4o-mini", "gpt-4o-mini", List.of("chat"), ""),
                new ModelMapping("app-image", "gpt-image-1", List.of("images"), ""),
                new ModelMapping("dall-e-3", "dall-e-3", List.of(), ""),
                new ModelMapping("tts-1", "gpt-4o-mini-tts", List.of(), ""),
                new ModelMapping("text-embedding-3-small", "text-embedding-3-small", List.of("embeddings"), ""),
                new ModelMapping("omni-moderation-latest", "omni-moderation-latest", List.of(), "")));
        assertThat(SmokeSuite.derive(plan, SuiteOptions.defaults().withChecks("request:*"))).extracting(Check::id)
                .containsExactly("request:any-image:gpt-image-1", "request:any-image:dall-e-3",
                        "request:any-voice:gpt-4o-mini-tts", "request:any-moderation:omni-moderation-latest");
        assertThat(SmokeSuite.requestModelNote(plan, plan.allRequestChecks().get(1)))
                .isEqualTo("No model in the body: it runs once on every mapped speech model (gpt-4o-mini-tts).");
    }
}
