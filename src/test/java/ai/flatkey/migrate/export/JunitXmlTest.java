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
        assertThat(suite.getAttribute("tests")).isEqualTo("7");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("errors")).isEqualTo("1");
        assertThat(suite.getAttribute("skipped")).isEqualTo("1");
        assertThat(suite.getAttribute("timestamp")).isEqualTo("2026-11-25T09:30:12Z");
        assertThat(suite.getAttribute("time")).isEqualTo("4.539");

        NodeList cases = suite.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(7);
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
        assertThat(doc.getElementsByTagName("failure").getLength()).isEqualTo(1);
        assertThat(doc.getElementsByTagName("error").getLength()).isEqualTo(1);
        assertThat(doc.getElementsByTagName("skipped").getLength()).isEqualTo(1);
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
        assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(8);
        assertThat(doc.getElementsByTagName("failure").getLength()).isEqualTo(2);
    }
}
