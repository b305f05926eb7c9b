package ai.flatkey.migrate.ui.doc;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The recent-plans list, window geometry and theme choice, kept in {@code prefs.properties} under a configuration folder
 * (by default {@code ~/.config/flatkey-migrate/}). Never holds a key. Reads and writes are small and done by
 * the caller off the UI thread.
 */
public final class Prefs {

    public static final int MAX_RECENT = 8;

    /** Window size and position; NaN position means "let the system place it". */
    public record WindowGeometry(double x, double y, double width, double height, boolean maximized) {
        public static WindowGeometry defaults() {
            return new WindowGeometry(Double.NaN, Double.NaN, 1200, 800, false);
        }
    }

    /** An immutable snapshot of the stored preferences. */
    public record Snapshot(List<Path> recent, WindowGeometry window, String theme) {
        public Snapshot {
            recent = List.copyOf(recent);
            theme = theme == null || theme.isBlank() ? "system" : theme;
        }

        /** Without a theme choice (follow the OS). */
        public Snapshot(List<Path> recent, WindowGeometry window) {
            this(recent, window, "system");
        }

        public static Snapshot empty() {
            return new Snapshot(List.of(), WindowGeometry.defaults());
        }

        /** The theme choice: system, light or dark. */
        public Snapshot withTheme(String value) {
            return new Snapshot(recent, window, value);
        }

        /** Puts {@code file} first, dropping repeats and anything past {@link #MAX_RECENT}. */
        public Snapshot withRecent(Path file) {
            List<Path> list = new ArrayList<>();
            Path abs = file.toAbsolutePath().normalize();
            list.add(abs);
            recent.stream().filter(p -> !p.equals(abs)).limit(MAX_RECENT - 1L).forEach(list::add);
            return new Snapshot(list, window, theme);
        }

        public Snapshot withWindow(WindowGeometry geometry) {
            return new Snapshot(recent, geometry, theme);
        }
    }

    private final Path dir;

    public Prefs(Path dir) {
        this.dir = dir;
    }

    /**
     * {@code $XDG_CONFIG_HOME/flatkey-migrate} where that variable holds an absolute path (the XDG base directory
     * rule Linux desktops follow), else {@code ~/.config/flatkey-migrate}.
     */
    public static Path defaultDir() {
        return defaultDir(System.getenv("XDG_CONFIG_HOME"), System.getProperty("user.home"));
    }

    static Path defaultDir(String xdgConfigHome, String userHome) {
        if (xdgConfigHome != null && !xdgConfigHome.isBlank()) {
            Path xdg = Path.of(xdgConfigHome.strip());
            if (xdg.isAbsolute()) {
                return xdg.resolve("flatkey-migrate");
            }
        }
        return Path.of(userHome, ".config", "flatkey-migrate");
    }

    public Path file() {
        return dir.resolve("prefs.properties");
    }

    /** Reads the stored preferences; a missing or unreadable file gives the defaults. */
    public Snapshot load() {
        Path f = file();
        if (!Files.isRegularFile(f)) {
            return Snapshot.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            return Snapshot.empty();
        }
        List<Path> recent = new ArrayList<>();
        for (int i = 0; i < MAX_RECENT; i++) {
            String v = p.getProperty("recent." + i);
            if (v != null && !v.isBlank()) {
                try {
                    recent.add(Path.of(v));
                } catch (RuntimeException ignored) {
                    // a path from another OS: skip it
                }
            }
        }
        WindowGeometry d = WindowGeometry.defaults();
        WindowGeometry w = new WindowGeometry(num(p, "window.x", d.x()), num(p, "window.y", d.y()),
                Math.max(1024, num(p, "window.width", d.width())), Math.max(700, num(p, "window.height", d.height())),
                Boolean.parseBoolean(p.getProperty("window.maximized", "false")));
        return new Snapshot(recent, w, p.getProperty("theme", "system"));
    }

    /** Writes the preferences atomically. */
    public void save(Snapshot s) throws IOException {
        Properties p = new Properties();
        for (int i = 0; i < s.recent().size(); i++) {
            p.setProperty("recent." + i, s.recent().get(i).toString());
        }
        WindowGeometry w = s.window();
        if (!Double.isNaN(w.x())) {
            p.setProperty("window.x", Double.toString(w.x()));
            p.setProperty("window.y", Double.toString(w.y()));
        }
        p.setProperty("window.width", Double.toString(w.width()));
        p.setProperty("window.height", Double.toString(w.height()));
        p.setProperty("window.maximized", Boolean.toString(w.maximized()));
        p.setProperty("theme", s.theme());
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "prefs", ".tmp");
        try (Writer wr = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(wr, "Flatkey Migration Assistant preferences (no keys are stored here)");
        }
        Files.move(tmp, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static double num(Properties p, String key, double fallback) {
        try {
            String v = p.getProperty(key);
            return v == null ? fallback : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
