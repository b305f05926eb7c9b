package ai.flatkey.migrate.ui;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads, on a second core, the classes the wizard needs for its first frame while the main thread starts the JavaFX
 * toolkit and builds the window: without a class-data sharing archive (a plain {@code java -jar}, {@code mvnw
 * javafx:run}) reading and verifying ~1,700 JavaFX and app classes from jars is most of the start-up time, and the
 * FX thread does it one class at a time. Classes are only loaded and linked here, never initialised, so no static
 * initialiser runs off the FX thread; a class the FX thread reaches first is simply skipped here.
 * The list ({@value #RESOURCE}) is the class-path classes a first frame loaded, in order, recorded by
 * {@code bench/startup-classes.sh}; a name that no longer exists is skipped.
 */
public final class StartupPreloader {

    /** The class list, one binary class name per line, in the order the first frame loads them. */
    public static final String RESOURCE = "startup-classes.txt";

    private StartupPreloader() {
    }

    /** Set to {@code false} to start without preloading (how {@code bench/startup-classes.sh} records the list). */
    public static final String PROPERTY = "flatkey.preload";

    /** Starts the preloading thread (a daemon: it never holds up the exit), unless {@value #PROPERTY} is false. */
    public static void start() {
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY))) {
            return;
        }
        Thread t = new Thread(StartupPreloader::preload, "startup-preload");
        t.setDaemon(true);
        t.start();
    }

    /** Loads every listed class that exists; returns how many were loaded. */
    public static int preload() {
        ClassLoader loader = StartupPreloader.class.getClassLoader();
        int loaded = 0;
        for (String name : names()) {
            try {
                Class.forName(name, false, loader);
                loaded++;
            } catch (ClassNotFoundException | LinkageError e) {
                // A class renamed or removed since the list was recorded: nothing to warm.
            }
        }
        return loaded;
    }

    /** The listed class names (blank lines and {@code #} comments left out). */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        try (InputStream in = StartupPreloader.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return names;
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String s = line.strip();
                if (!s.isEmpty() && !s.startsWith("#")) {
                    names.add(s);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }
}
