package ai.flatkey.migrate.traffic;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The recording proxy's edges, against a stub upstream: timing of streams, disconnects, encodings, errors, keys. */
class RecordingProxyTest {
    /** A fake key standing for the app's own: it must reach the upstream and never the recording. */
    private static final String CANARY = "sk-test-CANARY9f8e7d6c5b4a39281706CANARY";

    @TempDir
    Path dir;
    private StubUpstream upstream;
    private ProxyFixture fx;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() throws Exception {
        upstream = new StubUpstream();
        fx = new ProxyFixture(upstream.baseUrl(), dir.resolve("rec.jsonl"));
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
        upstream.close();
    }

    private HttpRequest.Builder post(String path, String body) {
        return HttpRequest.newBuilder(URI.create(fx.baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    @Test
    void aStreamReachesTheAppAsItArrivesNotAtTheEnd() throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<InputStream> r = client.send(post("/paced", "{\"stream\":true}").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        List<Long> at = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("data: {")) {
                    at.add((System.nanoTime() - t0) / 1_000_000);
                }
            }
        }
        assertThat(at).hasSize(4);
        for (int i = 1; i < at.size(); i++) {
            assertThat(at.get(i) - at.get(i - 1)).as("gap before event %d, arrivals %s", i, at).isBetween(150L, 400L);
        }
        fx.awaitRecorded(1);
        RecordedCall c = fx.recording().calls().get(0);
        assertThat(c.events()).hasSize(5);
        assertThat(c.events().get(3).atMs() - c.events().get(0).atMs()).isGreaterThanOrEqualTo(550);
        assertThat(c.events().get(4).data()).isEqualTo("[DONE]");
        assertThat(c.timing().firstByteMs()).isLessThan(c.events().get(1).atMs());
    }

    @Test
    void anAppThatLeavesCancelsTheUpstreamCall() throws Exception {
        InetSocketAddress a = fx.proxy.address();
        try (Socket s = new Socket(a.getAddress(), a.getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /v1/endless HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 2\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null && !line.startsWith("data:"); line = in.readLine()) {
                // headers and the first chunk size
            }
        }
        assertThat(upstream.endlessAbandoned.await(5, TimeUnit.SECONDS)).as("the upstream saw its client leave")
                .isTrue();
        fx.awaitRecorded(1);
        RecordedCall c = fx.recording().calls().get(0);
        assertThat(c.outcome()).isEqualTo(RecordedCall.CLIENT_DISCONNECTED);
        assertThat(c.events().size()).isLessThan(400);
    }

