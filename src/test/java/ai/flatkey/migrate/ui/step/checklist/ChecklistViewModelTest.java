package ai.flatkey.migrate.ui.step.checklist;

import ai.flatkey.migrate.export.Exporter;
import ai.flatkey.migrate.export.Format;
import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.ItemStatus;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.Verdict;
import ai.flatkey.migrate.ui.FakeFileDialogs;
import ai.flatkey.migrate.ui.StepFixtures;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.ui.support.Tone;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Step 7 on a test bridge: status and notes go into the plan; exports run off the UI thread. */
class ChecklistViewModelTest extends StepFixtures {

    private final Exporter exporter = new Exporter(Clock.fixed(Instant.parse("2026-11-25T10:30:00Z"), ZoneOffset.UTC), "test");

    /** The demo sample with one passing run: what the exports are written from. */
    static MigrationPlan reviewedDemoPlan() throws Exception {
        MigrationPlan demo = new PlanStore().sample("demo");
        CheckResult r = new CheckResult("chat:gpt-5.5", "chat", "gpt-5.5", Verdict.PASS, "", "ok", "req_1", 120L, 480L, 5, 7, 12,
                "Routed.", "");
        return demo.withSmokeRunAdded(new SmokeRun("2026-11-25T09:30:00Z", "http://127.0.0.1:1/v1", List.of(r)), 10);
    }

    static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void checklistStatusAndNoteGoIntoThePlanAndExportWritesTheMarkdown() throws Exception {
        PlanDocument doc = new PlanDocument(MigrationPlan.newPlan("Export me"));
        Path out = tmp.resolve("x/checklist.md");
        ChecklistViewModel vm = new ChecklistViewModel(doc, p -> "# " + p.name() + "\n", new FakeFileDialogs().answer(out), bg);
        var quota = vm.rows().stream().filter(r -> r.id().equals("quota")).findFirst().orElseThrow();
        assertThat(quota.statusToneProperty().getValue()).isEqualTo(Tone.WARNING);
        quota.statusProperty().set(ItemStatus.DONE);
        assertThat(quota.statusToneProperty().getValue()).isEqualTo(Tone.SUCCESS);
        quota.noteProperty().set("limit 5 USD");
        assertThat(doc.plan().checklistItem("quota")).isEqualTo(new ai.flatkey.migrate.plan.ChecklistItem("quota", ItemStatus.DONE, "limit 5 USD"));
        assertThat(vm.suggestedName()).isEqualTo("export-me-checklist.md");
        vm.exportMarkdown();
        ui.runUntil(() -> !vm.exportingProperty().get());
        assertThat(Files.readString(out)).isEqualTo("# Export me\n");
        assertThat(vm.exportMessageProperty().get()).contains(out.toAbsolutePath().toString());
    }

    // ---- exports ----

    @Test
    void exportAllWritesEveryFormatOffTheUiThreadAndListsTheFiles() throws Exception {
        PlanDocument doc = new PlanDocument(reviewedDemoPlan());
        Path out = tmp.resolve("review");
        FakeFileDialogs files = new FakeFileDialogs().answer(out);
        ChecklistViewModel vm = new ChecklistViewModel(doc, p -> "# " + p.name() + "\n", exporter, files, bg);
        vm.exportAll();
        assertThat(vm.exportingProperty().get()).isTrue();
        ui.runUntil(() -> !vm.exportingProperty().get());
        assertThat(vm.exportToneProperty().get()).isEqualTo(Tone.SUCCESS);
        assertThat(vm.exportMessageProperty().get()).isEqualTo("Exported 12 files into " + out.toAbsolutePath() + ". No key values are included.");
        assertThat(vm.writtenFiles()).hasSize(12);
        assertThat(names(out)).hasSize(12).contains("demo-support-bot-to-flatkey-checklist.pdf");
        assertThat(vm.writtenFiles().get(0).toString()).matches("demo-support-bot-to-flatkey-checklist\\.md {2}\\(.+\\)");

        assertThat(vm.writtenFiles()).extracting(ChecklistViewModel.Written::name)
                .contains("demo-support-bot-to-flatkey-snippets/README.md");
        doc.replace(MigrationPlan.newPlan("Another"), null);
        assertThat(vm.writtenFiles()).isEmpty();
        assertThat(vm.exportMessageProperty().get()).isEmpty();
    }

    @Test
    void oneFormatGoesToTheChosenFileOrFolder() throws Exception {
        PlanDocument doc = new PlanDocument(reviewedDemoPlan());
        Path pdf = tmp.resolve("x/review.pdf");
        Path envDir = tmp.resolve("env");
        FakeFileDialogs files = new FakeFileDialogs().answer(pdf).answer(envDir);
        ChecklistViewModel vm = new ChecklistViewModel(doc, p -> "", exporter, files, bg);
        vm.export(Format.PDF);
        ui.runUntil(() -> !vm.exportingProperty().get());
        assertThat(Files.readAllBytes(pdf)).startsWith("%PDF-".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(vm.exportMessageProperty().get()).startsWith("Exported the PDF report to " + pdf.toAbsolutePath());
        vm.export(Format.ENV);
        ui.runUntil(() -> !vm.exportingProperty().get());
        assertThat(names(envDir)).containsExactly("demo-support-bot-to-flatkey-flatkey.env", "demo-support-bot-to-flatkey-rollback.env");
        assertThat(vm.writtenFiles()).hasSize(2);
        assertThat(files.asked()).isEqualTo(2);
        vm.export(Format.JSON);
        assertThat(vm.exportingProperty().get()).as("cancelled dialog: nothing starts").isFalse();
    }

    @Test
    void aFolderThatCannotBeWrittenIsAPlainMessage() throws Exception {
        Path blocker = Files.writeString(tmp.resolve("blocker"), "x");
        ChecklistViewModel vm = new ChecklistViewModel(new PlanDocument(reviewedDemoPlan()), p -> "", exporter,
                new FakeFileDialogs().answer(blocker), bg);
        vm.exportAll();
        ui.runUntil(() -> !vm.exportingProperty().get());
        assertThat(vm.exportToneProperty().get()).isEqualTo(Tone.DANGER);
        assertThat(vm.exportMessageProperty().get()).startsWith("Could not export every format to " + blocker)
                .contains("it is a file, not a folder").endsWith("Files already there were left as they were.");
        assertThat(vm.writtenFiles()).isEmpty();
    }
}
