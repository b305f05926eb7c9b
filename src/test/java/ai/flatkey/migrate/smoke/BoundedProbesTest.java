package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.demo.DemoConfig;
import ai.flatkey.migrate.demo.DemoGateway;
import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.Verdict;
import ai.flatkey.migrate.usage.QuotaGuard;
import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.OpenAiClient;
import ai.flatkey.migrate.wire.Transport;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okio.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every request a suite sends is bounded, seen on the wire: the bodies OkHttp writes to the socket (a network
 * interceptor) carry {@code max_tokens} / {@code max_completion_tokens} (chat) or {@code max_output_tokens}
 * (Responses), at most the bound the quota guard prices with.
 */
class BoundedProbesTest {
    private static ExecutorService pool;

    @BeforeAll
    static void start() {
        pool = Executors.newFixedThreadPool(4);
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    /** A client that records the method, path and body of every request as written to the network. */
    private static OkHttpClient recording(List<String[]> sent) {
        return OpenAiClient.newHttpClient().newBuilder().addNetworkInterceptor(chain -> {
            okhttp3.Request r = chain.request();
            String body = "";
            if (r.body() != null) {
                Buffer b = new Buffer();
                r.body().writeTo(b);
                body = b.readUtf8();
            }
            sent.add(new String[] {r.method(), r.url().encodedPath(), body});
            return chain.proceed(r);
        }).build();
    }

    @Test
    void everyRequestOfAFullSuiteCarriesTheOutputBound() throws Exception {
        List<String[]> sent = new CopyOnWriteArrayList<>();
        try (DemoGateway gw = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(0))) {
            SmokeRun run = new SmokeRunner(Transport.over(recording(sent)), pool, Clock.systemUTC(), Duration.ofSeconds(20))
                    // the person's request checks are sent as written (RequestCheckRunTest): only the probes are bounded here
                    .run(RecordedRulesTest.plan(gw.baseUrl()).withRequestChecks(List.of()),
                            new Target(gw.baseUrl(), DemoGateway.DEMO_KEY), null,
                            SuiteOptions.defaults(), SmokeListener.NONE, new Cancellation())
                    .get(60, TimeUnit.SECONDS);
            assertThat(run.results()).extracting(CheckResult::checkId).contains("chat:acme-chat-1", "tools-stream:acme-chat-1",
                    "responses-stream:acme-chat-1", "json-schema:acme-chat-1", "vision:acme-chat-1",
                    "auth", "unknown-model", "unsupported-param");
        }
        int chats = 0;
        int responses = 0;
        int families = 0;
        for (String[] r : sent) {
            String what = r[0] + " " + r[1] + " " + r[2];
            if (!r[0].equals("POST") || r[1].endsWith("/embeddings")) {
                continue; // GET /models and embeddings produce no output tokens
            }
            if (familyRequestIsBounded(r[1], r[2], what)) {
                families++;
                continue;
            }
            JsonObject body = JsonParser.parseString(r[2]).getAsJsonObject();
            if (r[1].endsWith("/chat/completions")) {
                chats++;
                Integer bound = body.has("max_tokens") ? Integer.valueOf(body.get("max_tokens").getAsInt())
                        : body.has("max_completion_tokens") ? Integer.valueOf(body.get("max_completion_tokens").getAsInt()) : null;
                assertThat(bound).as("the bound of " + what).isNotNull().isPositive()
                        .isLessThanOrEqualTo(QuotaGuard.MAX_OUTPUT_TOKENS_PER_CHECK);
            } else if (r[1].endsWith("/responses")) {
                responses++;
                assertThat(body.has("max_output_tokens")).as(what).isTrue();
                assertThat(body.get("max_output_tokens").getAsInt()).as(what)
                        .isBetween(16, QuotaGuard.MAX_OUTPUT_TOKENS_PER_CHECK);
            } else {
                throw new AssertionError("a request the test does not know: " + what);
            }
        }
        assertThat(chats).as("chat requests seen on the wire").isGreaterThanOrEqualTo(12);
        assertThat(families).as("endpoint-family requests seen on the wire").isGreaterThanOrEqualTo(5);
        assertThat(responses).as("Responses requests seen on the wire").isEqualTo(2);
        assertThat(sent).as("the max-tokens checks send their own, smaller value")
                .anySatisfy(r -> assertThat(r[2]).contains("\"max_tokens\":" + Probes.MAX_TOKENS))
                .anySatisfy(r -> assertThat(r[2]).contains("\"max_completion_tokens\":" + Probes.MAX_TOKENS));
    }

