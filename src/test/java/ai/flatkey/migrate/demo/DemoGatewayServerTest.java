package ai.flatkey.migrate.demo;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The standalone entry point used by {@code flatkey-migrate demo-gateway}. */
class DemoGatewayServerTest {

    @Test
    void printsWhereItListensAndServesUntilInterrupted() throws Exception {
        WatchedOutput output = new WatchedOutput("Ctrl+C");
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread runner = new Thread(() -> exit.complete(
                DemoGatewayServer.runForeground(0, 0, new PrintStream(output, true, StandardCharsets.UTF_8))),
                "test-foreground");
        runner.start();
        try {
            assertThat(output.seen.await(10, TimeUnit.SECONDS)).as("banner printed").isTrue();
            String banner = output.text();
            Matcher url = Pattern.compile("listening on (http://127\\.0\\.0\\.1:(\\d+)/v1)").matcher(banner);
            assertThat(url.find()).as(banner).isTrue();
            assertThat(banner).contains(DemoGateway.DEMO_KEY).contains("curl -N " + url.group(1)
                    + "/chat/completions");
            int port = Integer.parseInt(url.group(2));
            assertThat(exit).isNotDone();

            HttpResponse<String> models = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url.group(1) + "/models"))
                            .header("Authorization", "Bearer " + DemoGateway.DEMO_KEY).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(models.statusCode()).isEqualTo(200);

            runner.interrupt();
            assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
            assertThat(output.text()).contains("Demo gateway stopped.");
            assertThatPortIsFree(port);
        } finally {
            runner.interrupt();
        }
    }

    @Test
    void returnsOneWhenThePortIsTaken() throws Exception {
        try (DemoGateway taken = DemoGateway.start(DemoConfig.defaults())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();

            int exit = DemoGatewayServer.runForeground(taken.port(), 40, new PrintStream(out, true,
                    StandardCharsets.UTF_8));

            assertThat(exit).isEqualTo(1);
            assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Could not start the demo gateway")
                    .contains(Integer.toString(taken.port()));
        }
    }

    private static void assertThatPortIsFree(int port) throws Exception {
        try (DemoGateway again = DemoGateway.start(DemoConfig.defaults().withPort(port))) {
            assertThat(again.port()).isEqualTo(port);
        }
    }

    /** Collects printed text and opens a latch once a marker has been printed. */
    private static final class WatchedOutput extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final String marker;
        final CountDownLatch seen = new CountDownLatch(1);

        WatchedOutput(String marker) {
            this.marker = marker;
        }

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
            check();
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            check();
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        private void check() {
            if (seen.getCount() > 0 && bytes.toString(StandardCharsets.UTF_8).contains(marker)) {
                seen.countDown();
            }
        }
    }
}
