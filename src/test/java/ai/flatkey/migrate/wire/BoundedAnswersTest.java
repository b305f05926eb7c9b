package ai.flatkey.migrate.wire;

import static ai.flatkey.migrate.wire.Fixtures.KEY;
import static ai.flatkey.migrate.wire.Fixtures.MODEL;
import static ai.flatkey.migrate.wire.Fixtures.chunk;
import static ai.flatkey.migrate.wire.Fixtures.client;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, cases 6 and 7: every answer is read through a cap counted after gzip decoding (per event, per stream)
 * and a progress watchdog; a gzip bomb, an endless stream and a one-byte drip each end the call with a plain
 * message, quickly and in bounded memory.
 */
class BoundedAnswersTest {
    @StartStop
    private final MockWebServer server = new MockWebServer();

    /** 64 MB of small chunks, gzipped to well under a megabyte. */
    private static Buffer gzipBomb(String event) throws IOException {
        Buffer out = new Buffer();
        byte[] line = ("data: " + event + "\n\n").getBytes(StandardCharsets.UTF_8);
        try (GZIPOutputStream gz = new GZIPOutputStream(out.outputStream())) {
            for (long written = 0; written < 64L * 1024 * 1024; written += line.length) {
                gz.write(line);
            }
        }
        return out;
    }

