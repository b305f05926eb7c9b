package ai.flatkey.migrate.cli;

import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.secrets.KeyResolver;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17, case 7, end to end: {@code run} against a gateway that accepts connections and never answers ends within
 * the run's deadline with a plain message and a non-zero exit, and once the catalog check has got nothing back no
 * other request goes to that gateway — not the checks, not its books after the suite — so nothing after the summary
 * waits again. The CLI runs in-process with a 1 s read timeout (the default budgets derive from 60 s).
 */
class RunAgainstSilentGatewayTest {
    private static final String KEY = "sk-test-silent-gateway-not-a-real-key";
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(1);

    /** Everything written, with when each write happened. */
    private static final class TimedOutput extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<long[]> writes = new CopyOnWriteArrayList<>(); // {end offset, nanoTime}

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
            writes.add(new long[]{bytes.size(), System.nanoTime()});
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            writes.add(new long[]{bytes.size(), System.nanoTime()});
        }

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        /** When the text at character {@code index} was written (ASCII before it). */
        long writtenAt(int index) {
            int offset = text().substring(0, index).getBytes(StandardCharsets.UTF_8).length;
            return writes.stream().filter(w -> w[0] > offset).findFirst().orElseThrow()[1];
        }
    }

    @Test
    void runAgainstAGatewayThatNeverAnswersEndsInTimeWithAPlainMessageAndAsksNothingAfterTheCatalogCheck()
            throws Exception {
        List<Long> accepted = new CopyOnWriteArrayList<>();
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket listener = new ServerSocket(0, 100, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!listener.isClosed()) {
                    try {
                        Socket s = listener.accept(); // and never a byte back
                        accepted.add(System.nanoTime());
                        held.add(s);
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "silent-gateway");
            acceptor.setDaemon(true);
            acceptor.start();

            TimedOutput out = new TimedOutput();
            ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
            Cli cli = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(errBytes, true, StandardCharsets.UTF_8), new KeyResolver(Map.of("FK", KEY)::get),
                    new PlanStore(), Clock.systemUTC(), READ_TIMEOUT);
            long start = System.nanoTime();
            int code = cli.execute("run", "assets/sample-plans/demo.json", "--base-url",
                    "http://127.0.0.1:" + listener.getLocalPort() + "/v1", "--key-env", "FK");
            long end = System.nanoTime();
            String text = out.text();
            String err = errBytes.toString(StandardCharsets.UTF_8);

            assertThat(code).as(text + err).isEqualTo(Cli.CHECKS_FAILED);
            // the books before the suite (5 s, read at once), the warm-up and the catalog check (1 s each): ~7 s, well
            // within the run's deadline for these budgets (10 s + 2 rounds of 16 s = 42 s)
            assertThat(Duration.ofNanos(end - start)).isLessThan(Duration.ofSeconds(20));

            assertThat(text).contains("no answer within the 1 s read timeout")
                    .contains("Not sent: the gateway did not answer GET /models within 1 s")
                    .contains("0 passed, 0 failed, 0 unsupported, 15 errors");
            assertThat(err).contains("were not read after the suite: it did not answer GET /models")
                    .as("one check waited, alone: fewer at once would not help").doesNotContain("--concurrency");

            // quota and prices, the warm-up, the catalog check: nothing after it
            assertThat(accepted).as("connections the gateway accepted").hasSize(4);
            int summary = text.indexOf("CHECK ");
            assertThat(summary).as("the summary table").isPositive();
            long summaryAt = out.writtenAt(summary);
            assertThat(accepted.get(accepted.size() - 1)).isLessThan(summaryAt);
            assertThat(Duration.ofNanos(end - summaryAt)).as("from the summary to the end")
                    .isLessThan(Duration.ofSeconds(1));
        } finally {
            for (Socket s : new ArrayList<>(held)) {
                s.close();
            }
        }
    }
}
