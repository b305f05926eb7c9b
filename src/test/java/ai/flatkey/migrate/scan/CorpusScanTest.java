package ai.flatkey.migrate.scan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The corpus under src/test/resources/scan-corpus: one small project per SDK and language. Every expected finding is
 * written next to its code as an {@code expect:} comment (kind=value; kind=value) and asserted here; files that
 * cannot hold comments (JSON, properties, shell continuation lines) are asserted explicitly. The decoys folder
 * must produce no finding at all.
 */
class CorpusScanTest {

    private static final Pattern MARKER = Pattern.compile("expect: (.+)$");

    static Path corpus() {
        try {
            return Path.of(CorpusScanTest.class.getResource("/scan-corpus").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static ScanResult scan(Path dir) throws Exception {
        return new Scanner(r -> {
            Thread t = new Thread(r, "scan-test");
            t.setDaemon(true);
            return t;
        }).scan(dir, ScanOptions.defaults(), ScanListener.NONE, () -> false);
    }

    static Stream<String> projects() throws IOException {
        try (Stream<Path> s = Files.list(corpus())) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(n -> !n.equals("decoys") && !n.equals("shell")).sorted()
                    .toList().stream();
        }
    }

    record Expected(String file, int line, FindingKind kind, InventoryField field, String value) {
        boolean matches(Finding f) {
            return f.file().equals(file) && f.line() == line && f.kind() == kind && (field == null || f.field() == field)
                    && f.value().equals(value);
        }

        @Override
        public String toString() {
            return file + ":" + line + " " + kind.label() + (field == null ? "" : "." + field) + "=" + value;
        }
    }

    static List<Expected> markers(Path project) throws IOException {
        List<Expected> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(project)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                String rel = project.relativize(f).toString().replace('\\', '/');
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = MARKER.matcher(lines.get(i));
                    if (!m.find()) {
                        continue;
                    }
                    for (String entry : m.group(1).split(";\\s*")) {
                        int eq = entry.indexOf('=');
                        String kind = entry.substring(0, eq).strip();
                        String value = entry.substring(eq + 1).strip();
                        out.add(expected(rel, i + 1, kind, value));
                    }
                }
            }
        }
        return out;
    }

    static Expected expected(String file, int line, String kind, String value) {
        if (kind.startsWith("parameter.")) {
            InventoryField field = InventoryField.valueOf(kind.substring("parameter.".length()).toUpperCase(Locale.ROOT));
            return new Expected(file, line, FindingKind.PARAMETER, field, value);
        }
        return new Expected(file, line, FindingKind.valueOf(kind.toUpperCase(Locale.ROOT)), null, value);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("projects")
    void everyMarkedFindingIsFound(String project) throws Exception {
        Path dir = corpus().resolve(project);
        ScanResult result = scan(dir);
        List<Expected> expected = markers(dir);
        assertThat(expected).as("markers in " + project).isNotEmpty();
        List<String> missed = expected.stream().filter(e -> result.findings().stream().noneMatch(e::matches))
                .map(Expected::toString).toList();
        assertThat(missed).as("missed in %s; found:%n%s", project, describe(result)).isEmpty();
    }

    @Test
    void filesWithoutCommentsAreReadToo() throws Exception {
        ScanResult shell = scan(corpus().resolve("shell"));
        assertFound(shell, expected("smoke.sh", 5, "call", "chat"), expected("smoke.sh", 5, "sdk", "Direct HTTP"),
                expected("smoke.sh", 5, "base_url", "https://api.openai.com/v1"), expected("smoke.sh", 6, "env_var", "env:OPENAI_API_KEY"),
                expected("smoke.sh", 8, "model", "gpt-4o-mini"), expected("smoke.sh", 8, "parameter.stream", "true"));
        ScanResult config = scan(corpus().resolve("config-k8s"));
        assertFound(config, expected("app.properties", 1, "base_url", "https://api.openai.com"),
                expected("app.properties", 2, "model", "gpt-4o-mini"), expected("app.properties", 3, "parameter.temperature", "0.2"),
                expected("config.json", 3, "base_url", "https://api.openai.com/v1"), expected("config.json", 4, "model", "gpt-4o-mini"));
        ScanResult js = scan(corpus().resolve("js-openai"));
        assertFound(js, expected("package.json", 5, "sdk", "Node openai"));
    }

    @Test
    void decoysProduceNoFinding() throws Exception {
        ScanResult result = scan(corpus().resolve("decoys"));
        assertThat(result.findings()).as(describe(result)).isEmpty();
        assertThat(result.stats().filesAnalysed()).as("the decoys do pass the cheap pre-filter").isGreaterThanOrEqualTo(8);
    }

    @Test
    void risksAreRaised() throws Exception {
        ScanResult config = scan(corpus().resolve("config-k8s"));
        assertThat(config.risks()).anySatisfy(r -> {
            assertThat(r.kind()).isEqualTo(FindingKind.RISK_REPEATED_BASE_URL);
            assertThat(r.detail()).contains("hard-coded in 5 places").contains("docker-compose.yml:5").contains("settings.toml:3");
        });
        ScanResult tricky = scan(corpus().resolve("python-tricky"));
        assertThat(tricky.risks()).anySatisfy(r -> {
            assertThat(r.kind()).isEqualTo(FindingKind.RISK_KEY_LITERAL);
            assertThat(r.location()).isEqualTo(".env:3");
            assertThat(r.snippet()).doesNotContain("sk-test-tricky").contains("sk-t…(masked)");
        });
        ScanResult async = scan(corpus().resolve("python-async"));
        assertThat(async.risks().stream().filter(r -> r.kind() == FindingKind.RISK_NEEDS_SMOKE_CHECK).map(Finding::value))
                .contains("streaming", "tools", "responses", "developer role", "vision", "stream_options (usage in streams)");
        assertThat(async.risks().stream().filter(r -> r.kind() == FindingKind.RISK_UNMAPPED_MODEL).map(Finding::value))
                .containsExactlyInAnyOrder("gpt-4.1", "gpt-4.1-mini");
        ScanResult mapped = new Scanner(Thread::new).scan(corpus().resolve("python-async"),
                ScanOptions.defaults().withMappedModels(Set.of("gpt-4.1", "gpt-4.1-mini")), ScanListener.NONE, () -> false);
        assertThat(mapped.risks()).noneMatch(r -> r.kind() == FindingKind.RISK_UNMAPPED_MODEL);
    }

    @Test
    void noKeyValueReachesTheFindingsFile() throws Exception {
        ScanResult all = scan(corpus());
        String json = new ScanJson().render(all, Prefill.propose(all));
        assertThat(json).doesNotContain("sk-test-tricky").contains("sk-t…(masked)").contains("\"format\": 1");
        assertThat(all.findings()).noneMatch(f -> f.file().startsWith("decoys/"));
    }

    @Test
    void callSitesCarryModelAndFeatures() throws Exception {
        ScanResult async = scan(corpus().resolve("python-async"));
        assertThat(async.calls()).anySatisfy(c -> {
            assertThat(c.family()).isEqualTo("chat");
            assertThat(c.model()).isEqualTo("gpt-4.1");
            assertThat(c.features()).contains("chat", "streaming", "tools");
        });
        assertThat(async.calls()).anySatisfy(c -> {
            assertThat(c.family()).isEqualTo("responses");
            assertThat(c.features()).contains("vision");
        });
    }

    static void assertFound(ScanResult result, Expected... expected) {
        List<String> missed = Stream.of(expected).filter(e -> result.findings().stream().noneMatch(e::matches)).map(Expected::toString).toList();
        assertThat(missed).as("found:%n%s", describe(result)).isEmpty();
    }

    static String describe(ScanResult r) {
        StringBuilder sb = new StringBuilder();
        r.findings().forEach(f -> sb.append("  ").append(f.location()).append(' ').append(f.kind().label())
                .append(f.kind() == FindingKind.PARAMETER ? "." + f.field() : "").append('=').append(f.value())
                .append("   [").append(f.confidence()).append("] ").append(f.detail()).append('\n'));
        return sb.toString();
    }
}
