package ai.flatkey.migrate.bench;

import ai.flatkey.migrate.demo.DemoConfig;
import ai.flatkey.migrate.demo.DemoGateway;
import ai.flatkey.migrate.traffic.ProxyListener;
import ai.flatkey.migrate.traffic.RecordingHeader;
import ai.flatkey.migrate.traffic.RecordingProxy;
import ai.flatkey.migrate.traffic.RecordingWriter;
import ai.flatkey.migrate.wire.NetworkConfig;
import ai.flatkey.migrate.wire.OpenAiClient;
import ai.flatkey.migrate.wire.Transport;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not a benchmark of its own: a steady load of one kind, long enough to profile with JFR or perf from outside
 * ({@code -DargLine=-XX:StartFlightRecording=...}). {@code -Dprofile.target=proxy|direct}, {@code -Dprofile.seconds},
 * {@code -Dprofile.clients}. Prints the rate and the upstream connections the proxy opened.
 */
@Tag("bench")
class RecordingProxyProfileTest {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final List<ExecutorService> CLIENT_POOLS = new java.util.concurrent.CopyOnWriteArrayList<>();

    @TempDir
    Path dir;

    @Test
    void steadyLoad() throws Exception {
        String target = System.getProperty("profile.target", "proxy");
        int seconds = Integer.getInteger("profile.seconds", 20);
        int clients = Integer.getInteger("profile.clients", 16);
        System.setProperty("sun.net.httpserver.nodelay", "true");
        OkHttpClient client = new OkHttpClient.Builder().connectionPool(new ConnectionPool(128, 1, TimeUnit.MINUTES))
                .readTimeout(Duration.ofMinutes(2)).retryOnConnectionFailure(false).build();
        try (Transport http = Transport.over(OpenAiClient.newHttpClient(NetworkConfig.direct()));
             DemoGateway gw = ai.flatkey.migrate.demo.BenchGateways.withoutRequestLimit(
                     DemoConfig.defaults().withTokensPerSecond(0))) {
            RecordingWriter w = RecordingWriter.create(dir.resolve("p.jsonl"), new RecordingHeader(
                    RecordingHeader.FORMAT, RecordingHeader.VERSION, Instant.now().toString(), gw.baseUrl(),
                    RecordingHeader.FULL, "bench"), true);
            RecordingProxy p = RecordingProxy.start(RecordingProxy.Options.loopback(0), http.relay(gw.baseUrl(),
                    Duration.ofSeconds(5), Duration.ofMinutes(2)), w, null, ProxyListener.NONE);
            String base = target.equals("proxy") ? p.baseUrl() : gw.baseUrl();
            rate(client, base, clients, 3000);
            long before = gw.requestCount();
            int port = java.net.URI.create(gw.baseUrl()).getPort();
            long closed0 = sockets("time-wait", port);
            java.util.Map<String, Long> cpu0 = threadCpu();
            double r = rate(client, base, clients, seconds * 1000L);
            java.util.Map<String, Long> cpu1 = threadCpu();
            long calls = Math.round(r * seconds);
            System.out.printf("PROFILE %s: %.0f calls/s over %d s, gateway saw %d, recorded %d%n", target, r,
                    seconds, gw.requestCount() - before, w.written());
            System.out.printf("PROFILE connections to the gateway: %d open, %d more in TIME-WAIT than before%n",
                    sockets("established", port), sockets("time-wait", port) - closed0);
            long total = 0;
            for (var e : cpu1.entrySet()) {
                total += e.getValue() - cpu0.getOrDefault(e.getKey(), 0L);
            }
            System.out.printf("PROFILE cpu per call: %.1f us total (ticks of 10 ms: %d)%n", total * 10_000.0 / calls,
                    total);
            for (var e : cpu1.entrySet()) {
                long d = e.getValue() - cpu0.getOrDefault(e.getKey(), 0L);
                if (d > 0) {
                    System.out.printf("PROFILE   %-20s %6.1f us/call%n", e.getKey(), d * 10_000.0 / calls);
                }
            }
            p.close();
        } finally {
            CLIENT_POOLS.forEach(ExecutorService::shutdown);
        }
    }

    /** Sockets in {@code state} whose peer is 127.0.0.1:{@code port} ({@code ss}; -1 without it). */
    private static long sockets(String state, int port) {
        try {
            Process p = new ProcessBuilder("ss", "-tanH", "state", state, "dst", "127.0.0.1:" + port)
                    .redirectErrorStream(true).start();
            long n = new String(p.getInputStream().readAllBytes()).lines().filter(l -> !l.isBlank()).count();
            p.waitFor();
            return n;
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** CPU ticks (utime + stime, 10 ms) of this process's threads, by name with the digits folded. */
    private static java.util.Map<String, Long> threadCpu() throws java.io.IOException {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        try (var tasks = java.nio.file.Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = java.nio.file.Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("\\d+", "N");
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    out.merge(name, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
                } catch (java.io.IOException | RuntimeException gone) {
                    // the thread ended
                }
            }
        }
        return out;
    }

    private static double rate(OkHttpClient client, String base, int threads, long millis) throws Exception {
        String body = "{\"model\":\"gpt-4o-mini\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"ping\"}]}";
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + millis * 1_000_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> fs = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            fs.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    Request r = new Request.Builder().url(base + "/chat/completions").header("Authorization",
                            "Bearer " + DemoGateway.DEMO_KEY).post(RequestBody.create(body, JSON)).build();
                    try (Response res = client.newCall(r).execute()) {
                        res.body().bytes();
                        done.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        // shut down only after the CPU figures are read: the client's threads (pool-N-thread-N) are counted too
        CLIENT_POOLS.add(pool);
        return done.get() * 1000.0 / millis;
    }
}
