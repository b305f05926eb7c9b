package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.plan.Assertion;
import ai.flatkey.migrate.plan.CheckFile;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/request-checks.md says what the build does: its rule table lists exactly the ASSERT rules of {@link Rule}
 * with their words, its assertion table every kind, its first example reads as a check, and the problem messages it
 * quotes are the ones a check file with those mistakes gets.
 */
class RequestChecksDocTest {
    static final Path DOC = Path.of("docs/request-checks.md");

    @Test
    void theRuleTableListsExactlyTheAssertionRules() throws Exception {
        String doc = Files.readString(DOC);
        String table = doc.substring(doc.indexOf("## Rule IDs"));
        List<String> documented = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\| (ASSERT-[A-Z-]+) \\| ([^|]+) \\|").matcher(table);
        while (m.find()) {
            documented.add(m.group(1));
            Rule rule = Rule.byId(m.group(1)).orElseThrow(() -> new AssertionError("no rule " + m.group(1)));
            assertThat(rule.checks()).as(rule.id()).startsWith(m.group(2).strip().replace(" (200, 4xx, …)", "")
                    .replaceAll(" \\(.*", ""));
        }
        List<String> rules = java.util.Arrays.stream(Rule.values()).map(Rule::id).filter(id -> id.startsWith("ASSERT-")).toList();
        assertThat(documented).containsExactlyElementsOf(rules);
    }

    @Test
    void theAssertionTableNamesEveryKindWithItsRule() throws Exception {
        String doc = Files.readString(DOC);
        for (Assertion.Kind k : Assertion.Kind.values()) {
            assertThat(doc).as(k.key()).containsPattern("(?m)^\\| `" + Pattern.quote(k.key()) + "`[^\n]*" + k.ruleId());
        }
    }

    /** The table of which assertions each endpoint takes is {@link Assertion.Kind#apis()}, row by row. */
    @Test
    void theEndpointTableListsTheAssertionsEachEndpointTakes() throws Exception {
        String doc = Files.readString(DOC);
        String table = doc.substring(doc.indexOf("Which assertions each endpoint takes"), doc.indexOf("### Assertions"));
        Matcher rows = Pattern.compile("(?m)^\\| (all|`[a-z-]+`) \\| ([^|]+) \\|").matcher(table);
        java.util.Map<String, java.util.Set<String>> listed = new java.util.LinkedHashMap<>();
        while (rows.find()) {
            java.util.Set<String> keys = new java.util.TreeSet<>();
            Matcher k = Pattern.compile("`([a-z-]+)`").matcher(rows.group(2));
            while (k.find()) {
                keys.add(k.group(1));
            }
            if (rows.group(2).contains("the text ones")) {
                keys.addAll(List.of("contains", "not-contains", "regex", "equals", "not-empty"));
            }
            if (rows.group(2).contains("the stream ones")) {
                keys.addAll(List.of("ttft", "chunks", "done"));
            }
            listed.put(rows.group(1).replace("`", ""), keys);
        }
        java.util.Set<String> all = listed.get("all");
        for (ai.flatkey.migrate.plan.RequestCheck.Api api : ai.flatkey.migrate.plan.RequestCheck.Api.values()) {
            java.util.Set<String> documented = new java.util.TreeSet<>(all);
            documented.addAll(listed.getOrDefault(api.key(), java.util.Set.of()));
            java.util.Set<String> code = new java.util.TreeSet<>();
            for (Assertion.Kind kind : Assertion.Kind.values()) {
                if (kind.apis().contains(api)) {
                    code.add(kind.key());
                }
            }
            assertThat(documented).as(api.key()).isEqualTo(code);
        }
    }

    @Test
    void theFirstExampleReadsAsACheck() throws Exception {
        String doc = Files.readString(DOC);
        int start = doc.indexOf("```yaml\n") + 8;
        String example = doc.substring(start, doc.indexOf("```", start));
        CheckFile.Loaded loaded = CheckFile.parse("checks:\n" + example.indent(2), "doc.yaml");
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.checks()).singleElement().satisfies(c -> assertThat(c.assertions()).hasSize(3));
    }

    @Test
    void theQuotedMessagesAreTheOnesTheBuildGives() throws Exception {
        String doc = Files.readString(DOC);
        CheckFile.Loaded streamed = CheckFile.parse("""
                checks:
                  - name: streamed
                    body:
                      messages: [{role: user, content: Hi}]
                    assert:
                      - ttft: 500
                """, "checks.yaml");
        assertThat(doc).contains(streamed.problems().get(0));
        CheckFile.Loaded weather = CheckFile.parse("\n".repeat(14) + """
                checks:
                  - name: weather
                    body:
                      messages: [{role: user, content: Hi}]
                      tools: [{type: function, function: {name: get_weather, parameters: {type: object}}}]
                    assert:
                      - tool-call: get_time
                """, "checks.yaml");
        assertThat(doc).contains(weather.problems().get(0));
    }

    @Test
    void theImportingSectionsCurlExampleImportsWithoutItsKey() throws Exception {
        String doc = Files.readString(DOC);
        String section = doc.substring(doc.indexOf("## Importing"));
        int start = section.indexOf("```sh\n") + 6;
        String curl = section.substring(start, section.indexOf("```", start));
        ai.flatkey.migrate.plan.ForeignChecks r = ai.flatkey.migrate.plan.CurlImport.read(curl, "hello.sh", Path.of("."));
        assertThat(r.notImported()).isEmpty();
        assertThat(r.checks()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("hello");
            assertThat(c.body().toString()).doesNotContain("OPENAI_API_KEY");
        });
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("dropped header Authorization"));
    }

    @Test
    void theImportingSectionsReportIsTheOneTheBuildGives() throws Exception {
        String doc = Files.readString(DOC);
        String section = doc.substring(doc.indexOf("## Importing"));
        int start = section.indexOf("```\npromptfooconfig.yaml") + 4;
        String quoted = section.substring(start, section.indexOf("```", start));
        Path config = Path.of("src/test/resources/import/promptfooconfig.yaml");
        ai.flatkey.migrate.plan.ForeignChecks r = ai.flatkey.migrate.plan.PromptfooImport.read(
                CheckFile.document(Files.readString(config), "promptfooconfig.yaml"), "promptfooconfig.yaml", config.getParent());
        List<String> lines = new ArrayList<>();
        lines.add("promptfooconfig.yaml reads as a promptfoo config: " + r.checks().size() + " request checks, "
                + r.notImported().size() + " not importable.");
        r.notes().forEach(n -> lines.add("  note: " + n));
        r.notImported().forEach(n -> lines.add("  not imported: " + n));
        for (String line : quoted.strip().split("\n")) {
            assertThat(lines).contains(line);
        }
    }
}
