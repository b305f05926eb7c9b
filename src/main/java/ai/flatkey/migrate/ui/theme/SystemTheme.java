package ai.flatkey.migrate.ui.theme;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Asks the OS whether it prefers a dark colour scheme (JavaFX 21 cannot tell): GNOME's {@code color-scheme} or a
 * {@code GTK_THEME} ending in {@code :dark} on Linux, {@code AppleInterfaceStyle} on macOS, {@code AppsUseLightTheme}
 * on Windows. Blocking for at most about a second; call it off the UI thread. Empty when the OS does not say.
 */
public final class SystemTheme {

    private final Function<String, String> env;
    private final String osName;
    private final CommandRunner runner;

    /** Runs a short command and returns its standard output, or empty when it cannot run. */
    @FunctionalInterface
    public interface CommandRunner {
        Optional<String> run(List<String> command);
    }

    public SystemTheme(Function<String, String> env, String osName, CommandRunner runner) {
        this.env = env;
        this.osName = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        this.runner = runner;
    }

    /** For this process: its environment, {@code os.name} and real commands. */
    public static SystemTheme forThisOs() {
        return new SystemTheme(System::getenv, System.getProperty("os.name"), SystemTheme::exec);
    }

    /** True for dark, false for light, empty when the OS does not say. */
    public Optional<Boolean> prefersDark() {
        if (osName.contains("mac")) {
            return Optional.of(runner.run(List.of("defaults", "read", "-g", "AppleInterfaceStyle"))
                    .map(s -> s.toLowerCase(Locale.ROOT).contains("dark")).orElse(false));
        }
        if (osName.contains("win")) {
            return runner.run(List.of("reg", "query", "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize",
                            "/v", "AppsUseLightTheme"))
                    .filter(s -> s.contains("AppsUseLightTheme"))
                    .map(s -> s.strip().endsWith("0x0"));
        }
        String gtk = env.apply("GTK_THEME");
        if (gtk != null && !gtk.isBlank()) {
            return Optional.of(gtk.toLowerCase(Locale.ROOT).contains("dark"));
        }
        Optional<String> scheme = runner.run(List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme"));
        if (scheme.isPresent() && !scheme.get().isBlank()) {
            return Optional.of(scheme.get().contains("dark"));
        }
        return Optional.empty();
    }

    private static Optional<String> exec(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(1, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            try (InputStream in = p.getInputStream()) {
                String out = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
                return p.exitValue() == 0 ? Optional.of(out.strip()) : Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
