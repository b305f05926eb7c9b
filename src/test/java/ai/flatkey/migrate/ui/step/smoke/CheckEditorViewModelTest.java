package ai.flatkey.migrate.ui.step.smoke;

import ai.flatkey.migrate.demo.DemoConfig;
import ai.flatkey.migrate.demo.DemoGateway;
import ai.flatkey.migrate.plan.Assertion;
import ai.flatkey.migrate.plan.AssertionResult;
import ai.flatkey.migrate.plan.CheckFile;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.plan.RequestCheck;
import ai.flatkey.migrate.secrets.KeyResolver;
import ai.flatkey.migrate.smoke.SmokeRunner;
import ai.flatkey.migrate.smoke.SmokeService;
import ai.flatkey.migrate.smoke.SuiteRun;
import ai.flatkey.migrate.ui.StepFixtures;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.ui.support.Tone;
import ai.flatkey.migrate.usage.UsageService;
import ai.flatkey.migrate.usage.Verification;
import ai.flatkey.migrate.wire.OpenAiClient;
import ai.flatkey.migrate.wire.Transport;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The check editor without a robot: editing and validation (the check file's messages, with the body's line and
 * column), the model picker, saving into the plan and back, read-only file checks, delete and undo, and Try it
 * against the demo gateway — passing on a mapped model, failing ASSERT-USAGE on the demo's no-usage fault model.
 */
class CheckEditorViewModelTest extends StepFixtures {
    private static DemoGateway gateway;
    private final ExecutorService smokePool = Executors.newFixedThreadPool(4);
    private final OkHttpClient http = OpenAiClient.newHttpClient();

