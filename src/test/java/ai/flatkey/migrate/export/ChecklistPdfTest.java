package ai.flatkey.migrate.export;

import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.Checklist;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.Verdict;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The PDF: its extracted text carries the checklist, page numbers and the sign-off block; pages saved as PNG. */
class ChecklistPdfTest {

    static Path screenshots() {
        return Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
    }

    @Test
    void textHasEveryChecklistItemPageNumbersAndSignOff() throws Exception {
        MigrationPlan plan = ExportFixtures.full();
        byte[] pdf = ChecklistPdf.render(plan, ExportFixtures.NOW, ExportFixtures.GENERATOR);
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            int pages = doc.getNumberOfPages();
            Path dir = screenshots();
            Files.createDirectories(dir);
            PDFRenderer renderer = new PDFRenderer(doc);
            for (int i = 0; i < pages; i++) {
                BufferedImage img = renderer.renderImageWithDPI(i, 96);
                Path png = dir.resolve("export-pdf-page-" + (i + 1) + ".png");
                ImageIO.write(img, "png", png.toFile());
                assertThat(Files.size(png)).isPositive();
            }
            assertThat(pages).isGreaterThan(1);
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            for (Checklist.Entry e : Checklist.derive(plan)) {
                assertThat(text).as("checklist item " + e.id()).contains(e.title().replaceAll("\\s+", " "));
            }
            assertThat(text).contains("Page 1 of " + pages, "Page " + pages + " of " + pages);
            assertThat(text).contains("Sign-off", "Prepared by (engineer)", "Approved by (tech lead)", "Signature");
            assertThat(text).contains("1 mismatch", "the log counts 61 tokens", "Limit of 5 USD set on the test key");
            assertThat(text).contains("Owner", "Dana Reviewer", "2026-11-24", "Platform team", "2026-12-01",
                    "Proved: the basic checks passed against this configuration on 2026-11-25 09:44:00 UTC.");
            assertThat(doc.getDocumentInformation().getTitle()).isEqualTo("Migration checklist: Support bot to Flatkey");
            // Rule IDs may wrap inside their narrow column: compare without line breaks.
            assertThat(new PDFTextStripper().getText(doc).replaceAll("\\s+", "")).contains("TOOL-FINISH-REASON",
                    "Requestchecks", "request:refund-policy", "ASSERT-CONTAINS", "3of4assertionsheld", "answeredin700ms");
        }
    }

    @Test
    void aPlanWithoutARunMakesAPdfThatSaysSo() throws Exception {
        byte[] pdf = ChecklistPdf.render(ExportFixtures.empty(), ExportFixtures.NOW, ExportFixtures.GENERATOR);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            assertThat(text).contains("No smoke run yet", "Current SDK and endpoint are documented", "Page 1 of");
        }
    }

    @Test
    void hostileTextStillMakesAPdf() throws Exception {
        byte[] pdf = ChecklistPdf.render(ExportFixtures.hostile(), ExportFixtures.NOW, ExportFixtures.GENERATOR);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", "");
            assertThat(text).contains("<script>alert('x')</script>").doesNotContain(ExportFixtures.CANARY);
        }
    }

    /** A4 is 595 pt wide; the page box leaves 13 mm on each side ({@code Styles.PDF}). */
    private static final float MARGIN_PT = 13 * 72 / 25.4f;

    @Test
    void aWideModelByFeatureTableStaysInsideThePage() throws Exception {
        List<String> features = List.of("chat", "streaming", "streaming_no_usage", "tools", "tools_stream", "tools_parallel",
                "json", "json_schema", "vision", "responses", "responses_stream", "embeddings", "max_tokens", "max_completion_tokens");
        List<String> models = List.of("gpt-5.5", "deepseek-chat", "anthropic/claude-sonnet-4-5-20250929", "qwen3-coder-480b-a35b-instruct");
        List<CheckResult> results = new ArrayList<>();
        for (String m : models) {
            for (String f : features) {
                Verdict v = Verdict.values()[results.size() % Verdict.values().length];
                results.add(ExportFixtures.check(f, m, v, "", "ok", "req_" + results.size(), 100L, 200L, 10, ""));
            }
        }
        MigrationPlan plan = ExportFixtures.full().withSmokeRuns(List.of(
                new SmokeRun("2026-11-25T09:30:12Z", "https://router.flatkey.ai/v1", results)));
        byte[] pdf = ChecklistPdf.render(plan, ExportFixtures.NOW, ExportFixtures.GENERATOR);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFRenderer renderer = new PDFRenderer(doc);
            Files.createDirectories(screenshots());
            for (int i = 0; i < doc.getNumberOfPages(); i++) {
                ImageIO.write(renderer.renderImageWithDPI(i, 72), "png",
                        screenshots().resolve("export-pdf-wide-page-" + (i + 1) + ".png").toFile());
            }
            // The renderer clips what overflows at the page's content box, so a too-wide table loses its last columns
            // without a trace in the picture; the glyphs are still placed, past the right edge of the content.
            RightEdges edges = new RightEdges();
            edges.getText(doc);
            float limit = doc.getPage(0).getMediaBox().getWidth() - MARGIN_PT + 1;
            assertThat(edges.beyond(limit)).as("text placed past the right edge of the page's content (x > " + limit + " pt)").isEmpty();
        }
    }

    /** Every word whose glyphs end past a given x, with its page, from the positions PDFBox reads out of the PDF. */
    private static final class RightEdges extends PDFTextStripper {
        private final List<String> words = new ArrayList<>();
        private final List<Float> rights = new ArrayList<>();

        RightEdges() throws java.io.IOException {
        }

        @Override
        protected void writeString(String text, List<org.apache.pdfbox.text.TextPosition> positions) {
            float right = 0;
            for (org.apache.pdfbox.text.TextPosition p : positions) {
                right = Math.max(right, p.getXDirAdj() + p.getWidthDirAdj());
            }
            words.add("page " + getCurrentPageNo() + ": " + text);
            rights.add(right);
        }

        List<String> beyond(float limit) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < words.size(); i++) {
                if (rights.get(i) > limit) {
                    out.add(words.get(i) + " (ends at " + Math.round(rights.get(i)) + " pt)");
                }
            }
            return out;
        }
    }
}
