package ai.flatkey.migrate.export;

import ai.flatkey.migrate.plan.Checklist;
import ai.flatkey.migrate.plan.MigrationPlan;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

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
            assertThat(new PDFTextStripper().getText(doc).replaceAll("\\s+", "")).contains("TOOL-FINISH-REASON");
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
}
