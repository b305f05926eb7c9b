package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.Verdict;
import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.CredentialMatcher;
import ai.flatkey.migrate.wire.OpenAiClient;
import ai.flatkey.migrate.wire.Transport;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The diagnosis and advice a check gives from what is already known, each against a recorded exchange on
 * MockWebServer: the advice text is checked, not only the verdict. "Wrong path" only while the path is in doubt;
 * after {@code GET /v1/models} answered, a 404 is the gateway's own, said in its words.
 */
class DiagnosisTest {
    private static final String MODELS = "{\"object\":\"list\",\"data\":[{\"id\":\"acme-chat-1\",\"object\":\"model\","
            + "\"created\":1,\"owned_by\":\"rec\"}]}";
    private static final String KEY = "sk-test-diagnosis-00000000000";
    private static ExecutorService pool;
    private static OkHttpClient http;

    @BeforeAll
    static void start() {
        pool = Executors.newFixedThreadPool(4);
        http = OpenAiClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    private record Answer(int status, String body) {
    }

    /** Runs the checks selected by {@code checks} against a server answering {@code answers} ("METHOD PATH" → answer). */
    private static CheckResult run(String base, String checks, Map<String, Answer> answers) throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    Answer a = answers.getOrDefault(request.getMethod() + " " + request.getUrl().encodedPath(),
                            new Answer(404, "{\"error\":{\"message\":\"Not Found\"}}"));
                    return new MockResponse.Builder().code(a.status()).addHeader("Content-Type", "application/json")
                            .addHeader("x-request-id", "req_diag_1").body(a.body()).build();
                }
            });
            server.start(InetAddress.getByName("127.0.0.1"), 0);
            String url = server.url(base).toString().replaceAll("/+$", "");
            SmokeRun run = new SmokeRunner(Transport.over(http), pool, Clock.systemUTC(), Duration.ofSeconds(5))
                    .run(RecordedRulesTest.plan(url), new Target(url, KEY), null,
                            SuiteOptions.defaults().withChecks(checks), SmokeListener.NONE, new Cancellation())
                    .get(30, TimeUnit.SECONDS);
            assertThat(run.results()).hasSize(1);
            CheckResult r = run.results().get(0);
            assertThat(r.reason()).doesNotContain(KEY);
            return r;
        }
    }

    private static Map<String, Answer> answers(Object... routeAndAnswer) {
        Map<String, Answer> m = new LinkedHashMap<>();
        for (int i = 0; i < routeAndAnswer.length; i += 2) {
            m.put((String) routeAndAnswer[i], (Answer) routeAndAnswer[i + 1]);
        }
        return m;
    }

    @Test
    void aJsonRefusalOnChatAfterModelsAnsweredIsTheGatewaysOwnInItsWordsNotAWrongPath() throws Exception {
        CheckResult r = run("/v1", "chat:acme-chat-1", answers(
                "GET /v1/models", new Answer(200, MODELS),
                "POST /v1/chat/completions", new Answer(404,
                        "{\"error\":{\"message\":\"channel disabled for group default\",\"type\":\"new_api_error\"}}")));
        assertThat(r.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(r.ruleId()).isNotEqualTo("URL-MISSING-V1");
        assertThat(r.reason()).isEqualTo("The gateway refused POST /v1/chat/completions with HTTP 404, in its own words:"
                + " \"channel disabled for group default\". GET /v1/models answered at the same base URL (1 model), so"
                + " the base URL's path is right: the refusal is about the model, the route or a rule of the gateway's"
                + " own, as its message says, not about the path.");
    }

    @Test
    void aRouteLevel404OnChatAfterModelsAnsweredSaysTheRouteIsMissingNotThePath() throws Exception {
        CheckResult r = run("/v1", "chat:acme-chat-1", answers(
                "GET /v1/models", new Answer(200, MODELS),
                "POST /v1/chat/completions", new Answer(404,
                        "{\"error\":{\"message\":\"Invalid URL (POST /v1/chat/completions)\"}}")));
        assertThat(r.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(r.reason()).startsWith("POST /v1/chat/completions answered HTTP 404: \"Invalid URL (POST "
                        + "/v1/chat/completions)\", although GET /v1/models answered at the same base URL (1 model)")
                .contains("does not serve that route at this base URL").doesNotContain("Check the base URL's path");
    }

    @Test
    void the404IsAWrongPathWhileModelsFailsThereToo() throws Exception {
        CheckResult r = run("/v1", "chat:acme-chat-1", answers(
                "GET /v1/models", new Answer(404, "{\"error\":{\"message\":\"Invalid URL (GET /v1/models)\"}}"),
                "POST /v1/chat/completions", new Answer(404,
                        "{\"error\":{\"message\":\"Invalid URL (POST /v1/chat/completions)\"}}")));
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.ruleId()).isEqualTo("URL-MISSING-V1");
        assertThat(r.reason()).contains("Check the base URL's path")
                .endsWith("GET /v1/models fails at this base URL too, so the path is in doubt.");
    }

    @Test
    void aBaseUrlWithoutV1WhoseModelsAnswersIsNotBlamedForA404() throws Exception {
        // llama-server answers both /models and /v1/models; a JSON 404 on chat there is not a missing /v1
        CheckResult r = run("/", "chat:acme-chat-1", answers(
                "GET /models", new Answer(200, MODELS),
                "POST /chat/completions", new Answer(404, "{\"error\":{\"message\":\"model acme-chat-1 is not loaded\"}}")));
        assertThat(r.ruleId()).isNotEqualTo("URL-MISSING-V1");
        assertThat(r.reason()).doesNotContain("lacks the API prefix");
    }

    @Test
    void responsesMissingAfterModelsAnsweredIsUnsupportedSaidPlainly() throws Exception {
        CheckResult r = run("/v1", "responses:acme-chat-1", answers(
                "GET /v1/models", new Answer(200, MODELS),
                "POST /v1/responses", new Answer(404, "{\"error\":{\"message\":\"Invalid URL (POST /v1/responses)\"}}")));
        assertThat(r.verdict()).isEqualTo(Verdict.UNSUPPORTED);
        assertThat(r.ruleId()).isEqualTo("RESP-AVAILABLE");
        assertThat(r.reason()).isEqualTo("This gateway does not offer the Responses API: POST /v1/responses answered"
                + " HTTP 404: \"Invalid URL (POST /v1/responses)\", and GET /v1/models answered at the same base URL"
                + " (1 model), so the base URL's path is right. Use chat completions with this gateway, or keep the"
                + " app's Responses calls on the current provider.");
    }

    @Test
    void aResponsesRefusalThatIsNotAboutTheRouteIsNotCalledUnsupported() throws Exception {
        CheckResult r = run("/v1", "responses:acme-chat-1", answers(
                "GET /v1/models", new Answer(200, MODELS),
                "POST /v1/responses", new Answer(404, "{\"error\":{\"message\":\"no channel for this group\"}}")));
        assertThat(r.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(r.reason()).startsWith("The gateway refused POST /v1/responses with HTTP 404, in its own words:"
                + " \"no channel for this group\".").doesNotContain("does not offer");
    }

    @Test
    void a500NamingAMissingFeatureIsUnsupportedForItInTheServersWords() throws Exception {
        CheckResult r = run("/v1", "vision:acme-chat-1", answers(
                "GET /v1/models", new Answer(200, MODELS),
                "POST /v1/chat/completions", new Answer(500,
                        "{\"error\":{\"message\":\"image input is not supported\",\"type\":\"server_error\"}}")));
        assertThat(r.verdict()).isEqualTo(Verdict.UNSUPPORTED);
        assertThat(r.ruleId()).isEqualTo("VISION-INPUT");
        assertThat(r.reason()).isEqualTo("The gateway answered HTTP 500 naming something it does not support: \"image"
                + " input is not supported\". Retrying will not help: leave that input or parameter out for this model,"
                + " or pick a model that supports it. Hint: if the app sends images, map those requests to a model"
                + " that takes them.");
        assertThat(r.reason()).doesNotContain("retry later").doesNotContain("server-side");
    }

    @Test
    void aJsonAnswerCutOffAtTheTokenLimitIsCalledTruncatedNotNotJson() throws Exception {
        String cut = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"acme-chat-1\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"{\\\"status\\\": \\\"o\"},"
                + "\"finish_reason\":\"length\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":4,\"total_tokens\":9}}";
        CheckResult r = run("/v1", "json:acme-chat-1", answers("POST /v1/chat/completions", new Answer(200, cut)));
        assertThat(r.verdict()).isEqualTo(Verdict.ERROR);
        // which limit it names depends on the probe: "max_tokens" when the request set one, else the model's own
        String limit = r.transcript().contains("\"max_tokens\"") ? "max_tokens (finish_reason \"length\")"
                : "the model's output limit (finish_reason \"length\"; the request set no max_tokens)";
        assertThat(r.reason()).isEqualTo("The answer was cut off at " + limit + " after 13 characters, before its JSON"
                        + " ended, so json_object could not be judged: \"{\"status\": \"o\". Allow more tokens for JSON"
                        + " answers, or ask for a shorter one.")
                .doesNotContain("not a JSON object");
    }

    @Test
    void theInvalidKeyChecksCurlIsRunnableAsShownAndSurvivesTheRedactor() throws Exception {
        CheckResult r = run("/v1", "auth", answers(
                "POST /v1/chat/completions", new Answer(401, "{\"error\":{\"message\":\"Invalid API key\"}}")));
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.curl()).startsWith("INVALID_KEY='invalid-key-for-this-check'  # deliberately wrong, for this check\n"
                + "curl -sS ").contains("Authorization: Bearer $INVALID_KEY");
        assertThat(CredentialMatcher.find(r.curl())).as("nothing in it is taken for a key, so exports keep it whole")
                .isEmpty();
    }

    @Test
    void compareNamesNoStatusZeroForAnAnswerAndSaysNoHttpAnswerWhenThereWasNone() {
        assertThat(Shape.status(404).differencesFrom(Shape.ok(false, false)))
                .containsExactly("the current provider answered; the target did not (HTTP 404)");
        assertThat(Shape.status(404).differencesFrom(Shape.NONE))
                .containsExactly("failed with no HTTP answer on the current provider, HTTP 404 on the target");
        assertThat(Shape.ok(true, true).differencesFrom(Shape.ok(true, true))).isEmpty();
        assertThat(Shape.status(0).differencesFrom(Shape.ok(false, false)))
                .containsExactly("the current provider answered; the target did not (no HTTP answer)");
    }
}