    @Test
    void aGzipBombedStreamIsCutAtTheCapCountedAfterInflating() throws Exception {
        Buffer bomb = gzipBomb(chunk("", null));
        assertThat(bomb.size()).isLessThan(1024 * 1024);
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/event-stream")
                .setHeader("Content-Encoding", "gzip").body(bomb).build());
        long start = System.nanoTime();
        ApiException e = catchThrowableOfType(ApiException.class, () -> client(server, "/v1")
                .streamChat(ChatRequest.simple(MODEL, "hi", true), null, null));
        assertThat(e.getMessage()).startsWith("The answer exceeded 16 MB; the stream was cut.");
        assertThat(e.kind()).isEqualTo(FailureKind.PROTOCOL);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void aGzipBombedPlainAnswerIsRefusedAtTheCapCountedAfterInflating() throws Exception {
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/json")
                .setHeader("Content-Encoding", "gzip").body(gzipBomb("{}")).build());
        ApiException e = catchThrowableOfType(ApiException.class, () -> client(server, "/v1")
                .chat(ChatRequest.simple(MODEL, "hi", false), null));
        assertThat(e.getMessage()).contains("larger than 16 MB");
    }

    /**
     * The read runs in a child JVM whose whole heap is {@value #CHILD_HEAP}: a client that kept the stream would die
     * of OutOfMemoryError there (the control below proves it does), one that cuts at the cap ends with the message.
     * Measured in a child because "heap in use" in this JVM counts garbage and depends on when the collector runs.
     */
    private static final String CHILD_HEAP = "-Xmx96m";

    @Test
    void anEndlessStreamIsCutAtTheCapAndTheHeapStaysBounded() throws Exception {
        long start = System.nanoTime();
        Child read = runChild("client");
        assertThat(read.output()).as("child output").contains("The answer exceeded ").contains("; the stream was cut.");
        assertThat(read.exit()).as("child exit; output: %s", read.output()).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
    }

    @Test
    void theHeapBoundIsTightEnoughThatKeepingTheStreamRunsOutOfMemory() throws Exception {
        Child keep = runChild("keep");
        assertThat(keep.output()).as("control output").contains("OutOfMemoryError");
        assertThat(keep.exit()).isEqualTo(3);
    }

    private record Child(int exit, String output) {
    }

    private static Child runChild(String mode) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(javaBin, CHILD_HEAP, "-cp", System.getProperty("java.class.path"),
                EndlessStreamRead.class.getName(), mode).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
        return new Child(p.exitValue(), output);
    }

    /** Child JVM: an endless event stream on a loopback socket, read by the client ("client") or kept whole ("keep"). */
    public static final class EndlessStreamRead {
        public static void main(String[] args) throws Exception {
            try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
                Thread flood = new Thread(() -> flood(listener), "endless-sse");
                flood.setDaemon(true);
                flood.start();
                String url = "http://127.0.0.1:" + listener.getLocalPort() + "/v1";
                if (args[0].equals("keep")) {
                    keepEverything(listener.getLocalPort());
                    return;
                }
                OpenAiClient client = new OpenAiClient(OpenAiClient.newHttpClient(), new ClientConfig(url, KEY,
                        Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(60)));
                try {
                    client.streamChat(ChatRequest.simple(MODEL, "hi", true), null, null);
                    System.out.println("the endless stream ended without an error");
                    System.exit(1);
                } catch (ApiException e) {
                    System.out.println(e.getMessage());
                    System.exit(0);
                }
            }
        }

        private static void keepEverything(int port) {
            StringBuilder all = new StringBuilder();
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                s.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                byte[] buf = new byte[65536];
                for (int n; (n = s.getInputStream().read(buf)) > 0; ) {
                    all.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
                System.out.println("kept " + all.length() + " chars and the stream ended");
                System.exit(1);
            } catch (OutOfMemoryError oom) {
                all.setLength(0);
                all.trimToSize();
                System.out.println("OutOfMemoryError");
                System.exit(3);
            } catch (IOException e) {
                System.out.println("control failed: " + e);
                System.exit(2);
            }
        }

        private static void flood(ServerSocket listener) {
            try (Socket s = listener.accept(); OutputStream out = s.getOutputStream()) {
                s.getInputStream().read(new byte[65536]);
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                byte[] block = ("data: " + chunk("", null) + "\n\n").repeat(1000).getBytes(StandardCharsets.UTF_8);
                while (true) {
                    out.write(block);
                }
            } catch (IOException closed) {
                // the client cut the stream
            }
        }
    }

    /**
     * A loopback server that answers every request with a status line and then its headers one byte every 100 ms,
     * never ending them: each byte resets a socket's read timeout, so only a clock on the whole header ends this.
     */
    private static ServerSocket headerDripServer() throws IOException {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket s = listener.accept();
                    Thread drip = new Thread(() -> {
                        try (s; OutputStream out = s.getOutputStream()) {
                            s.getInputStream().read(new byte[65536]);
                            out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Drip: "
                                    .getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                            while (true) {
                                out.write('d');
                                out.flush();
                                Thread.sleep(100);
                            }
                        } catch (IOException | InterruptedException closed) {
                            // the client gave up
                        }
                    }, "drip-headers");
                    drip.setDaemon(true);
                    drip.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "drip-headers-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return listener;
    }

    @Test
    void responseHeadersDrippingOneByteAtATimeEndTheCallAtTheReadTimeoutNotTheCallTimeout() throws Exception {
        try (ServerSocket listener = headerDripServer()) {
            // read timeout 1 s, call timeout 30 s: without a clock on the headers the call ends only at 30 s
            OpenAiClient client = new OpenAiClient(OpenAiClient.newHttpClient(), new ClientConfig(
                    "http://127.0.0.1:" + listener.getLocalPort() + "/v1", KEY, Duration.ofSeconds(5),
                    Duration.ofSeconds(1), Duration.ofSeconds(30)));
            for (java.util.concurrent.Callable<?> call : java.util.List.<java.util.concurrent.Callable<?>>of(
                    () -> client.listModels(null),
                    () -> client.chat(ChatRequest.simple(MODEL, "hi", false), null),
                    () -> client.streamChat(ChatRequest.simple(MODEL, "hi", true), null, null))) {
                long start = System.nanoTime();
                ApiException e = catchThrowableOfType(ApiException.class, call::call);
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(e).isNotNull();
                assertThat(e.kind()).isEqualTo(FailureKind.TIMEOUT);
                assertThat(e.status()).as("no answer: the headers never ended").isZero();
                assertThat(e.getMessage()).contains("1 s read timeout").contains("headers");
                assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(900)).isLessThan(Duration.ofSeconds(6));
            }
        }
    }

    @Test
    void aStreamDrippingOneByteAtATimeEndsWhenNoEventCompletesWithinTheBudget() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread drip = new Thread(() -> {
                try (Socket s = listener.accept(); OutputStream out = s.getOutputStream()) {
                    s.getInputStream().read(new byte[65536]);
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    for (byte b : ("data: " + chunk("hello", null)).getBytes(StandardCharsets.UTF_8)) {
                        out.write(b);
                        out.flush();
                        Thread.sleep(200);
                    }
                } catch (IOException | InterruptedException closed) {
                    // the client gave up
                }
            }, "drip-sse");
            drip.setDaemon(true);
            drip.start();
            OpenAiClient client = new OpenAiClient(OpenAiClient.newHttpClient(), new ClientConfig(
                    "http://127.0.0.1:" + listener.getLocalPort() + "/v1", KEY, Duration.ofSeconds(5),
                    Duration.ofSeconds(1), Duration.ofSeconds(60)));
            long start = System.nanoTime();
            ApiException e = catchThrowableOfType(ApiException.class, () -> client.streamChat(
                    ChatRequest.simple(MODEL, "hi", true), null, null));
            assertThat(e).isNotNull();
            assertThat(e.kind().name()).contains("TIMEOUT");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }
}
