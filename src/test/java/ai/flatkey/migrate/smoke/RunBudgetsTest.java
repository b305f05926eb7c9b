package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.Verdict;
import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.OpenAiClient;
import ai.flatkey.migrate.wire.Transport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17, case 7: a gateway that accepts connections and never answers, or drips a byte at a time, ends the run
 * within its budget with a plain message per check.
 */
class RunBudgetsTest {
    private static ExecutorService pool;
    private static Transport http;

    @BeforeAll
    static void start() {
        pool = Executors.newFixedThreadPool(8);
        http = Transport.over(OpenAiClient.newHttpClient());
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    private static MigrationPlan plan(String base) {
        return MigrationPlan.newPlan("budgets").withTarget(new Endpoint("custom", base, ""))
                .withMappings(List.of(new ModelMapping("old", "gpt-5.5", List.of("chat", "streaming"), "")));
    }

    /** A loopback server that accepts every connection and then does {@code each} with it on its own thread. */
    private static ServerSocket server(java.util.function.Consumer<Socket> each, List<Socket> held) throws IOException {
        ServerSocket listener = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket s = listener.accept();
                    held.add(s);
                    Thread t = new Thread(() -> each.accept(s), "budget-conn");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "budget-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return listener;
    }

    private SmokeRun run(String base) throws Exception {
        return new SmokeRunner(http, pool, Clock.systemUTC(), Duration.ofSeconds(1)).run(plan(base),
                new Target(base, "sk-test-0000000000000000"), null, SuiteOptions.defaults(), SmokeListener.NONE,
                new Cancellation()).get(60, TimeUnit.SECONDS);
    }

    @Test
    void aGatewayThatNeverAnswersEndsTheRunAfterOneReadTimeoutWithAPlainMessage() throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket listener = server(s -> { }, held)) {
            long start = System.nanoTime();
            SmokeRun run = run("http://127.0.0.1:" + listener.getLocalPort() + "/v1");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).isLessThan(Duration.ofSeconds(15));
            assertThat(run.results()).isNotEmpty().allSatisfy(r -> assertThat(r.verdict()).isEqualTo(Verdict.ERROR));
            CheckResult models = run.results().stream().filter(r -> r.checkId().equals("models")).findFirst()
                    .orElseThrow();
            assertThat(models.reason()).contains("no answer");
            assertThat(run.results().stream().filter(r -> !r.checkId().equals("models")).map(CheckResult::reason))
                    .allSatisfy(reason -> assertThat(reason).startsWith("Not sent: the gateway did not answer "
                            + "GET /models within 1 s"));
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void aGatewayThatDripsOneByteAtATimeEndsEachCheckByTheProgressWatchdog() throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket listener = server(s -> {
            try (OutputStream out = s.getOutputStream()) {
                s.getInputStream().read(new byte[65536]);
                out.write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                while (true) {
                    out.write('d');
                    out.flush();
                    Thread.sleep(300);
                }
            } catch (IOException | InterruptedException closed) {
                // the client gave up
            }
        }, held)) {
            long start = System.nanoTime();
            SmokeRun run = run("http://127.0.0.1:" + listener.getLocalPort() + "/v1");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
            assertThat(run.results()).isNotEmpty().allSatisfy(r -> assertThat(r.verdict()).isNotEqualTo(Verdict.PASS));
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void aGatewayThatDripsItsResponseHeadersEndsTheCatalogCheckAtTheReadTimeoutAndSendsNothingElse() throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket listener = server(s -> {
            try (OutputStream out = s.getOutputStream()) {
                s.getInputStream().read(new byte[65536]);
                out.write("HTTP/1.1 200 OK\r\nX-Drip: ".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                while (true) {
                    out.write('d');
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (IOException | InterruptedException closed) {
                // the client gave up
            }
        }, held)) {
            long start = System.nanoTime();
            SmokeRun run = run("http://127.0.0.1:" + listener.getLocalPort() + "/v1");
            // the warm-up and the catalog check each end at the 1 s read timeout; without a clock on the headers each
            // would run to its call timeout (10 s and 16 s)
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
            CheckResult models = run.results().stream().filter(r -> r.checkId().equals("models")).findFirst()
                    .orElseThrow();
            assertThat(models.reason()).contains("response headers were still arriving");
            assertThat(run.results().stream().filter(r -> !r.checkId().equals("models")).map(CheckResult::reason))
                    .allSatisfy(reason -> assertThat(reason).startsWith("Not sent: the gateway did not answer "
                            + "GET /models within 1 s"));
            assertThat(held).as("connections: the warm-up and the catalog check, nothing else").hasSize(2);
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void theRunDeadlineIsDerivedFromTheChecksBudgets() {
        SmokeRunner runner = new SmokeRunner(http, pool, Clock.systemUTC());
        assertThat(runner.checkBudget()).isEqualTo(Duration.ofSeconds(75));
        // warm-up twice, the catalog check alone, then one round of the rest (16 at once)
        assertThat(runner.runDeadline(15, SuiteOptions.defaults())).isEqualTo(Duration.ofSeconds(10 + 2 * 75));
        assertThat(runner.runDeadline(33, SuiteOptions.defaults())).isEqualTo(Duration.ofSeconds(10 + 3 * 75));
    }
}
