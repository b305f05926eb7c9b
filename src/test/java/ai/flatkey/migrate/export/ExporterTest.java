package ai.flatkey.migrate.export;

import ai.flatkey.migrate.cli.Cli;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.secrets.KeyResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The entry point (names, atomic writes, errors) and the CLI's export command. */
class ExporterTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int cli(String... args) {
        out.reset();
        err.reset();
        return new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new KeyResolver(Map.<String, String>of()::get), new PlanStore(), ExportFixtures.CLOCK).execute(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }

    @Test
    void everyDocumentFormatCarriesTheMeasuredGateValuesTheWizardShows() throws Exception {
        MigrationPlan plan = ExportFixtures.full();
        ai.flatkey.migrate.smoke.Gates.Evaluation gates = ai.flatkey.migrate.smoke.Gates.evaluate(plan);
        String errorRate = gates.measurements().errorRateText();
        String p95 = gates.measurements().p95Text();
        String cost = gates.measurements().costText();
        String stage6 = gates.stages().get(5).reading().measured();
        Exporter exporter = ExportFixtures.exporter();
        for (Format f : List.of(Format.MARKDOWN, Format.HTML)) {
            String text = new String(exporter.render(plan, f).get(0).content(), StandardCharsets.UTF_8);
            assertThat(text).as(f.name()).contains(errorRate, p95, cost, stage6);
        }
        assertThat(new String(exporter.render(plan, Format.JSON).get(0).content(), StandardCharsets.UTF_8))
                .contains(stage6, "\"gateReading\": \"fails\"", "\"p95Ms\": " + gates.measurements().p95Ms(),
                        "\"costPer1kUsd\": " + gates.measurements().costPer1k());
        assertThat(new String(exporter.render(plan, Format.JUNIT).get(0).content(), StandardCharsets.UTF_8))
                .contains("name=\"gateErrorRate\" value=\"" + errorRate + "\"", "name=\"gateP95Latency\" value=\"" + p95 + "\"",
                        "name=\"gateCostPer1k\" value=\"" + cost + "\"");
        byte[] pdf = exporter.render(plan, Format.PDF).get(0).content();
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            assertThat(text).contains(errorRate, p95, cost, stage6);
        }
    }

    @Test
    void allFormatsGoIntoOneFolderNamedAfterThePlan() throws Exception {
        List<Path> written = ExportFixtures.exporter().export(ExportFixtures.full(), Format.ALL, tmp.resolve("new/dir"));
        assertThat(names(tmp.resolve("new/dir"))).containsExactly(
                "support-bot-to-flatkey-checklist.html", "support-bot-to-flatkey-checklist.md", "support-bot-to-flatkey-checklist.pdf",
                "support-bot-to-flatkey-export.json", "support-bot-to-flatkey-flatkey.env", "support-bot-to-flatkey-junit.xml",
                "support-bot-to-flatkey-rollback.env", "support-bot-to-flatkey-snippets/JavaOpenAi.java",
                "support-bot-to-flatkey-snippets/README.md", "support-bot-to-flatkey-snippets/curl.sh",
                "support-bot-to-flatkey-snippets/node_openai.mjs", "support-bot-to-flatkey-snippets/python_openai.py");
        assertThat(written).hasSize(12).allSatisfy(p -> assertThat(p).isAbsolute());
        try (Stream<Path> s = Files.walk(tmp)) {
            assertThat(s.map(Path::toString)).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void exportingAgainReplacesTheFilesWhole() throws Exception {
        Exporter exporter = ExportFixtures.exporter();
        exporter.export(ExportFixtures.full(), Format.MARKDOWN, tmp);
        Path md = tmp.resolve("support-bot-to-flatkey-checklist.md");
        Files.writeString(md, "stale and much longer ".repeat(1000));
        exporter.export(ExportFixtures.full(), Format.MARKDOWN, tmp);
        assertThat(Files.readString(md)).isEqualTo(ChecklistMarkdown.render(ExportFixtures.full()));
    }

    @Test
    void aFileWhereTheFolderShouldBeIsAClearError() throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        assertThatThrownBy(() -> ExportFixtures.exporter().export(ExportFixtures.full(), Format.JSON, file))
                .isInstanceOf(java.nio.file.FileAlreadyExistsException.class).hasMessageContaining("choose a folder");
    }

    @Test
    void namesAreSafeWhateverThePlanIsCalled() {
        assertThat(Exporter.baseName(MigrationPlan.newPlan("../../etc/passwd"))).isEqualTo("etc-passwd");
        assertThat(Exporter.baseName(MigrationPlan.newPlan("日本語"))).isEqualTo("migration");
        assertThat(Exporter.stem("..hidden")).isEqualTo("hidden");
        assertThat(Exporter.fileName(ExportFixtures.full(), Format.JUNIT)).isEqualTo("support-bot-to-flatkey-junit.xml");
        assertThat(Format.byName("MD")).contains(Format.MARKDOWN);
        assertThat(Format.byName("markdown")).contains(Format.MARKDOWN);
        assertThat(Format.byName("docx")).isEmpty();
        assertThat(Format.names()).isEqualTo("md|html|pdf|json|junit|env|snippets");
    }

    @Test
    void cliExportsAllFormatsNamedAfterThePlanFile() throws Exception {
        Path plan = tmp.resolve("billing.json");
        new PlanStore().save(plan, ExportFixtures.full());
        assertThat(cli("export", plan.toString(), "--format", "all", "--out", tmp.resolve("out").toString())).isZero();
        assertThat(names(tmp.resolve("out"))).contains("billing-checklist.md", "billing-checklist.pdf", "billing-export.json",
                "billing-junit.xml", "billing-flatkey.env", "billing-rollback.env", "billing-snippets/python_openai.py");
        assertThat(out()).contains("Exported 12 files into").contains("No key values are included.");
        assertThat(cli("export", plan.toString(), "--format", "junit,env", "--out", tmp.resolve("two").toString())).isZero();
        assertThat(names(tmp.resolve("two"))).containsExactly("billing-flatkey.env", "billing-junit.xml", "billing-rollback.env");
    }

    @Test
    void cliMarkdownGoesToStandardOutputByDefault() throws Exception {
        Path plan = tmp.resolve("billing.json");
        new PlanStore().save(plan, ExportFixtures.full());
        assertThat(cli("export", plan.toString())).isZero();
        assertThat(out()).isEqualTo(ChecklistMarkdown.render(new PlanStore().load(plan)));
        assertThat(cli("export", plan.toString(), "--format", "md", "--out", "-")).isZero();
        assertThat(out()).startsWith("# Migration checklist: Support bot to Flatkey");
        assertThat(cli("export", plan.toString(), "--format", "md", "--out", tmp.resolve("pr.md").toString())).isZero();
        assertThat(Files.readString(tmp.resolve("pr.md"))).startsWith("# Migration checklist");
    }

    @Test
    void cliErrorsSayWhatToChange() throws Exception {
        Path plan = tmp.resolve("billing.json");
        new PlanStore().save(plan, ExportFixtures.full());
        assertThat(cli("export", plan.toString(), "--format", "docx", "--out", tmp.toString())).isEqualTo(Cli.USAGE);
        assertThat(err()).contains("unknown export format 'docx'", "md|html|pdf|json|junit|env|snippets or all");
        assertThat(cli("export", plan.toString(), "--format", "pdf")).isEqualTo(Cli.USAGE);
        assertThat(err()).contains("only --format md can be written to standard output; give --out DIR for pdf");
        Path file = Files.writeString(tmp.resolve("taken.txt"), "x");
        assertThat(cli("export", plan.toString(), "--format", "all", "--out", file.toString())).isEqualTo(Cli.USAGE);
        assertThat(err()).contains("is a file; exports go into a folder");
        assertThat(cli("export", tmp.resolve("missing.json").toString(), "--format", "all", "--out", tmp.toString())).isEqualTo(Cli.USAGE);
        assertThat(err()).contains("missing.json does not exist");
        assertThat(cli("export", "--format", "all")).isEqualTo(Cli.USAGE);
        assertThat(err()).contains("Missing required parameter: 'PLAN.json'");
        assertThat(cli("export", plan.toString(), "--format")).isEqualTo(Cli.USAGE);
        assertThat(err()).contains("Missing required parameter for option '--format'");
        assertThat(cli("export", plan.toString(), plan.toString())).isEqualTo(Cli.USAGE);
        assertThat(err()).contains("Unmatched argument at index 2");
        assertThat(cli("export", plan.toString(), "--format", "all", "--out", file.resolve("sub").toString())).isEqualTo(Cli.USAGE);
        assertThat(err()).contains("could not export into").contains("Nothing was half-written");
    }

    @Test
    void anEmptyFormatSetWritesNothing() throws Exception {
        Path dir = tmp.resolve("untouched");
        ExportFixtures.exporter().export(ExportFixtures.full(), EnumSet.noneOf(Format.class), dir);
        assertThat(names(dir)).isEmpty();
    }
}
