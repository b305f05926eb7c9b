package ai.flatkey.migrate.bench;

import ai.flatkey.migrate.demo.DemoConfig;
import ai.flatkey.migrate.demo.DemoGateway;
import ai.flatkey.migrate.traffic.ProxyListener;
import ai.flatkey.migrate.traffic.RecordingHeader;
import ai.flatkey.migrate.traffic.RecordingProxy;
import ai.flatkey.migrate.traffic.RecordingWriter;
import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.NetworkConfig;
import ai.flatkey.migrate.wire.OpenAiClient;
import ai.flatkey.migrate.wire.Relay;
import ai.flatkey.migrate.wire.Transport;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which HTTP server should carry the recording proxy: the rate of small non-streamed calls through a bare relay (the
 * proxy's path without the recording: the request read, sent upstream through {@link Relay}, the answer copied back)
 * on the JDK's HttpServer, on Jetty 12 and on Netty 4.1 ({@link NettyRelays}: its server before the same
 * {@link Relay}, and server and client both on Netty), beside the demo gateway served directly and the recording
 * proxy, in one run, alternating. Jetty and Netty are test dependencies only, for this comparison.
 * <pre>./mvnw -B -o -Pbench test -Dtest=ProxyServerChoiceBenchTest</pre>
 */
@Tag("bench")
class ProxyServerChoiceBenchTest {
    private static final MediaType JSON = MediaType.get("application/json");

    @TempDir
    Path dir;

    private final OkHttpClient client = new OkHttpClient.Builder().connectionPool(new ConnectionPool(128, 1,
            TimeUnit.MINUTES)).readTimeout(Duration.ofMinutes(2)).retryOnConnectionFailure(false).build();