    @BeforeAll
    static void startDemo() throws Exception {
        gateway = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(0));
    }

    @AfterAll
    static void stopDemo() {
        gateway.close();
    }

    @AfterEach
    void stopPool() {
        smokePool.shutdownNow();
        http.dispatcher().executorService().shutdown();
    }

    private static MigrationPlan demoPlan() {
        return MigrationPlan.newPlan("p").withTarget(new Endpoint("custom", gateway.baseUrl(), "env:GW_KEY"))
                .withMappings(List.of(new ModelMapping("gpt-4o-mini", "gpt-5.5", List.of("chat"), ""),
                        new ModelMapping("legacy-model", "demo-no-usage", List.of("chat"), "")));
    }

    private CheckEditorViewModel editor(PlanDocument doc) {
        KeyResolver keys = new KeyResolver(Map.of("GW_KEY", DemoGateway.DEMO_KEY)::get);
        SuiteRun suite = new SuiteRun(SmokeService.of(new SmokeRunner(Transport.over(http), smokePool, Clock.systemUTC())),
                new Verification(UsageService.manualOnly()), keys);
        return new CheckEditorViewModel(doc, suite, bg);
    }

    @Test
    void aNewCheckIsValidatedLiveWithTheBodysLineAndColumnAndSavedIntoThePlan() {
        PlanDocument doc = new PlanDocument(demoPlan());
        CheckEditorViewModel vm = editor(doc);
        assertThat(vm.checks()).isEmpty();
        assertThat(vm.models()).containsExactly("gpt-4o-mini", "legacy-model");

        vm.add();
        CheckDraft d = vm.selected.get();
        assertThat(d.name.get()).isEqualTo("check-1");
        assertThat(vm.openProperty().get()).isTrue();
        assertThat(vm.problemsProperty().get()).isEmpty();
        assertThat(vm.modelProperty().get()).isEqualTo("gpt-4o-mini");
        assertThat(vm.modelNoteProperty().get()).isEqualTo("Sent to gpt-5.5: the plan maps gpt-4o-mini to it.");

        d.body.set("{\n  \"model\": \"gpt-4o-mini\",\n  \"messages\": [\n    {\"role\": \"user\" \"content\": \"hi\"}\n  ]\n}");
        assertThat(vm.problemsProperty().get()).startsWith("body, line 4, column ").contains("not valid JSON");
        assertThat(vm.save()).isFalse();
        assertThat(vm.statusProperty().get()).startsWith("Not saved: body, line 4, column ");
        assertThat(vm.statusToneProperty().get()).isEqualTo(Tone.DANGER);
        assertThat(doc.plan().requestChecks()).as("an invalid body is never saved, nor dropped").isEmpty();
        assertThat(d.body.get()).contains("\"role\": \"user\" \"content\"");

        d.body.set("{\n  \"model\": \"gpt-4o-mini\",\n  \"messages\": []\n}");
        assertThat(vm.problemsProperty().get()).isEqualTo(
                "body, line 3: check \"check-1\": a chat body needs a non-empty \"messages\" list");

        d.body.set("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"max_tokens\": 32}");
        AssertionDraft ttft = vm.addAssertion(Assertion.Kind.TTFT);
        ttft.value.set("500");
        assertThat(vm.problemsProperty().get()).contains("assertion 2 (ttft): needs a streamed request");
        ttft.kind.set(Assertion.Kind.LATENCY);
        ttft.value.set("soon");
        assertThat(vm.problemsProperty().get()).contains("assertion 2: latency needs a number of milliseconds");
        ttft.value.set("30000");
        AssertionDraft contains = vm.addAssertion(Assertion.Kind.CONTAINS);
        contains.value.set("Hello");
        contains.ignoreCase.set(true);
        assertThat(vm.problemsProperty().get()).isEmpty();

        vm.pickModel("gpt-4o-mini");
        assertThat(d.body.get()).startsWith("{\n  \"model\": \"gpt-4o-mini\",").contains("\"max_tokens\": 32");
        assertThat(vm.modelProperty().get()).isEqualTo("gpt-4o-mini");
        vm.pickModel("legacy-model");
        assertThat(vm.modelNoteProperty().get()).isEqualTo("Sent to demo-no-usage: the plan maps legacy-model to it.");
        vm.pickModel("");
        assertThat(d.body.get()).doesNotContain("\"model\"");
        assertThat(vm.modelNoteProperty().get()).startsWith("No model in the body: it runs once on every mapped chat model");

        d.name.set("greeting");
        assertThat(vm.save()).isTrue();
        RequestCheck saved = doc.plan().requestChecks().get(0);
        assertThat(saved.name()).isEqualTo("greeting");
        assertThat(saved.assertions()).extracting(Assertion::describe)
                .containsExactly("answer not empty", "latency ≤ 30000 ms", "contains \"Hello\" (any case)");
        assertThat(d.isDirty()).isFalse();
        assertThat(doc.isDirty()).isTrue();
    }

    @Test
    void editsSurviveSwitchingChecksAndASavedPlanReadsBackTheSame() throws Exception {
        MigrationPlan plan = demoPlan().withRequestChecks(List.of(
                new RequestCheck("one", RequestCheck.Api.CHAT, body("gpt-4o-mini"), List.of(Assertion.of(Assertion.Kind.USAGE)), ""),
                new RequestCheck("two", RequestCheck.Api.CHAT, body("gpt-4o-mini"), List.of(), "")));
        PlanDocument doc = new PlanDocument(plan);
        CheckEditorViewModel vm = editor(doc);
        vm.open();
        CheckDraft one = vm.selected.get();
        one.body.set("{ broken");
        vm.selected.set(vm.checks().get(1));
        vm.selected.set(one);
        assertThat(one.body.get()).isEqualTo("{ broken");
        assertThat(one.labelProperty().get()).isEqualTo("one  · unsaved");
        assertThat(doc.pendingEdits()).as("opening another plan or closing asks before dropping it")
                .containsExactly("1 request check edited and not saved");
        vm.revert();
        assertThat(doc.pendingEdits()).isEmpty();
        assertThat(vm.selected.get().body.get()).contains("\"gpt-4o-mini\"");

        vm.selected.set(vm.checks().get(1));
        vm.selected.get().name.set("one");
        assertThat(vm.problemsProperty().get()).contains("another check is called \"one\"");
        vm.selected.get().name.set("two-renamed");
        vm.addAssertion(Assertion.Kind.TOOL_CALL).count.set("0");
        assertThat(vm.save()).isTrue();
        assertThat(vm.statusProperty().get()).isEqualTo("Saved two-renamed in the plan (renamed from two).");

        Path file = tmp.resolve("plan.json");
        new PlanStore().save(file, doc.plan());
        MigrationPlan back = new PlanStore().load(file);
        assertThat(back.requestChecks()).isEqualTo(doc.plan().requestChecks());
        assertThat(back.requestChecks()).extracting(RequestCheck::name).containsExactly("one", "two-renamed");

        vm.delete();
        assertThat(doc.plan().requestChecks()).extracting(RequestCheck::name).containsExactly("one");
        assertThat(vm.canUndoProperty().get()).isTrue();
        vm.undoDelete();
        assertThat(doc.plan().requestChecks()).extracting(RequestCheck::name).containsExactly("one", "two-renamed");
        vm.duplicate();
        assertThat(vm.selected.get().name.get()).isEqualTo("two-renamed-copy");
        assertThat(vm.selected.get().assertions()).hasSize(1);
    }

    @Test
    void aCheckFilesChecksAreShownReadOnlyWithTheFileName() {
        CheckFile.Loaded file = CheckFile.parse("checks:\n  - name: from-file\n    body:\n      model: gpt-4o-mini\n"
                + "      messages: [{role: user, content: hi}]\n    assert: [usage]\n", "support.yaml");
        assertThat(file.problems()).isEmpty();
        PlanDocument doc = new PlanDocument(demoPlan().withCheckFiles(List.of("support.yaml")).withFileChecks(file.checks()));
        CheckEditorViewModel vm = editor(doc);
        vm.open();
        CheckDraft d = vm.selected.get();
        assertThat(vm.readOnlyProperty().get()).isTrue();
        assertThat(d.labelProperty().get()).isEqualTo("from-file  · support.yaml (read-only)");
        assertThat(vm.statusProperty().get()).contains("read-only");
        assertThat(vm.save()).isFalse();
        vm.delete();
        assertThat(vm.statusProperty().get()).startsWith("This check is in support.yaml:2: delete it there");
        assertThat(vm.checks()).hasSize(1);
        assertThat(doc.plan().requestChecks()).isEmpty();
    }

    @Test
    void tryItRunsTheCheckAsTypedAgainstTheDemoGatewayAndListsEachAssertion() throws Exception {
        PlanDocument doc = new PlanDocument(demoPlan());
        CheckEditorViewModel vm = editor(doc);
        vm.add();
        vm.addAssertion(Assertion.Kind.USAGE);
        vm.addAssertion(Assertion.Kind.FINISH_REASON).value.set("stop");
        vm.tryIt();
        ui.runUntil(() -> !vm.trial().runningProperty().get() && !vm.trial().results().isEmpty());
        assertThat(vm.trial().results()).as(vm.trial().summaryProperty().get())
                .extracting(AssertionLine::ruleId, AssertionLine::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ASSERT-NOT-EMPTY", "held"),
                        org.assertj.core.groups.Tuple.tuple("ASSERT-USAGE", "held"),
                        org.assertj.core.groups.Tuple.tuple("ASSERT-FINISH-REASON", "held"));
        assertThat(vm.trial().summaryToneProperty().get()).isEqualTo(Tone.SUCCESS);
        assertThat(vm.trial().rows()).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("request:check-1");
            assertThat(r.result().reason()).contains("sent to gpt-5.5");
        });
        assertThat(String.join("\n", vm.trial().outputLines())).isNotBlank();
        assertThat(doc.plan().smokeRuns()).as("a try is not stored").isEmpty();
        assertThat(doc.plan().requestChecks()).as("nor is the check it tried").isEmpty();

        vm.pickModel("legacy-model");
        vm.tryIt();
        ui.runUntil(() -> !vm.trial().runningProperty().get() && !vm.trial().results().isEmpty());
        assertThat(vm.trial().results()).filteredOn(a -> a.status().equals(AssertionResult.Status.FAIL.label()))
                .extracting(AssertionLine::ruleId).contains("ASSERT-USAGE");
        assertThat(vm.trial().summaryToneProperty().get()).isEqualTo(Tone.DANGER);
    }

    private static com.google.gson.JsonObject body(String model) {
        return com.google.gson.JsonParser.parseString("{\"model\":\"" + model
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":16}").getAsJsonObject();
    }
}
