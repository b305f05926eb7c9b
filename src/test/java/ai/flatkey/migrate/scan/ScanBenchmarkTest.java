package ai.flatkey.migrate.scan;

import ai.flatkey.migrate.bench.LauncherOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./mvnw -B -o -Pbench test -Dtest=ScanBenchmarkTest} (tagged "bench": never in the default build): generates a deterministic tree of 50,000 source files (~500 MB) under
 * target/bench-scan-tree, then times, in the same run and alternating, the scanner in a child JVM capped at
 * {@code -Xmx512m} against {@code rg -i -n -j2} searching the scanner's trigger words over the same tree. Prints a
 * table with the ratio and the child's peak RSS (VmHWM), and writes it to target/bench-scan.md.
 */
@Tag("bench")
class ScanBenchmarkTest {

    static final int FILES = 50_000;
    static final int RUNS = 5;
    static final Path TREE = Path.of("target/bench-scan-tree");
    private static final String[] EXT = {"py", "js", "ts", "java", "go", "rb", "php", "cs", "yaml", "json", "sh", "md"};
    private static final String[] WORDS = ("def return import class const let var func public private static void string int "
            + "value result error config request response handler service client user order item list map key data "
            + "context logger cache query update delete create fetch parse render route model view controller test").split(" ");

    @Test
    void scanVersusRipgrep() throws Exception {
        int sdkFiles = generate();
        String rg = which("rg");
        assertThat(rg).as("ripgrep (apt-get install ripgrep)").isNotNull();
        List<String> rgCmd = List.of(rg, "-i", "-n", "-j", "2", "--no-messages", "-e", Prefilter.ripgrepPattern(), TREE.toString());
        String java = ProcessHandle.current().info().command().orElse("java");
        // With the JVM options of the installed `flatkey-migrate` launcher (C1 only), and the heap capped at the goal.
        List<String> scanCmd = new ArrayList<>(List.of(java, "-Xmx512m"));
        scanCmd.addAll(LauncherOptions.jvm());
        scanCmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Child.class.getName(), TREE.toString()));
        Path rgOut = Path.of("target/bench-rg.out");
        run(rgCmd, rgOut); // warm the page cache
        run(scanCmd, Path.of("target/bench-scan.out"));
        long[] rgMs = new long[RUNS];
        long[] scanWallMs = new long[RUNS];
        long[] scanMs = new long[RUNS];
        String last = "";
        for (int i = 0; i < RUNS; i++) {
            rgMs[i] = run(rgCmd, rgOut);
            scanWallMs[i] = run(scanCmd, Path.of("target/bench-scan.out"));
            last = Files.readString(Path.of("target/bench-scan.out"));
            scanMs[i] = Long.parseLong(field(last, "scanMillis"));
        }
        long rgMed = median(rgMs);
        long wallMed = median(scanWallMs);
        long scanMed = median(scanMs);
        long rss = Long.parseLong(field(last, "peakRssKB")) / 1024;
        int calls = Integer.parseInt(field(last, "calls"));
        long rgLines;
        try (var lines = Files.lines(rgOut, StandardCharsets.ISO_8859_1)) {
            rgLines = lines.count();
        }
        String table = String.format(Locale.ROOT, """
                | tree | %,d files, %.0f MB (%s) |
                |---|---|
                | rg -i -n -j2 (same trigger words), median of %d | %,d ms (%,d matching lines) |
                | scan in child JVM -Xmx512m + launcher options (C1 only), wall incl. JVM start, median | %,d ms |
                | scan only (walk + read + analyse + assemble), median | %,d ms |
                | **ratio scan wall / rg** | **%.2f×** |
                | ratio scan only / rg | %.2f× |
                | scan child peak RSS (VmHWM) | %,d MB |
                | files analysed / call sites found (expected ≥ %,d) | %s / %,d |
                | runs (ms): rg %s, scan wall %s, scan only %s | |
                """, Integer.parseInt(field(last, "visited")), Long.parseLong(field(last, "bytes")) / 1e6, TREE, RUNS, rgMed, rgLines,
                wallMed, scanMed, wallMed / (double) rgMed, scanMed / (double) rgMed, rss, sdkFiles, field(last, "analysed"), calls,
                Arrays.toString(rgMs), Arrays.toString(scanWallMs), Arrays.toString(scanMs));
        System.out.println(table);
        Files.writeString(Path.of("target/bench-scan.md"), table);
        assertThat(calls).isGreaterThanOrEqualTo(sdkFiles);
        assertThat(rss).isLessThanOrEqualTo(512);
    }

    /** The scanner in its own JVM: prints its timings, counts and peak memory. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            long t0 = System.nanoTime();
            ScanResult r = new Scanner(run -> {
                Thread t = new Thread(run, "bench-scan");
                t.setDaemon(true);
                return t;
            }).scan(Path.of(args[0]), ScanOptions.defaults(), ScanListener.NONE, () -> false);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            // Peak memory from the kernel (VmHWM), not from the management beans: loading java.management costs
            // ~40 ms of wall time the scan itself does not spend.
            long rss = 0;
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    rss = Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            System.out.println("scanMillis=" + ms + "\nvisited=" + r.stats().filesVisited() + "\nbytes=" + r.stats().bytesRead()
                    + "\nanalysed=" + r.stats().filesAnalysed() + "\ncalls=" + r.calls().size() + "\nfindings=" + r.findings().size()
                    + "\npeakRssKB=" + rss);
        }
    }

    private static String field(String out, String name) {
        for (String line : out.split("\n")) {
            if (line.startsWith(name + "=")) {
                return line.substring(name.length() + 1).strip();
            }
        }
        throw new AssertionError("no " + name + " in child output:\n" + out);
    }

    private static long run(List<String> cmd, Path out) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + cmd);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(p.exitValue()).as(String.join(" ", cmd)).isIn(0, 1);
        return ms;
    }

    private static long median(long[] v) {
        long[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

    private static String which(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    /** Writes the tree once (a marker file records its parameters); returns how many files hold an SDK call. */
    static int generate() throws IOException {
        Path marker = TREE.resolve(".bench-tree-v2");
        if (Files.exists(marker)) {
            return Integer.parseInt(Files.readString(marker).strip());
        }
        Random rnd = new Random(20250101L);
        int sdk = 0;
        java.util.Map<String, String> templates = sdkTemplates();
        for (int i = 0; i < FILES; i++) {
            String ext = EXT[i % EXT.length];
            Path f = TREE.resolve("mod" + (i % 50)).resolve("pkg" + (i / 50 % 20)).resolve("file" + i + "." + ext);
            Files.createDirectories(f.getParent());
            int size = 2_000 + rnd.nextInt(16_000); // mean ~10 KB
            boolean withSdk = i % 50 == 7 && !ext.equals("md") && !ext.equals("json") && !ext.equals("yaml");
            boolean mention = i % 37 == 3;
            try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
                int written = 0;
                int line = 0;
                StringBuilder sb = new StringBuilder(120);
                while (written < size) {
                    sb.setLength(0);
                    int words = 3 + rnd.nextInt(10);
                    sb.append("    ".repeat(rnd.nextInt(3)));
                    for (int k = 0; k < words; k++) {
                        sb.append(WORDS[rnd.nextInt(WORDS.length)]).append(k % 3 == 2 ? "(" : k % 5 == 4 ? ") " : " ");
                    }
                    if (mention && line == 5) {
                        sb.append(" # compare with the openai client later");
                    }
                    if (withSdk && line == 10) {
                        sb.append('\n').append(templates.get(ext));
                    }
                    sb.append('\n');
                    w.write(sb.toString());
                    written += sb.length();
                    line++;
                }
            }
            if (withSdk) {
                sdk++;
            }
        }
        Files.writeString(marker, Integer.toString(sdk));
        return sdk;
    }

    /** One realistic call per language (the tree's .md, .json and .yaml files get none). */
    private static java.util.Map<String, String> sdkTemplates() {
        String js = "const openai = new OpenAI({ baseURL: \"https://api.openai.com/v1\" });\n"
                + "await openai.chat.completions.create({ model: \"gpt-4o\", temperature: 0.2 });";
        return java.util.Map.of(
                "py", "client = OpenAI(base_url=\"https://api.openai.com/v1\")\nr = client.chat.completions.create(model=\"gpt-4o-mini\", stream=True)",
                "js", js, "ts", js,
                "java", "import com.openai.client.OpenAIClient;\nvar c = client.chat().completions().create(params);",
                "go", "import openai \"github.com/sashabaranov/go-openai\"\nresp, err := client.CreateChatCompletion(ctx, openai.ChatCompletionRequest{Model: openai.GPT4oMini})",
                "rb", "client = OpenAI::Client.new\nclient.chat(parameters: { model: \"gpt-4o-mini\" })",
                "php", "$client = OpenAI::client($key);\n$client->chat()->create(['model' => 'gpt-4o-mini']);",
                "cs", "using OpenAI.Chat;\nvar chat = client.GetChatClient(\"gpt-4o-mini\");",
                "sh", "curl https://api.openai.com/v1/chat/completions -d '{\"model\": \"gpt-4o-mini\"}'");
    }
}
