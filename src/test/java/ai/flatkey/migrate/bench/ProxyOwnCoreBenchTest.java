package ai.flatkey.migrate.bench;

import ai.flatkey.migrate.demo.BenchGateways;
import ai.flatkey.migrate.demo.DemoConfig;
import ai.flatkey.migrate.demo.DemoGateway;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The recording proxy with a core of its own (issue 19's rate goal, proxied ÷ direct ≥ 0.8), as it runs beside a
 * staging gateway: the demo gateway in its own JVM pinned to CPU 0, the CLI's {@code record} in its own JVM pinned to
 * CPU 1, and this JVM's load client (16 closed-loop OkHttp clients, the small non-streamed call of
 * {@link RecordingProxyBenchTest}'s rate part) pinned to CPU 0 beside the gateway. The control, in the same run: a
 * second {@code record} JVM pinned to CPU 0 as well, so client, gateway and proxy share one core. Each round runs
 * direct, proxy on its own core, proxy on the shared core, in turn; ratio = proxied ÷ direct of that round.
 * <p>
 * The gateway is not {@code Main demo-gateway}: that command takes only the public demo keys and limits each key to
 * 600 calls a minute, which a rate bench passes in a second. {@link Gateway} is the same demo gateway set up as the
 * rate part sets it up ({@link BenchGateways#withoutRequestLimit}, 0 tokens/s), with a fake {@code sk-test-} key.
 * <pre>./mvnw -B -o -Pbench test -Dtest=ProxyOwnCoreBenchTest -Dsurefire.failIfNoSpecifiedTests=false
 *     [-Dbench.owncore.rounds=4 -Dbench.owncore.millis=5000 -Dbench.owncore.warmupMillis=10000]</pre>
 * Linux only (taskset, 2 CPUs or more). Writes target/bench-proxy-own-core.md.
 */
@Tag("bench")
class ProxyOwnCoreBenchTest {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final String KEY = "sk-test-owncore-bench-0001";
    private static final Path TASKSET = Path.of("/usr/bin/taskset");
    private static final Path PROJECT = Path.of(System.getProperty("user.dir"));

    @TempDir
    Path dir;

    private final OkHttpClient client = new OkHttpClient.Builder().connectionPool(new ConnectionPool(128, 1,
            TimeUnit.MINUTES)).readTimeout(Duration.ofMinutes(2)).retryOnConnectionFailure(false).build();

    /** The demo gateway alone in a JVM, as the rate part sets it up; prints {@code LISTENING <base URL>}. */
    public static final class Gateway {
        public static void main(String[] args) throws Exception {
            DemoGateway gw = BenchGateways.withoutRequestLimit(DemoConfig.defaults().withTokensPerSecond(0)
                    .withPort(Integer.parseInt(args[0])).withKeys(Set.of(args[1])));
            System.out.println("LISTENING " + gw.baseUrl());
            System.out.flush();
            new CountDownLatch(1).await();
        }
    }

    @Test
    void proxyOnItsOwnCore() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(TASKSET), "needs /usr/bin/taskset (Linux)");
        int cpus = Runtime.getRuntime().availableProcessors();
        Assumptions.assumeTrue(cpus >= 2, "needs 2 CPUs or more");
        int clients = Integer.getInteger("bench.owncore.clients", 16);
        int rounds = Integer.getInteger("bench.owncore.rounds", 4);
        long millis = Long.getLong("bench.owncore.millis", 5000);
        long warmup = Long.getLong("bench.owncore.warmupMillis", 10000); // 5 s: rates still rose 2x over the rounds
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        String loadBefore = loadavg();
        List<Process> started = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        try {
            Process gwp = start(started, "gateway", List.of(TASKSET.toString(), "-c", "0", java, "-cp", cp,
                    Gateway.class.getName(), "0", KEY));
            String gateway = await(gwp, dir.resolve("gateway.out"), Pattern.compile("LISTENING (\\S+)"));
            Process own = start(started, "proxy-own", List.of(TASKSET.toString(), "-c", "1", java, "-cp", cp,
                    "ai.flatkey.migrate.Main", "record", "--upstream", gateway, "--listen",
                    "127.0.0.1:" + freePort(), "--out", dir.resolve("rec-own.jsonl").toString()));
            String ownUrl = await(own, dir.resolve("proxy-own.out"), Pattern.compile("OPENAI_BASE_URL=(\\S+)"));
            Process shared = start(started, "proxy-shared", List.of(TASKSET.toString(), "-c", "0", java, "-cp", cp,
                    "ai.flatkey.migrate.Main", "record", "--upstream", gateway, "--listen",
                    "127.0.0.1:" + freePort(), "--out", dir.resolve("rec-shared.jsonl").toString()));
            String sharedUrl = await(shared, dir.resolve("proxy-shared.out"),
                    Pattern.compile("OPENAI_BASE_URL=(\\S+)"));
            // the load client: every thread of this JVM on CPU 0, beside the gateway
            exec(TASKSET.toString(), "-a", "-p", "-c", "0", Long.toString(self));

            AtomicLong ownCalls = new AtomicLong();
            AtomicLong sharedCalls = new AtomicLong();
            rate(gateway, clients, warmup, new AtomicLong());
            rate(ownUrl, clients, warmup, ownCalls);
            rate(sharedUrl, clients, warmup, sharedCalls);
            List<Double> direct = new ArrayList<>();
            List<Double> viaOwn = new ArrayList<>();
            List<Double> viaShared = new ArrayList<>();
            // CPU used during each leg, in % of one core: the proxy's own process, and CPU 0's two (gateway, client)
            List<Double> ownBusy = new ArrayList<>();
            List<Double> core0Busy = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                direct.add(rate(gateway, clients, millis, new AtomicLong()));
                long p0 = cpuNanos(own.toHandle());
                long c0 = cpuNanos(gwp.toHandle()) + cpuNanos(ProcessHandle.current());
                viaOwn.add(rate(ownUrl, clients, millis, ownCalls));
                ownBusy.add((cpuNanos(own.toHandle()) - p0) / (millis * 10_000.0));
                core0Busy.add((cpuNanos(gwp.toHandle()) + cpuNanos(ProcessHandle.current()) - c0)
                        / (millis * 10_000.0));
                viaShared.add(rate(sharedUrl, clients, millis, sharedCalls));
            }
            String loadAfter = loadavg();

            int ownRecorded = stopAndCount(own, dir.resolve("proxy-own.out"), dir.resolve("rec-own.jsonl"),
                    ownCalls.get());
            int sharedRecorded = stopAndCount(shared, dir.resolve("proxy-shared.out"),
                    dir.resolve("rec-shared.jsonl"), sharedCalls.get());

            StringBuilder t = new StringBuilder();
            t.append("# Recording proxy on a core of its own (ProxyOwnCoreBenchTest)\n\n");
            t.append(String.format(Locale.ROOT, "%d closed-loop clients, small non-streamed calls (gpt-4o-mini, "
                    + "max_tokens 5), %d rounds of %d ms per leg after %d ms warm-up per leg; gateway and load "
                    + "client pinned to CPU 0; %d CPUs.%n%n", clients, rounds, millis, warmup, cpus));
            t.append("| round | direct (calls/s) | proxy on CPU 1 (calls/s) | ratio | CPU 1 leg: proxy / gateway + "
                    + "client CPU (% of a core) | proxy on CPU 0 too (calls/s) | ratio |\n"
                    + "|---|---|---|---|---|---|---|\n");
            List<Double> rOwn = new ArrayList<>();
            List<Double> rShared = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                rOwn.add(viaOwn.get(i) / direct.get(i));
                rShared.add(viaShared.get(i) / direct.get(i));
                t.append(String.format(Locale.ROOT, "| %d | %.0f | %.0f | %.2f | %.0f / %.0f | %.0f | %.2f |%n",
                        i + 1, direct.get(i), viaOwn.get(i), rOwn.get(i), ownBusy.get(i), core0Busy.get(i),
                        viaShared.get(i), rShared.get(i)));
            }
            t.append(String.format(Locale.ROOT,
                    "| median | %.0f | %.0f | **%.2f** | %.0f / %.0f | %.0f | **%.2f** |%n%n",
                    median(direct), median(viaOwn), median(rOwn), median(ownBusy), median(core0Busy),
                    median(viaShared), median(rShared)));
            t.append(String.format(Locale.ROOT, "Recorded (every call, checked against the summary and the file): "
                    + "own core %d, shared core %d. Load average (1/5/15 min) before: %s; after the load: %s.%n",
                    ownRecorded, sharedRecorded, loadBefore, loadAfter));
            System.out.println(t);
            Files.createDirectories(PROJECT.resolve("target"));
            Files.writeString(PROJECT.resolve("target/bench-proxy-own-core.md"), t.toString());
        } finally {
            for (Process p : started) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            exec(TASKSET.toString(), "-a", "-p", "-c", "0-" + (cpus - 1), Long.toString(self));
        }
    }

    private Process start(List<Process> started, String name, List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".out").toFile()).start();
        started.add(p);
        return p;
    }

    /** Waits for {@code p}'s output to show {@code line}, and returns its first group. */
    private static String await(Process p, Path out, Pattern line) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            Matcher m = line.matcher(Files.exists(out) ? Files.readString(out) : "");
            if (m.find()) {
                return m.group(1);
            }
            if (!p.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + line + " from " + out + ":\n" + (Files.exists(out) ? Files.readString(out)
                : ""));
    }

    /** Stops a {@code record} process as Ctrl+C does and checks that it recorded all {@code sent} calls. */
    private static int stopAndCount(Process p, Path out, Path recording, long sent) throws Exception {
        p.toHandle().destroy(); // SIGTERM (exit 143): the proxy closes the file and prints its summary
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the proxy did not stop on SIGTERM");
        }
        String text = Files.readString(out);
        Matcher m = Pattern.compile("Recording: .* \\((\\d+) calls\\)").matcher(text);
        if (!m.find()) {
            throw new AssertionError("no summary from the proxy:\n" + tail(text));
        }
        int recorded = Integer.parseInt(m.group(1));
        long lines;
        try (var s = Files.lines(recording, StandardCharsets.UTF_8)) {
            lines = s.filter(l -> !l.isBlank()).count() - 1; // the header line, then one line per call
        }
        boolean stoppedCleanly = p.exitValue() == 0 || p.exitValue() == 143;
        if (recorded != sent || lines != sent || !stoppedCleanly || Files.readString(recording).contains(KEY)) {
            throw new AssertionError("sent " + sent + " calls through the proxy; its summary says " + recorded
                    + " recorded, the file holds " + lines + " calls (and the key must not be in it), exit "
                    + p.exitValue() + ":\n" + tail(text));
        }
        return recorded;
    }

    private static String tail(String s) {
        return s.length() < 2000 ? s : s.substring(s.length() - 2000);
    }

    /** Calls per second of {@code threads} closed-loop clients for {@code millis}; every call must be a 200. */
    private double rate(String base, int threads, long millis, AtomicLong total) throws Exception {
        String body = "{\"model\":\"gpt-4o-mini\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"ping\"}]}";
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long end = System.nanoTime() + millis * 1_000_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> fs = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            fs.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    Request r = new Request.Builder().url(base + "/chat/completions").header("Authorization",
                            "Bearer " + KEY).post(RequestBody.create(body, JSON)).build();
                    try (Response res = client.newCall(r).execute()) {
                        res.body().bytes();
                        if (res.code() == 200) {
                            done.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        total.addAndGet(done.get() + failed.get());
        if (failed.get() > 0) {
            throw new AssertionError(failed.get() + " calls were not answered 200 by " + base);
        }
        return done.get() * 1000.0 / millis;
    }

    private static long cpuNanos(ProcessHandle p) {
        return p.info().totalCpuDuration().orElseThrow(() -> new AssertionError("no CPU time for " + p.pid()))
                .toNanos();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void exec(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + out);
        }
    }

    private static String loadavg() throws IOException {
        String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
        return f[0] + " / " + f[1] + " / " + f[2];
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
