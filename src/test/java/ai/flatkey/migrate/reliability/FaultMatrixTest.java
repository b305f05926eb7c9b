package ai.flatkey.migrate.reliability;

import static ai.flatkey.migrate.reliability.FaultEnv.KEY;
import static ai.flatkey.migrate.reliability.FaultEnv.chat;
import static ai.flatkey.migrate.reliability.FaultEnv.stream;
import static org.assertj.core.api.Assertions.assertThat;

import ai.flatkey.migrate.demo.DemoGateway;
import ai.flatkey.migrate.wire.ApiException;
import ai.flatkey.migrate.wire.ChatResult;
import ai.flatkey.migrate.wire.ClientConfig;
import ai.flatkey.migrate.wire.FailureKind;
import ai.flatkey.migrate.wire.NetworkConfig;
import ai.flatkey.migrate.wire.OpenAiClient;
import ai.flatkey.migrate.wire.ToolCall;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fault matrix: each hostile network or server behaviour, against MockWebServer, a raw socket, a local TLS
 * server or the demo gateway's fault modes. For every case: the classified message a person sees (asserted), no
 * thread of the case left running once its clients and servers are closed, and — for the huge bodies — memory
 * bounded (bytes allocated by the call, and heap retained after it).
 */
class FaultMatrixTest {
    private static final AtomicInteger RUN = new AtomicInteger();
    private static final int MB = 1024 * 1024;

    @TempDir
    static Path certs;
    static Tls tls;

    @BeforeAll
    static void makeCertificates() throws Exception {
        tls = Tls.make(certs);
    }

    @AfterAll
    static void count() {
        System.out.println("FaultMatrixTest: " + RUN.get() + " fault cases run (" + cases().count() + " defined)");
    }

