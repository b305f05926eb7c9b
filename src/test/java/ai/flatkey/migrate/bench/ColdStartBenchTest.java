package ai.flatkey.migrate.bench;

import ai.flatkey.migrate.peer.Aimock;
import ai.flatkey.migrate.plan.CheckFile;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.plan.RequestCheck;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18 part 5, "fast cold runs": the twelve request checks of docs/examples/support-suite.yaml against aimock
 * (fixtures answering them: src/test/resources/aimock/fixtures.json, as in AimockRequestSuiteTest), each CLI run a whole
 * new process from start to exit, beside a sequential {@code curl} loop over the same twelve requests (same bodies,
 * same key header, one curl process each) in the same run. Rounds are interleaved (curl, then each CLI form), one
 * round not counted first (page cache, aimock's own first answers); medians of {@code bench.coldstart.runs} (5).
 * <p>
 * The CLI forms: {@code java -jar target/flatkey-migrate.jar} (which runs the command again in a JVM with the archive
 * the build writes beside the jar, target/flatkey-migrate.jsa, and C1 only: ArchiveRelaunch); the same with the relaunch
 * turned off ({@code FLATKEY_MIGRATE_RELAUNCH=0}: one JVM, no archive); one JVM given the archive and C1 by hand; and
 * the installed {@code flatkey-migrate} command when there is one
 * ({@code /opt/flatkey-migrate/bin/flatkey-migrate}, else a jpackage app image under target/installer/image).
 * Each CLI run must pass all twelve checks. Beside the wall times, each process's CPU time (user + system, from GNU
 * time): on a shared machine it moves much less with the load than the wall time does. The table goes to stdout and
 * target/bench-coldstart.md. Nothing that depends
 * on the machine's speed is asserted except a generous bound (a CLI form more than 60 times the curl loop is broken,
 * not slow); {@code -Dbench.coldstart.assertGoals=true} also asserts the goals (≤ 6× for java -jar, ≤ 4× for the installed
 * command). {@code -Dbench.coldstart.baselineJar=PATH} adds another build's jar (plain
 * {@code java -jar}) to the same rounds, for a before/after in one run.
 */
@Tag("bench")
class ColdStartBenchTest {
    private static final int RUNS = Integer.getInteger("bench.coldstart.runs", 5);
    private static final Path PROJECT = Path.of(System.getProperty("user.dir"));
    private static final Path JAR = PROJECT.resolve("target/flatkey-migrate.jar");
    private static final Path ARCHIVE = PROJECT.resolve("target/flatkey-migrate.jsa");
    private static final String CURL = "/usr/bin/curl";

    @TempDir
    Path dir;

