package ai.flatkey.migrate.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * What Help &gt; About says: the app's name, version and license as the build wrote them ({@code about.properties},
 * filled in by Maven), the Java and JavaFX running it, and where the app keeps its files. No nodes: the window draws it.
 *
 * @param recent the most recently opened plan, or {@code null}
 */
public record AboutInfo(String name, String version, String license, String java, String javafx, Path configDir, Path recent) {

    /** The facts of this build and this runtime, with the app's files under {@code configDir}. */
    public static AboutInfo of(Path configDir, Path recent) {
        Properties build = build();
        String java = System.getProperty("java.version", "?") + " (" + System.getProperty("java.vendor", "unknown vendor") + ")";
        String fx = System.getProperty("javafx.runtime.version", System.getProperty("javafx.version", "unknown"));
        return new AboutInfo(build.getProperty("name", ai.flatkey.migrate.ui.doc.PlanDocument.APP_NAME), build.getProperty("version", "development build"),
                build.getProperty("license", "not stated in this build"), java, fx, configDir.toAbsolutePath(), recent);
    }

    private static Properties build() {
        Properties p = new Properties();
        try (InputStream in = AboutInfo.class.getResourceAsStream("about.properties")) {
            if (in != null) {
                try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                    p.load(r);
                }
            }
        } catch (IOException e) {
            // an unreadable resource leaves the defaults: About still opens
        }
        // an unfiltered copy (an IDE build that skipped Maven's filtering) still says ${...}
        p.entrySet().removeIf(e -> String.valueOf(e.getValue()).startsWith("${"));
        return p;
    }

    /** The rows About shows, in order: what, then its value. */
    public Map<String, String> rows() {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("Version", version);
        rows.put("Java", java);
        rows.put("JavaFX", javafx);
        rows.put("License", license);
        rows.put("Plans", "Saved where you choose (File > Save As…), as .flatkey-plan.json files"
                + (recent == null ? "." : "; the last one opened: " + recent.toAbsolutePath() + "."));
        rows.put("Unsaved changes", "Copied as you work to " + configDir.resolve("recovery.flatkey-plan.json")
                + "; the start screen offers them back after a crash.");
        rows.put("Preferences", configDir.resolve("prefs.properties").toString());
        rows.put("Logs", "None written. Each run's requests, verdicts and timings are kept in the plan; "
                + "step 7 exports them (Markdown, HTML, PDF, JSON, JUnit XML).");
        return rows;
    }

    /** A plain-text copy of everything About shows, for a bug report. */
    public String asText() {
        StringBuilder sb = new StringBuilder(name).append('\n');
        rows().forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
        return sb.toString();
    }
}
