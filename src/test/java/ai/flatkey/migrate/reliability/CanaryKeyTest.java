package ai.flatkey.migrate.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import ai.flatkey.migrate.cli.Cli;
import ai.flatkey.migrate.demo.DemoConfig;
import ai.flatkey.migrate.demo.DemoGateway;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.secrets.KeyResolver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys never leak: with a canary key in the environment, the demo migration runs through the CLI (smoke checks with
 * failures, usage reconciliation, results written into the plan, Markdown export). Then every file the app wrote
 * and everything it printed holds no trace of the key, and every byte sent on the wire (recorded by a relay in front
 * of the target) holds it only as {@code Authorization: Bearer <key>}.
 */
class CanaryKeyTest {
    private static final String CANARY = "sk-test-canary-7Qm2Vx9Lp4Rt8Kw3Zn6Hy1Bc5";
    /** A distinctive piece of the canary: catches a key cut short or partly masked. */
    private static final String TAIL = CANARY.substring(CANARY.length() - 12);

    @TempDir
    Path tmp;

    @Test
    void theCanaryKeyAppearsOnlyInAuthorizationHeadersToTheTarget() throws Exception {
        try (DemoGateway gateway = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(5000)
                .withKeys(Set.of(CANARY)).withFaultModelsListed(true));
             Relay relay = new Relay(gateway.port())) {
            Path work = Files.createDirectories(tmp.resolve("work"));
            Path planFile = work.resolve("canary-plan.json");
            MigrationPlan plan = MigrationPlan.newPlan("Canary migration")
                    .withTarget(new Endpoint("newapi", relay.baseUrl(), "env:FLATKEY_API_KEY"))
                    .withMappings(List.of(new ModelMapping("gpt-4o-mini", "gpt-5.5", List.of("chat", "streaming"), ""),
                            new ModelMapping("gpt-4", "demo-midstream-error", List.of("chat", "streaming"), ""),
                            new ModelMapping("gpt-4", "demo-502", List.of("chat"), "")));
            new PlanStore().save(planFile, plan);

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            KeyResolver keys = new KeyResolver(Map.of("FLATKEY_API_KEY", CANARY)::get);
            Cli cli = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), keys, new PlanStore(), Clock.systemUTC());

            int run = cli.execute("run", planFile.toString(), "--write");
            int export = cli.execute("export", planFile.toString(), "--format", "all", "--out", work.toString());

            String printed = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
            assertThat(run).as(printed).isEqualTo(Cli.CHECKS_FAILED);
            assertThat(export).as(printed).isEqualTo(Cli.OK);
            assertThat(printed).contains("HTTP 502").contains("inside the stream");
            assertThat(new PlanStore().load(planFile).smokeRuns()).hasSize(1);

            // Every file the app wrote, and everything it printed.
            List<Path> written;
            try (Stream<Path> files = Files.walk(tmp)) {
                written = files.filter(Files::isRegularFile).toList();
            }
            assertThat(written).extracting(p -> p.getFileName().toString())
                    .contains("canary-plan.json").hasSizeGreaterThanOrEqualTo(6);
            for (Path f : written) {
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertThat(text).as(f.toString()).doesNotContain(CANARY).doesNotContain(TAIL);
            }
            assertThat(printed).doesNotContain(CANARY).doesNotContain(TAIL);

            // Every byte sent to the target: the key only as a bearer token.
            String wire = relay.recorded();
            int requests = countMatches(wire, "(GET|POST) /\\S* HTTP/1\\.1\r\n");
            int inHeader = countMatches(wire, "\r\n(?i:Authorization): Bearer " + Pattern.quote(CANARY) + "\r\n");
            int anywhere = countMatches(wire, Pattern.quote(TAIL));
            System.out.printf("CanaryKeyTest: %d requests to the target, the key in %d Authorization headers and "
                    + "nowhere else; %d files written and %d characters printed, none holding it%n",
                    requests, inHeader, written.size(), printed.length());
            assertThat(requests).isGreaterThanOrEqualTo(8);
            assertThat(inHeader).as("requests carrying the key").isPositive();
            assertThat(anywhere).as("occurrences of the key outside Authorization headers").isEqualTo(inHeader);
            assertThat(wire).contains("GET /api/usage/token");
        }
    }

    private static int countMatches(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** A loopback TCP relay in front of the gateway that records every byte the app sends. */
    private static final class Relay implements AutoCloseable {
        private final ServerSocket server;
        private final int targetPort;
        private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
        private final List<Socket> sockets = new ArrayList<>();
        private final List<Thread> threads = new ArrayList<>();
        private final Thread acceptor;

        Relay(int targetPort) throws IOException {
            this.targetPort = targetPort;
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = new Thread(this::accept, "canary-relay");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.getLocalPort() + "/v1";
        }

        synchronized String recorded() {
            return sent.toString(StandardCharsets.ISO_8859_1);
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    synchronized (this) {
                        sockets.add(client);
                        sockets.add(upstream);
                    }
                    pipe(client.getInputStream(), upstream.getOutputStream(), true, upstream);
                    pipe(upstream.getInputStream(), client.getOutputStream(), false, client);
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void pipe(InputStream in, OutputStream out, boolean record, Socket to) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[8192];
                try {
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        if (record) {
                            synchronized (this) {
                                sent.write(buf, 0, n);
                            }
                        }
                        out.write(buf, 0, n);
                        out.flush();
                    }
                    to.shutdownOutput();
                } catch (IOException ignored) {
                    // a side closed: the exchange is over
                }
            }, "canary-relay-pipe");
            t.setDaemon(true);
            synchronized (this) {
                threads.add(t);
            }
            t.start();
        }

        @Override
        public void close() throws Exception {
            server.close();
            synchronized (this) {
                for (Socket s : sockets) {
                    s.close();
                }
            }
            acceptor.join(5000);
            for (Thread t : threads) {
                t.join(5000);
            }
        }
    }
}
