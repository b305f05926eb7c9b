package ai.flatkey.migrate.scan;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scanner's precision and recall on src/test/resources/scan-realworld: small apps in the shapes real projects have
 * (several providers in one app, Azure OpenAI in each SDK's form, LiteLLM's whole surface, clients defined in one module
 * and used in another, a base URL held in the database, import paths, type annotations and comments that must not
 * count). Every finding the scanner should report is marked next to its code as {@code expect: kind=value; …}; the
 * marking is complete for the kinds scored here, so a scored finding without a marker is a false positive.
 *
 * <p>Scored, per line: {@code call} (endpoint family), {@code model}, {@code deployment} (an Azure deployment name),
 * {@code base_url} (a current base URL value), {@code provider}, {@code runtime_base_url} (a base URL read from data),
 * {@code repeated_base_url}, {@code api_version}, {@code auth} (how the key is sent), and {@code via} (the provider
 * a call goes to); per file: {@code sdk}.
 *
 * <p>{@code ./mvnw -B -o -q test -Dtest=RealWorldCorpusTest} prints the table (also in BENCHMARKS.md).
 */
class RealWorldCorpusTest {

    static final Set<String> KINDS = Set.of("call", "model", "deployment", "base_url", "provider", "runtime_base_url",
            "repeated_base_url", "api_version", "auth", "via", "sdk");
    private static final Pattern MARKER = Pattern.compile("expect: (.+?)\\s*$");

    /** One scored fact: where (line 0 for a file-level fact), what and which value. */
    record Unit(String app, String file, int line, String kind, String value) {
        @Override
        public String toString() {
            return app + "/" + file + (line > 0 ? ":" + line : "") + " " + kind + "=" + value;
        }
    }

    /** True positives, false positives and false negatives of one kind (or of all). */
    record Score(int tp, int fp, int fn) {
        double precision() {
            return tp + fp == 0 ? 1.0 : (double) tp / (tp + fp);
        }

        double recall() {
            return tp + fn == 0 ? 1.0 : (double) tp / (tp + fn);
        }

        Score plus(Score o) {
            return new Score(tp + o.tp, fp + o.fp, fn + o.fn);
        }
    }

    static Path corpus() {
        try {
            return Path.of(RealWorldCorpusTest.class.getResource("/scan-realworld").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> apps() throws IOException {
        try (Stream<Path> s = Files.list(corpus())) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** What the markers in one app say the scanner should find. */
    static Set<Unit> expected(String app) throws IOException {
        Path dir = corpus().resolve(app);
        Set<Unit> out = new LinkedHashSet<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String rel = dir.relativize(f).toString().replace('\\', '/');
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = MARKER.matcher(lines.get(i));
                    if (!m.find()) {
                        continue;
                    }
                    for (String entry : m.group(1).split(";\\s*")) {
                        int eq = entry.indexOf('=');
                        String kind = entry.substring(0, eq).strip();
                        assertThat(KINDS).as("marker kind in %s:%d", rel, i + 1).contains(kind);
                        out.add(new Unit(app, rel, kind.equals("sdk") ? 0 : i + 1, kind, entry.substring(eq + 1).strip()));
                    }
                }
            }
        }
        return out;
    }

    /** What the scanner reports for one app, in the same units. */
    static Set<Unit> found(String app, ScanResult r) {
        Set<Unit> out = new LinkedHashSet<>();
        for (Finding f : r.findings()) {
            String kind = switch (f.kind()) {
                case CALL -> "call";
                case MODEL -> f.field() == InventoryField.DEPLOYMENT ? "deployment" : "model";
                case BASE_URL -> f.field() == InventoryField.CURRENT_BASE_URL ? "base_url" : null;
                case PROVIDER -> "provider";
                case RISK_RUNTIME_BASE_URL -> "runtime_base_url";
                case RISK_REPEATED_BASE_URL -> "repeated_base_url";
                case PARAMETER -> f.field() == InventoryField.API_VERSION ? "api_version" : f.field() == InventoryField.AUTH ? "auth" : null;
                case SDK -> "sdk";
                default -> null;
            };
            if (kind != null) {
                out.add(new Unit(app, f.file(), kind.equals("sdk") ? 0 : f.line(), kind, f.value()));
            }
        }
        for (CallSite c : r.calls()) {
            if (!c.provider().isEmpty()) {
                out.add(new Unit(app, c.file(), c.line(), "via", c.provider()));
            }
        }
        return out;
    }

    record Evaluation(Map<String, Score> byKind, Score total, List<Unit> falsePositives, List<Unit> misses) {
    }

    static Evaluation evaluate() throws Exception {
        Map<String, Score> byKind = new TreeMap<>();
        KINDS.forEach(k -> byKind.put(k, new Score(0, 0, 0)));
        List<Unit> fps = new ArrayList<>();
        List<Unit> misses = new ArrayList<>();
        for (String app : apps()) {
            Set<Unit> want = expected(app);
            Set<Unit> got = found(app, CorpusScanTest.scan(corpus().resolve(app)));
            for (Unit u : got) {
                boolean ok = want.contains(u);
                byKind.merge(u.kind(), new Score(ok ? 1 : 0, ok ? 0 : 1, 0), Score::plus);
                if (!ok) {
                    fps.add(u);
                }
            }
            for (Unit u : want) {
                if (!got.contains(u)) {
                    byKind.merge(u.kind(), new Score(0, 0, 1), Score::plus);
                    misses.add(u);
                }
            }
        }
        Score total = byKind.values().stream().reduce(new Score(0, 0, 0), Score::plus);
        return new Evaluation(byKind, total, fps, misses);
    }

    static String table(Evaluation e) {
        StringBuilder sb = new StringBuilder("| kind | expected | found | true positives | precision | recall |\n|---|---|---|---|---|---|\n");
        e.byKind().forEach((k, s) -> sb.append(row(k, s)));
        sb.append(row("**all**", e.total()));
        return sb.toString();
    }

    private static String row(String kind, Score s) {
        return String.format(Locale.ROOT, "| %s | %d | %d | %d | %.3f | %.3f |%n", kind, s.tp() + s.fn(), s.tp() + s.fp(), s.tp(),
                s.precision(), s.recall());
    }

    @Test
    void precisionAndRecallOnRealWorldShapes() throws Exception {
        Evaluation e = evaluate();
        System.out.println("Scanner precision / recall on src/test/resources/scan-realworld (" + apps().size() + " apps):");
        System.out.print(table(e));
        String detail = "false positives:\n  " + String.join("\n  ", e.falsePositives().stream().map(Unit::toString).toList())
                + "\nmissed:\n  " + String.join("\n  ", e.misses().stream().map(Unit::toString).toList());
        System.out.println(detail);
        assertThat(e.total().tp()).as("the corpus is not empty").isGreaterThan(150);
        assertThat(e.total().precision()).as(detail).isGreaterThanOrEqualTo(0.97);
        assertThat(e.total().recall()).as(detail).isGreaterThanOrEqualTo(0.95);
        e.byKind().forEach((kind, s) -> {
            assertThat(s.precision()).as(kind + " precision; " + detail).isGreaterThanOrEqualTo(0.9);
            assertThat(s.recall()).as(kind + " recall; " + detail).isGreaterThanOrEqualTo(0.9);
        });
    }
}
