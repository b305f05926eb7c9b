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
import com.sun.net.httpserver.HttpServer;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The recording proxy's cost (issue 19, item 6), each figure against the demo gateway served directly in the same
 * run: TTFT added (median of 30 alternating pairs), the worst stall of 64 concurrent streams, heap retained while a
 * 100 MB answer passes, and the highest rate of small non-streamed calls with recording on ÷ the direct rate.
 */
@Tag("bench")
class RecordingProxyBenchTest {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final int ROUNDS = Integer.getInteger("bench.proxy.rounds", 30);
    private static final int WARMUP = 5;
    private static final int STREAMS = 64;
    private static final long MB = 1024 * 1024;

    @TempDir
    Path dir;

    private final OkHttpClient client = new OkHttpClient.Builder().connectionPool(new ConnectionPool(128, 1,
            TimeUnit.MINUTES)).readTimeout(Duration.ofMinutes(2)).retryOnConnectionFailure(false).build();
    private final StringBuilder table = new StringBuilder();

    private RecordingProxy proxy(String upstream, Transport http, String name) throws IOException {
        RecordingWriter w = RecordingWriter.create(dir.resolve(name), new RecordingHeader(RecordingHeader.FORMAT,
                RecordingHeader.VERSION, Instant.now().toString(), upstream, RecordingHeader.FULL, "bench"), true);
        return RecordingProxy.start(RecordingProxy.Options.loopback(0), http.relay(upstream, Duration.ofSeconds(5),
                Duration.ofMinutes(2)), w, null, ProxyListener.NONE);
    }

    @Test
    void proxyCostAgainstDirect() throws Exception {
        dispatcherThreads();
        try (Transport http = Transport.over(OpenAiClient.newHttpClient(NetworkConfig.direct()))) {
            // -Dbench.proxy.parts=rate (a comma list of ttft, streams, memory, rate) runs only those parts
            List<String> parts = List.of(System.getProperty("bench.proxy.parts", "ttft,streams,memory,rate")
                    .split(","));
            if (parts.contains("ttft")) {
                ttft(http);
            }
            if (parts.contains("streams")) {
                streams(http);
            }
            if (parts.contains("memory")) {
                memory(http);
            }
            if (parts.contains("rate")) {
                throughput(http);
            }
        }
        System.out.println("\nRecording proxy vs direct (same run)\n" + table);
    }

    private static void dispatcherThreads() {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    // ------------------------------------------------------------------ TTFT

    private void ttft(Transport http) throws Exception {
        try (DemoGateway gw = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(40)
                .withFirstTokenDelayMs(50))) {
            RecordingProxy p = proxy(gw.baseUrl(), http, "ttft.jsonl");
            String body = "{\"model\":\"gpt-5.5\",\"stream\":true,\"max_tokens\":4,\"messages\":[{\"role\":\"user\","
                    + "\"content\":\"Say hello\"}]}";
            List<Double> direct = new ArrayList<>();
            List<Double> proxied = new ArrayList<>();
            List<Double> diffs = new ArrayList<>();
            for (int i = 0; i < WARMUP + ROUNDS; i++) {
                double d = firstContentMs(gw.baseUrl(), body);
                double q = firstContentMs(p.baseUrl(), body);
                if (i >= WARMUP) {
                    direct.add(d);
                    proxied.add(q);
                    diffs.add(q - d);
                }
            }
            p.close();
            row("TTFT direct / through the proxy, median of " + ROUNDS + " (ms)",
                    String.format(Locale.ROOT, "%.2f / %.2f", median(direct), median(proxied)));
            row("TTFT added by the proxy, median of per-pair differences (ms; goal <= 1)",
                    String.format(Locale.ROOT, "%.2f (min %.2f, max %.2f)", median(diffs), min(diffs), max(diffs)));
        }
    }