    /**
     * The endpoint families' requests are bounded by what they ask for, not by tokens: one image of the smallest
     * size at the lowest quality, a one-sentence speech input, a 4-second video. False for a request of another route.
     */
    private static boolean familyRequestIsBounded(String path, String body, String what) {
        if (path.endsWith("/images/generations")) {
            JsonObject o = JsonParser.parseString(body).getAsJsonObject();
            assertThat(o.get("n").getAsInt()).as(what).isEqualTo(1);
            assertThat(o.get("size").getAsString()).as(what).isIn("256x256", "1024x1024");
        } else if (path.endsWith("/images/edits") || path.endsWith("/audio/transcriptions")
                || path.endsWith("/audio/translations")) {
            assertThat(body).as("multipart: " + path).contains("Content-Disposition: form-data; name=");
        } else if (path.endsWith("/audio/speech")) {
            assertThat(JsonParser.parseString(body).getAsJsonObject().get("input").getAsString()).as(what).hasSizeLessThan(100);
        } else if (path.endsWith("/moderations")) {
            assertThat(JsonParser.parseString(body).getAsJsonObject().get("input").getAsString()).as(what).hasSizeLessThan(100);
        } else if (path.endsWith("/videos")) {
            assertThat(body).as(what).contains("name=\"seconds\"").containsPattern("name=\"seconds\"\r\n(Content-Length: 1\r\n)?\r\n4\r\n");
        } else {
            return false;
        }
        return true;
    }

    @Test
    void aModelThatRefusesMaxTokensIsAskedAgainWithMaxCompletionTokensNeverUnbounded() throws Exception {
        List<String[]> sent = new CopyOnWriteArrayList<>();
        String ok = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"o-model\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"It worked.\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":3,\"total_tokens\":8}}";
        String refusal = "{\"error\":{\"message\":\"Unsupported parameter: 'max_tokens' is not supported with this model. Use"
                + " 'max_completion_tokens' instead.\",\"type\":\"invalid_request_error\",\"param\":\"max_tokens\","
                + "\"code\":\"unsupported_parameter\"}}";
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    String body = request.getBody() == null ? "" : request.getBody().utf8();
                    boolean legacy = body.contains("\"max_tokens\"");
                    return new MockResponse.Builder().code(legacy ? 400 : 200).addHeader("Content-Type", "application/json")
                            .addHeader("x-request-id", "req_1").body(legacy ? refusal : ok).build();
                }
            });
            server.start(InetAddress.getByName("127.0.0.1"), 0);
            String base = server.url("/v1").toString();
            SmokeRun run = new SmokeRunner(Transport.over(recording(sent)), pool, Clock.systemUTC(), Duration.ofSeconds(10))
                    .run(RecordedRulesTest.plan(base), new Target(base, "sk-test-bound-0000000000"), null,
                            SuiteOptions.defaults().withChecks("chat:*,max-tokens:*"), SmokeListener.NONE, new Cancellation())
                    .get(30, TimeUnit.SECONDS);
            CheckResult chat = run.results().stream().filter(r -> r.checkId().startsWith("chat:")).findFirst().orElseThrow();
            CheckResult maxTokens = run.results().stream().filter(r -> r.checkId().startsWith("max-tokens:")).findFirst().orElseThrow();
            assertThat(chat.verdict()).as(chat.reason()).isEqualTo(Verdict.PASS);
            assertThat(chat.curl()).contains("\"max_completion_tokens\":" + QuotaGuard.MAX_OUTPUT_TOKENS_PER_CHECK);
            assertThat(maxTokens.verdict()).as("the max-tokens check tests its own parameter: " + maxTokens.reason())
                    .isEqualTo(Verdict.UNSUPPORTED);
            assertThat(maxTokens.ruleId()).isEqualTo("PARAM-MAX-TOKENS");
        }
        assertThat(sent).filteredOn(r -> r[0].equals("POST"))
                .allSatisfy(r -> assertThat(r[2]).containsPattern("\"max_(completion_)?tokens\":"));
        assertThat(sent).filteredOn(r -> r[2].contains("\"max_completion_tokens\":" + QuotaGuard.MAX_OUTPUT_TOKENS_PER_CHECK))
                .hasSize(1);
    }

    /** A target that answers slower than the read timeout: each timed-out check is reported, and the hint names the fix. */
    @Test
    void checksThatTimeOutAreReportedWithAHintToLowerTheConcurrency() throws Exception {
        List<String> timedOut = new CopyOnWriteArrayList<>();
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                            .headersDelay(3, TimeUnit.SECONDS).body("{}").build();
                }
            });
            server.start(InetAddress.getByName("127.0.0.1"), 0);
            String base = server.url("/v1").toString();
            SmokeRun run = new SmokeRunner(Transport.over(OpenAiClient.newHttpClient()), pool, Clock.systemUTC(), Duration.ofMillis(300))
                    .run(RecordedRulesTest.plan(base), new Target(base, "sk-test-slow-0000000000"), null,
                            SuiteOptions.defaults().withChecks("chat:*"), new SmokeListener() {
                                @Override
                                public void onTimedOut(Check check) {
                                    timedOut.add(check.id());
                                }
                            }, new Cancellation())
                    .get(30, TimeUnit.SECONDS);
            assertThat(run.results()).extracting(CheckResult::verdict).containsExactly(Verdict.ERROR);
        }
        assertThat(timedOut).containsExactly("chat:acme-chat-1");
        assertThat(SuiteOptions.timeoutHint(3, 16, "--concurrency N")).contains("3 checks", "16 running at once", "--concurrency N");
    }
}
