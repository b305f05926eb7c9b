package ai.flatkey.migrate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM options the installed launchers start the app with, for benchmarks that start it "as it ships": the
 * {@code -XX:} options of {@code installer/common/jpackage.args} (today {@code -XX:TieredStopAtLevel=1}, C1 only).
 * The others there name JavaFX modules, which do not exist on a class path; the start-up cache option is added per
 * JDK by the package build and is not in that file.
 */
public final class LauncherOptions {

    private LauncherOptions() {
    }

    public static List<String> jvm() throws IOException {
        List<String> opts = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("installer", "common", "jpackage.args"))) {
            String l = line.strip();
            if (l.startsWith("--java-options ")) {
                String opt = l.substring("--java-options ".length()).strip();
                if (opt.startsWith("-XX:")) {
                    opts.add(opt);
                }
            }
        }
        if (opts.isEmpty()) {
            throw new IllegalStateException("no -XX: --java-options in installer/common/jpackage.args");
        }
        return opts;
    }
}
