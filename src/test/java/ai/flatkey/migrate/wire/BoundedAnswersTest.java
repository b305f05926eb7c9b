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
import java.time.Duration;
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

    @Test
    void anEndlessStreamIsCutAtTheCapAndTheHeapStaysBounded() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread flood = new Thread(() -> {
                try (Socket s = listener.accept(); OutputStream out = s.getOutputStream()) {
                    s.getInputStream().read(new byte[65536]);
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    byte[] block = ("data: " + chunk("", null) + "\n\n").repeat(1000)
                            .getBytes(StandardCharsets.UTF_8);
                    while (true) {
                        out.write(block);
                    }
                } catch (IOException closed) {
                    // the client cut the stream
                }
            }, "endless-sse");
            flood.setDaemon(true);
            flood.start();
            Runtime rt = Runtime.getRuntime();
            System.gc();
            long before = rt.totalMemory() - rt.freeMemory();
            long start = System.nanoTime();
            OpenAiClient client = new OpenAiClient(OpenAiClient.newHttpClient(), new ClientConfig(
                    "http://127.0.0.1:" + listener.getLocalPort() + "/v1", KEY, Duration.ofSeconds(5),
                    Duration.ofSeconds(5), Duration.ofSeconds(60)));
            ApiException e = catchThrowableOfType(ApiException.class, () -> client.streamChat(
                    ChatRequest.simple(MODEL, "hi", true), null, null));
            long peakish = rt.totalMemory() - rt.freeMemory();
            assertThat(e.getMessage()).startsWith("The answer exceeded ");
            assertThat(e.getMessage()).contains("; the stream was cut.");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
            assertThat(peakish - before).as("heap grown by the read").isLessThan(400L * 1024 * 1024);
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
