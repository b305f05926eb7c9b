package ai.flatkey.migrate.export;

import ai.flatkey.migrate.cli.Cli;
import ai.flatkey.migrate.plan.ChecklistItem;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.Inventory;
import ai.flatkey.migrate.plan.ItemStatus;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.plan.RolloutStage;
import ai.flatkey.migrate.secrets.KeyResolver;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A canary key is set in the environment the CLI resolves keys from, and echoed into every text a server or a person
 * writes into a plan (as a misbehaving gateway or a careless paste would). No exported byte of any format may carry it.
 */
class CanaryKeyTest {
    private static final String CANARY = ExportFixtures.CANARY;
    /** The part of the canary that no renderer writes by itself: a cut-off prefix must not hide a leak. */
    private static final String TAIL = CANARY.substring(CANARY.length() - 12);

    @TempDir
    Path tmp;

    static MigrationPlan canaryEverywhere() {
        MigrationPlan p = ExportFixtures.hostile();
        Inventory i = p.inventory();
        List<RolloutStage> stages = new ArrayList<>(p.rollout());
        stages.set(2, new RolloutStage(stages.get(2).name(), stages.get(2).gate(), ItemStatus.OPEN, "Bearer " + CANARY));
        return p.withInventory(new Inventory(i.sdk() + " node java langchain litellm vercel", i.endpoints(), i.currentBaseUrl() + "?api_key=" + CANARY,
                        i.productionModel(), i.fallbackModels(), i.messageShape(), i.parameters(), "logs show " + CANARY, i.rollbackPath()))
                .withTarget(new Endpoint("custom", "https://router.flatkey.ai/v1?key=" + CANARY, CANARY))
                .withMappings(List.of(new ModelMapping("gpt-4o-mini", "gpt-5.5", List.of("chat"), "tried key " + CANARY)))
                .withChecklistItem(new ChecklistItem("rollback", ItemStatus.DONE, "x-api-key: " + CANARY))
                .withRollout(stages);
    }

    private static void assertClean(String what, byte[] bytes) throws Exception {
        for (var cs : List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE)) {
            String text = new String(bytes, cs);
            assertThat(text).as(what + " (" + cs + ")").doesNotContain(CANARY).doesNotContain(TAIL);
        }
        if (what.endsWith(".pdf")) {
            try (PDDocument doc = Loader.loadPDF(bytes)) {
                String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", "");
                assertThat(text).as(what + " text").doesNotContain(TAIL).contains("[keyremoved]");
            }
        }
    }

    @Test
    void noFormatOfTheExporterCarriesTheCanary() throws Exception {
        MigrationPlan plan = canaryEverywhere();
        assertThat(new PlanStore().toJson(plan)).as("the fixture really holds the canary").contains(CANARY);
        List<ExportFile> files = ExportFixtures.exporter().render(plan, Format.ALL);
        assertThat(files).extracting(ExportFile::format).containsAll(Format.ALL);
        for (ExportFile f : files) {
            assertClean(f.name(), f.content());
        }
    }

    @Test
    void theCliExportOfEveryFormatCarriesNoCanaryEvenWithTheKeyInTheEnvironment() throws Exception {
        // A plan file with the key pasted into its keyRef (hand-edited): refused, nothing written, the key not repeated
        // (issue 17, case 4).
        Path pasted = tmp.resolve("pasted.json");
        Files.write(pasted, new PlanStore().toJson(canaryEverywhere()).getBytes(StandardCharsets.UTF_8));
        Path out = tmp.resolve("out");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        KeyResolver keys = new KeyResolver(Map.of("FLATKEY_API_KEY", CANARY, "OPENAI_API_KEY", CANARY)::get);
        int refused = new Cli(new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8),
                keys, new PlanStore(), ExportFixtures.CLOCK).execute("export", pasted.toString(), "--format", "all", "--out", out.toString());
        assertThat(refused).isEqualTo(Cli.USAGE);
        assertThat(out).doesNotExist();
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("target.keyRef");
        assertClean("stderr of the refusal", stderr.toByteArray());
        stderr.reset();

        // The same plan with a reference in its keyRef, the canary everywhere else.
        Path planFile = tmp.resolve("canary.json");
        MigrationPlan canary = canaryEverywhere();
        new PlanStore().save(planFile, canary.withTarget(canary.target().withKeyRef("env:FLATKEY_API_KEY")));
        int code = new Cli(new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8),
                keys, new PlanStore(), ExportFixtures.CLOCK).execute("export", planFile.toString(), "--format", "all", "--out", out.toString());
        assertThat(code).as(stderr.toString(StandardCharsets.UTF_8)).isZero();
        List<Path> written;
        try (Stream<Path> s = Files.walk(out)) {
            written = s.filter(Files::isRegularFile).toList();
        }
        assertThat(written).hasSizeGreaterThanOrEqualTo(Format.ALL.size() + 2);
        for (Path p : written) {
            assertClean(p.getFileName().toString(), Files.readAllBytes(p));
        }
        assertClean("stdout", stdout.toByteArray());
        assertClean("stderr", stderr.toByteArray());

        stdout.reset();
        code = new Cli(new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8),
                keys, new PlanStore(), ExportFixtures.CLOCK).execute("export", planFile.toString(), "--out", "-");
        assertThat(code).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).startsWith("# Migration checklist");
        assertClean("markdown on stdout", stdout.toByteArray());
    }

    @Test
    void theMarkdownPreviewTheWizardShowsIsCleanToo() throws Exception {
        assertClean("preview", ChecklistMarkdown.render(canaryEverywhere()).getBytes(StandardCharsets.UTF_8));
    }
}
