package ai.flatkey.migrate.export;

import ai.flatkey.migrate.plan.MigrationPlan;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.XRLog;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The checklist as PDF, from the same content as the HTML page ({@link ChecklistHtml.Mode#PDF}): A4, page numbers
 * ("Page 2 of 5") in the footer and the sign-off block at the end. Uses DejaVu Sans when the system has it (for text
 * beyond Latin-1); otherwise the PDF standard fonts.
 */
public final class ChecklistPdf {

    private static final List<String> FONT_DIRS = List.of("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu",
            "/usr/share/fonts/TTF", "/Library/Fonts", System.getProperty("user.home", "") + "/Library/Fonts");

    /**
     * PDFBox reports through java.util.logging that it substitutes a system font for the unused standard Symbol
     * font; on the command line that warning would land in stderr on every export. Held here so the setting sticks.
     */
    private static final Logger PDFBOX_FONTS = Logger.getLogger("org.apache.pdfbox.pdmodel.font");

    private ChecklistPdf() {
    }

    public static byte[] render(MigrationPlan plan, Instant generatedAt, String generator) throws IOException {
        String html = ChecklistHtml.render(plan, generatedAt, generator, ChecklistHtml.Mode.PDF);
        XRLog.setLoggingEnabled(false);
        PDFBOX_FONTS.setLevel(Level.SEVERE);
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        font(builder, "DejaVuSans.ttf", "DejaVu Sans", 400);
        font(builder, "DejaVuSans-Bold.ttf", "DejaVu Sans", 700);
        font(builder, "DejaVuSansMono.ttf", "DejaVu Sans Mono", 400);
        builder.withProducer(generator);
        builder.withHtmlContent(html, null);
        builder.toStream(out);
        try {
            builder.run();
        } catch (RuntimeException e) {
            throw new IOException("the PDF could not be laid out: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static void font(PdfRendererBuilder builder, String file, String family, int weight) {
        for (String dir : FONT_DIRS) {
            Path p = Path.of(dir, file);
            if (Files.isReadable(p)) {
                File f = p.toFile();
                builder.useFont(f, family, weight, PdfRendererBuilder.FontStyle.NORMAL, true);
                return;
            }
        }
    }
}
