package ai.flatkey.migrate.ui;

import javafx.scene.Scene;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Start-up measurement, off unless the system property {@value #PROPERTY} (or, for the installed launchers, which
 * take no JVM options, the environment variable {@value #ENVIRONMENT}) is set. On the first pulse after the
 * window is shown (layout done, the frame goes to the screen) it prints {@code first-frame <epoch microseconds>}
 * to standard output; with the value {@code exit} it then ends the process at once (no warm-up after the first frame
 * runs). The installer uses {@code exit} for the start-up cache's training run, the start-up benchmark uses {@code print}.
 */
public final class StartupProbe {

    /** The system property that turns the probe on: {@code print} or {@code exit}. */
    public static final String PROPERTY = "flatkey.startupProbe";

    /** The environment variable read when the system property is not set. */
    public static final String ENVIRONMENT = "FLATKEY_STARTUP_PROBE";

    /** What to do on the first frame. */
    public enum Mode { PRINT, EXIT }

    private final Mode mode;
    private final PrintStream out;

    public StartupProbe(Mode mode, PrintStream out) {
        this.mode = mode;
        this.out = out;
    }

    /** The probe the system property (else the environment) asks for, if any; an unknown value means {@code print}. */
    public static Optional<StartupProbe> fromSystemProperty() {
        String v = System.getProperty(PROPERTY, System.getenv(ENVIRONMENT));
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        Mode m = v.trim().toLowerCase(Locale.ROOT).equals("exit") ? Mode.EXIT : Mode.PRINT;
        return Optional.of(new StartupProbe(m, System.out));
    }

    /** Reports the first pulse of {@code scene} once. Call on the FX thread before its first pulse, e.g. right after {@code show()} in {@code start}. */
    public void watch(Scene scene) {
        Runnable once = new Runnable() {
            @Override
            public void run() {
                scene.removePostLayoutPulseListener(this);
                Instant now = Instant.now();
                out.println("first-frame " + (now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000));
                out.flush();
                if (mode == Mode.EXIT) {
                    // At once, in this pulse: the step views and the HTTP client are warmed up right after the first
                    // frame, and a training run must record only what the first frame needs.
                    System.exit(0);
                }
            }
        };
        scene.addPostLayoutPulseListener(once);
    }
}
