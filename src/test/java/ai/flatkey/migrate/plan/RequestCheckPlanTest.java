package ai.flatkey.migrate.plan;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Plan schema 4: request checks in the plan and in check files it references; schema 3's custom checks converted. */
class RequestCheckPlanTest {
    private final PlanStore store = new PlanStore();

    @TempDir
    Path dir;

    static final String V3 = """
            {
              "schemaVersion": 3,
              "name": "Support bot",
              "mappings": [{"sourceModel": "gpt-4o-mini", "targetModel": "gpt-5.5", "features": ["chat"]}],
              "customChecks": [
                {"name": "refund", "prompt": "Summarise our refund policy.", "system": "You are a support bot.",
                 "extraJson": "{\\"temperature\\":0,\\"response_format\\":{\\"type\\":\\"json_object\\"}}",
                 "expect": "JSON_OBJECT", "expectValue": "", "stream": false},
                {"name": "greeting", "prompt": "", "system": "", "extraJson": "", "expect": "CONTAINS",
                 "expectValue": "Hello", "stream": true},
                {"name": "digits only", "prompt": "Count to 3", "system": "", "extraJson": "not json",
                 "expect": "MATCHES", "expectValue": "\\\\d", "stream": false},
                {"name": "anything", "prompt": "Hi", "system": "", "extraJson": "", "expect": "NON_EMPTY",
                 "expectValue": "", "stream": false}
              ]
            }
            """;

    @Test
    void schemaThreeCustomChecksBecomeRequestChecksWithTheirBodiesAndAssertions() throws Exception {
        PlanStore.Opened opened = store.openJson(V3, "bot.json");
        assertThat(opened.fileVersion()).isEqualTo(3);
        assertThat(opened.migrated()).isTrue();
        MigrationPlan plan = opened.plan();
        assertThat(plan.schemaVersion()).isEqualTo(4);
        assertThat(plan.requestChecks()).extracting(RequestCheck::name)
                .containsExactly("refund", "greeting", "digits-only", "anything");

        RequestCheck refund = plan.requestChecks().get(0);
        assertThat(refund.api()).isEqualTo(RequestCheck.Api.CHAT);
        assertThat(refund.model()).as("no model: it runs per mapped target model, as the custom check did").isEmpty();
        assertThat(refund.body()).isEqualTo(JsonParser.parseString("{\"messages\":[{\"role\":\"system\",\"content\":"
                + "\"You are a support bot.\"},{\"role\":\"user\",\"content\":\"Summarise our refund policy.\"}],"
                + "\"max_tokens\":256,\"temperature\":0,\"response_format\":{\"type\":\"json_object\"}}"));
        assertThat(refund.assertions()).containsExactly(
                Assertion.json(JsonParser.parseString("{\"type\":\"object\"}").getAsJsonObject()));

        RequestCheck greeting = plan.requestChecks().get(1);
        assertThat(greeting.stream()).isTrue();
        assertThat(greeting.body().get("stream_options").toString()).isEqualTo("{\"include_usage\":true}");
        assertThat(greeting.body().getAsJsonArray("messages").get(0).getAsJsonObject().get("content").getAsString())
                .isEqualTo(PlanStore.CUSTOM_CHECK_PROMPT);
        assertThat(greeting.assertions()).containsExactly(Assertion.textIgnoringCase(Assertion.Kind.CONTAINS, "Hello"));

        RequestCheck digits = plan.requestChecks().get(2);
        assertThat(digits.body().has("temperature")).isFalse();
        assertThat(digits.assertions()).containsExactly(Assertion.text(Assertion.Kind.REGEX, "\\d"));
        assertThat(plan.requestChecks().get(3).assertions()).containsExactly(Assertion.of(Assertion.Kind.NOT_EMPTY));

        assertThat(opened.notice()).contains("4 custom checks are now request checks",
                "The custom check \"digits only\" is now the request check \"digits-only\"",
                "The extra JSON of custom check \"digits only\" is not a JSON object", "bot.json.v3.bak");
    }

    @Test
    void savingTheMigratedPlanKeepsTheOriginalAsV3BakAndWritesRequestChecksOnly() throws Exception {
        Path file = dir.resolve("bot.json");
        Files.writeString(file, V3);
        MigrationPlan plan = store.load(file);
        store.save(file, plan);

        assertThat(Files.readString(dir.resolve("bot.json.v3.bak"))).isEqualTo(V3);
        String saved = Files.readString(file);
        assertThat(saved).contains("\"schemaVersion\": 4", "\"requestChecks\"", "\"assert\"", "\"checkFiles\": []")
                .doesNotContain("customChecks", "extraJson", "fileChecks");
        PlanStore.Opened again = store.open(file);
        assertThat(again.migrated()).isFalse();
        assertThat(again.notice()).isEmpty();
        assertThat(again.plan()).isEqualTo(plan);
    }

