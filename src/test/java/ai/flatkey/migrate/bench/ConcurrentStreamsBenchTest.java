package ai.flatkey.migrate.bench;

import ai.flatkey.migrate.demo.DemoConfig;
import ai.flatkey.migrate.demo.DemoGateway;
import ai.flatkey.migrate.wire.ApiException;
import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.ChatRequest;
import ai.flatkey.migrate.wire.ChatResult;
import ai.flatkey.migrate.wire.ClientConfig;
import ai.flatkey.migrate.wire.OpenAiClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo gateway serving 64 concurrent streams (on this machine's cores, gateway and clients in one JVM): every
 * stream must finish without error, and no gap between two content chunks of a stream, measured on the client side,
 * may pass the configured token interval by more than 100 ms.
 */
@Tag("bench")
class ConcurrentStreamsBenchTest {
    private static final int STREAMS = Integer.getInteger("bench.streams", 64);
    private static final int TOKENS_PER_SECOND = 20;
    private static final double INTERVAL_MS = 1000.0 / TOKENS_PER_SECOND;
    private static final double STALL_LIMIT_MS = 100;

    /** One stream's outcome. */
    private record Outcome(String error, List<Double> gapsMs, int chunks, double totalMs) {
    }

    @Test
    void sixtyFourConcurrentStreams() throws Exception {
        try (DemoGateway gateway = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(TOKENS_PER_SECOND))) {
            OpenAiClient client = new OpenAiClient(OpenAiClient.newHttpClient(),
                    ClientConfig.of(gateway.baseUrl(), DemoGateway.DEMO_KEY));
            // One unmeasured round first: the JIT compiles the gateway's and the client's paths while it runs.
            round(client);
            // A probe thread that asks to wake every 5 ms: how late it wakes shows how starved of CPU the JVM was.
            List<Double> lateness = Collections.synchronizedList(new ArrayList<>());
            Thread probe = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    long before = System.nanoTime();
                    java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
                    lateness.add((System.nanoTime() - before) / 1e6 - 5);
                }
            }, "cpu-starvation-probe");
            probe.setDaemon(true);
            probe.start();
            List<Outcome> outcomes = round(client);
            probe.interrupt();
            probe.join();
            report(outcomes, lateness);
        }
    }

    private static List<Outcome> round(OpenAiClient client) throws Exception {
        {
            ExecutorService pool = Executors.newFixedThreadPool(STREAMS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Outcome>> futures = new ArrayList<>();
            for (int i = 0; i < STREAMS; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    List<Long> arrivals = new ArrayList<>();
                    long t0 = System.nanoTime();
                    try {
                        ChatResult r = client.streamChat(ChatRequest.builder("gpt-5.5")
                                .user("Stream " + n + ": describe the migration in a few sentences").stream(true)
                                .includeUsage(true).build(), c -> {
                                    if (!c.contentDelta().isEmpty()) {
                                        arrivals.add(System.nanoTime());
                                    }
                                }, new Cancellation());
                        List<Double> gaps = new ArrayList<>();
                        for (int k = 1; k < arrivals.size(); k++) {
                            gaps.add((arrivals.get(k) - arrivals.get(k - 1)) / 1e6);
                        }
                        String error = r.sawDone() ? null : "no [DONE]";
                        return new Outcome(error, gaps, arrivals.size(), (System.nanoTime() - t0) / 1e6);
                    } catch (ApiException e) {
                        return new Outcome(e.kind() + ": " + e.getMessage(), List.of(), arrivals.size(),
                                (System.nanoTime() - t0) / 1e6);
                    }
                }));
            }
            go.countDown();
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> f : futures) {
                outcomes.add(f.get(120, TimeUnit.SECONDS));
            }
            pool.shutdown();
            return outcomes;
        }
    }

    private static void report(List<Outcome> outcomes, List<Double> lateness) {
        {
            List<String> errors = outcomes.stream().filter(o -> o.error() != null).map(Outcome::error).toList();
            List<Double> all = new ArrayList<>();
            outcomes.forEach(o -> all.addAll(o.gapsMs()));
            Collections.sort(all);
            double worst = all.isEmpty() ? 0 : all.get(all.size() - 1);
            double p50 = all.isEmpty() ? 0 : all.get(all.size() / 2);
            double p99 = all.isEmpty() ? 0 : all.get((int) Math.min(all.size() - 1, Math.ceil(all.size() * 0.99) - 1));
            long stalled = outcomes.stream().filter(o -> o.gapsMs().stream()
                    .anyMatch(g -> g - INTERVAL_MS > STALL_LIMIT_MS)).count();
            double maxTotal = outcomes.stream().mapToDouble(Outcome::totalMs).max().orElse(0);
            int chunks = outcomes.stream().mapToInt(Outcome::chunks).sum();

            StringBuilder t = new StringBuilder(String.format(Locale.ROOT,
                    "%n%d concurrent streams, demo gateway at %d tokens/s (interval %.0f ms), %d cores%n", STREAMS,
                    TOKENS_PER_SECOND, INTERVAL_MS, Runtime.getRuntime().availableProcessors()));
            t.append(String.format(Locale.ROOT, "| %-40s | %12s |%n", "measure", "value"));
            t.append("|").append("-".repeat(42)).append("|").append("-".repeat(14)).append("|\n");
            t.append(String.format(Locale.ROOT, "| %-40s | %12d |%n", "streams with an error", errors.size()));
            t.append(String.format(Locale.ROOT, "| %-40s | %12d |%n", "content chunks received", chunks));
            t.append(String.format(Locale.ROOT, "| %-40s | %12.1f |%n", "gap p50 ms", p50));
            t.append(String.format(Locale.ROOT, "| %-40s | %12.1f |%n", "gap p99 ms", p99));
            t.append(String.format(Locale.ROOT, "| %-40s | %12.1f |%n", "gap max ms", worst));
            t.append(String.format(Locale.ROOT, "| %-40s | %12.1f |%n", "worst stall beyond the interval ms",
                    worst - INTERVAL_MS));
            t.append(String.format(Locale.ROOT, "| %-40s | %12d |%n", "streams stalled > 100 ms beyond it", stalled));
            t.append(String.format(Locale.ROOT, "| %-40s | %12.0f |%n", "slowest stream total ms", maxTotal));
            List<Double> late = new ArrayList<>(lateness);
            Collections.sort(late);
            t.append(String.format(Locale.ROOT, "| %-40s | %12.1f |%n", "CPU probe: 5 ms park, p99 lateness ms",
                    late.isEmpty() ? 0 : late.get((int) Math.ceil(late.size() * 0.99) - 1)));
            t.append(String.format(Locale.ROOT, "| %-40s | %12.1f |%n", "CPU probe: max lateness ms",
                    late.isEmpty() ? 0 : late.get(late.size() - 1)));
            t.append(String.format(Locale.ROOT, "ratio worst stall / 100 ms limit: %.2f (goal <= 1.0, and 0 errors)%n",
                    (worst - INTERVAL_MS) / STALL_LIMIT_MS));
            System.out.println(t);
            int[] buckets = new int[8];
            for (double g : all) {
                buckets[Math.min(7, (int) (g / 50))]++;
            }
            System.out.println("gap histogram (50 ms buckets, from 0): " + java.util.Arrays.toString(buckets));
            errors.stream().limit(5).forEach(e -> System.out.println("error: " + e));
            assertThat(errors).isEmpty();
            assertThat(stalled).isZero();
        }
    }
}