    /** One case: sets up its servers in the env, makes the call, asserts what the person sees. */
    @FunctionalInterface
    interface FaultCase {
        void run(FaultEnv env) throws Exception;
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void faultIsClassifiedAndLeavesNothingBehind(FaultCase fault) throws Exception {
        Set<Thread> before = liveThreads();
        try (FaultEnv env = new FaultEnv()) {
            fault.run(env);
        }
        assertNoThreadLeft(before);
        RUN.incrementAndGet();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                c("DNS failure", env -> {
                    OkHttpClient noDns = env.track(env.http().newBuilder().dns(host -> {
                        throw new UnknownHostException(host + ": Name or service not known");
                    }).build());
                    ApiException e = env.fails(() -> env.client(noDns, FaultEnv.config("https://router.flatkey.invalid/v1"))
                            .chat(chat(), null));
                    expect(e, FailureKind.NETWORK, "Could not resolve host router.flatkey.invalid — check the base URL, "
                            + "DNS or proxy settings (HTTPS_PROXY).");
                }),
                c("connection refused", env -> {
                    int port = FaultEnv.closedPort();
                    ApiException e = env.fails(() -> env.client("http://127.0.0.1:" + port + "/v1").chat(chat(), null));
                    expect(e, FailureKind.NETWORK, "Connection refused: nothing is listening at 127.0.0.1:" + port
                            + ". Check the base URL's host and port, and that the gateway (or local server) is running.");
                }),
                c("TLS self-signed certificate", env -> {
                    MockWebServer s = env.tlsServer(tls.selfSigned());
                    ApiException e = env.fails(() -> env.client("https://127.0.0.1:" + s.getPort() + "/v1").chat(chat(), null));
                    expect(e, FailureKind.TLS, "The TLS certificate of 127.0.0.1 is not trusted by this Java runtime: "
                            + "if a corporate proxy or a private gateway uses its own certificate authority, add that CA "
                            + "bundle (custom CA setting); verification is not turned off.");
                }),
                c("TLS expired certificate (CA trusted)", env -> {
                    MockWebServer s = env.tlsServer(tls.expired());
                    OkHttpClient http = env.http(NetworkConfig.direct().withCaBundle(tls.caPem()));
                    ApiException e = env.fails(() -> env.client(http, FaultEnv.config("https://127.0.0.1:" + s.getPort()
                            + "/v1")).chat(chat(), null));
                    expect(e, FailureKind.TLS, "The TLS certificate of 127.0.0.1 has expired: the gateway's operator "
                            + "must renew it; verification is not turned off.");
                }),
                c("TLS wrong host name (CA trusted)", env -> {
                    MockWebServer s = env.tlsServer(tls.wrongHost());
                    OkHttpClient http = env.http(NetworkConfig.direct().withCaBundle(tls.caPem()));
                    ApiException e = env.fails(() -> env.client(http, FaultEnv.config("https://127.0.0.1:" + s.getPort()
                            + "/v1")).chat(chat(), null));
                    expect(e, FailureKind.TLS, "The TLS certificate of 127.0.0.1 does not match the host name");
                    assertThat(e.getMessage()).endsWith("check the base URL's host; a corporate proxy that re-signs "
                            + "traffic needs its CA added.");
                }),
                c("TLS with the private CA trusted: control case succeeds", env -> {
                    MockWebServer s = env.tlsServer(tls.valid());
                    s.enqueue(json(200, OK));
                    OkHttpClient http = env.http(NetworkConfig.direct().withCaBundle(tls.caPem()));
                    ChatResult r = env.client(http, FaultEnv.config("https://127.0.0.1:" + s.getPort() + "/v1"))
                            .chat(chat(), null);
                    assertThat(r.content()).isEqualTo("ok");
                }),
                c("timeout before headers", env -> {
                    MockWebServer s = env.server();
                    s.enqueue(json(200, OK).newBuilder().headersDelay(10, TimeUnit.SECONDS).build());
                    ClientConfig cfg = new ClientConfig(s.url("/v1").toString(), KEY, Duration.ofSeconds(2),
                            Duration.ofMillis(400), Duration.ofSeconds(20));
                    ApiException e = env.fails(() -> env.client(env.http(), cfg).chat(chat(), null));
                    expect(e, FailureKind.TIMEOUT, "The gateway sent no answer within the 400 ms read timeout: the "
                            + "model may be slow or overloaded. Retry, or raise the read timeout.");
                }),
                c("timeout between events", env -> {
                    MockWebServer s = env.server();
                    CountDownLatch never = env.gate();
                    s.enqueue(sse().body(new GatedBody(sseOf(chunk("Hel", null)), never)).build());
                    ClientConfig cfg = new ClientConfig(s.url("/v1").toString(), KEY, Duration.ofSeconds(2),
                            Duration.ofMillis(500), Duration.ofSeconds(20));
                    ApiException e = env.fails(() -> env.client(env.http(), cfg).streamChat(stream(), null, null));
                    expect(e, FailureKind.TIMEOUT, "The stream stalled: nothing arrived for 500 ms (the read timeout "
                            + "between events) after 1 stream chunk. Retry, or raise the read timeout if the model is slow.");
                    assertThat(e.partial().content()).isEqualTo("Hel");
                }),
                c("slow drip, 1 byte per second, ends at the call timeout", env -> {
                    MockWebServer s = env.server();
                    s.enqueue(sse().body(sseOf(chunk("Hello", null), chunk(" world", "stop"), "[DONE]"))
                            .throttleBody(1, 1, TimeUnit.SECONDS).build());
                    ClientConfig cfg = new ClientConfig(s.url("/v1").toString(), KEY, Duration.ofSeconds(2),
                            Duration.ofSeconds(3), Duration.ofMillis(2500));
                    ApiException e = env.fails(() -> env.client(env.http(), cfg).streamChat(stream(), null, null));
                    expect(e, FailureKind.TIMEOUT, "The whole exchange took longer than the 2.5 s call timeout");
                    assertThat(e.getMessage()).endsWith("Raise the call timeout for long answers, or ask for fewer tokens.");
                }),
                c("connection reset mid-stream", env -> {
                    String base = env.raw("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                                    + "Transfer-Encoding: chunked\r\n\r\n",
                            List.of(chunked(sseOf(chunk("Hel", null), chunk("lo", null)))), true, null);
                    ApiException e = env.fails(() -> env.client(base).streamChat(stream(), null, null));
                    assertThat(e.kind()).isEqualTo(FailureKind.TRUNCATED_STREAM);
                    assertThat(e.getMessage()).startsWith("The connection broke after 2 stream chunks, before the stream's end (")
                            .endsWith("): the gateway or a proxy closed the stream. Retry; if it repeats, check proxy idle timeouts.");
                    assertThat(e.partial().content()).isEqualTo("Hello");
                }),
                c("truncated JSON answer", env -> {
                    MockWebServer s = env.server();
                    s.enqueue(json(200, OK.substring(0, OK.length() / 2)));
                    ApiException e = env.fails(() -> env.client(s.url("/v1").toString()).chat(chat(), null));
                    expect(e, FailureKind.NON_JSON_BODY, "/v1/chat/completions answered HTTP 200 with plain text instead of JSON");
                }),
                c("HTML 502 page", env -> {
                    MockWebServer s = env.server();
                    s.enqueue(html(502, "502 Bad Gateway"));
                    ApiException e = env.fails(() -> env.client(s.url("/v1").toString()).chat(chat(), null));
                    expect(e, FailureKind.NON_JSON_BODY, "The gateway answered HTTP 502 with an HTML page (\"502 Bad Gateway\") "
                            + "instead of a JSON error: something in front of the API (often a proxy, load balancer or firewall) answered. "
                            + "Retry later, and check the base URL and proxy settings if it persists.");
                }),
                c("HTML 503 page", env -> {
                    MockWebServer s = env.server();
                    s.enqueue(html(503, "503 Service Temporarily Unavailable"));
                    ApiException e = env.fails(() -> env.client(s.url("/v1").toString()).streamChat(stream(), null, null));
                    expect(e, FailureKind.NON_JSON_BODY, "The gateway answered HTTP 503 with an HTML page "
                            + "(\"503 Service Temporarily Unavailable\")");
                }),
                c("status 200 with an HTML body", env -> {
                    MockWebServer s = env.server();
                    s.enqueue(html(200, "Flatkey Console"));
                    ApiException e = env.fails(() -> env.client(s.url("/").toString()).chat(chat(), null));
                    expect(e, FailureKind.WRONG_PATH, "/chat/completions answered with a web page (\"Flatkey Console\", "
                            + "HTTP 200), not the API: the base URL probably lacks the /v1 prefix: try "
                            + s.url("/v1") + ".");
                }),
                c("wrong Content-Type on a stream (text/plain SSE) is read anyway", env -> {
                    MockWebServer s = env.server();
                    s.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/plain")
                            .body(sseOf(chunk("ok", "stop"), "[DONE]")).build());
                    ChatResult r = env.client(s.url("/v1").toString()).streamChat(stream(), null, null);
                    assertThat(r.content()).isEqualTo("ok");
                    assertThat(r.sawDone()).isTrue();
                }),
                c("wrong Content-Type: a JSON error sent as text/html", env -> {
                    MockWebServer s = env.server();
                    s.enqueue(new MockResponse.Builder().code(401).setHeader("Content-Type", "text/html")
                            .body("{\"error\":{\"message\":\"Invalid API key\",\"type\":\"invalid_request_error\"}}").build());
                    ApiException e = env.fails(() -> env.client(s.url("/v1").toString()).chat(chat(), null));
                    expect(e, FailureKind.AUTHENTICATION, "The gateway rejected the key (HTTP 401): \"Invalid API key\". "
                            + "Check that the key is for this gateway and not revoked.");
                }),
                c("gzip body that does not decode", env -> {
                    MockWebServer s = env.server();
                    s.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/json")
                            .setHeader("Content-Encoding", "gzip").body("this is not gzip at all").build());
                    ApiException e = env.fails(() -> env.client(s.url("/v1").toString()).chat(chat(), null));
                    expect(e, FailureKind.PROTOCOL, "The answer is marked Content-Encoding: gzip but does not decode (ID1ID2: ");
                    assertThat(e.getMessage()).endsWith("): the gateway or a proxy damaged or mislabelled the compressed "
                            + "body. Retry; if it repeats, report it with the request ID.");
                }),
                c("a 50 MB body", env -> {
                    MockWebServer s = env.server();
                    AtomicLong sent = new AtomicLong();
                    s.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/json")
                            .body(new BigBody(50L * MB, "{\"id\":\"x\",\"pad\":\"", sent)).build());
                    OpenAiClient client = env.client(s.url("/v1").toString());
                    ApiException e = bounded(40L * MB, () -> env.fails(() -> client.chat(chat(), null)));
                    expect(e, FailureKind.PROTOCOL, "The chat completion is larger than 16 MB, far more than an API "
                            + "answer: the URL probably serves something else (a file or a page). Check the base URL.");
                    assertThat(sent.get()).as("bytes the server got to send").isLessThan(50L * MB);
                }),
                c("a single 10 MB SSE line", env -> {
                    MockWebServer s = env.server();
                    AtomicLong sent = new AtomicLong();
                    s.enqueue(sse().body(new BigBody(10L * MB, "data: {\"choices\":[{\"delta\":{\"content\":\"", sent)).build());
                    OpenAiClient client = env.client(s.url("/v1").toString());
                    ApiException e = bounded(16L * MB, () -> env.fails(() -> client.streamChat(stream(), null, null)));
                    expect(e, FailureKind.PROTOCOL, "The stream sent a stream line is longer than 1048576 bytes");
                    assertThat(sent.get()).isLessThan(10L * MB);
                }),
                c("invalid UTF-8 in a stream", env -> {
                    MockWebServer s = env.server();
                    String c = chunk("cafZZZ", null);
                    int at = c.indexOf("ZZZ");
                    okio.Buffer b = new okio.Buffer().writeUtf8("data: " + c.substring(0, at));
                    b.write(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
                    b.writeUtf8(c.substring(at + 3) + "\n\n" + sseOf(chunk("!", "stop"), "[DONE]"));
                    s.enqueue(sse().body(b).build());
                    ChatResult r = env.client(s.url("/v1").toString()).streamChat(stream(), null, null);
                    assertThat(r.content()).startsWith("caf\uFFFD(\uFFFD").endsWith("!");
                }),
                c("error object mid-stream", env -> {
                    MockWebServer s = env.server();
                    s.enqueue(sse().body(sseOf(chunk("Hel", null),
                            "{\"error\":{\"message\":\"upstream overloaded\",\"type\":\"server_error\"}}")).build());
                    ApiException e = env.fails(() -> env.client(s.url("/v1").toString()).streamChat(stream(), null, null));
                    expect(e, FailureKind.MIDSTREAM_ERROR, "The gateway reported an error inside the stream after 1 chunk: "
                            + "\"upstream overloaded\". The answer is incomplete; retry, or try another model if it repeats.");
                }),
                c("429 with retry-after 1 s, retries on: waited and retried", env -> {
                    MockWebServer s = env.server();
                    s.enqueue(json(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit_error\"}}")
                            .newBuilder().setHeader("retry-after", "1").build());
                    s.enqueue(json(200, OK));
                    ChatResult r = env.retrying(s.url("/v1").toString()).chat(chat(), null);
                    assertThat(r.content()).isEqualTo("ok");
                    assertThat(env.slept).containsExactly(Duration.ofSeconds(1));
                    assertThat(r.transcript().attempts()).hasSize(2);
                }),
                c("429 with retry-after 1 hour, retries on: not waited, said", env -> {
                    MockWebServer s = env.server();
                    s.enqueue(json(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit_error\"}}")
                            .newBuilder().setHeader("retry-after", "3600").build());
                    ApiException e = env.fails(() -> env.retrying(s.url("/v1").toString()).chat(chat(), null));
                    expect(e, FailureKind.RATE_LIMITED, "The gateway is rate-limiting this key (HTTP 429): \"Rate limit "
                            + "reached\". Wait as asked (retry-after: 3600 s) and retry, or raise the key's rate limit. Not "
                            + "retried automatically: the gateway asked to wait 1 h, longer than the 1 min limit for "
                            + "automatic retries.");
                    assertThat(env.slept).isEmpty();
                }),
                c("5xx storm, retries on", env -> {
                    MockWebServer s = env.server();
                    for (int i = 0; i < 5; i++) {
                        s.enqueue(json(503, "{\"error\":{\"message\":\"overloaded\"}}"));
                    }
                    ApiException e = env.fails(() -> env.retrying(s.url("/v1").toString()).chat(chat(), null));
                    expect(e, FailureKind.SERVER_ERROR, "The gateway failed with HTTP 503: \"overloaded\". This is a "
                            + "server-side problem: retry later, and report it if it persists. (Tried 3 times.)");
                    assertThat(e.attempts()).isEqualTo(3);
                    assertThat(s.getRequestCount()).isEqualTo(3);
                }),
                c("redirect loop", env -> {
                    MockWebServer s = env.server();
                    for (int i = 0; i < 25; i++) {
                        s.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "/v1/chat/completions").build());
                    }
                    ApiException e = env.fails(() -> env.client(s.url("/v1").toString()).chat(chat(), null));
                    expect(e, FailureKind.WRONG_PATH, "The gateway keeps redirecting (more than 20 redirects, starting at "
                            + "/v1/chat/completions): a redirect loop, often between http:// and https:// or through a "
                            + "login page. Use the address the API really answers at as the base URL.");
                }),
                c("redirect to another host drops Authorization", env -> {
                    MockWebServer target = env.server();
                    MockWebServer other = env.server();
                    other.enqueue(json(200, OK));
                    target.enqueue(new MockResponse.Builder().code(307).setHeader("Location",
                            "http://localhost:" + other.getPort() + "/v1/chat/completions").build());
                    ChatResult r = env.client(target.url("/v1").toString()).chat(chat(), null);
                    RecordedRequest first = target.takeRequest(5, TimeUnit.SECONDS);
                    RecordedRequest redirected = other.takeRequest(5, TimeUnit.SECONDS);
                    assertThat(r.content()).isEqualTo("ok");
                    assertThat(first.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
                    assertThat(redirected.getHeaders().get("Authorization")).isNull();
                    assertThat(redirected.getBody().utf8()).doesNotContain(KEY);
                }),
                c("[DONE] missing", env -> {
                    MockWebServer s = env.server();
                    s.enqueue(sse().body(sseOf(chunk("Hel", null), chunk("lo", "stop"))).build());
                    ApiException e = env.fails(() -> env.client(s.url("/v1").toString()).streamChat(stream(), null, null));
                    expect(e, FailureKind.TRUNCATED_STREAM, "The stream ended after 2 chunks without data: [DONE], so the "
                            + "answer may be cut short: the gateway or a proxy closed it early. Retry; if it repeats, report "
                            + "it with the request ID.");
                    assertThat(e.partial().content()).isEqualTo("Hello");
                }),
                c("duplicate [DONE] is harmless", env -> {
                    MockWebServer s = env.server();
                    s.enqueue(sse().body(sseOf(chunk("ok", "stop"), "[DONE]", "[DONE]")).build());
                    ChatResult r = env.client(s.url("/v1").toString()).streamChat(stream(), null, null);
                    assertThat(r.content()).isEqualTo("ok");
                    assertThat(r.sawDone()).isTrue();
                }),
                c("tool-call fragments out of order", env -> {
                    MockWebServer s = env.server();
                    s.enqueue(sse().body(sseOf(
                            tool(1, "call_b", "lookup", "{\"q\":"), tool(0, "call_a", "get_weather", "{\"city\":"),
                            tool(1, null, null, "\"x\"}"), tool(0, null, null, "\"Paris\"}"),
                            chunk(null, "tool_calls"), "[DONE]")).build());
                    ChatResult r = env.client(s.url("/v1").toString()).streamChat(stream(), null, null);
                    assertThat(r.toolCalls()).extracting(ToolCall::index, ToolCall::id, ToolCall::name, ToolCall::arguments)
                            .containsExactly(org.assertj.core.groups.Tuple.tuple(0, "call_a", "get_weather", "{\"city\":\"Paris\"}"),
                                    org.assertj.core.groups.Tuple.tuple(1, "call_b", "lookup", "{\"q\":\"x\"}"));
                }),
                c("empty choices[] first chunk", env -> {
                    MockWebServer s = env.server();
                    s.enqueue(sse().body(sseOf("{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[],"
                            + "\"prompt_filter_results\":[]}", chunk("ok", "stop"), "[DONE]")).build());
                    ChatResult r = env.client(s.url("/v1").toString()).streamChat(stream(), null, null);
                    assertThat(r.content()).isEqualTo("ok");
                }),
                c("non-OpenAI error body: FastAPI detail", env -> {
                    MockWebServer s = env.server();
                    s.enqueue(json(422, "{\"detail\":[{\"loc\":[\"body\",\"temperature\"],\"msg\":\"Input should be a "
                            + "valid number\",\"type\":\"float_parsing\"}]}"));
                    ApiException e = env.fails(() -> env.client(s.url("/v1").toString()).chat(chat(), null));
                    assertThat(e.kind()).isEqualTo(FailureKind.BAD_REQUEST);
                    assertThat(e.getMessage()).startsWith("The gateway refused the request as invalid (HTTP 422): ")
                            .contains("Input should be a valid number");
                }),
                c("non-OpenAI error body: top-level message (new-api)", env -> {
                    MockWebServer s = env.server();
                    s.enqueue(json(403, "{\"success\":false,\"message\":\"token quota exhausted\"}"));
                    ApiException e = env.fails(() -> env.client(s.url("/v1").toString()).chat(chat(), null));
                    expect(e, FailureKind.PERMISSION, "The key was accepted but may not do this (HTTP 403): \"token quota "
                            + "exhausted\". Check the key's allowed models, group, quota and IP allow-list on the gateway.");
                }),
                c("non-OpenAI error body: plain text 500", env -> {
                    MockWebServer s = env.server();
                    s.enqueue(new MockResponse.Builder().code(500).setHeader("Content-Type", "text/plain")
                            .setHeader("x-request-id", "req-plain").body("upstream connect error or disconnect/reset before headers").build());
                    ApiException e = env.fails(() -> env.client(s.url("/v1").toString()).chat(chat(), null));
                    expect(e, FailureKind.SERVER_ERROR, "The gateway failed with HTTP 500: \"upstream connect error or "
                            + "disconnect/reset before headers\". This is a server-side problem: retry later, and report it "
                            + "(request ID req-plain) if it persists.");
                }),
                // ---- the demo gateway's own fault modes
                c("demo: 502 HTML page (demo-502)", env -> {
                    DemoGateway g = env.demo();
                    ApiException e = env.fails(() -> env.client(g.baseUrl()).chat(FaultEnv.chat("demo-502", false), null));
                    assertThat(e.kind()).isEqualTo(FailureKind.NON_JSON_BODY);
                    assertThat(e.getMessage()).startsWith("The gateway answered HTTP 502 with an HTML page (");
                }),
                c("demo: HTML with status 200 (demo-html)", env -> {
                    DemoGateway g = env.demo();
                    ApiException e = env.fails(() -> env.client(g.baseUrl()).chat(FaultEnv.chat("demo-html", false), null));
                    assertThat(e.kind()).isEqualTo(FailureKind.WRONG_PATH);
                    assertThat(e.getMessage()).startsWith("/v1/chat/completions answered with a web page (");
                }),
                c("demo: connection dropped mid-stream (demo-drop)", env -> {
                    DemoGateway g = env.demo();
                    // On JDK 17 the demo's early close of a fixed-length body leaves the socket open (see the report):
                    // what the client sees is a stall after the first chunks, and it says so.
                    ApiException e = env.fails(() -> env.client(g.baseUrl()).streamChat(FaultEnv.chat("demo-drop", true), null, null));
                    assertThat(e.kind()).isIn(FailureKind.TRUNCATED_STREAM, FailureKind.TIMEOUT);
                    assertThat(e.getMessage()).containsAnyOf("the gateway or a proxy closed", "The stream stalled: nothing "
                            + "arrived for 3 s (the read timeout between events) after ");
                    assertThat(e.partial().content()).isNotBlank();
                }),
                c("demo: truncated stream (demo-truncate)", env -> {
                    DemoGateway g = env.demo();
                    ApiException e = env.fails(() -> env.client(g.baseUrl()).streamChat(FaultEnv.chat("demo-truncate", true), null, null));
                    assertThat(e.kind()).isEqualTo(FailureKind.TRUNCATED_STREAM);
                    assertThat(e.getMessage()).contains("without data: [DONE]");
                }),
                c("demo: truncated JSON answer (demo-truncate, not streamed)", env -> {
                    DemoGateway g = env.demo();
                    ApiException e = env.fails(() -> env.client(g.baseUrl()).chat(FaultEnv.chat("demo-truncate", false), null));
                    assertThat(e.kind()).isIn(FailureKind.NON_JSON_BODY, FailureKind.NETWORK);
                    assertThat(e.getMessage()).isNotBlank();
                }),
                c("demo: [DONE] missing (demo-no-done)", env -> {
                    DemoGateway g = env.demo();
                    ApiException e = env.fails(() -> env.client(g.baseUrl()).streamChat(FaultEnv.chat("demo-no-done", true), null, null));
                    assertThat(e.kind()).isEqualTo(FailureKind.TRUNCATED_STREAM);
                    assertThat(e.getMessage()).contains("without data: [DONE]");
                    assertThat(e.partial().content()).isNotBlank();
                }),
                c("demo: error object mid-stream (demo-midstream-error)", env -> {
                    DemoGateway g = env.demo();
                    ApiException e = env.fails(() -> env.client(g.baseUrl()).streamChat(FaultEnv.chat("demo-midstream-error", true), null, null));
                    assertThat(e.kind()).isEqualTo(FailureKind.MIDSTREAM_ERROR);
                    assertThat(e.getMessage()).startsWith("The gateway reported an error inside the stream after ");
                }),
                c("demo: 500 storm with retries (demo-500)", env -> {
                    DemoGateway g = env.demo();
                    ApiException e = env.fails(() -> env.retrying(g.baseUrl()).chat(FaultEnv.chat("demo-500", false), null));
                    assertThat(e.kind()).isEqualTo(FailureKind.SERVER_ERROR);
                    assertThat(e.getMessage()).startsWith("The gateway failed with HTTP 500").endsWith("(Tried 3 times.)");
                    assertThat(env.slept).hasSize(2);
                }),
                c("demo: 429 with retry-after 1 s (demo-429, no retries)", env -> {
                    DemoGateway g = env.demo();
                    ApiException e = env.fails(() -> env.client(g.baseUrl()).chat(FaultEnv.chat("demo-429", false), null));
                    assertThat(e.kind()).isEqualTo(FailureKind.RATE_LIMITED);
                    assertThat(e.getMessage()).contains("Wait as asked (retry-after-ms: 1000)");
                }),
                c("demo: slow first byte (demo-slow) past the read timeout", env -> {
                    DemoGateway g = env.demo();
                    ClientConfig cfg = new ClientConfig(g.baseUrl(), KEY, Duration.ofSeconds(2), Duration.ofMillis(300),
                            Duration.ofSeconds(20));
                    ApiException e = env.fails(() -> env.client(env.http(), cfg).chat(FaultEnv.chat("demo-slow", false), null));
                    expect(e, FailureKind.TIMEOUT, "The gateway sent no answer within the 300 ms read timeout");
                }),
                c("demo: drip, keep-alive comments and empty first choices are tolerated", env -> {
                    DemoGateway g = env.demo();
                    OpenAiClient client = env.client(g.baseUrl());
                    for (String model : List.of("demo-drip", "demo-keepalive", "demo-empty-first-choices")) {
                        ChatResult r = client.streamChat(FaultEnv.chat(model, true), null, null);
                        assertThat(r.sawDone()).as(model).isTrue();
                        assertThat(r.content()).as(model).isNotBlank();
                    }
                }));
    }

    // ------------------------------------------------------------------ helpers

    private static Arguments c(String name, FaultCase fault) {
        return Arguments.of(Named.of(name, fault));
    }

    private static void expect(ApiException e, FailureKind kind, String messageStart) {
        assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
        assertThat(e.getMessage()).startsWith(messageStart).doesNotContain(KEY);
        if (e.transcript() != null) {
            assertThat(e.transcript().render()).doesNotContain(KEY);
        }
    }

    static final String OK = "{\"id\":\"c\",\"object\":\"chat.completion\",\"model\":\"gpt-test\",\"choices\":[{\"index\":0,"
            + "\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}";

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    static MockResponse html(int code, String title) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "text/html")
                .body("<!DOCTYPE html><html><head><title>" + title + "</title></head><body><center><h1>" + title
                        + "</h1></center><hr><center>nginx</center></body></html>").build();
    }

    static MockResponse.Builder sse() {
        return new MockResponse.Builder().setHeader("Content-Type", "text/event-stream");
    }

    static String sseOf(String... data) {
        StringBuilder sb = new StringBuilder();
        for (String d : data) {
            sb.append("data: ").append(d).append("\n\n");
        }
        return sb.toString();
    }

    static String chunk(String content, String finish) {
        return "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-test\",\"choices\":[{\"index\":0,"
                + "\"delta\":{" + (content == null ? "" : "\"content\":" + new com.google.gson.JsonPrimitive(content))
                + "},\"finish_reason\":" + (finish == null ? "null" : "\"" + finish + "\"") + "}]}";
    }

    static String tool(int index, String id, String name, String args) {
        String fn = (name == null ? "" : "\"name\":\"" + name + "\",") + "\"arguments\":" + new com.google.gson.JsonPrimitive(args);
        return "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-test\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"tool_calls\":[{\"index\":" + index + (id == null ? "" : ",\"id\":\"" + id + "\",\"type\":\"function\"")
                + ",\"function\":{" + fn + "}}]},\"finish_reason\":null}]}";
    }

    /** One HTTP/1.1 chunk holding {@code text} (no terminating zero chunk: the stream is cut after it). */
    static byte[] chunked(String text) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        byte[] head = (Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = Arrays.copyOf(head, head.length + data.length + 2);
        System.arraycopy(data, 0, out, head.length, data.length);
        out[out.length - 2] = '\r';
        out[out.length - 1] = '\n';
        return out;
    }

    /**
     * Runs {@code call} and asserts memory stayed bounded: the bytes this thread allocated during the call (what a
     * client reading the whole body would far exceed), and the heap retained after it (after GC).
     */
    static <T> T bounded(long maxAllocated, java.util.concurrent.Callable<T> call) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long heapBefore = HeapGauge.settledUsed();
        long allocatedBefore = threads.getThreadAllocatedBytes(id);
        T result = call.call();
        long allocated = threads.getThreadAllocatedBytes(id) - allocatedBefore;
        long retained = HeapGauge.settledUsed() - heapBefore;
        System.out.printf("  memory: %.1f MB allocated by the call, %.1f MB retained after GC%n",
                allocated / (double) MB, retained / (double) MB);
        assertThat(allocated).as("bytes allocated by the call").isLessThan(maxAllocated);
        assertThat(retained).as("heap retained after the call").isLessThan(8L * MB);
        return result;
    }

    /** A body of {@code size} bytes generated on the fly ({@code prefix} then 'a's), counting what it got to send. */
    static final class BigBody implements MockResponseBody {
        private final long size;
        private final String prefix;
        private final AtomicLong sent;

        BigBody(long size, String prefix, AtomicLong sent) {
            this.size = size;
            this.prefix = prefix;
            this.sent = sent;
        }

        @Override
        public long getContentLength() {
            return -1;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            sink.writeUtf8(prefix);
            byte[] block = new byte[64 * 1024];
            Arrays.fill(block, (byte) 'a');
            long left = size - prefix.length();
            while (left > 0) {
                int n = (int) Math.min(block.length, left);
                sink.write(block, 0, n);
                sink.flush();
                sent.addAndGet(n);
                left -= n;
            }
        }
    }

    /** Sends {@code first}, then waits on a gate that the case never opens (until it ends). */
    static final class GatedBody implements MockResponseBody {
        private final byte[] first;
        private final CountDownLatch gate;

        GatedBody(String first, CountDownLatch gate) {
            this.first = first.getBytes(StandardCharsets.UTF_8);
            this.gate = gate;
        }

        @Override
        public long getContentLength() {
            return -1;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            sink.write(first);
            sink.flush();
            try {
                gate.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ------------------------------------------------------------------ threads

    static Set<Thread> liveThreads() {
        Set<Thread> s = Collections.newSetFromMap(new IdentityHashMap<>());
        s.addAll(Thread.getAllStackTraces().keySet());
        return s;
    }

    /**
     * Waits (up to 15 s) until every thread started during the case has ended. OkHttp's own task runner threads
     * ("OkHttp TaskRunner", shared by every client in the JVM and idle for up to 60 s) and Okio's one timeout
     * watchdog may stay, but none of them may be reading from a socket.
     */
    static void assertNoThreadLeft(Set<Thread> before) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        List<Thread> left;
        while (true) {
            left = new ArrayList<>();
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (!before.contains(t) && t.isAlive() && !idleTaskRunner(t)) {
                    left.add(t);
                }
            }
            if (left.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            left.get(0).join(100);
        }
        assertThat(left).as("threads left running: " + left.stream().map(t -> t.getName() + " "
                + Arrays.toString(t.getStackTrace())).collect(Collectors.joining("\n"))).isEmpty();
    }

    private static boolean idleTaskRunner(Thread t) {
        // a task runner thread is named after the task it last ran ("OkHttp ConnectionPool connection closer",
        // "OkHttp 127.0.0.1 onSettings") and keeps that name while it waits for the next one in coordinatorWait
        boolean runner = t.getName().startsWith("OkHttp TaskRunner") || t.getName().equals("Okio Watchdog")
                || Arrays.stream(t.getStackTrace()).anyMatch(f -> f.getClassName().startsWith("okhttp3.internal.concurrent.TaskRunner")
                && f.getMethodName().equals("coordinatorWait"));
        if (!runner) {
            return false;
        }
        return Arrays.stream(t.getStackTrace()).noneMatch(f -> f.getClassName().contains("Socket")
                || f.getMethodName().contains("read"));
    }
}
