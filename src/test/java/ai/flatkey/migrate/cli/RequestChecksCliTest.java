package ai.flatkey.migrate.cli;

import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.secrets.KeyResolver;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code run} with request checks: the plan references a check file kept beside it; {@code --checks 'request:*'}
 * runs them on the embedded demo gateway; JUnit has one testcase per check with each failed assertion in its message;
 * a check file with a mistake stops the run before anything is sent, naming the line.
 */
class RequestChecksCliTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    private int cli(String... args) {
        PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
        return new Cli(out, err, new KeyResolver(Map.<String, String>of()::get), new PlanStore(), Clock.systemUTC()).execute(args);
    }

    /** The demo sample plan beside {@code checkFile}, referencing it, with typed prices for the cost assertions. */
    private Path plan(String checkFile, String checks) throws Exception {
        Files.writeString(dir.resolve(checkFile), checks);
        JsonObject plan = JsonParser.parseString(Files.readString(Path.of("assets/sample-plans/demo.json"))).getAsJsonObject();
        JsonArray files = new JsonArray();
        files.add(checkFile);
        plan.add("checkFiles", files);
        JsonObject production = plan.getAsJsonArray("mappings").get(0).getAsJsonObject();
        production.addProperty("inputPer1M", 1.25);
        production.addProperty("outputPer1M", 10.0);
        Path file = dir.resolve("plan.json");
        Files.writeString(file, plan.toString());
        return file;
    }

    private static Document xml(Path file) throws Exception {
        return javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    @Test
    void theTwelveRequestSuitePassesFromTheCommandLineWithOneTestcasePerCheck() throws Exception {
        Path plan = plan("support-suite.yaml", Files.readString(Path.of("docs/examples/support-suite.yaml")));
        Path junit = dir.resolve("out/junit.xml");
        int code = cli("run", plan.toString(), "--checks", "request:*", "--junit", junit.toString());
        String out = outBytes.toString(StandardCharsets.UTF_8);
        assertThat(code).as(out + errBytes.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out).contains("Running 12 smoke checks", "PASS        request:greeting gpt-5.5",
                "PASS        request:contact-schema gpt-5.5", "12 passed, 0 failed, 0 unsupported, 0 errors");
        Document doc = xml(junit);
        NodeList cases = doc.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(12);
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            assertThat(c.getAttribute("classname")).isEqualTo("smoke.request");
            assertThat(c.getAttribute("name")).startsWith("request:");
        }
        assertThat(doc.getElementsByTagName("failure").getLength()).isZero();
    }

    @Test
    void eachFailedAssertionIsInItsTestcasesMessage() throws Exception {
        Path plan = plan("checks.yaml", """
                checks:
                  - name: fruit
                    body:
                      model: gpt-4o-mini
                      messages: [{role: user, content: Name a yellow fruit.}]
                      max_tokens: 100
                    assert:
                      - contains: banana
                      - regex: '^\\d+$'
                      - not-empty
                      - cost: 0.5
                  - name: fine
                    body:
                      model: gpt-4o-mini
                      messages: [{role: user, content: Say fine.}]
                    assert: [not-empty]
                """);
        Path junit = dir.resolve("junit.xml");
        int code = cli("run", plan.toString(), "--checks", "request:*", "--junit", junit.toString());
        assertThat(code).isEqualTo(Cli.CHECKS_FAILED);
        assertThat(outBytes.toString(StandardCharsets.UTF_8)).contains("FAIL        request:fruit  gpt-5.5",
                "[ASSERT-CONTAINS, ASSERT-REGEX]");
        Document doc = xml(junit);
        assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(2);
        Element failure = (Element) doc.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("type")).isEqualTo("ASSERT-CONTAINS");
        assertThat(failure.getAttribute("message")).startsWith("[ASSERT-CONTAINS, ASSERT-REGEX] contains \"banana\": the answer"
                + " does not contain it").contains("also ASSERT-REGEX: matches /^\\d+$/: the answer does not match");
        assertThat(failure.getTextContent()).contains("Assertions (4):", "- held ASSERT-NOT-EMPTY", "- failed ASSERT-REGEX",
                "- held ASSERT-COST cost ≤ $0.5: $0.");
        assertThat(doc.getElementsByTagName("failure").getLength()).isEqualTo(1);
    }

    @Test
    void aMistakeInTheCheckFileStopsTheRunBeforeAnythingIsSentAndNamesTheLine() throws Exception {
        Path plan = plan("checks.yaml", """
                checks:
                  - name: streamed
                    body:
                      messages: [{role: user, content: Hi}]
                    assert:
                      - ttft: 500
                """);
        int code = cli("run", plan.toString(), "--checks", "request:*");
        assertThat(code).isEqualTo(Cli.USAGE);
        assertThat(errBytes.toString(StandardCharsets.UTF_8)).contains("error: checks.yaml:6: check \"streamed\","
                + " assertion 1 (ttft): needs a streamed request: add \"stream\": true to the body", "Nothing was sent.");
        assertThat(outBytes.toString(StandardCharsets.UTF_8)).doesNotContain("Running");
    }
}
