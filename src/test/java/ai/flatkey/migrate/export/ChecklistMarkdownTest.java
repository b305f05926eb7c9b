package ai.flatkey.migrate.export;

import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChecklistMarkdownTest {
    @Test
    void planWithoutRunSaysSo() {
        String md = ChecklistMarkdown.render(MigrationPlan.newPlan("Billing API"));
        assertThat(md).startsWith("# Migration checklist: Billing API")
                .contains("| [ ] | Current SDK and endpoint are documented | open |")
                .contains("No smoke run yet")
                .contains("environment variable FLATKEY_API_KEY")
                .contains("0 of 11 items");
    }

    @Test
    void rendersResultsAndEscapesWhatServersAndPeopleWrote() {
        CheckResult r = new CheckResult("chat:m", "chat", "m|x", Verdict.FAIL, "CHAT-SHAPE",
                "got <script>alert(1)</script> | pipe\nnewline", "req_9", 5L, 10L, 1, 2, 3, "", "");
        MigrationPlan plan = MigrationPlan.newPlan("A *bold* name")
                .withTarget(new Endpoint("demo", "http://127.0.0.1:1/v1", "demo"))
                .withMappings(List.of(new ModelMapping("old", "m|x", List.of("chat"), "")))
                .withSmokeRunAdded(new SmokeRun("2026-11-25T10:00:00Z", "http://127.0.0.1:1/v1", List.of(r)), 10);
        String md = ChecklistMarkdown.render(plan);
        assertThat(md).contains("# Migration checklist: A \\*bold\\* name")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; \\| pipe newline")
                .contains("| chat | m\\|x | fail | CHAT-SHAPE | 5 ms | 10 ms | 3 | req_9 |")
                .contains("0 passed, 1 failed, 0 unsupported, 0 errors")
                .doesNotContain("<script>");
        for (String line : md.split("\n")) {
            if (line.startsWith("| chat")) {
                assertThat(line.replace("\\|", "").chars().filter(c -> c == '|').count()).isEqualTo(10);
            }
        }
    }
}