    @Test
    void checkFilesAreReadRelativeToThePlanAndNeverWrittenIntoIt() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("app/checks"));
        Files.writeString(repo.resolve("suite.yaml"), """
                checks:
                  - name: hello
                    body: {messages: [{role: user, content: Hi}]}
                    assert: [not-empty]
                """);
        Path file = dir.resolve("app/plan.json");
        MigrationPlan plan = MigrationPlan.newPlan("p").withCheckFiles(List.of("checks/suite.yaml"))
                .withRequestChecks(List.of(new RequestCheck("inline", RequestCheck.Api.CHAT,
                        JsonParser.parseString("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}").getAsJsonObject(),
                        List.of(Assertion.of(Assertion.Kind.USAGE)), "")));
        store.save(file, plan);

        PlanStore.Opened opened = store.open(file);
        assertThat(opened.checkProblems()).isEmpty();
        assertThat(opened.plan().fileChecks()).extracting(RequestCheck::name, RequestCheck::origin)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("hello", "suite.yaml:2"));
        assertThat(opened.plan().allRequestChecks()).extracting(RequestCheck::name).containsExactly("inline", "hello");

        store.save(file, opened.plan());
        assertThat(Files.readString(file)).contains("\"checks/suite.yaml\"", "\"inline\"").doesNotContain("\"hello\"");
        assertThat(store.open(file).plan().fileChecks()).hasSize(1);
    }

    @Test
    void savingThePlanIntoAnotherFolderKeepsItsCheckFilesPointingAtTheSameFiles() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("app/checks"));
        Files.writeString(repo.resolve("suite.yaml"), "checks:\n  - name: a\n    body: {messages: [x]}\n");
        Path first = dir.resolve("app/plan.json");
        store.save(first, MigrationPlan.newPlan("p").withCheckFiles(List.of("checks/suite.yaml", "/abs/other.yaml")));
        MigrationPlan opened = store.open(first).plan();

        Path second = Files.createDirectories(dir.resolve("reviews/q4")).resolve("plan.json");
        MigrationPlan moved = PlanStore.movedTo(opened, first, second);
        assertThat(moved.checkFiles()).containsExactly("../../app/checks/suite.yaml", "/abs/other.yaml");
        store.save(second, moved.withCheckFiles(List.of(moved.checkFiles().get(0))));
        assertThat(store.open(second).plan().fileChecks()).extracting(RequestCheck::name).containsExactly("a");
        assertThat(PlanStore.movedTo(opened, first, dir.resolve("app/copy.json"))).isSameAs(opened);
        assertThat(PlanStore.movedTo(opened, null, second)).isSameAs(opened);
    }

    @Test
    void aBrokenCheckFileStillOpensThePlanAndNamesTheLine() throws Exception {
        Files.writeString(dir.resolve("suite.yaml"), "checks:\n  - name: a\n    body: {messages: [x]}\n    assert: [nope]\n");
        Path file = dir.resolve("plan.json");
        store.save(file, MigrationPlan.newPlan("p").withCheckFiles(List.of("suite.yaml", "missing.yaml")));

        PlanStore.Opened opened = store.open(file);
        assertThat(opened.plan().fileChecks()).isEmpty();
        assertThat(opened.checkProblems()).hasSize(2)
                .anySatisfy(p -> assertThat(p).startsWith("suite.yaml:4: ").contains("unknown assertion \"nope\""))
                .anySatisfy(p -> assertThat(p).contains("missing.yaml: does not exist"));
        assertThat(opened.notice()).contains("check files have 2 problems", "suite.yaml:4");
    }

    @Test
    void aNameInBothThePlanAndAFileIsAProblem() throws Exception {
        Files.writeString(dir.resolve("suite.yaml"), "checks:\n  - name: same\n    body: {messages: [x]}\n");
        Path file = dir.resolve("plan.json");
        JsonObject body = JsonParser.parseString("{\"messages\":[\"x\"]}").getAsJsonObject();
        store.save(file, MigrationPlan.newPlan("p").withCheckFiles(List.of("suite.yaml"))
                .withRequestChecks(List.of(new RequestCheck("same", RequestCheck.Api.CHAT, body, List.of(), ""))));
        assertThat(store.open(file).checkProblems()).singleElement()
                .satisfies(p -> assertThat(p).startsWith("suite.yaml:2: a second request check named \"same\""));
    }

    @Test
    void aNewerPlansRequestChecksThisBuildCannotReadStillLetItOpenReadOnly() throws Exception {
        String plan = "{\"schemaVersion\":5,\"name\":\"Future\",\"requestChecks\":[{\"name\":\"x\",\"body\":"
                + "{\"messages\":[1]},\"assert\":[{\"sentiment\":\"positive\"}]}]}";
        PlanStore.Opened opened = store.openJson(plan, "future.json");
        assertThat(opened.readOnly()).isTrue();
        assertThat(opened.plan().name()).isEqualTo("Future");
        assertThat(opened.plan().requestChecks()).isEmpty();
        assertThat(opened.notice()).contains("newer version", "request checks were written in a form this build cannot read",
                "unknown assertion \"sentiment\"");
    }

    @Test
    void aRequestCheckThePlanCannotHoldIsRefusedByName() {
        String plan = "{\"schemaVersion\":4,\"requestChecks\":[{\"name\":\"x\",\"body\":{\"messages\":[1]},"
                + "\"assert\":[{\"regex\":\"([\"}]}]}";
        assertThatThrownBy(() -> store.fromJson(plan, "p.json")).isInstanceOf(PlanStoreException.class)
                .hasMessageContaining("p.json has a request check it cannot hold: check \"x\", assertion 1:"
                        + " the regular expression does not compile")
                .hasMessageContaining("left untouched");
    }
}
