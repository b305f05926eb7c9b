package ai.flatkey.migrate.reliability;

import ai.flatkey.migrate.demo.DemoConfig;
import ai.flatkey.migrate.demo.DemoGateway;
import ai.flatkey.migrate.wire.ApiException;
import ai.flatkey.migrate.wire.ChatRequest;
import ai.flatkey.migrate.wire.ChatResult;
import ai.flatkey.migrate.wire.ClientConfig;
import ai.flatkey.migrate.wire.NetworkConfig;
import ai.flatkey.migrate.wire.OpenAiClient;
import ai.flatkey.migrate.wire.RetryPolicy;
import ai.flatkey.migrate.wire.Sleeper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;

/**
 * What one fault case may set up — MockWebServers, demo gateways, raw sockets, TLS servers, HTTP clients — and tears
 * all of it down again: servers closed, the clients' dispatchers shut and connection pools evicted, gates opened.
 */
final class FaultEnv implements AutoCloseable {
    static final String KEY = "sk-test-faultmatrix-0123456789abcdef";
    static final String MODEL = "gpt-test";

    private final List<AutoCloseable> closers = new ArrayList<>();
    private final List<OkHttpClient> clients = new ArrayList<>();
    private final List<CountDownLatch> gates = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    final List<Duration> slept = new CopyOnWriteArrayList<>();
    /** A sleeper that records the wait and returns at once: retries run without real waiting. */
    final Sleeper recordingSleeper = (d, c) -> slept.add(d);

    MockWebServer server() throws IOException {
        MockWebServer s = new MockWebServer();
        s.start(InetAddress.getByName("127.0.0.1"), 0);
        closers.add(s);
        return s;
    }

    MockWebServer tlsServer(Path keystore) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        MockWebServer s = new MockWebServer();
        s.useHttps(ctx.getSocketFactory());
        s.start(InetAddress.getByName("127.0.0.1"), 0);
        closers.add(s);
        return s;
    }

    DemoGateway demo() throws IOException {
        DemoGateway g = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(2000).withKeys(
                java.util.Set.of(KEY, DemoGateway.DEMO_KEY)));
        closers.add(g);
        return g;
    }

    /** A gate a server body waits on; opened when the case ends. */
    CountDownLatch gate() {
        CountDownLatch g = new CountDownLatch(1);
        gates.add(g);
        return g;
    }

    OkHttpClient http() {
        return http(NetworkConfig.direct());
    }

    OkHttpClient http(NetworkConfig network) {
        OkHttpClient c = OpenAiClient.newHttpClient(network);
        clients.add(c);
        return c;
    }

    OkHttpClient track(OkHttpClient c) {
        clients.add(c);
        return c;
    }

    static ClientConfig config(String baseUrl) {
        return new ClientConfig(baseUrl, KEY, Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(20));
    }

    OpenAiClient client(String baseUrl) {
        return new OpenAiClient(http(), config(baseUrl));
    }

    OpenAiClient client(OkHttpClient http, ClientConfig config) {
        return new OpenAiClient(http, config);
    }

    OpenAiClient retrying(String baseUrl) {
        return new OpenAiClient(http(), config(baseUrl), RetryPolicy.standard(), recordingSleeper);
    }

    static ChatRequest chat() {
        return ChatRequest.simple(MODEL, "hi", false);
    }

    static ChatRequest stream() {
        return ChatRequest.simple(MODEL, "hi", true);
    }

    static ChatRequest chat(String model, boolean stream) {
        return ChatRequest.simple(model, "hi", stream);
    }

    /**
     * A loopback server that reads one request and answers with {@code head} and then the {@code body} parts,
     * optionally resetting the connection (RST) at the end instead of closing it cleanly. Counts bytes sent.
     */
    String raw(String head, List<byte[]> body, boolean reset, AtomicLong sent) throws IOException {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        closers.add(socket);
        Thread t = new Thread(() -> {
            try (Socket s = socket.accept()) {
                readRequest(s.getInputStream());
                OutputStream out = s.getOutputStream();
                out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                for (byte[] part : body) {
                    out.write(part);
                    out.flush();
                    if (sent != null) {
                        sent.addAndGet(part.length);
                    }
                }
                if (reset) {
                    s.setSoLinger(true, 0);
                }
            } catch (IOException ignored) {
                // the client hung up: what it saw is what the case asserts
            }
        }, "fault-raw-server");
        t.setDaemon(true);
        t.start();
        threads.add(t);
        return "http://127.0.0.1:" + socket.getLocalPort() + "/v1";
    }

    private static void readRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            head.append((char) b);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length:\\s*(\\d+)").matcher(head);
        long remaining = m.find() ? Long.parseLong(m.group(1)) : 0;
        while (remaining-- > 0 && in.read() >= 0) {
            // drain the body
        }
    }

    /** A free loopback port with nothing listening. */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    ApiException fails(ThrowingCall call) {
        try {
            ChatResult r = call.run();
            throw new AssertionError("expected a classified failure, got " + r);
        } catch (ApiException e) {
            return e;
        }
    }

    @FunctionalInterface
    interface ThrowingCall {
        ChatResult run() throws ApiException;
    }

    @Override
    public void close() throws Exception {
        gates.forEach(CountDownLatch::countDown);
        for (OkHttpClient c : clients) {
            c.dispatcher().cancelAll();
        }
        for (int i = closers.size() - 1; i >= 0; i--) {
            try {
                closers.get(i).close();
            } catch (Exception ignored) {
                // closing what a fault already broke
            }
        }
        for (OkHttpClient c : clients) {
            c.dispatcher().executorService().shutdown();
            c.connectionPool().evictAll();
            c.dispatcher().executorService().awaitTermination(5, TimeUnit.SECONDS);
        }
        for (Thread t : threads) {
            t.join(5000);
        }
    }
}
