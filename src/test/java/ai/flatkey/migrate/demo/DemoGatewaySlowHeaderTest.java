package ai.flatkey.migrate.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17, case 15: clients that send half a request header and stay silent (or leave) are closed by the gateway
 * after the header timeout, every descriptor they cost is released, and the gateway still answers. The neighbour: a
 * client that sends a whole request and leaves before its answer costs no descriptor either.
 * <p>
 * Descriptors are counted in a child JVM ({@link Clients}), which holds the gateway and the clients and nothing else,
 * as the sockets in {@code /proc/self/fd} (Linux). The JDK's HTTP server behind the front never closed a connection
 * whose answer it could not write (the client had left): 50 half-header clients left 50 sockets open for good.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "counts descriptors in /proc/self/fd")
class DemoGatewaySlowHeaderTest {
    /** How long the descriptors may take to come back, after the header timeout. */
    private static final long MARGIN_MS = 3_000;

    @Test
    void halfHeaderClientsAreClosedWithinTheHeaderTimeoutAndTheirDescriptorsReturnToTheBaseline() throws Exception {
        for (int clients : new int[]{50, 150}) {
            String out = child("half", clients);
            assertThat(out).as("child output").contains("closed by the gateway: " + clients)
                    .contains("back to the baseline").contains("the gateway still answers: 200");
        }
    }

    @Test
    void clientsThatLeaveBeforeTheirAnswerCostNoDescriptor() throws Exception {
        String out = child("leave", 50);
        assertThat(out).as("child output").contains("back to the baseline").contains("the gateway still answers: 200");
    }

    /**
     * The front holds each request header until it ends and treats the first bytes after an answer as the next
     * request: an interim {@code 100 Continue} is not that answer, or the body that follows it would be held as a
     * header and the request would never reach the server.
     */
    @Test
    void aBodySentAfterAHundredContinueReachesTheServer() throws Exception {
        try (DemoGateway gateway = DemoGateway.start(DemoConfig.defaults());
             Socket s = new Socket("127.0.0.1", gateway.port())) {
            s.setSoTimeout(4_000);
            String body = "{\"model\":\"gpt-5.5\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
            s.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + DemoGateway.DEMO_KEY + "\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            assertThat(readHead(in)).startsWith("HTTP/1.1 100");
            s.getOutputStream().write(body.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            assertThat(readHead(in)).startsWith("HTTP/1.1 200");
        }
    }

    /** An answer's status line and headers, up to the empty line. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b == -1) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    private static String child(String mode, int clients) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Clients.class.getName(),
                mode, Integer.toString(clients)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(out).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    /**
     * Child JVM: a gateway, {@code N} clients that send half a header ({@code half}) or a whole streamed chat request
     * and leave at once ({@code leave}), then the socket count against the baseline taken before them. Exit 0 when it
     * came back within {@link IdleClosingFront#HEADER_TIMEOUT_MS} + {@link #MARGIN_MS} of the clients' start.
     */
    public static final class Clients {
        public static void main(String[] args) throws Exception {
            String mode = args[0];
            int n = Integer.parseInt(args[1]);
            try (DemoGateway gateway = DemoGateway.start(DemoConfig.defaults())) {
                // Warm up first: the classes the steps below load open their jars (descriptors of their own).
                System.out.println("warm-up: " + models(gateway));
                int baseline = sockets();
                System.out.println("baseline: " + baseline + " sockets");
                long start = System.nanoTime();
                List<Socket> clients = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    Socket s = new Socket();
                    s.connect(new InetSocketAddress("127.0.0.1", gateway.port()), 2_000);
                    s.getOutputStream().write(request(mode).getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    clients.add(s);
                }
                System.out.println("with the clients: " + sockets() + " sockets");
                if (mode.equals("half")) {
                    int closed = 0;
                    long deadline = start + TimeUnit.MILLISECONDS.toNanos(IdleClosingFront.HEADER_TIMEOUT_MS
                            + MARGIN_MS);
                    for (Socket s : clients) {
                        s.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                        InputStream in = s.getInputStream();
                        try {
                            closed += in.read() == -1 ? 1 : 0;
                        } catch (IOException timedOut) {
                            // still open
                        }
                    }
                    System.out.println("closed by the gateway: " + closed);
                }
                for (Socket s : clients) {
                    s.close();
                }
                long deadline = start + TimeUnit.MILLISECONDS.toNanos(IdleClosingFront.HEADER_TIMEOUT_MS + MARGIN_MS);
                int now = sockets();
                while (now > baseline && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                    now = sockets();
                }
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                System.out.println((now <= baseline ? "back to the baseline" : "NOT back to the baseline") + ": "
                        + now + " sockets (baseline " + baseline + ") " + ms + " ms after the clients' start");
                System.out.println("the gateway still answers: " + models(gateway));
                System.out.flush();
                System.exit(now <= baseline ? 0 : 1);
            }
        }

        private static String request(String mode) {
            if (mode.equals("half")) {
                return "GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half: ";
            }
            String body = "{\"model\":\"gpt-5.5\",\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a long "
                    + "story.\"}]}";
            return "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + DemoGateway.DEMO_KEY + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
        }

        /** The sockets this process holds open. */
        private static int sockets() throws IOException {
            int count = 0;
            try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
                for (Path fd : fds) {
                    try {
                        count += Files.readSymbolicLink(fd).toString().startsWith("socket:") ? 1 : 0;
                    } catch (IOException gone) {
                        // closed meanwhile (the directory stream's own descriptor, too)
                    }
                }
            }
            return count;
        }

        private static int models(DemoGateway gateway) throws Exception {
            HttpResponse<String> models = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            java.net.URI.create(gateway.baseUrl() + "/models"))
                    .header("Authorization", "Bearer " + DemoGateway.DEMO_KEY).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return models.statusCode();
        }
    }
}
