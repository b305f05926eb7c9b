package ai.flatkey.migrate.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static ai.flatkey.migrate.demo.TestHttp.chatBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Starting, threads, and stopping. */
class DemoGatewayLifecycleTest {

    @Test
    void servesOnNamedDaemonThreads() throws Exception {
        Set<Thread> before = gatewayThreads();
        try (DemoGateway gateway = DemoGateway.start(DemoConfig.defaults())) {
            assertThat(new TestHttp(gateway).get("/models", DemoGateway.DEMO_KEY).statusCode()).isEqualTo(200);

            Set<Thread> mine = new HashSet<>(gatewayThreads());
            mine.removeAll(before);
            assertThat(mine).isNotEmpty().allMatch(Thread::isDaemon);
        }
    }

    @Test
    void closeEndsAStreamInFlightAndLeavesNoGatewayThreadAlive() throws Exception {
        Set<Thread> before = gatewayThreads();
        LinkedBlockingQueue<StreamOutcome> outcomes = new LinkedBlockingQueue<>();
        DemoGateway gateway = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(2),
                GatewayOptions.defaults().withStreamListener(outcomes::add));
        ExecutorService client = Executors.newSingleThreadExecutor();
        try {
            TestHttp http = new TestHttp(gateway);
            assertThat(http.get("/models", DemoGateway.DEMO_KEY).statusCode()).isEqualTo(200);
            CompletableFuture<Void> firstContent = new CompletableFuture<>();
            Future<?> reading = client.submit(() -> {
                HttpResponse<Stream<String>> response = http.streamResponse(chatBody("gpt-4o-mini",
                        "a slow stream", "\"stream\":true"));
                try (Stream<String> lines = response.body()) {
                    lines.filter(line -> line.contains("\"content\":\"Demo\"")).findFirst()
                            .ifPresent(line -> firstContent.complete(null));
                }
                return null;
            });
            firstContent.get(10, TimeUnit.SECONDS);
            Set<Thread> mine = new HashSet<>(gatewayThreads());
            mine.removeAll(before);
            assertThat(mine).isNotEmpty();

            long start = System.nanoTime();
            gateway.close();
            long closeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            // at 2 tokens/s the reply would take about 30 s more: close must not wait for it
            assertThat(closeMs).isLessThan(3_000);
            StreamOutcome outcome = outcomes.poll(10, TimeUnit.SECONDS);
            assertThat(outcome).isNotNull();
            assertThat(outcome.end()).isIn(StreamOutcome.End.CLIENT_GONE, StreamOutcome.End.INTERRUPTED);
            for (Thread thread : mine) {
                thread.join(TimeUnit.SECONDS.toMillis(5));
                assertThat(thread.isAlive()).as(thread.getName() + " still alive").isFalse();
            }
            reading.cancel(true);
        } finally {
            gateway.close();
            client.shutdownNow();
        }
    }

    @Test
    void closeReleasesThePortAndIsIdempotent() throws Exception {
        DemoGateway gateway = DemoGateway.start(DemoConfig.defaults());
        int port = gateway.port();
        gateway.close();
        gateway.close();

        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        try (DemoGateway again = DemoGateway.start(DemoConfig.defaults().withPort(port))) {
            assertThat(again.port()).isEqualTo(port);
        }
    }

    @Test
    void closeCompletesEvenFromAnInterruptedThread() throws Exception {
        Set<Thread> dispatchersBefore = threadsNamed("HTTP-Dispatcher");
        DemoGateway gateway = DemoGateway.start(DemoConfig.defaults());
        int port = gateway.port();
        Set<Thread> dispatchers = new HashSet<>(threadsNamed("HTTP-Dispatcher"));
        dispatchers.removeAll(dispatchersBefore);
        assertThat(dispatchers).hasSize(1);

        Thread.currentThread().interrupt();
        gateway.close();
        boolean stillInterrupted = Thread.interrupted();

        assertThat(stillInterrupted).as("the caller's interrupt flag is kept").isTrue();
        assertThat(dispatchers).as("close waited for the server's dispatcher").noneMatch(Thread::isAlive);
        try (DemoGateway again = DemoGateway.start(DemoConfig.defaults().withPort(port))) {
            assertThat(again.port()).isEqualTo(port);
        }
    }

    @Test
    void aBusyPortFailsWithAMessageNamingIt() throws Exception {
        try (DemoGateway first = DemoGateway.start(DemoConfig.defaults())) {
            assertThatThrownBy(() -> DemoGateway.start(DemoConfig.defaults().withPort(first.port())))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("127.0.0.1:" + first.port());
        }
    }

    @Test
    void anUnclosedGatewayDoesNotKeepTheJvmAlive(@TempDir Path dir) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = dir.resolve("child.log");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                UnclosedGatewayMain.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean exited = child.waitFor(30, TimeUnit.SECONDS);
        if (!exited) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);

        assertThat(exited).as("child JVM exited by itself; output: " + output).isTrue();
        assertThat(output).contains("SERVED 200");
        assertThat(child.exitValue()).isZero();
    }

    private static Set<Thread> gatewayThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().matches("demo-gateway-\\d+"))
                .collect(Collectors.toSet());
    }

    private static Set<Thread> threadsNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(name))
                .collect(Collectors.toSet());
    }
}