    /** Milliseconds from sending the request to reading the first line that carries a content delta. */
    private double firstContentMs(String base, String body) throws IOException {
        long t0 = System.nanoTime();
        Request r = new Request.Builder().url(base + "/chat/completions").header("Authorization", "Bearer "
                + DemoGateway.DEMO_KEY).post(RequestBody.create(body, JSON)).build();
        double at = -1;
        try (Response res = client.newCall(r).execute();
             BufferedReader in = new BufferedReader(new InputStreamReader(res.body().byteStream(),
                     StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (at < 0 && line.contains("\"content\":\"") && !line.contains("\"content\":\"\"")) {
                    at = (System.nanoTime() - t0) / 1e6;
                }
            }
        }
        return at;
    }

    // ------------------------------------------------------------------ 64 streams

    private void streams(Transport http) throws Exception {
        try (DemoGateway gw = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(20))) {
            RecordingProxy p = proxy(gw.baseUrl(), http, "streams.jsonl");
            stallRound(gw.baseUrl());
            double direct = stallRound(gw.baseUrl());
            stallRound(p.baseUrl());
            double proxied = stallRound(p.baseUrl());
            p.close();
            row(STREAMS + " concurrent streams (20 tokens/s): worst gap between chunks, direct / proxied (ms)",
                    String.format(Locale.ROOT, "%.1f / %.1f", direct, proxied));
            row("worst stall beyond the direct run's (ms; goal <= 50)",
                    String.format(Locale.ROOT, "%.1f", proxied - direct));
        }
    }

    /** Runs {@link #STREAMS} streams at once; the largest gap between two data lines in any of them. */
    private double stallRound(String base) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(STREAMS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Double>> gaps = new ArrayList<>();
        String body = "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"max_tokens\":30,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"Stream a short answer for the bench\"}]}";
        for (int i = 0; i < STREAMS; i++) {
            gaps.add(pool.submit(() -> {
                go.await();
                Request r = new Request.Builder().url(base + "/chat/completions").header("Authorization", "Bearer "
                        + DemoGateway.DEMO_KEY).post(RequestBody.create(body, JSON)).build();
                double worst = 0;
                long last = 0;
                try (Response res = client.newCall(r).execute();
                     BufferedReader in = new BufferedReader(new InputStreamReader(res.body().byteStream(),
                             StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        if (line.startsWith("data: {")) {
                            long now = System.nanoTime();
                            worst = last == 0 ? worst : Math.max(worst, (now - last) / 1e6);
                            last = now;
                        }
                    }
                }
                return worst;
            }));
        }
        go.countDown();
        double worst = 0;
        for (Future<Double> f : gaps) {
            worst = Math.max(worst, f.get(2, TimeUnit.MINUTES));
        }
        pool.shutdown();
        return worst;
    }

    // ------------------------------------------------------------------ memory

    private void memory(Transport http) throws Exception {
        for (String type : List.of("application/json", "text/event-stream")) {
            CountDownLatch half = new CountDownLatch(1);
            CountDownLatch resume = new CountDownLatch(1);
            HttpServer big = bigServer(type, half, resume);
            String base = "http://127.0.0.1:" + big.getAddress().getPort() + "/v1";
            RecordingProxy p = proxy(base, http, "big.jsonl");
            long before = settledHeap();
            AtomicLong received = new AtomicLong();
            Future<?> reading = Executors.newSingleThreadExecutor().submit(() -> {
                Request r = new Request.Builder().url(p.baseUrl() + "/big").build();
                try (Response res = client.newCall(r).execute(); InputStream in = res.body().byteStream()) {
                    byte[] buf = new byte[64 * 1024];
                    for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                        received.addAndGet(n);
                    }
                }
                return null;
            });
            half.await(1, TimeUnit.MINUTES);
            long during = settledHeap();
            resume.countDown();
            reading.get(5, TimeUnit.MINUTES);
            p.close();
            big.stop(0);
            long after = settledHeap();
            row("100 MB " + type + " answer: heap retained half-way / after, over the baseline (MB)",
                    String.format(Locale.ROOT, "%.1f / %.1f (received %d MB)", (during - before) / (double) MB,
                            (after - before) / (double) MB, received.get() / MB));
        }
    }

