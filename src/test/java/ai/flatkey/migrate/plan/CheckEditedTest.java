package ai.flatkey.migrate.plan;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A check typed as parts (the wizard's check editor) is read as a check file's is: same refusals, body lines and columns. */
class CheckEditedTest {
    private static final String BODY = "{\n  \"model\": \"gpt-4o-mini\",\n  \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]\n}";

    @Test
    void aBodyThatDoesNotReadNamesItsLineAndColumn() {
        CheckFile.Edited e = CheckFile.edited("x", RequestCheck.Api.CHAT, "{\n  \"model\": \"m\"\n  \"messages\": []\n}", List.of());
        assertThat(e.ok()).isFalse();
        assertThat(e.problems()).singleElement().asString().matches("body, line 3, column \\d+: not valid JSON: .*");
    }

    @Test
    void theRestGetsTheCheckFilesMessagesWithTheBodysLine() {
        CheckFile.Edited e = CheckFile.edited("x", RequestCheck.Api.CHAT, "{\n  \"model\": \"m\",\n  \"messages\": []\n}",
                List.of(new AssertionText(Assertion.Kind.TTFT, "200", false, "")));
        assertThat(e.problems()).containsExactly(
                "body, line 3: check \"x\": a chat body needs a non-empty \"messages\" list",
                "check \"x\", assertion 1 (ttft): needs a streamed request: add \"stream\": true to the body");
        assertThat(CheckFile.edited("bad name", RequestCheck.Api.CHAT, BODY, List.of()).problems())
                .singleElement().asString().contains("may only hold letters, digits");
        assertThat(CheckFile.edited("x", RequestCheck.Api.CHAT, BODY,
                List.of(new AssertionText(Assertion.Kind.LATENCY, "soon", false, ""))).problems())
                .singleElement().asString().contains("latency needs a number of milliseconds");
    }

    @Test
    void assertionsAsTypedReadBackAsTheyWereStored() {
        List<Assertion> stored = List.of(Assertion.textIgnoringCase(Assertion.Kind.CONTAINS, "Paris"),
                Assertion.number(Assertion.Kind.LATENCY, 2500), Assertion.toolCall("", 0), Assertion.of(Assertion.Kind.USAGE),
                Assertion.text(Assertion.Kind.STATUS, "4xx"));
        CheckFile.Edited e = CheckFile.edited("x", RequestCheck.Api.CHAT, BODY, stored.stream().map(AssertionText::of).toList());
        assertThat(e.problems()).isEmpty();
        assertThat(e.check().assertions()).isEqualTo(stored);
        assertThat(e.check().model()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void theModelIsSetFirstInTheBodyOrRemoved() {
        assertThat(CheckFile.withModel("{\"messages\": [], \"model\": \"a\", \"max_tokens\": 5}", "b"))
                .isEqualTo("{\n  \"model\": \"b\",\n  \"messages\": [],\n  \"max_tokens\": 5\n}");
        assertThat(CheckFile.withModel(BODY, "")).doesNotContain("model");
        assertThatThrownBy(() -> CheckFile.withModel("[1]", "b")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> CheckFile.withModel("{ broken", "b")).hasMessageContaining("body");
    }
}