    @Test
    void twelveRequestChecksColdBesideACurlLoop() throws Exception {
        Assumptions.assumeTrue(Aimock.unavailableReason().isEmpty(), () -> Aimock.unavailableReason().orElse(""));
        Assumptions.assumeTrue(Files.isExecutable(Path.of(CURL)), CURL + " is not there");
        Assumptions.assumeTrue(Files.isRegularFile(JAR), JAR + " is missing: run ./mvnw -B -o -q package -DskipTests first");
        String loadBefore = loadAverage();
        try (Aimock aimock = Aimock.start(PROJECT)) {
            Path suite = dir.resolve("support-suite.yaml");
            Files.copy(PROJECT.resolve("docs/examples/support-suite.yaml"), suite);
            Path plan = dir.resolve("plan.json");
            new PlanStore().save(plan, MigrationPlan.newPlan("Support bot against aimock")
                    .withTarget(new Endpoint("custom", aimock.baseUrl(), "env:AIMOCK_KEY"))
                    .withMappings(List.of(new ModelMapping("gpt-4o-mini", "gpt-4o-mini", List.of("chat", "streaming"),
                            "", 0.15, 0.60)))
                    .withCheckFiles(List.of("support-suite.yaml")));
            Path loop = curlLoop(suite, aimock.baseUrl());

            Map<String, List<String>> forms = new LinkedHashMap<>();
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> run = List.of("run", plan.toString(), "--checks", "request:*", "--no-verify");
            // java -jar relaunches itself with the archive beside the jar (ArchiveRelaunch) when there is one
            forms.put("java -jar", concat(List.of(java, "-jar", JAR.toString()), run));
            boolean archived = Files.isRegularFile(ARCHIVE);
            if (archived) {
                forms.put("java -jar, relaunch off (one JVM, no archive)", concat(List.of("/usr/bin/env",
                        "FLATKEY_MIGRATE_RELAUNCH=0", java, "-jar", JAR.toString()), run));
                forms.put("java -jar + CDS archive + C1 given by hand (one JVM)", concat(List.of(java,
                        "-XX:SharedArchiveFile=" + ARCHIVE, "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                        "-XX:TieredStopAtLevel=1", "-jar", JAR.toString()), run));
            }
            String baseline = System.getProperty("bench.coldstart.baselineJar", "");
            if (!baseline.isBlank()) {
                // another build's jar (e.g. the commit before a change), measured the same way in the same rounds
                forms.put("java -jar, baseline jar", concat(List.of(java, "-jar", baseline), run));
            }
            Path installed = installedCommand();
            if (installed != null) {
                forms.put("installed flatkey-migrate", concat(List.of(installed.toString()), run));
            }

            List<Double> curl = new ArrayList<>();
            List<Double> curlCpu = new ArrayList<>();
            Map<String, List<Double>> cli = new LinkedHashMap<>();
            Map<String, List<Double>> cliCpu = new LinkedHashMap<>();
            forms.keySet().forEach(k -> {
                cli.put(k, new ArrayList<>());
                cliCpu.put(k, new ArrayList<>());
            });
            for (int round = 0; round <= RUNS; round++) {
                double[] c = timed(List.of("/bin/bash", loop.toString()), Map.of(), null);
                if (round > 0) {
                    curl.add(c[0]);
                    curlCpu.add(c[1]);
                }
                for (Map.Entry<String, List<String>> form : forms.entrySet()) {
                    double[] ms = timed(form.getValue(), Map.of("AIMOCK_KEY", Aimock.KEY), "12 passed, 0 failed");
                    if (round > 0) {
                        cli.get(form.getKey()).add(ms[0]);
                        cliCpu.get(form.getKey()).add(ms[1]);
                    }
                }
            }
            String loadAfter = loadAverage();

            double curlMedian = CurlClock.median(curl);
            StringBuilder t = new StringBuilder(String.format(Locale.ROOT,
                    "%nCold runs: 12 request checks against aimock %s, whole process, median of %d interleaved runs "
                            + "(JDK of the build: %s)%nload average before: %s; after: %s%n",
                    Aimock.VERSION, RUNS, System.getProperty("java.version"), loadBefore, loadAfter));
            t.append("| what | median ms | runs ms | ÷ curl loop | CPU ms (median) |\n|---|---|---|---|---|\n");
            t.append(String.format(Locale.ROOT, "| curl loop (12 sequential curl processes) | %.0f | %s | 1.00 | %.0f |%n",
                    curlMedian, rounded(curl), CurlClock.median(curlCpu)));
            Map<String, Double> ratios = new LinkedHashMap<>();
            cli.forEach((name, values) -> {
                double m = CurlClock.median(values);
                ratios.put(name, m / curlMedian);
                t.append(String.format(Locale.ROOT, "| %s | %.0f | %s | %.2f | %.0f |%n", name, m, rounded(values),
                        m / curlMedian, CurlClock.median(cliCpu.get(name))));
            });
            if (!archived) {
                t.append("not measured: java -jar with the CDS archive (").append(ARCHIVE)
                        .append(" is missing: ./mvnw -B -o -q package -DskipTests writes it)\n");
            }
            if (installed == null) {
                t.append("not measured: the installed command (no /opt/flatkey-migrate/bin/flatkey-migrate and no app"
                        + " image under target/installer/image)\n");
            }
            System.out.println(t);
            Files.writeString(PROJECT.resolve("target/bench-coldstart.md"), t.toString());

            ratios.forEach((name, r) -> assertThat(r).as(name + " ÷ curl loop (sanity bound)").isLessThan(60));
            if (Boolean.getBoolean("bench.coldstart.assertGoals")) {
                assertThat(ratios.get("java -jar")).as("goal: java -jar ≤ 6× curl").isLessThanOrEqualTo(6);
                if (ratios.containsKey("installed flatkey-migrate")) {
                    assertThat(ratios.get("installed flatkey-migrate")).as("goal: installed command ≤ 4× curl")
                            .isLessThanOrEqualTo(4);
                }
            }
        }
    }

    /** A bash script that sends the twelve checks' bodies with curl, one after another, failing on a non-2xx answer. */
    private Path curlLoop(Path suite, String baseUrl) throws IOException {
        CheckFile.Loaded loaded = CheckFile.read(suite);
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.checks()).hasSize(12);
        Path header = dir.resolve("auth.header");
        Files.writeString(header, "Authorization: Bearer " + Aimock.KEY + "\n");
        StringBuilder script = new StringBuilder("#!/bin/bash\nset -e\n");
        int i = 0;
        for (RequestCheck check : loaded.checks()) {
            assertThat(check.api()).isEqualTo(RequestCheck.Api.CHAT);
            Path body = dir.resolve("body-" + (i++) + ".json");
            Files.writeString(body, check.body().toString());
            boolean stream = check.body().has("stream") && check.body().get("stream").getAsBoolean();
            script.append(CURL).append(" -sS -f").append(stream ? " -N" : "").append(" -o /dev/null")
                    .append(" -H 'Content-Type: application/json' -H @'").append(header).append("'")
                    .append(" --data-binary @'").append(body).append("' '").append(baseUrl)
                    .append("/chat/completions'\n");
        }
        Path loop = dir.resolve("curl-loop.sh");
        Files.writeString(loop, script.toString());
        return loop;
    }

    /**
     * Wall time of one process from start to exit, and its CPU time (user + system, its children included, from GNU
     * time where /usr/bin/time exists, else NaN), in ms; it must exit 0 (and print {@code expect}, if given).
     */
    private double[] timed(List<String> command, Map<String, String> env, String expect) throws Exception {
        List<String> full = new ArrayList<>();
        boolean gnuTime = Files.isExecutable(Path.of("/usr/bin/time"));
        if (gnuTime) {
            full.addAll(List.of("/usr/bin/time", "-f", "cpu-seconds %U %S"));
        }
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true);
        Path out = Files.createTempFile(dir, "out", ".txt");
        pb.redirectOutput(out.toFile());
        pb.environment().putAll(env);
        long start = System.nanoTime();
        Process p = pb.start();
        boolean ended = p.waitFor(120, TimeUnit.SECONDS);
        double ms = (System.nanoTime() - start) / 1e6;
        String text = Files.readString(out, StandardCharsets.UTF_8);
        if (!ended) {
            p.destroyForcibly();
        }
        assertThat(ended).as("%s did not end within 120 s:%n%s", command, text).isTrue();
        assertThat(p.exitValue()).as("%s exited %d:%n%s", command, p.exitValue(), text).isZero();
        if (expect != null) {
            assertThat(text).as(String.join(" ", command)).contains(expect).doesNotContain(Aimock.KEY);
        }
        double cpu = Double.NaN;
        int at = text.lastIndexOf("cpu-seconds ");
        if (gnuTime && at >= 0) {
            String[] f = text.substring(at).trim().split("\\s+");
            cpu = (Double.parseDouble(f[1]) + Double.parseDouble(f[2])) * 1000;
        }
        return new double[] {ms, cpu};
    }

    /** The installed launcher, or the CLI launcher of an app image built here, or null. */
    private static Path installedCommand() throws IOException {
        Path opt = Path.of("/opt/flatkey-migrate/bin/flatkey-migrate");
        if (Files.isExecutable(opt)) {
            return opt;
        }
        Path images = PROJECT.resolve("target/installer/image");
        if (Files.isDirectory(images)) {
            try (var found = Files.list(images)) {
                return found.map(d -> d.resolve("bin/flatkey-migrate")).filter(Files::isExecutable).findFirst()
                        .orElse(null);
            }
        }
        return null;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String rounded(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).reduce((x, y) -> x + ", " + y)
                .orElse("");
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
