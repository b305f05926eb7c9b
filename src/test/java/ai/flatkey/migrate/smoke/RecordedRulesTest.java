package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.AssertionResult;
import ai.flatkey.migrate.plan.CheckFile;
import ai.flatkey.migrate.plan.RequestCheck;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.Inventory;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.Parameters;
import ai.flatkey.migrate.plan.RuleBreach;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.Verdict;
import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.OpenAiClient;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One test per conformance rule: a recorded response that breaks it (src/test/resources/smoke/RULE-ID.txt), served
 * by MockWebServer to the one check it is for. The rule decides the verdict (or, for an advisory, is named in the
 * pass), and no other rule fires.
 *
 * <p>Recording format: {@code # note}, then {@code check:}, {@code expect:} (PASS, FAIL, UNSUPPORTED, ERROR),
 * {@code base:} (the base URL's path), optional {@code scheme: https}, {@code request-id: none} and
 * {@code header: NAME: VALUE} lines; then one or more answers, each {@code === METHOD PATH}, {@code status:},
 * {@code content-type:}, a blank line and the body. GET {base}/models answers a one-model list unless recorded.
 */
class RecordedRulesTest {
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

    record Answer(int status, String contentType, String body) {
    }

    record Recording(String rule, String note, String check, Verdict expect, String base, boolean https,
                     boolean requestId, Map<String, String> headers, Map<String, Answer> answers, long delayMs) {
        static Recording load(Rule rule) throws IOException {
            return load(rule.id(), rule.id() + ".txt");
        }

        /** A recording under src/test/resources/smoke/ ({@code file} relative to it), named {@code name}. */
        static Recording load(String name, String file) throws IOException {
            String text;
            try (InputStream in = RecordedRulesTest.class.getResourceAsStream("/smoke/" + file)) {
                if (in == null) {
                    throw new AssertionError("no recording src/test/resources/smoke/" + file);
                }
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String[] sections = text.split("(?m)^=== ");
            Map<String, String> meta = new LinkedHashMap<>();
            Map<String, String> headers = new LinkedHashMap<>();
            String note = "";
            for (String line : sections[0].split("\n")) {
                if (line.startsWith("#")) {
                    note = line.substring(1).strip();
                } else if (line.startsWith("header: ")) {
                    String[] h = line.substring(8).split(":\\s*", 2);
                    headers.put(h[0], h[1]);
                } else if (line.contains(": ")) {
                    meta.put(line.substring(0, line.indexOf(':')), line.substring(line.indexOf(':') + 2).strip());
                }
            }
            Map<String, Answer> answers = new LinkedHashMap<>();
            for (String section : Arrays.copyOfRange(sections, 1, sections.length)) {
                int headEnd = section.indexOf("\n\n");
                String[] head = section.substring(0, headEnd).split("\n");
                String body = section.substring(headEnd + 2);
                int status = Integer.parseInt(head[1].substring("status: ".length()).strip());
                String type = head[2].substring("content-type: ".length()).strip();
                answers.put(head[0].strip(), new Answer(status, type, body));
            }
            return new Recording(name, note, meta.get("check"), Verdict.valueOf(meta.get("expect")), meta.get("base"),
                    "https".equals(meta.get("scheme")), !"none".equals(meta.get("request-id")), headers, answers,
                    Long.parseLong(meta.getOrDefault("delay-ms", "0")));
        }
    }

    /**
     * A plan whose one model "acme-chat-1" uses every feature, so every per-model check exists, with a typed price, and
     * one request check per assertion rule (src/test/resources/smoke/assert-checks.yaml, read as a check file).
     */
    static MigrationPlan plan(String baseUrl) {
        Parameters params = new Parameters(true, null, 100, true, true, "", null, null, null);
        Inventory inv = new Inventory("openai", List.of("chat", "responses", "embeddings", "images", "audio", "video",
                "moderations", "files"), "", "acme-chat-1", List.of(), "developer + user messages", params, "", "");
        return MigrationPlan.newPlan("recorded").withInventory(inv).withTarget(new Endpoint("custom", baseUrl, ""))
                .withMappings(List.of(new ModelMapping("acme-chat-1", "acme-chat-1", List.of("chat", "streaming", "tools", "json", "json_schema",
                        "vision", "responses", "embeddings", "images", "transcriptions", "transcription-stream", "speech", "moderations",
                        "video"), "", 1.0, 2.0)))
                .withRequestChecks(assertChecks());
    }

    /** The request checks of assert-checks.yaml; the file must read without problems. */
    static List<RequestCheck> assertChecks() {
        try (InputStream in = RecordedRulesTest.class.getResourceAsStream("/smoke/assert-checks.yaml")) {
            CheckFile.Loaded loaded = CheckFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "assert-checks.yaml");
            assertThat(loaded.problems()).isEmpty();
            return loaded.checks();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Rules that cannot break alone: a stream without [DONE] breaks the conformance rule SSE-DONE whatever the
     * check asserts, so the person's "done" assertion fails beside it.
     */
    static final Map<Rule, Set<String>> COMPANIONS = Map.of(Rule.ASSERT_DONE, Set.of("SSE-DONE"));

    /** Every rule a smoke check decides: the REPLAY rules compare with a recording, tested in traffic/ReplayTest. */
    static Stream<Rule> rules() {
        return Arrays.stream(Rule.values()).filter(r -> !r.id().startsWith("REPLAY-"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void aRecordedBreachFiresItsRuleAndNoOther(Rule rule) throws Exception {
        Recording rec = Recording.load(rule);
        CheckResult r = serve(rec);
        String what = rule.id() + " (" + rec.note() + "): " + r.verdict() + " [" + r.ruleId() + "] " + r.reason();
        assertThat(r.verdict()).as(what).isEqualTo(rec.expect());
        Set<String> expected = new java.util.HashSet<>(COMPANIONS.getOrDefault(rule, Set.of()));
        expected.add(rule.id());
        if (rec.expect() == Verdict.FAIL || rec.expect() == Verdict.UNSUPPORTED) {
            assertThat(r.ruleId()).as(what).isIn(COMPANIONS.containsKey(rule) ? expected : Set.of(rule.id()));
        }
        assertThat(Rule.fired(r)).as(what).isEqualTo(expected);
        assertThat(r.breaches()).as("every breach kept names " + rule.id() + ": " + what)
                .extracting(RuleBreach::ruleId).containsOnlyElementsOf(expected);
        if (rule.id().startsWith("ASSERT-")) {
            assertThat(r.assertions()).as("the assertion's own outcome: " + what).singleElement()
                    .satisfies(a -> assertThat(a.ruleId()).isEqualTo(rule.id()))
                    .satisfies(a -> assertThat(a.status()).isEqualTo(AssertionResult.Status.FAIL))
                    .satisfies(a -> assertThat(a.evidence()).isNotBlank());
        }
        assertThat(r.transcript()).as("the transcript of " + rule.id()).isNotBlank().doesNotContain("sk-test-recorded-0000000000");
    }

    /**
     * A stream that lacks its usage chunk and also sends tool-call fragments without index breaks two rules: both are
     * reported, each with its own evidence; the verdict is the worst (Fail), and the reason names the second too.
     */
    @Test
    void aRecordingThatBreaksTwoRulesReportsBoth() throws Exception {
        Recording rec = Recording.load("SSE-USAGE-CHUNK+TOOL-DELTA-INDEX", "combined/SSE-USAGE-CHUNK+TOOL-DELTA-INDEX.txt");
        CheckResult r = serve(rec);
        String what = r.verdict() + " [" + r.ruleId() + "] " + r.reason();
        assertThat(r.verdict()).as(what).isEqualTo(Verdict.FAIL);
        assertThat(Rule.fired(r)).as(what).containsExactlyInAnyOrder("SSE-USAGE-CHUNK", "TOOL-DELTA-INDEX");
        assertThat(r.breaches()).as(what).extracting(RuleBreach::ruleId)
                .containsExactlyInAnyOrder("SSE-USAGE-CHUNK", "TOOL-DELTA-INDEX");
        assertThat(r.breaches()).allSatisfy(b -> assertThat(b.kind()).isEqualTo(RuleBreach.Kind.FAIL));
        assertThat(r.decidingRuleIds()).as(what).containsExactlyInAnyOrder("SSE-USAGE-CHUNK", "TOOL-DELTA-INDEX");
        assertThat(r.ruleId()).isEqualTo(r.breaches().get(0).ruleId());
        RuleBreach usage = r.breaches().stream().filter(b -> b.ruleId().equals("SSE-USAGE-CHUNK")).findFirst().orElseThrow();
        RuleBreach index = r.breaches().stream().filter(b -> b.ruleId().equals("TOOL-DELTA-INDEX")).findFirst().orElseThrow();
        assertThat(usage.evidence()).contains("no chunk carried usage");
        assertThat(index.evidence()).contains("lack index");
        assertThat(r.reason()).as("the reason names the rule that did not decide, with its evidence")
                .contains(usage.evidence(), index.evidence()).containsPattern("also (SSE-USAGE-CHUNK|TOOL-DELTA-INDEX): ");
    }

    /** Serves one recording to the one check it is for and returns that check's result. */
    private static CheckResult serve(Recording rec) throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    String route = request.getMethod() + " " + request.getUrl().encodedPath();
                    Answer a = rec.answers().get(route);
                    if (a == null && route.equals("GET " + rec.base().replaceAll("/+$", "") + "/models")) {
                        a = new Answer(200, "application/json",
                                "{\"object\":\"list\",\"data\":[{\"id\":\"acme-chat-1\",\"object\":\"model\",\"created\":1,\"owned_by\":\"rec\"}]}");
                    }
                    if (a == null) {
                        a = new Answer(404, "application/json", "{\"error\":{\"message\":\"not recorded: " + route + "\"}}");
                    }
                    MockResponse.Builder b = new MockResponse.Builder().code(a.status()).addHeader("Content-Type", a.contentType())
                            .body(a.body());
                    if (rec.requestId()) {
                        b.addHeader("x-request-id", "req_recorded_1");
                    }
                    rec.headers().forEach(b::addHeader);
                    if (rec.delayMs() > 0 && !route.endsWith("/models")) {
                        b.headersDelay(rec.delayMs(), TimeUnit.MILLISECONDS);
                    }
                    return b.build();
                }
            });
            server.start(InetAddress.getByName("127.0.0.1"), 0);
            String base = server.url(rec.base()).toString().replaceAll("/+$", "");
            java.net.ServerSocket plain = null;
            if (rec.https()) {
                // A server that answers a TLS hello with plain HTTP at once (MockWebServer would wait for a line end
                // that the random hello bytes may or may not contain).
                plain = new java.net.ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
                java.net.ServerSocket listening = plain;
                Thread t = new Thread(() -> {
                    while (!listening.isClosed()) {
                        try (java.net.Socket s = listening.accept()) {
                            s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                            s.getOutputStream().flush();
                        } catch (java.io.IOException closed) {
                            return;
                        }
                    }
                }, "plain-http-for-tls");
                t.setDaemon(true);
                t.start();
                base = "https://127.0.0.1:" + plain.getLocalPort() + rec.base().replaceAll("/+$", "");
            }
            SuiteOptions options = SuiteOptions.defaults().withChecks(rec.check());
            SmokeRun run = new SmokeRunner(ai.flatkey.migrate.wire.Transport.over(http), pool, Clock.systemUTC(), Duration.ofSeconds(5))
                    .run(plan(base), new Target(base, "sk-test-recorded-0000000000"), null, options, SmokeListener.NONE,
                            new Cancellation())
                    .get(30, TimeUnit.SECONDS);
            assertThat(run.results()).as("checks selected by " + rec.check()).hasSize(1);
            if (plain != null) {
                plain.close();
            }
            return run.results().get(0);
        }
    }

    @Test
    void everyRuleHasARecordingAndTheBreachClassItDeclares() throws Exception {
        for (Rule rule : rules().toList()) {
            Recording rec = Recording.load(rule);
            assertThat(rule.verdicts()).as(rule.id() + " declares " + rule.breaches() + "; its recording: " + rec.note())
                    .contains(rec.expect());
        }
        assertThat(Rule.byId("SSE-USAGE-CHUNK")).contains(Rule.SSE_USAGE_CHUNK);
        assertThat(Rule.byId("NO-SUCH-RULE")).isEmpty();
    }

    @Test
    void aRuleWithTwoWaysToBreachDeclaresBothAndAnAdvisoryDecidesNothing() {
        assertThat(Rule.JSON_SCHEMA.verdicts()).containsExactly(Verdict.FAIL, Verdict.UNSUPPORTED);
        assertThat(Rule.VISION_INPUT.verdicts()).containsExactly(Verdict.UNSUPPORTED);
        assertThat(Rule.ERR_RETRY_AFTER.breaches()).containsExactly(Rule.Breach.ADVISORY);
        assertThat(Rule.ERR_RETRY_AFTER.verdicts()).containsExactly(Verdict.ERROR);
        assertThat(Rule.HDR_REQUEST_ID.verdicts()).containsExactly(Verdict.PASS);
        assertThat(Rule.JSON_SCHEMA.breach()).isEqualTo(Rule.Breach.FAIL);
    }

    @Test
    void aBreachOfAClassTheRuleDoesNotDeclareIsCaught() {
        assertThatThrownBy(() -> Rule.VISION_INPUT.fail("an image was ignored"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("VISION-INPUT");
        assertThatThrownBy(() -> new Judgement().unsupported(Rule.CHAT_SHAPE, "x"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("CHAT-SHAPE");
        assertThatThrownBy(() -> Rule.ERR_AUTH.advisory("x"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("ERR-AUTH");
    }
}
