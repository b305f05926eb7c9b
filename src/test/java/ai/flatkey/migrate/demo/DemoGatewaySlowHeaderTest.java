package ai.flatkey.migrate.demo;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17, case 15: clients that send half a request header and stay silent are closed by the gateway after the
 * header timeout, and the gateway still answers.
 */
class DemoGatewaySlowHeaderTest {

    @Test
    void fiftyHalfHeaderClientsAreClosedByTheGatewayWhichStillAnswers() throws Exception {
        try (DemoGateway gateway = DemoGateway.start(DemoConfig.defaults())) {
            // Warm up first: the classes the checks below load open their jars (descriptors of their own).
            assertThat(models(gateway)).isEqualTo(200);
            List<Socket> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 50; i++) {
                    Socket s = new Socket();
                    s.connect(new InetSocketAddress("127.0.0.1", gateway.port()), 2_000);
                    s.getOutputStream().write(("GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half: ")
                            .getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    clients.add(s);
                }
                long deadline = System.nanoTime() + Duration.ofMillis(IdleClosingFront.HEADER_TIMEOUT_MS + 5_000)
                        .toNanos();
                for (Socket s : clients) {
                    s.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                    InputStream in = s.getInputStream();
                    assertThat(in.read()).as("the gateway closed the half-header connection").isEqualTo(-1);
                }
            } finally {
                for (Socket s : clients) {
                    s.close();
                }
            }
            // Not asserted yet: the descriptor count back at the baseline. Measured here, 31 sockets of the 150 the 50
            // clients cost were still open 5 s after the front closed them (issue 17, case 15: open).
            assertThat(models(gateway)).as("the gateway still answers").isEqualTo(200);
        }
    }

    private static int models(DemoGateway gateway) throws Exception {
        HttpResponse<String> models = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        java.net.URI.create(gateway.baseUrl() + "/models"))
                .header("Authorization", "Bearer " + DemoGateway.DEMO_KEY).build(), HttpResponse.BodyHandlers.ofString());
        return models.statusCode();
    }
}
