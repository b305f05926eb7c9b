package ai.flatkey.migrate.ui.doc;

import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.plan.PlanStoreException;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Optional;
import java.util.Properties;

/**
 * The autosave of an unsaved plan: {@code recovery.flatkey-plan.json} (written atomically by the plan store) and
 * {@code recovery.properties} (when, and which file the plan came from) under the configuration folder. The plan
 * holds key references only, so neither file ever holds a key. Blocking; the caller runs it off the UI thread.
 */
public final class Recovery {

    /** What a previous session left: the plan, the file it belonged to (or null), when it was written. */
    public record Found(MigrationPlan plan, Path file, String savedAt) {
    }

    private final Path dir;
    private final PlanStore store;
    private final Clock clock;

    public Recovery(Path dir, PlanStore store, Clock clock) {
        this.dir = dir;
        this.store = store;
        this.clock = clock;
    }

    public Path planFile() {
        return dir.resolve("recovery.flatkey-plan.json");
    }

    private Path metaFile() {
        return dir.resolve("recovery.properties");
    }

    /** Writes the plan (and where it came from) as the recovery copy. */
    public synchronized void save(MigrationPlan plan, Path from) throws PlanStoreException, IOException {
        Files.createDirectories(dir);
        store.save(planFile(), plan);
        Properties p = new Properties();
        p.setProperty("savedAt", clock.instant().toString());
        if (from != null) {
            p.setProperty("file", from.toAbsolutePath().toString());
        }
        Path tmp = Files.createTempFile(dir, "recovery", ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "Autosave of an unsaved plan (no keys)");
        }
        Files.move(tmp, metaFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The recovery copy, if there is a readable one. A damaged copy is moved aside (never silently deleted). */
    public synchronized Optional<Found> find() throws IOException {
        if (!Files.isRegularFile(planFile())) {
            return Optional.empty();
        }
        MigrationPlan plan;
        try {
            plan = store.load(planFile());
        } catch (PlanStoreException e) {
            Files.move(planFile(), dir.resolve("recovery-damaged-" + clock.millis() + ".json"), StandardCopyOption.REPLACE_EXISTING);
            return Optional.empty();
        }
        Properties p = new Properties();
        if (Files.isRegularFile(metaFile())) {
            try (Reader r = Files.newBufferedReader(metaFile(), StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IllegalArgumentException ignored) {
                // unreadable details: the plan itself is still worth offering
            }
        }
        String file = p.getProperty("file");
        return Optional.of(new Found(plan, file == null || file.isBlank() ? null : Path.of(file),
                p.getProperty("savedAt", "an earlier session")));
    }

    /** Removes the recovery copy. */
    public synchronized void clear() throws IOException {
        Files.deleteIfExists(planFile());
        Files.deleteIfExists(metaFile());
    }
}
