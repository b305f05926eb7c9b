package ai.flatkey.migrate.traffic;

import ai.flatkey.migrate.demo.DemoConfig;
import ai.flatkey.migrate.demo.DemoGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shadow mode under load, with the target failing on purpose (the demo gateway's fault models: 500, a cut
 * connection, 1.5 s of latency that fills the queue, a stream without [DONE]): every answer the app gets through the
 * proxy is byte for byte the one it gets directly, and the shadow counts what it mirrored, dropped and found different.
 */
class ShadowUnderLoadTest {
    private static final Map<String, String> FAULTY = Map.of("gpt-4o-mini", "demo-500", "claude-haiku-4.5",
            "demo-drop", "gpt-5.5", "demo-slow", "gemini-2.5-flash", "demo-no-done", "gpt-4.1-mini", "gpt-4.1-mini");
    private static final List<String> MODELS = List.copyOf(FAULTY.keySet());
    private static final int THREADS = 8;
    private static final int CALLS_EACH = 25;

    @TempDir
    Path dir;

    @Test
    void theAppsAnswersAreByteIdenticalWhateverTheTargetDoes() throws Exception {
        ConcurrentLinkedQueue<ShadowResult> results = new ConcurrentLinkedQueue<>();
        ProxyListener seen = new ProxyListener() {
            @Override
            public void shadowed(ShadowResult r) {
                results.add(r);
            }
        };
        try (StubUpstream app = new StubUpstream();
             DemoGateway target = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(0))) {
            ProxyFixture fx;
            try (var http = ai.flatkey.migrate.wire.Transport.over(ai.flatkey.migrate.wire.OpenAiClient.newHttpClient(
                    ai.flatkey.migrate.wire.NetworkConfig.direct()))) {
                Shadow shadow = new Shadow(http.relay(target.baseUrl(), Duration.ofSeconds(5), Duration.ofSeconds(30)),
                        DemoGateway.DEMO_KEY, m -> FAULTY.getOrDefault(m, m), new Shadow.Options(1.0, 8, 2), seen,
                        () -> 0.0);
                fx = new ProxyFixture(app.baseUrl(), dir.resolve("shadow.jsonl"), false, shadow, seen);
                List<String> mismatches = load(app.baseUrl(), fx.baseUrl());
                fx.awaitRecorded(THREADS * CALLS_EACH);
                // On a fast machine the slow target's mirrors may fill the queue for the whole load, so that nothing
                // else was compared: once the queue drains, calls one at a time are mirrored — a healthy one agrees,
                // one the target answers with a 500 differs.
                int extra = oneAtATimeUntil(fx.baseUrl(), results, "gpt-4.1-mini", ShadowResult::agrees)
                        + oneAtATimeUntil(fx.baseUrl(), results, "gpt-4o-mini",
                                r -> r.failure() == null && !r.agrees());
                fx.awaitRecorded(extra);
                ShadowSummary s = fx.proxy.shadowSummary();
                fx.close();
                assertThat(mismatches).isEmpty();
                assertThat(s.mirrored() + s.dropped()).as("%s", s.line())
                        .isLessThanOrEqualTo(THREADS * CALLS_EACH + extra)
                        .isGreaterThanOrEqualTo(THREADS * CALLS_EACH - 2 * 8);
                assertThat(s.dropped()).as("a slow target fills the queue: %s", s.line()).isPositive();
                assertThat(s.differed()).as(s.line()).isPositive();
                assertThat(s.agreed()).as(s.line()).isPositive();
                assertThat(results).filteredOn(r -> "demo-500".equals(r.targetModel()) && r.failure() == null)
                        .allSatisfy(r -> assertThat(r.differences()).contains("status 2xx vs 5xx"));
                assertThat(results).filteredOn(r -> "gpt-4.1-mini".equals(r.targetModel()))
                        .allSatisfy(r -> assertThat(r.agrees()).as("%s", r).isTrue());
            }
        }
    }

    /**
     * Calls for {@code model} through the proxy, one at a time, until the shadow has a result for what the target made
     * of it that {@code wanted} accepts; how many were sent.
     */
    private static int oneAtATimeUntil(String proxied, java.util.Collection<ShadowResult> results, String model,
                                       java.util.function.Predicate<ShadowResult> wanted) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        String target = FAULTY.get(model);
        int sent = 0;
        while (results.stream().noneMatch(r -> target.equals(r.targetModel()) && wanted.test(r))) {
            assertThat(System.nanoTime()).as("a mirror of %s compared within 30 s", model).isLessThan(deadline);
            send(client, proxied, "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":"
                    + "\"after the load " + sent + "\"}]}");
            sent++;
            Thread.sleep(300);
        }
        return sent;
    }

    /** Each thread sends the same requests directly and through the proxy; the differing answers, in words. */
    private static List<String> load(String direct, String proxied) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<List<String>>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                List<String> bad = new ArrayList<>();
                for (int i = 0; i < CALLS_EACH; i++) {
                    String model = MODELS.get((thread + i) % MODELS.size());
                    String body = "{\"model\":\"" + model + "\",\"stream\":" + (i % 2 == 0) + (i % 2 == 0
                            ? ",\"stream_options\":{\"include_usage\":true}" : "") + ",\"messages\":[{\"role\":\"user\",\"content\":\"call " + thread
                            + "-" + i + "\"}]}";
                    byte[] a = send(client, direct, body);
                    byte[] b = send(client, proxied, body);
                    if (!Arrays.equals(a, b)) {
                        bad.add(model + " " + i + ": " + a.length + " bytes direct, " + b.length + " through the proxy");
                    }
                }
                return bad;
            }));
        }
        List<String> all = new ArrayList<>();
        for (Future<List<String>> f : futures) {
            all.addAll(f.get());
        }
        pool.shutdown();
        return all;
    }

    private static byte[] send(HttpClient client, String base, String body) throws Exception {
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(base + "/chat/completions"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer sk-test-app-own-key-0001")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }
}
