package ai.flatkey.migrate.export;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ChecklistHtmlTest {

    private static String html(ai.flatkey.migrate.plan.MigrationPlan plan) {
        return ChecklistHtml.render(plan, ExportFixtures.NOW, ExportFixtures.GENERATOR);
    }

    private static Document parse(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void modelOutputWithScriptAndTableEndTagsIsEscapedEverywhere() throws Exception {
        String html = html(ExportFixtures.hostile());
        // The only <script or </td that may appear are escaped ones.
        assertThat(html).doesNotContainIgnoringCase("<script").doesNotContain("<img").doesNotContain("onerror=alert(1)>");
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;");
        assertThat(html).contains("<title>Migration checklist: Bot &lt;script&gt;alert(1)&lt;/script&gt; &amp; co</title>");
        assertThat(html).contains("evil&lt;/td&gt;&lt;script&gt;m&lt;/script&gt;");
        assertThat(html).contains("req_&lt;b&gt;9&lt;/b&gt;");
        assertThat(html).doesNotContain("\u0000").doesNotContain("\u0007");

        // Still well-formed XHTML, and the table structure is the one we wrote: every row of the checks table has 7 cells.
        Document doc = parse(html);
        NodeList tables = doc.getElementsByTagName("table");
        Element checks = null;
        for (int i = 0; i < tables.getLength(); i++) {
            Element t = (Element) tables.item(i);
            if (t.getAttribute("class").contains("checks")) {
                checks = t;
            }
        }
        assertThat(checks).isNotNull();
        NodeList rows = checks.getElementsByTagName("tbody").item(0).getChildNodes();
        int seen = 0;
        for (int i = 0; i < rows.getLength(); i++) {
            if (rows.item(i) instanceof Element tr) {
                assertThat(tr.getElementsByTagName("td").getLength()).isEqualTo(7);
                seen++;
            }
        }
        assertThat(seen).isEqualTo(10);
        // the assertion tables too: every row has its four cells, whatever the evidence held
        for (int i = 0; i < tables.getLength(); i++) {
            Element t = (Element) tables.item(i);
            if (t.getElementsByTagName("th").getLength() == 4
                    && t.getElementsByTagName("th").item(0).getTextContent().equals("Assertion")) {
                NodeList trs = t.getElementsByTagName("tbody").item(0).getChildNodes();
                for (int k = 0; k < trs.getLength(); k++) {
                    if (trs.item(k) instanceof Element tr) {
                        assertThat(tr.getElementsByTagName("td").getLength()).isEqualTo(4);
                    }
                }
            }
        }
        assertThat(html).contains("matches /&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        assertThat(doc.getElementsByTagName("script").getLength()).isZero();
        assertThat(doc.getElementsByTagName("img").getLength()).isZero();
    }

    @Test
    void selfContainedWithLightDarkPrintAndAnSvgChart() throws Exception {
        String html = html(ExportFixtures.full());
        parse(html);
        // kept next to the PDF pages so the page can be opened in a browser and looked at
        java.nio.file.Path dir = ChecklistPdfTest.screenshots();
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.writeString(dir.resolve("export-checklist.html"), html);
        assertThat(html).startsWith("<!DOCTYPE html>")
                .contains("<style>", "@media (prefers-color-scheme: dark)", "@media print", "<svg class=\"chart\"")
                .doesNotContain("<link", "src=\"http", "href=\"http", "@import", "url(");
        assertThat(html).contains("time to first token", "Current provider:", "620 ms".replace(" ms", ""))
                .contains("310 / 620 ms", "250 / 540 ms");
        assertThat(html).contains("Sign-off", "Name", "Role", "Date", "Signature");
        assertThat(html).contains("Mismatch", "the log counts 61 tokens, the response said 57", "not visible yet",
                "Compared with the current provider", "finish_reason stop instead of tool_calls", "Dana Reviewer",
                "p50 600 / p95 700 ms over 5 runs", "typed price $1.2500 in / $10.0000 out per 1M tokens");
        assertThat(html).contains("Generated by Flatkey Migration Assistant (test) on 2026-11-25 10:30:00 UTC");
        // People read dates the way the app writes them: no raw ISO instant anywhere a person reads the page
        assertThat(html).contains("<th>Plan saved</th><td>2026-11-25 09:45:00 UTC</td>", "<th>Generated</th><td>2026-11-25 10:30:00 UTC</td>",
                "Checked 2026-11-25 09:40:00 UTC against").doesNotContainPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d");
        assertThat(html).contains("<th class=\"s-owner\">Owner</th><th class=\"c-date\">Date</th>",
                "<td>Dana Reviewer</td><td class=\"c-date\">2026-11-24</td><td>Done on staging</td>",
                "<td>Platform team</td><td class=\"c-date\">2026-12-01</td>",
                "Proved: the basic checks passed against this configuration on 2026-11-25 09:44:00 UTC.");
    }

    @Test
    void aStageDateThatIsNotADateIsShownAsWrittenAndMarked() throws Exception {
        var p = ExportFixtures.full();
        var stages = new java.util.ArrayList<>(p.rollout());
        stages.set(2, stages.get(2).withOwner("Ops").withDate("next tuesday"));
        String html = html(p.withRollout(stages).withRollback(p.rollback().edited("https://other/v1", "m", "", "")));
        parse(html);
        assertThat(html).contains("<td>Ops</td><td class=\"c-date-bad\">next tuesday (not a valid date)</td>",
                "Not proved yet: run \u201cProve rollback\u201d in step 6");
        String md = ChecklistMarkdown.render(p.withRollout(stages));
        assertThat(md).contains("| open | Ops | next tuesday (not a valid date) |  |");
        String json = PlanJson.render(p.withRollout(stages), ExportFixtures.NOW, ExportFixtures.GENERATOR);
        assertThat(json).contains("\"date\": \"next tuesday\"", "\"dateProblem\": \"\u201cnext tuesday\u201d is not a date.");
    }

    @Test
    void aRunWithoutReconciliationSaysNotVerifiedYet() throws Exception {
        String html = html(ExportFixtures.full().withReconciliation(null));
        parse(html);
        assertThat(html).contains("Not verified yet", "not checked", "Budget for the test key: $5.0000");
        var older = ExportFixtures.full().reconciliation();
        String stale = html(ExportFixtures.full().withReconciliation(new ai.flatkey.migrate.plan.Reconciliation("2026-11-24T16:00:00Z",
                older.checkedAt(), older.source(), older.rows(), null, null, null, java.util.List.of(), "")));
        assertThat(stale).contains("Not verified yet", "The reconciliation on file is for the run of 2026-11-24 16:00:00 UTC, not the latest run.");
    }

    @Test
    void aPlanWithoutARunSaysSoInsteadOfEmptyTables() throws Exception {
        String html = html(ExportFixtures.empty());
        parse(html);
        assertThat(html).contains("No smoke run yet. Run step 4", "No models mapped yet", "no requests to look for",
                "Rollback not ready", "Not run");
        assertThat(html).doesNotContain("<svg", "class=\"grid checks\"", "class=\"grid matrix\"");
    }
}
