package ai.flatkey.migrate.traffic;

import ai.flatkey.migrate.smoke.Rule;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/replay.md's rule table lists exactly the REPLAY rules of the catalog, with their words and breach class. */
class ReplayDocTest {
    @Test
    void theRuleTableListsExactlyTheReplayRules() throws Exception {
        String doc = Files.readString(Path.of("docs/replay.md"));
        String table = doc.substring(doc.indexOf("## Rule IDs"));
        List<String> documented = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\| (REPLAY-[A-Z-]+) \\| ([^|]+) \\| ([^|]+) \\|").matcher(table);
        while (m.find()) {
            documented.add(m.group(1));
            Rule rule = Rule.byId(m.group(1)).orElseThrow(() -> new AssertionError("no rule " + m.group(1)));
            assertThat(rule.checks()).as(rule.id()).isEqualTo(m.group(2).strip());
            assertThat(m.group(3).strip()).as(rule.id()).startsWith(rule.breach() == Rule.Breach.ADVISORY ? "Advisory"
                    : "Fail");
        }
        List<String> rules = Arrays.stream(Rule.values()).map(Rule::id).filter(id -> id.startsWith("REPLAY-")).toList();
        assertThat(documented).containsExactlyElementsOf(rules);
        assertThat(ReplayVerdicts.RULES.values()).allMatch(rules::contains);
    }
}
