package ai.flatkey.migrate.cli;

import ai.flatkey.migrate.Main;
import ai.flatkey.migrate.demo.DemoConfig;
import ai.flatkey.migrate.demo.DemoGateway;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.secrets.KeyResolver;
import ai.flatkey.migrate.traffic.Recording;
import ai.flatkey.migrate.traffic.RecordingReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code record}: its refusals, and a real process stopped with SIGTERM that closes its file and prints a summary. */
class RecordCommandTest {
    @TempDir
    Path dir;

    private int run(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
        return new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                StandardCharsets.UTF_8), new KeyResolver(Map.<String, String>of()::get), new PlanStore(),
                Clock.systemUTC()).execute(args);
    }

    @Test
    void refusesARemoteAddressAMissingShadowKeyAndAnExistingFile() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(run(out, err, "record", "--upstream", "http://127.0.0.1:9/v1", "--listen", "0.0.0.0:0",
                "--out", dir.resolve("a.jsonl").toString())).isEqualTo(Cli.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("not a loopback address").contains("--allow-remote");
        err.reset();
        assertThat(run(out, err, "record", "--upstream", "http://127.0.0.1:9/v1", "--shadow", "http://127.0.0.1:9/v1",
                "--shadow-key-env", "NOT_SET_HERE", "--out", dir.resolve("b.jsonl").toString())).isEqualTo(Cli.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("NOT_SET_HERE");
        err.reset();
        Files.writeString(dir.resolve("c.jsonl"), "keep");
        assertThat(run(out, err, "record", "--upstream", "http://127.0.0.1:9/v1", "--listen", "127.0.0.1:0",
                "--out", dir.resolve("c.jsonl").toString())).isEqualTo(Cli.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--force");
        assertThat(Files.readString(dir.resolve("c.jsonl"))).isEqualTo("keep");
        assertThat(run(out, err, "record", "--upstream", "http://127.0.0.1:9/v1", "--key", "x")).isEqualTo(Cli.USAGE);
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "ProcessHandle.destroy() is not a SIGTERM there")
    void sigtermClosesTheFileAndPrintsASummary() throws Exception {
        Path file = dir.resolve("rec.jsonl");
        try (DemoGateway gateway = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(0))) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), "record", "--upstream", gateway.baseUrl(), "--listen", "127.0.0.1:0",
                    "--out", file.toString())).redirectErrorStream(true).start();
            StringBuilder output = new StringBuilder();
            CompletableFuture<String> baseUrl = new CompletableFuture<>();
            CountDownLatch recorded = new CountDownLatch(1);
            Thread reader = new Thread(() -> read(p, output, baseUrl, recorded), "record-output");
            reader.start();
            try {
                String url = baseUrl.get(60, TimeUnit.SECONDS);
                HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url
                                + "/chat/completions")).header("Authorization", "Bearer " + DemoGateway.DEMO_KEY)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                                "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\","
                                        + "\"content\":\"hi\"}]}")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).contains("data: [DONE]");
                assertThat(recorded.await(30, TimeUnit.SECONDS)).as("output: %s", output).isTrue();
                p.toHandle().destroy();
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
                reader.join(5000);
            } finally {
                p.destroyForcibly();
            }
            String printed;
            synchronized (output) {
                printed = output.toString();
            }
            assertThat(printed).contains("Stopped. 1 call (1 streamed), 1 recorded").contains("Recording: " + file);
            Recording rec = RecordingReader.read(file);
            assertThat(rec.problems()).isEmpty();
            assertThat(rec.calls()).hasSize(1);
            assertThat(rec.calls().get(0).events()).isNotEmpty();
            assertThat(Files.readString(file)).doesNotContain(DemoGateway.DEMO_KEY);
        }
    }

    private static void read(Process p, StringBuilder output, CompletableFuture<String> baseUrl,
                             CountDownLatch recorded) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                synchronized (output) {
                    output.append(line).append('\n');
                }
                int at = line.indexOf("OPENAI_BASE_URL=");
                if (at >= 0) {
                    baseUrl.complete(line.substring(at + "OPENAI_BASE_URL=".length()).strip());
                }
                if (line.startsWith("#1 ")) {
                    recorded.countDown();
                }
            }
        } catch (IOException ended) {
            // the child is gone
        }
        baseUrl.complete("(no base URL printed)");
    }
}
