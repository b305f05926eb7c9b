package ai.flatkey.migrate.ui.bench;

import ai.flatkey.migrate.bench.LauncherOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Start-up to the first shown frame: the wizard against a minimal JavaFX window (one Label), both started the same
 * way (a fresh JVM on the same class path, Monocle headless, software pipeline) in the same run, alternating.
 * Time is measured from just before the process is spawned to the first layout pulse of the shown window.
 * Goal: wizard ≤ 1.3× the minimal window.
 *
 * <p>Two pairs are measured, alternating: both windows with the JVM options the installed launchers and
 * {@code ./mvnw javafx:run} start the wizard with (the {@code -XX:} options of {@code installer/common/jpackage.args},
 * i.e. C1 only), which is how the wizard starts; and both with the JVM's defaults, for information.
 */
@Tag("bench")
class UiStartupBench {

    private static final int RUNS = Integer.getInteger("bench.startup.runs", 7);

    @Test
    void wizardStartsWithin13TimesAMinimalWindow() throws Exception {
        List<String> shipped = LauncherOptions.jvm();
        List<String> defaults = List.of();
        for (List<String> opts : List.of(shipped, defaults)) {
            measure("minimal", opts);
            measure("wizard", opts);
        }
        List<Long> minimal = new ArrayList<>();
        List<Long> wizard = new ArrayList<>();
        List<Long> minimalDefault = new ArrayList<>();
        List<Long> wizardDefault = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            minimal.add(measure("minimal", shipped));
            wizard.add(measure("wizard", shipped));
            minimalDefault.add(measure("minimal", defaults));
            wizardDefault.add(measure("wizard", defaults));
        }
        double ratio = (double) median(wizard) / median(minimal);
        double ratioDefault = (double) median(wizardDefault) / median(minimalDefault);
        System.out.println();
        System.out.println("UI start-up to first shown frame (" + RUNS + " runs each, alternating, after 1 warm-up each)");
        System.out.printf(Locale.ROOT, "%-58s %8s %8s %8s%n", "window", "median", "min", "max");
        row("minimal JavaFX (one Label), " + String.join(" ", shipped), minimal);
        row("wizard, " + String.join(" ", shipped), wizard);
        row("minimal JavaFX (one Label), JVM defaults", minimalDefault);
        row("wizard, JVM defaults", wizardDefault);
        System.out.printf(Locale.ROOT, "ratio wizard / minimal, as the wizard starts (%s): %.2f× (goal ≤ 1.30×): %s%n",
                String.join(" ", shipped), ratio, ratio <= 1.3 ? "met" : "NOT met");
        System.out.printf(Locale.ROOT, "ratio wizard / minimal, JVM defaults (for information): %.2f×%n%n", ratioDefault);
        assertThat(minimal).allMatch(v -> v > 0);
    }

    private static void row(String name, List<Long> v) {
        System.out.printf(Locale.ROOT, "%-58s %6d ms %6d ms %6d ms%n", name, median(v), min(v), max(v));
    }

    private static long measure(String which, List<String> jvmOptions) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of(
                "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw", "-Djava.awt.headless=true",
                "-Djavafx.cachedir=" + Path.of("target", "openjfx-cache").toAbsolutePath(),
                "-cp", System.getProperty("java.class.path"), FirstFrame.class.getName(), which));
        long spawned = System.currentTimeMillis();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Long frame = null;
        StringBuilder out = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                out.append(line).append('\n');
                if (line.startsWith("FIRST_FRAME_EPOCH_MS=")) {
                    frame = Long.parseLong(line.substring("FIRST_FRAME_EPOCH_MS=".length()).strip());
                }
            }
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        assertThat(frame).as(which + " printed its first frame; output:\n" + out).isNotNull();
        return frame - spawned;
    }

    private static long median(List<Long> v) {
        List<Long> s = new ArrayList<>(v);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    private static long min(List<Long> v) {
        return v.stream().mapToLong(Long::longValue).min().orElse(0);
    }

    private static long max(List<Long> v) {
        return v.stream().mapToLong(Long::longValue).max().orElse(0);
    }
}