    /** An upstream that sends 100 MB of {@code type}, pausing half-way until {@code resume}. */
    private static HttpServer bigServer(String type, CountDownLatch half, CountDownLatch resume) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        s.setExecutor(Executors.newCachedThreadPool());
        byte[] piece = type.contains("event-stream")
                ? ("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + "x".repeat(1000) + "\"}}]}\n\n")
                .getBytes(StandardCharsets.UTF_8)
                : ("\"" + "y".repeat(1022) + "\",").getBytes(StandardCharsets.UTF_8);
        long pieces = 100 * MB / piece.length;
        s.createContext("/v1/big", ex -> {
            ex.getResponseHeaders().set("Content-Type", type);
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                for (long i = 0; i < pieces; i++) {
                    if (i == pieces / 2) {
                        out.flush();
                        half.countDown();
                        resume.await(1, TimeUnit.MINUTES);
                    }
                    out.write(piece);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        s.start();
        return s;
    }

    private static long settledHeap() {
        var memory = ManagementFactory.getMemoryMXBean();
        long previous = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            long used = memory.getHeapMemoryUsage().getUsed();
            if (Math.abs(previous - used) < MB) {
                return Math.min(previous, used);
            }
            previous = used;
        }
        return previous;
    }

    // ------------------------------------------------------------------ throughput

    private void throughput(Transport http) throws Exception {
        int threads = Integer.getInteger("bench.proxy.clients", 16);
        long millis = Long.getLong("bench.proxy.millis", 2000);
        int rounds = Integer.getInteger("bench.proxy.rateRounds", 5);
        // One key, as an app has: the demo gateway's request limit (600 a minute per key) is lifted for the bench, so
        // the proxy's redaction of that key is prepared once, as it is for an app, not once per call.
        try (DemoGateway gw = ai.flatkey.migrate.demo.BenchGateways.withoutRequestLimit(
                DemoConfig.defaults().withTokensPerSecond(0))) {
            RecordingProxy p = proxy(gw.baseUrl(), http, "rate.jsonl");
            long warmup = Long.getLong("bench.proxy.warmupMillis", 2000); // longer when the rate runs alone
            rate(gw.baseUrl(), threads, warmup);
            rate(p.baseUrl(), threads, warmup);
            // Direct and proxied windows alternate, so that a change in the machine's load (other builds) falls on
            // both alike: 5 pairs of 2 s instead of 2 pairs of 5 s.
            List<Double> direct = new ArrayList<>();
            List<Double> proxied = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                double d = rate(gw.baseUrl(), threads, millis);
                double q = rate(p.baseUrl(), threads, millis);
                direct.add(d);
                proxied.add(q);
                ratios.add(q / d);
            }
            p.close();
            int recorded = p.summary().recorded();
            if (recorded != p.summary().calls()) {
                throw new AssertionError("the proxy forwarded " + p.summary().calls() + " calls and recorded "
                        + recorded);
            }
            double d = direct.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            double q = proxied.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            row("small non-streamed calls, " + threads + " clients: direct / proxied with recording (calls/s)",
                    String.format(Locale.ROOT, "%.0f / %.0f (%d alternating pairs of %d ms: %s / %s; every call recorded: %d)",
                            d, q, rounds, millis, whole(direct), whole(proxied), recorded));
            row("rate ratio proxied / direct (goal >= 0.8)", String.format(Locale.ROOT,
                    "%.2f (pairs %.2f to %.2f)", q / d, min(ratios), max(ratios)));
        }
    }

    private static String whole(List<Double> v) {
        return v.stream().map(x -> String.format(Locale.ROOT, "%.0f", x)).toList().toString();
    }

    /** Calls per second of {@code threads} closed-loop clients for {@code millis}. */
    private double rate(String base, int threads, long millis) throws Exception {
        String body = "{\"model\":\"gpt-4o-mini\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"ping\"}]}";
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
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
                        if (res.code() == 200) {
                            done.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        if (failed.get() > 0) {
            throw new AssertionError(failed.get() + " calls were not answered 200 by " + base);
        }
        return done.get() * 1000.0 / millis;
    }

    // ------------------------------------------------------------------ helpers

    private void row(String what, String figure) {
        table.append(String.format(Locale.ROOT, "| %-90s | %s |%n", what, figure));
        System.out.println(what + ": " + figure);
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static double min(List<Double> v) {
        return Collections.min(v);
    }

    private static double max(List<Double> v) {
        return Collections.max(v);
    }
}
