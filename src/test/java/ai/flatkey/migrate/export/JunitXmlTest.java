package ai.flatkey.migrate.export;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JunitXmlTest {

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void oneTestCasePerCheckWithTheRightCountsAndTimings() throws Exception {
        Document doc = parse(JunitXml.render(ExportFixtures.full()));
        Element suites = doc.getDocumentElement();
        assertThat(suites.getTagName()).isEqualTo("testsuites");
        Element suite = (Element) suites.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("name")).isEqualTo("smoke: Support bot to Flatkey");
        assertThat(suite.getAttribute("tests")).isEqualTo("8");
        assertThat(suite.getAttribute("failures")).isEqualTo("2");
        assertThat(suite.getAttribute("errors")).isEqualTo("1");
        assertThat(suite.getAttribute("skipped")).isEqualTo("1");
        assertThat(suite.getAttribute("timestamp")).isEqualTo("2026-11-25T09:30:12Z");
        assertThat(suite.getAttribute("time")).isEqualTo("5.239");

        NodeList cases = suite.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(8);
        Map<String, Element> byName = new HashMap<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            byName.put(c.getAttribute("name"), c);
        }
        Element tools = byName.get("tools:gpt-5.5");
        assertThat(tools.getAttribute("classname")).isEqualTo("smoke.tools");
        assertThat(tools.getAttribute("time")).isEqualTo("0.905");
        Element failure = (Element) tools.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("type")).isEqualTo("TOOL-FINISH-REASON");
        assertThat(failure.getAttribute("message")).isEqualTo("[TOOL-FINISH-REASON] finish_reason was stop, expected tool_calls");
        assertThat(failure.getTextContent()).contains("Request ID: req_tools_1", "Reproduce: curl");

        Element skipped = (Element) byName.get("streaming:deepseek-chat").getElementsByTagName("skipped").item(0);
        assertThat(skipped.getAttribute("message")).isEqualTo("[SSE-STREAM-OPTIONS] stream_options rejected with 400");
        Element error = (Element) byName.get("bad-key").getElementsByTagName("error").item(0);
        assertThat(error.getAttribute("type")).isEqualTo("TLS-VERIFY");
        Element pass = byName.get("chat:gpt-5.5");
        assertThat(pass.getElementsByTagName("failure").getLength() + pass.getElementsByTagName("error").getLength()
                + pass.getElementsByTagName("skipped").getLength()).isZero();
        assertThat(pass.getElementsByTagName("system-out").item(0).getTextContent()).contains("TTFT 310 ms", "Total 620 ms");
        assertThat(doc.getElementsByTagName("failure").getLength()).isEqualTo(2);
        assertThat(doc.getElementsByTagName("error").getLength()).isEqualTo(1);
        assertThat(doc.getElementsByTagName("skipped").getLength()).isEqualTo(1);

        // a request check is one test case; its failed assertion is in the message, every assertion in the details
        Element request = byName.get("request:refund-policy");
        assertThat(request.getAttribute("classname")).isEqualTo("smoke.request");
        Element failed = (Element) request.getElementsByTagName("failure").item(0);
        assertThat(failed.getAttribute("type")).isEqualTo("ASSERT-CONTAINS");
        assertThat(failed.getAttribute("message")).startsWith("[ASSERT-CONTAINS] contains \"refund\" (any case): the answer"
                + " does not contain it");
        assertThat(failed.getTextContent()).contains("Assertions (4):", "- held ASSERT-NOT-EMPTY answer not empty",
                "- failed ASSERT-CONTAINS contains \"refund\" (any case): the answer does not contain it",
                "- held ASSERT-LATENCY latency ≤ 2000 ms: answered in 700 ms");
    }

    @Test
    void aPlanWithoutARunIsOneSkippedCaseThatSaysSo() throws Exception {
        Document doc = parse(JunitXml.render(ExportFixtures.empty()));
        Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("tests")).isEqualTo("1");
        assertThat(suite.getAttribute("skipped")).isEqualTo("1");
        Element skipped = (Element) doc.getElementsByTagName("skipped").item(0);
        assertThat(skipped.getAttribute("message")).startsWith("No smoke run yet");
    }

    @Test
    void hostileTextParsesAndControlCharactersAreDropped() throws Exception {
        String xml = JunitXml.render(ExportFixtures.hostile());
        assertThat(xml).doesNotContain("\u0000").doesNotContain("<script").doesNotContain(ExportFixtures.CANARY);
        Document doc = parse(xml);
        assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(10);
        assertThat(doc.getElementsByTagName("failure").getLength()).isEqualTo(4);
    }

    /** A check that broke two rules: the message names both, the type is the worst, the details give each its evidence. */
    @Test
    void aCheckThatBrokeTwoRulesListsBothInOneFailureAndInTheJsonExport() throws Exception {
        java.util.List<ai.flatkey.migrate.plan.RuleBreach> breaches = java.util.List.of(
                new ai.flatkey.migrate.plan.RuleBreach("SSE-USAGE-CHUNK", ai.flatkey.migrate.plan.RuleBreach.Kind.FAIL,
                        "no chunk carried usage"),
                new ai.flatkey.migrate.plan.RuleBreach("TOOL-DELTA-INDEX", ai.flatkey.migrate.plan.RuleBreach.Kind.FAIL,
                        "2 of 2 fragments lack index"),
                new ai.flatkey.migrate.plan.RuleBreach("HDR-REQUEST-ID", ai.flatkey.migrate.plan.RuleBreach.Kind.ADVISORY,
                        "no request ID header"));
        ai.flatkey.migrate.plan.CheckResult r = new ai.flatkey.migrate.plan.CheckResult("tools-stream:m", "tools-stream", "m",
                ai.flatkey.migrate.plan.Verdict.FAIL, "SSE-USAGE-CHUNK", "no chunk carried usage; also TOOL-DELTA-INDEX: 2 of 2"
                + " fragments lack index; advisory HDR-REQUEST-ID: no request ID header", "", 5L, 10L, null, null, null, "", "",
                null, "", breaches);
        ai.flatkey.migrate.plan.MigrationPlan plan = ai.flatkey.migrate.plan.MigrationPlan.newPlan("two rules")
                .withSmokeRunAdded(new ai.flatkey.migrate.plan.SmokeRun("2026-11-25T10:00:00Z", "http://127.0.0.1:1/v1",
                        java.util.List.of(r)), 10);
        Element failure = (Element) parse(JunitXml.render(plan)).getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("type")).isEqualTo("SSE-USAGE-CHUNK");
        assertThat(failure.getAttribute("message")).startsWith("[SSE-USAGE-CHUNK, TOOL-DELTA-INDEX] no chunk carried usage");
        assertThat(failure.getTextContent()).contains("Breached rules (3):", "- fail SSE-USAGE-CHUNK: no chunk carried usage",
                "- fail TOOL-DELTA-INDEX: 2 of 2 fragments lack index", "- advisory HDR-REQUEST-ID: no request ID header");

        com.google.gson.JsonArray json = com.google.gson.JsonParser.parseString(PlanJson.render(plan, ExportFixtures.NOW,
                        ExportFixtures.GENERATOR)).getAsJsonObject().getAsJsonObject("smoke")
                .getAsJsonArray("results").get(0).getAsJsonObject().getAsJsonArray("breaches");
        assertThat(json).hasSize(3);
        assertThat(json.get(1).getAsJsonObject().get("ruleId").getAsString()).isEqualTo("TOOL-DELTA-INDEX");
        assertThat(json.get(1).getAsJsonObject().get("class").getAsString()).isEqualTo("fail");
        assertThat(json.get(2).getAsJsonObject().get("class").getAsString()).isEqualTo("advisory");
    }
}
