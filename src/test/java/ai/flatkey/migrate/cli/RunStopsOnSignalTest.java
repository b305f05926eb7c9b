package ai.flatkey.migrate.cli;

import ai.flatkey.migrate.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17, cases 6 and 7: {@code run} asked to stop (SIGTERM) while a check waits on a gateway that never answers
 * exits within a few seconds, after printing what it has — the summary, and a line saying it was stopped and the plan
 * was not changed — and leaves the plan file as it was. The run is a child JVM ({@code java -cp <this classpath>
 * ai.flatkey.migrate.Main run …}); its {@link ProcessHandle#destroy()} sends it SIGTERM.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "ProcessHandle.destroy() is not a SIGTERM there")
class RunStopsOnSignalTest {
    private static final String KEY = "sk-test-stop-on-signal-not-a-real-key";

    @TempDir
    Path dir;

    /** What the stopped child printed, and how long it took to exit after SIGTERM. */
    private record Stopped(String output, Duration took, int exit) {
    }

    /**
     * Runs {@code run PLAN --write} against a gateway that accepts connections and never answers, sends SIGTERM once
     * {@code ready} is seen in the output (null: at once) and a request waits on the gateway, and checks the plan file
     * is untouched.
     */
    private Stopped runAndStop(String ready, String... more) throws Exception {
        Path plan = dir.resolve("plan.json");
        Files.copy(Path.of("assets/sample-plans/demo.json"), plan);
        byte[] before = Files.readAllBytes(plan);
        List<Socket> held = new CopyOnWriteArrayList<>();
        CountDownLatch connected = new CountDownLatch(1);
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!listener.isClosed()) {
                    try {
                        held.add(listener.accept()); // and never a byte back
                        connected.countDown();
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "silent-gateway");
            acceptor.setDaemon(true);
            acceptor.start();

            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), "run", plan.toString(), "--base-url",
                    "http://127.0.0.1:" + listener.getLocalPort() + "/v1", "--key-env", "FK", "--write"));
            command.addAll(List.of(more));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().put("FK", KEY);
            Process p = pb.start();
            StringBuilder output = new StringBuilder();
            CountDownLatch started = new CountDownLatch(ready == null ? 0 : 1);
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        synchronized (output) {
                            output.append(line).append('\n');
                        }
                        if (ready != null && line.startsWith(ready)) {
                            started.countDown();
                        }
                    }
                } catch (IOException ended) {
                    // the child is gone
                }
            }, "child-output");
            reader.start();
            try {
                assertThat(started.await(60, TimeUnit.SECONDS)).as("'%s' in: %s", ready, output).isTrue();
                assertThat(connected.await(30, TimeUnit.SECONDS)).as("a request is waiting on the gateway").isTrue();
                long signalled = System.nanoTime();
                // SIGTERM, through the handle: Process.destroy() would also close this end of the child's output
                p.toHandle().destroy();
                boolean exited = p.waitFor(10, TimeUnit.SECONDS);
                Duration took = Duration.ofNanos(System.nanoTime() - signalled);
                assertThat(exited).as("exited after SIGTERM; output: %s", output).isTrue();
                reader.join(5_000);
                synchronized (output) {
                    assertThat(output.toString()).doesNotContain("Results saved").doesNotContain(KEY);
                    assertThat(Files.readAllBytes(plan)).as("the plan file, byte for byte").isEqualTo(before);
                    try (Stream<Path> files = Files.list(dir)) {
                        assertThat(files.map(f -> f.getFileName().toString())).containsExactly("plan.json");
                    }
                    return new Stopped(output.toString(), took, p.exitValue());
                }
            } finally {
                p.destroyForcibly();
            }
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void sigtermWhileACheckWaitsEndsTheRunWithinSecondsWithItsSummaryAndLeavesThePlanAlone() throws Exception {
        Stopped stopped = runAndStop("Running ", "--no-verify"); // the warm-up waits on the gateway
        assertThat(stopped.took()).isLessThan(Duration.ofSeconds(5));
        assertThat(stopped.exit()).isNotZero();
        assertThat(stopped.output()).contains("0 passed, 0 failed, 0 unsupported, 15 errors")
                .contains("Stopped (Ctrl+C or a termination signal): the checks that had not finished are marked "
                        + "cancelled above; the plan file was not changed.");
    }

    @Test
    void sigtermWhileTheBooksAreReadCancelsTheReadsAtOnceAndSendsNoCheck() throws Exception {
        // quota and prices wait on the gateway (5 s each, at once); the JVM's exit waits on the command up to the 3 s
        // grace, so only cancelling those reads ends it sooner
        Stopped stopped = runAndStop(null); // the first request is a read of the books
        assertThat(stopped.took()).isLessThan(StopOnSignal.GRACE.minusMillis(500));
        assertThat(stopped.exit()).isNotZero();
        assertThat(stopped.output()).contains("Stopped (Ctrl+C or a termination signal) before any check was sent; "
                + "the plan file was not changed.").doesNotContain("Running ");
    }
}