    @Test
    void serversSideBySide() throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int clients = Integer.getInteger("bench.proxy.clients", 16);
        long millis = Long.getLong("bench.proxy.millis", 4000);
        int rounds = Integer.getInteger("bench.server.rounds", 3);
        // per target: the rates still rose from round to round after 2 s (the JIT), and the targets run in turn
        long warmup = Long.getLong("bench.server.warmupMillis", 2000);
        try (Transport http = Transport.over(OpenAiClient.newHttpClient(NetworkConfig.direct()));
             DemoGateway gw = ai.flatkey.migrate.demo.BenchGateways.withoutRequestLimit(
                     DemoConfig.defaults().withTokensPerSecond(0))) {
            Relay relay = http.relay(gw.baseUrl(), Duration.ofSeconds(5), Duration.ofMinutes(2));
            HttpServer jdk = jdkRelay(relay);
            Server jetty = jettyRelay(relay);
            int loops = Integer.getInteger("bench.netty.loops", Runtime.getRuntime().availableProcessors());
            ExecutorService blocking = Executors.newCachedThreadPool();
            NettyRelays nettyOkHttp = NettyRelays.overRelay(relay, blocking, loops);
            NettyRelays nettyOnly = NettyRelays.allNetty(gw.baseUrl(), loops);
            RecordingWriter w = RecordingWriter.create(dir.resolve("rate.jsonl"), new RecordingHeader(
                    RecordingHeader.FORMAT, RecordingHeader.VERSION, Instant.now().toString(), gw.baseUrl(),
                    RecordingHeader.FULL, "bench"), true);
            RecordingProxy proxy = RecordingProxy.start(RecordingProxy.Options.loopback(0), relay, w, null,
                    ProxyListener.NONE);
            String jdkBase = "http://127.0.0.1:" + jdk.getAddress().getPort() + "/v1";
            String jettyBase = "http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort()
                    + "/v1";
            Map<String, String> targets = new java.util.LinkedHashMap<>();
            targets.put("demo gateway direct", gw.baseUrl());
            targets.put("bare relay on the JDK HttpServer", jdkBase);
            targets.put("bare relay on Jetty 12.1", jettyBase);
            targets.put("bare relay on Netty 4.1 (OkHttp upstream)", "http://127.0.0.1:" + nettyOkHttp.port() + "/v1");
            targets.put("bare relay all on Netty 4.1 (Netty client)", "http://127.0.0.1:" + nettyOnly.port() + "/v1");
            targets.put("recording proxy (JDK HttpServer, recording on)", proxy.baseUrl());
            Map<String, List<Double>> runs = new java.util.LinkedHashMap<>();
            for (Map.Entry<String, String> t : targets.entrySet()) {
                rate(t.getValue(), clients, warmup);
                runs.put(t.getKey(), new ArrayList<>());
            }
            for (int r = 0; r < rounds; r++) {
                for (Map.Entry<String, String> t : targets.entrySet()) {
                    runs.get(t.getKey()).add(rate(t.getValue(), clients, millis));
                }
            }
            proxy.close();
            jdk.stop(0);
            jetty.stop();
            nettyOkHttp.close();
            nettyOnly.close();
            blocking.shutdown();
            double direct = mean(runs.get("demo gateway direct"));
            StringBuilder table = new StringBuilder("\nServers for the proxy, small calls, " + clients
                    + " clients, same run\n");
            for (Map.Entry<String, List<Double>> e : runs.entrySet()) {
                table.append(String.format(Locale.ROOT, "| %-50s | %6.0f calls/s | ÷ direct %.2f | runs %s |%n",
                        e.getKey(), mean(e.getValue()), mean(e.getValue()) / direct, e.getValue().stream()
                                .map(v -> String.format(Locale.ROOT, "%.0f", v)).toList()));
            }
            System.out.println(table);
        }
    }

    private static double mean(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    /** The proxy's path on the JDK server without recording: 256 threads, as the proxy. */
    private static HttpServer jdkRelay(Relay relay) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        s.setExecutor(Executors.newFixedThreadPool(256));
        s.createContext("/", ex -> {
            try {
                relayOnJdk(relay, ex);
            } finally {
                ex.close();
            }
        });
        s.start();
        return s;
    }

    private static void relayOnJdk(Relay relay, HttpExchange ex) throws IOException {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        ex.getRequestHeaders().forEach((n, vs) -> vs.forEach(v -> headers.add(Map.entry(n, v))));
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readAllBytes();
        }
        String q = ex.getRequestURI().getRawQuery();
        Relay.Outgoing out = new Relay.Outgoing(ex.getRequestMethod(), ex.getRequestURI().getRawPath()
                + (q == null ? "" : "?" + q), headers, body);
        try (Relay.Answer a = relay.send(out, new Cancellation()); InputStream in = a.body()) {
            a.headers().forEach(h -> ex.getResponseHeaders().add(h.getKey(), h.getValue()));
            long len = a.contentLength();
            ex.sendResponseHeaders(a.status(), len == 0 ? -1 : len < 0 ? 0 : len);
            OutputStream o = ex.getResponseBody();
            byte[] buf = new byte[16 * 1024];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                o.write(buf, 0, n);
                o.flush();
            }
            o.close();
        }
    }

    /** The same on Jetty 12 (core handler API, blocking, 256 threads at most). */
    private static Server jettyRelay(Relay relay) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(256, 8);
        threads.setDaemon(true);
        Server server = new Server(threads);
        ServerConnector c = new ServerConnector(server);
        c.setHost("127.0.0.1");
        c.setPort(0);
        server.addConnector(c);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                                  Callback callback) throws Exception {
                List<Map.Entry<String, String>> headers = new ArrayList<>();
                for (HttpField f : request.getHeaders()) {
                    headers.add(Map.entry(f.getName(), f.getValue()));
                }
                byte[] body;
                try (InputStream in = Content.Source.asInputStream(request)) {
                    body = in.readAllBytes();
                }
                Relay.Outgoing out = new Relay.Outgoing(request.getMethod(), request.getHttpURI().getPathQuery(),
                        headers, body);
                try (Relay.Answer a = relay.send(out, new Cancellation()); InputStream in = a.body()) {
                    response.setStatus(a.status());
                    a.headers().forEach(h -> response.getHeaders().add(h.getKey(), h.getValue()));
                    long len = a.contentLength();
                    if (len >= 0) {
                        response.getHeaders().put("Content-Length", Long.toString(len));
                    }
                    try (OutputStream o = Content.Sink.asOutputStream(response)) {
                        byte[] buf = new byte[16 * 1024];
                        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                            o.write(buf, 0, n);
                            o.flush();
                        }
                    }
                    callback.succeeded();
                } catch (Throwable t) {
                    callback.failed(t);
                }
                return true;
            }
        });
        server.start();
        return server;
    }

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
                        (res.code() == 200 ? done : failed).incrementAndGet();
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
}