    @Test
    void gzipIsForwardedAsReceivedAndRecordedDecoded() throws Exception {
        HttpResponse<byte[]> r = client.send(post("/gzip", "{}").header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.headers().firstValue("content-encoding")).hasValue("gzip");
        String plain = new String(new GZIPInputStream(new java.io.ByteArrayInputStream(r.body())).readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(plain).startsWith("{\"object\":\"list\"");
        fx.awaitRecorded(1);
        RecordedCall c = fx.recording().calls().get(0);
        assertThat(c.responseBody().getAsJsonObject().get("object").getAsString()).isEqualTo("list");
        assertThat(c.responseHeaders()).containsEntry("content-encoding", "gzip");
        assertThat(c.usage().promptTokens()).isEqualTo(4);
    }

    @Test
    void chunkedErrorsAndBinaryBodiesPassAsTheyAre() throws Exception {
        HttpResponse<String> chunked = client.send(post("/chunked", "{}").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.body()).isEqualTo("{\"a\":1}");
        HttpResponse<String> error = client.send(post("/error", "{}").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(error.statusCode()).isEqualTo(429);
        assertThat(error.body()).contains("slow down");
        assertThat(error.headers().firstValue("x-request-id")).hasValue("req_stub");
        String boundary = "b0undary";
        String form = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\ntts-1\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n"
                + "Content-Type: audio/wav\r\n\r\nRIFF\u0001\u0002\r\n--" + boundary + "--\r\n";
        HttpResponse<byte[]> audio = client.send(HttpRequest.newBuilder(URI.create(fx.baseUrl() + "/audio/speech"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(audio.body()).hasSize(70_000);
        assertThat(audio.body()[3]).isEqualTo((byte) 93);
        fx.awaitRecorded(3);
        List<RecordedCall> calls = fx.recording().calls();
        RecordedCall speech = calls.stream().filter(c -> c.route().endsWith("speech")).findFirst().orElseThrow();
        assertThat(speech.requestBodyRef().parts()).containsExactly("model", "file");
        assertThat(speech.model()).isEqualTo("tts-1");
        assertThat(speech.responseBodyRef().bytes()).isEqualTo(70_000);
        assertThat(speech.responseBodyRef().sha256()).hasSize(64);
        assertThat(speech.responseBodyRef().contentType()).isEqualTo("audio/mpeg");
        RecordedCall err = calls.stream().filter(c -> c.status() == 429).findFirst().orElseThrow();
        assertThat(err.responseBody().toString()).contains("slow down");
        assertThat(err.responseHeaders()).doesNotContainKey("set-cookie");
    }

    @Test
    void theAppsKeyPassesThroughAndNeverReachesTheRecordingInAnyForm() throws Exception {
        String basic = Base64.getEncoder().encodeToString(("user:" + CANARY).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> plain = client.send(post("/echo?key=" + CANARY + "&x=1",
                "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"" + CANARY + "\"}]}")
                .header("Authorization", "Bearer " + CANARY).header("api-key", CANARY).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(upstream.lastAuthorization).isEqualTo("Bearer " + CANARY);
        assertThat(plain.body()).contains(CANARY);
        HttpResponse<String> stream = client.send(post("/echo", "{\"model\":\"gpt-4o-mini\",\"stream\":true}")
                .header("Authorization", "Bearer " + CANARY).header("x-api-key", basic).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(stream.body()).contains(CANARY);
        fx.awaitRecorded(2);
        fx.close();
        String file = Files.readString(fx.file);
        assertThat(file).doesNotContain("CANARY", basic, "9f8e7d6c5b4a39281706",
                Base64.getEncoder().encodeToString(CANARY.getBytes(StandardCharsets.UTF_8)).substring(4, 30),
                "s3cr3tcookievalue");
        Recording r = RecordingReader.read(fx.file);
        assertThat(r.calls()).hasSize(2);
        assertThat(r.calls().get(1).usage().totalTokens()).isEqualTo(5);
        assertThat(r.calls().get(0).requestHeaders()).doesNotContainKeys("authorization", "api-key");
    }

    @Test
    void anUnreachableUpstreamIsA502InOpenAiShape() throws Exception {
        try (var dead = new ProxyFixture("http://127.0.0.1:1/v1", dir.resolve("dead.jsonl"))) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(dead.baseUrl() + "/models")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(502);
            assertThat(r.body()).contains("\"code\":\"upstream_unreachable\"");
            dead.awaitRecorded(1);
            assertThat(dead.recording().calls().get(0).outcome()).startsWith(RecordedCall.UPSTREAM_FAILED);
        }
    }

    @Test
    void aRemoteAddressIsRefusedUnlessAllowed() {
        assertThatThrownBy(() -> new RecordingProxy.Options(new InetSocketAddress("0.0.0.0", 0), false, false, 0, 0))
                .hasMessageContaining("loopback only");
        assertThat(new RecordingProxy.Options(new InetSocketAddress("0.0.0.0", 0), true, false, 0, 0).threads())
                .isEqualTo(RecordingProxy.Options.DEFAULT_THREADS);
    }

    @Test
    void theBaseUrlToSetKeepsTheUpstreamsPath() {
        assertThat(fx.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+/v1");
    }

    static byte[] readAll(InputStream in) throws java.io.IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        in.transferTo(b);
        return b.toByteArray();
    }
}
