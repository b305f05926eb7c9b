package ai.flatkey.migrate.plan;

import com.google.gson.JsonElement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** promptfoo configs as request checks: each test × provider one check, assertions mapped or named as not importable. */
class PromptfooImportTest {
    @TempDir
    Path dir;

    private ForeignChecks read(String yaml) {
        JsonElement root = CheckFile.document(yaml, "promptfooconfig.yaml");
        assertThat(PromptfooImport.looksLikePromptfoo(root)).isTrue();
        return PromptfooImport.read(root, "promptfooconfig.yaml", dir);
    }

    private static RequestCheck named(ForeignChecks r, String name) {
        return r.checks().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + r.checks().stream().map(RequestCheck::name).toList()
                        + "; not imported: " + r.notImported()));
    }

    private static List<String> kinds(RequestCheck c) {
        return c.assertions().stream().map(Assertion::describe).toList();
    }

    @Test
    void toolsFromAMergedConfigReachTheBodyAndTheToolsCallAssertionChecksThem() {
        ForeignChecks r = read("""
                x-tools: &tools
                  tools:
                    - type: function
                      function:
                        name: get_order
                        parameters: {type: object, properties: {id: {type: string}}, required: [id]}
                  tool_choice: auto
                prompts: ['Look up order {{ order }} for {{customer}}.']
                providers:
                  - id: openai:chat:gpt-4o-mini
                    label: tools
                    config:
                      <<: *tools
                      temperature: 0.2
                      apiBaseUrl: https://proxy.internal.test/v1
                  - id: openai:responses:gpt-4.1-mini
                    label: resp
                    config: *tools
                defaultTest:
                  vars: {customer: Ada}
                  assert:
                    - {type: latency, threshold: 8000}
                tests:
                  - description: Order lookup!
                    vars: {order: A-7}
                    assert:
                      - type: is-valid-openai-tools-call
                      - type: finish-reason
                        value: tool_calls
                      - type: cost
                        threshold: 0.002
                  - description: summary
                    providers: [resp]
                    options: {transform: output.trim()}
                    vars: {order: B-9}
                    assert:
                      - {type: contains, value: B-9, weight: 2}
                """);
        assertThat(r.checks()).extracting(RequestCheck::name).containsExactly("order-lookup-tools", "summary-resp");
        assertThat(r.notImported()).singleElement().asString().startsWith("test \"Order lookup!\" × resp: check"
                + " \"order-lookup-resp\", assertion 2 (tool-call): applies to answers of [chat], not of the responses endpoint");
        RequestCheck chat = named(r, "order-lookup-tools");
        assertThat(chat.api()).isEqualTo(RequestCheck.Api.CHAT);
        assertThat(chat.body().toString()).isEqualTo("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"Look up order A-7 for Ada.\"}],\"temperature\":0.2,\"tools\":[{\"type\":\"function\",\"function\":{\"name\":"
                + "\"get_order\",\"parameters\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"}},"
                + "\"required\":[\"id\"]}}}],\"tool_choice\":\"auto\"}");
        assertThat(chat.assertions()).extracting(Assertion::kind).containsExactly(Assertion.Kind.LATENCY,
                Assertion.Kind.TOOL_CALL, Assertion.Kind.TOOL_ARGS, Assertion.Kind.FINISH_REASON, Assertion.Kind.COST);
        RequestCheck resp = named(r, "summary-resp");
        assertThat(resp.api()).isEqualTo(RequestCheck.Api.RESPONSES);
        assertThat(resp.body().getAsJsonArray("input")).hasSize(1);
        assertThat(String.join("\n", r.notes())).contains("provider tools (openai:chat:gpt-4o-mini): config apiBaseUrl dropped",
                "test \"summary\": \"options\" not read (a request check has no form of it)",
                "test \"summary\" × resp: assertion contains: \"weight\" not read");
    }

    @Test
    void chatMessagePromptsVarsAndPinnedProvidersMakeOneCheckPerTestAndProvider() throws Exception {
        Files.writeString(dir.resolve("triage.yaml"), """
                - role: system
                  content: Classify the ticket for {{team}}.
                - role: user
                  content: '{{ticket}}'
                """);
        ForeignChecks r = read("""
                prompts:
                  - file://triage.yaml
                  - file://prompts/missing.json
                  - file://render.py:make_prompt
                providers:
                  - id: openai:chat:gpt-4o-mini
                    label: small
                  - id: openai:chat:gpt-4.1
                    label: large
                    config:
                      response_format: {type: json_object}
                      max_tokens: 300
                  - openai:embedding:text-embedding-3-small
                  - vertex:gemini-2.0-flash
                tests:
                  - description: billing
                    providers: [small, large]
                    vars: {team: support, ticket: I was charged twice}
                    assert:
                      - type: icontains
                        value: BILLING
                      - type: not-icontains
                        value: sorry
                      - type: equals
                        value: billing
                      - type: regex
                        value: '^(billing|refund)$'
                      - type: contains-json
                        value: {type: object, required: [team]}
                      - type: similar
                        value: billing issue
                      - type: python
                        value: file://checks/triage.py
                  - description: embed
                    providers: ['openai:embedding:*']
                    vars: {team: x, ticket: y}
                  - description: no ticket
                    providers: [small]
                    vars: {team: support}
                """);
        assertThat(r.checks()).extracting(RequestCheck::name).containsExactly("billing-small", "billing-large",
                "embed-openai-embedding-text-embedding-3-small");
        RequestCheck small = named(r, "billing-small");
        assertThat(small.body().getAsJsonArray("messages").get(0).getAsJsonObject().get("content").getAsString())
                .isEqualTo("Classify the ticket for support.");
        assertThat(small.body().has("response_format")).isFalse();
        assertThat(named(r, "billing-large").body().get("max_tokens").getAsInt()).isEqualTo(300);
        assertThat(kinds(small)).hasSize(5);
        assertThat(small.assertions()).extracting(Assertion::kind).containsExactly(Assertion.Kind.CONTAINS,
                Assertion.Kind.NOT_CONTAINS, Assertion.Kind.EQUALS, Assertion.Kind.REGEX, Assertion.Kind.IS_JSON);
        assertThat(small.assertions().get(0).ignoreCase()).isTrue();
        RequestCheck emb = named(r, "embed-openai-embedding-text-embedding-3-small");
        assertThat(emb.api()).isEqualTo(RequestCheck.Api.EMBEDDINGS);
        assertThat(emb.body().get("input").getAsString()).contains("Classify the ticket for x.");
        String report = String.join("\n", r.notImported());
        assertThat(report).contains(
                "prompt file://prompts/missing.json: not importable: ",
                "prompt file://render.py:make_prompt: a prompt function or glob is not importable",
                "provider vertex:gemini-2.0-flash: not importable",
                "test \"billing\" × small: assertion similar is not importable",
                "test \"billing\" × large: assertion python with value file://checks/triage.py (a file:// value) is not importable",
                "test \"no ticket\" × small: the prompt uses {{ticket}}, which this test's vars do not set");
        assertThat(String.join("\n", r.notes())).contains("contains-json became is-json, which is stricter");
    }

    @Test
    void anAssertionTheEndpointCannotHaveIsNotImportedAndSaysWhy() {
        ForeignChecks r = read("""
                prompts: ['{{text}}']
                providers: [openai:embeddings:text-embedding-3-large, openai:gpt-4o-mini]
                tests:
                  - vars: {text: hello}
                    assert:
                      - type: contains
                        value: hello
                      - type: not-regex
                        value: x
                      - type: latency
                """);
        assertThat(r.checks()).extracting(RequestCheck::name).containsExactly("test-1-openai-gpt-4o-mini");
        assertThat(String.join("\n", r.notImported())).contains(
                "test \"test 1\" × openai:embeddings:text-embedding-3-large: check \"test-1-openai-embeddings-text-embedding-3-large\"",
                "assertion not-regex is not importable", "assertion latency needs a numeric threshold");
    }

    @Test
    void aCheckFileIsNotTakenForAPromptfooConfig() {
        assertThat(PromptfooImport.looksLikePromptfoo(CheckFile.document("checks: []\nversion: 1", "c.yaml"))).isFalse();
        assertThat(PromptfooImport.looksLikePromptfoo(CheckFile.document("- name: x\n  body: {}", "c.yaml"))).isFalse();
    }
}
