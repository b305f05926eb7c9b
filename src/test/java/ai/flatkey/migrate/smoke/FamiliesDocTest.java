package ai.flatkey.migrate.smoke;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/families.md says what the build does: its rule table lists exactly the endpoint families' rules of
 * {@link Rule} (IMG-*, AUD-*, MOD-*, VID-*, ENDPOINT-AVAILABLE) in catalog order, with their words (the demo's
 * fault models it names: {@code demo/MediaFaultDocTest}).
 */
class FamiliesDocTest {
    static final Path DOC = Path.of("docs/families.md");

    @Test
    void theRuleTableListsExactlyTheFamilyRules() throws Exception {
        String doc = Files.readString(DOC);
        String table = doc.substring(doc.indexOf("## The checks and their rules"));
        List<String> documented = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\| ((?:IMG|AUD|MOD|VID)-[A-Z-]+|ENDPOINT-AVAILABLE) \\| ([^|]+) \\|")
                .matcher(table);
        while (m.find()) {
            documented.add(m.group(1));
            Rule rule = Rule.byId(m.group(1)).orElseThrow(() -> new AssertionError("no rule " + m.group(1)));
            assertThat(rule.checks()).as(rule.id())
                    .startsWith(m.group(2).strip().replace("`", "").replaceAll(" \\(.*", ""));
        }
        List<String> rules = Arrays.stream(Rule.values()).map(Rule::id)
                .filter(id -> id.matches("(?:IMG|AUD|MOD|VID)-.*") || id.equals("ENDPOINT-AVAILABLE")).toList();
        assertThat(documented).containsExactlyElementsOf(rules);
    }
}
