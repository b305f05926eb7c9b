package ai.flatkey.migrate.plan;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Check files: YAML or JSON, read with line numbers; every mistake that can be known before sending is refused by line. */
class CheckFileTest {
    @TempDir
    Path dir;

    private static final String GOOD = """
            version: 1
            checks:
              - name: hello
                body:
                  model: gpt-4o-mini
                  messages: [{role: user, content: Hi}]
                  temperature: 0.2
                assert:
                  - status: 200
                  - icontains: hello
                  - usage
              - name: embed
                endpoint: embeddings
                body: {model: text-embedding-3-small, input: [a, b]}
                assert:
                  - embedding-count: 2
                  - embedding-dimensions: 1536
            """;

    @Test
    void aYamlFileGivesItsChecksWithTheLineEachStartsOn() {
        CheckFile.Loaded loaded = CheckFile.parse(GOOD, "checks.yaml");
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.checks()).extracting(RequestCheck::name).containsExactly("hello", "embed");
        RequestCheck hello = loaded.checks().get(0);
        assertThat(hello.origin()).isEqualTo("checks.yaml:3");
        assertThat(hello.api()).isEqualTo(RequestCheck.Api.CHAT);
        assertThat(hello.model()).isEqualTo("gpt-4o-mini");
        assertThat(hello.body().toString())
                .isEqualTo("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"temperature\":0.2}");
        assertThat(hello.assertions()).containsExactly(Assertion.text(Assertion.Kind.STATUS, "200"),
                Assertion.textIgnoringCase(Assertion.Kind.CONTAINS, "hello"), Assertion.of(Assertion.Kind.USAGE));
        assertThat(loaded.checks().get(1).api()).isEqualTo(RequestCheck.Api.EMBEDDINGS);
        assertThat(loaded.checks().get(1).origin()).isEqualTo("checks.yaml:12");
    }

    @Test
    void theSameChecksWrittenAsJsonReadTheSameAndRoundTrip() {
        List<RequestCheck> yaml = CheckFile.parse(GOOD, "checks.yaml").checks();
        String json = CheckFile.toJson(yaml);
        CheckFile.Loaded again = CheckFile.parse(json, "checks.json");
        assertThat(again.problems()).isEmpty();
        assertThat(again.checks()).extracting(c -> c.withOrigin("")).isEqualTo(yaml.stream().map(c -> c.withOrigin("")).toList());
        assertThat(again.checks().get(0).origin()).startsWith("checks.json:");
    }

    @Test
    void everyAssertionKindSurvivesThePlanForm() {
        List<Assertion> all = List.of(Assertion.text(Assertion.Kind.STATUS, "4xx"), Assertion.text(Assertion.Kind.ERROR_TYPE, "x"),
                Assertion.text(Assertion.Kind.CONTAINS, "a"), Assertion.textIgnoringCase(Assertion.Kind.NOT_CONTAINS, "b"),
                Assertion.text(Assertion.Kind.REGEX, "c+"), Assertion.textIgnoringCase(Assertion.Kind.EQUALS, "d"),
                Assertion.of(Assertion.Kind.NOT_EMPTY), Assertion.json(null),
                Assertion.json(JsonParser.parseString("{\"type\":\"object\"}").getAsJsonObject()),
                Assertion.toolCall("f", 2), Assertion.toolCall("f", null), Assertion.toolCall("", null),
                Assertion.of(Assertion.Kind.TOOL_ARGS), Assertion.text(Assertion.Kind.FINISH_REASON, "stop"),
                Assertion.of(Assertion.Kind.USAGE), Assertion.number(Assertion.Kind.TTFT, 250),
                Assertion.number(Assertion.Kind.CHUNKS, 3), Assertion.of(Assertion.Kind.DONE),
                Assertion.number(Assertion.Kind.LATENCY, 1500.5), Assertion.number(Assertion.Kind.TOKENS, 100),
                Assertion.number(Assertion.Kind.COST, 0.0025));
        for (Assertion a : all) {
            List<String> problems = new java.util.ArrayList<>();
            Assertion back = CheckSyntax.assertion(a.toJson(), "test", (at, m) -> problems.add(m));
            assertThat(problems).as(a.toJson().toString()).isEmpty();
            assertThat(back).as(a.toJson().toString()).isEqualTo(a);
        }
    }

    @Test
    void anchorsAliasesAndMergeKeysAreRead() {
        String text = """
                checks:
                  - name: base
                    body: &chat
                      model: m
                      messages: [{role: user, content: JSON please}]
                    assert: [not-empty]
                  - name: json
                    body:
                      <<: *chat
                      response_format: {type: json_object}
                    assert: [is-json]
                """;
        CheckFile.Loaded loaded = CheckFile.parse(text, "c.yaml");
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.checks().get(1).body()).isEqualTo(JsonParser.parseString("{\"model\":\"m\",\"messages\":[{\"role\":"
                + "\"user\",\"content\":\"JSON please\"}],\"response_format\":{\"type\":\"json_object\"}}"));
    }

    /** Each mistake, at the line it is on. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown assertion        | 6 | - containz: x                              | unknown assertion "containz"
            regex that cannot compile| 6 | - regex: '(['                              | the regular expression does not compile
            schema that is no schema | 6 | - is-json: {type: strin}                   | not a valid JSON Schema
            ttft without a stream    | 6 | - ttft: 100                                | needs a streamed request
            tool call without tools  | 6 | - tool-call: get_weather                   | the body offers no tools
            embeddings on chat       | 6 | - embedding-count: 1                       | applies to answers of [embeddings]
            a negative bound         | 6 | - latency: -5                              | needs a number of milliseconds
            a fractional count       | 6 | - chunks: 2.5                              | needs a whole number of chunks
            a status that is none    | 6 | - status: 99                               | status is an HTTP status
            a value where none goes  | 6 | - usage: 5                                 | usage takes no value
            two kinds in one item    | 6 | - {contains: a, regex: b}                  | one assertion per list item
            ignore-case on a regex   | 6 | - {regex: a, ignore-case: true}            | ignore-case applies to contains
            """)
    void aMistakeInAnAssertionNamesItsLine(String what, int line, String assertion, String message) {
        String text = "checks:\n"
                + "  - name: c\n"
                + "    body:\n"
                + "      messages: [{role: user, content: Hi}]\n"
                + "    assert:\n"
                + "      " + assertion + "\n";
        CheckFile.Loaded loaded = CheckFile.parse(text, "checks.yaml");
        assertThat(loaded.checks()).as(what).isEmpty();
        assertThat(loaded.problems()).as(what).anySatisfy(p -> assertThat(p).startsWith("checks.yaml:" + line + ": ")
                .contains(message));
    }

    @Test
    void mistakesInTheCheckItselfNameTheirLines() {
        String text = """
                checks:
                  - name: has space
                    body: {messages: [{role: user, content: Hi}]}
                  - name: ok
                    endpoint: completions
                    body: {messages: [{role: user, content: Hi}]}
                  - name: nobody
                    assert: [usage]
                  - name: nomessages
                    body: {model: m}
                  - name: dup
                    body: {messages: [{role: user, content: Hi}]}
                  - name: dup
                    body: {messages: [{role: user, content: Hi}]}
                  - name: weather
                    colour: red
                    body:
                      messages: [{role: user, content: Hi}]
                      tools: [{type: function, function: {name: get_weather, parameters: {type: object}}}]
                    assert:
                      - tool-call: get_time
                """;
        CheckFile.Loaded loaded = CheckFile.parse(text, "c.yaml");
        assertThat(loaded.checks()).isEmpty();
        assertThat(loaded.problems()).anySatisfy(p -> assertThat(p).startsWith("c.yaml:2: ").contains("may only hold letters"))
                .anySatisfy(p -> assertThat(p).startsWith("c.yaml:5: ").contains("not one of chat, responses, embeddings"))
                .anySatisfy(p -> assertThat(p).startsWith("c.yaml:7: ").contains("\"body\" must be the request's JSON object"))
                .anySatisfy(p -> assertThat(p).startsWith("c.yaml:10: ").contains("non-empty \"messages\" list"))
                .anySatisfy(p -> assertThat(p).startsWith("c.yaml:13: ").contains("a second check named \"dup\""))
                .anySatisfy(p -> assertThat(p).startsWith("c.yaml:16: ").contains("unknown key \"colour\""))
                .anySatisfy(p -> assertThat(p).startsWith("c.yaml:21: ").contains("offers no function \"get_time\" (it offers [get_weather])"));
    }

    @Test
    void aYamlSyntaxErrorAndADuplicateKeyNameTheirLines() {
        CheckFile.Loaded syntax = CheckFile.parse("checks:\n  - name: a\n    body: {messages: [\n", "s.yaml");
        assertThat(syntax.problems()).singleElement().satisfies(p -> assertThat(p).startsWith("s.yaml:4: not valid YAML or JSON"));
        CheckFile.Loaded dup = CheckFile.parse("checks:\n  - name: a\n    name: b\n    body: {messages: [x]}\n", "d.yaml");
        assertThat(dup.problems()).singleElement().satisfies(p -> assertThat(p).startsWith("d.yaml:3: ")
                .contains("duplicate key \"name\" (it is first given on line 2)"));
        CheckFile.Loaded json = CheckFile.parse("{\"checks\": [\n  {\"name\": \"a\",\n   \"body\": {\"messages\": [1]},\n"
                + "   \"assert\": [\"nope\"]}]}", "c.json");
        assertThat(json.problems()).singleElement().satisfies(p -> assertThat(p).startsWith("c.json:4: ")
                .contains("unknown assertion \"nope\""));
    }

    @Test
    void filesThatAreNotCheckFilesSaySo() throws Exception {
        assertThat(CheckFile.read(dir.resolve("missing.yaml")).problems()).singleElement()
                .satisfies(p -> assertThat(p).contains("missing.yaml: does not exist"));
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "  \n");
        assertThat(CheckFile.read(empty).problems()).singleElement().satisfies(p -> assertThat(p).contains("is empty"));
        Path scalar = Files.writeString(dir.resolve("scalar.yaml"), "just text\n");
        assertThat(CheckFile.read(scalar).problems()).singleElement()
                .satisfies(p -> assertThat(p).contains("\"checks\" must be a list"));
        Path binary = Files.write(dir.resolve("bin.yaml"), new byte[] {(byte) 0xff, (byte) 0xfe, 0});
        assertThat(CheckFile.read(binary).problems()).singleElement().satisfies(p -> assertThat(p).contains("not UTF-8"));
        Path newer = Files.writeString(dir.resolve("v2.yaml"), "version: 2\nchecks: []\n");
        assertThat(CheckFile.read(newer).problems()).singleElement()
                .satisfies(p -> assertThat(p).startsWith("v2.yaml:1: ").contains("version 1"));
    }

    @Test
    void aBillionLaughsFileIsRefused() {
        StringBuilder text = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'k'; c++) {
            text.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                text.append(i == 0 ? "" : ", ").append('*').append(prev);
            }
            text.append("]\n");
            prev = c;
        }
        CheckFile.Loaded loaded = CheckFile.parse(text.toString(), "laughs.yaml");
        assertThat(loaded.checks()).isEmpty();
        assertThat(loaded.problems()).isNotEmpty();
    }

    @Test
    void theDocumentedExampleReadsWithoutProblems() {
        CheckFile.Loaded loaded = CheckFile.read(Path.of("docs/examples/support-suite.yaml"));
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.checks()).hasSize(12);
        assertThat(loaded.checks().stream().filter(c -> c.body().has("tools"))).hasSize(2);
        assertThat(loaded.checks().stream().filter(c -> c.body().has("response_format"))).hasSize(4);
    }
}
