package ai.flatkey.migrate.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 17, "Plan files": a plan file is never lost, never silently rewritten, and never hangs or exhausts the app. */
class PlanFileHardeningTest {
    private static final Path DEMO = Path.of("assets/sample-plans/demo.json");

    @TempDir
    Path dir;

    private final PlanStore store = new PlanStore();

    private Path demoCopy(String name) throws IOException {
        Path p = dir.resolve(name);
        Files.copy(DEMO, p);
        return p;
    }

    @Test
    void aReadOnlyPlanIsNotOverwrittenAndKeepsItsMode() throws Exception {
        Path plan = demoCopy("ro.json");
        Files.setPosixFilePermissions(plan, PosixFilePermissions.fromString("r--r--r--"));
        byte[] before = Files.readAllBytes(plan);
        assertThatThrownBy(() -> store.save(plan, store.load(plan).withName("changed")))
                .isInstanceOf(PlanStoreException.class).hasMessageContaining("read-only");
        assertThat(Files.readAllBytes(plan)).isEqualTo(before);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(plan))).isEqualTo("r--r--r--");
    }

    @Test
    void aSaveKeepsTheFilesMode() throws Exception {
        Path plan = demoCopy("shared.json");
        Files.setPosixFilePermissions(plan, PosixFilePermissions.fromString("rw-r-----"));
        store.save(plan, store.load(plan).withName("changed"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(plan))).isEqualTo("rw-r-----");
        assertThat(store.load(plan).name()).isEqualTo("changed");
    }

    @Test
    void aSaveThroughALinkReplacesTheRealFileAndKeepsTheLink() throws Exception {
        Path realDir = Files.createDirectories(dir.resolve("real"));
        Path real = realDir.resolve("plan.json");
        Files.copy(DEMO, real);
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), real);
        store.save(link, store.load(link).withName("through the link"));
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(store.load(real).name()).isEqualTo("through the link");
        assertThat(realDir.resolve("plan.json.bak")).exists();
        try (var leftovers = Files.list(realDir)) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void textAfterThePlanIsRefusedAndTheFileIsNotRewritten() throws Exception {
        Path plan = dir.resolve("conflict.json");
        String text = Files.readString(DEMO) + "<<<<<<< HEAD\n";
        Files.writeString(plan, text);
        assertThatThrownBy(() -> store.load(plan)).isInstanceOf(PlanStoreException.class)
                .hasMessageContaining("more text after the plan");
        assertThatThrownBy(() -> store.save(plan, MigrationPlan.newPlan("x"))).isInstanceOf(PlanStoreException.class);
        assertThat(Files.readString(plan)).isEqualTo(text);
        Files.writeString(plan, Files.readString(DEMO) + "{}");
        assertThatThrownBy(() -> store.load(plan)).hasMessageContaining("more text after the plan");
    }

    @Test
    void aSchemaVersionBeyondAnIntIsRefusedNotWrapped() throws Exception {
        Path plan = dir.resolve("huge.json");
        String text = Files.readString(DEMO).replaceFirst("\"schemaVersion\"\\s*:\\s*\\d+", "\"schemaVersion\": 4294967299");
        Files.writeString(plan, text);
        assertThatThrownBy(() -> store.load(plan)).isInstanceOf(PlanStoreException.class)
                .hasMessageContaining("schemaVersion").hasMessageContaining("4294967299");
        assertThatThrownBy(() -> store.save(plan, MigrationPlan.newPlan("x"))).isInstanceOf(PlanStoreException.class);
        assertThat(Files.readString(plan)).isEqualTo(text);
        for (String bad : new String[]{"3.5", "-1", "0", "\"3\"", "true"}) {
            Files.writeString(plan, text.replace("4294967299", bad));
            assertThatThrownBy(() -> store.load(plan)).as(bad).isInstanceOf(PlanStoreException.class)
                    .hasMessageContaining("schemaVersion");
        }
    }

    @Test
    void aNullEntryInAListIsNamedNotACrash() throws Exception {
        Path plan = dir.resolve("nulls.json");
        String text = Files.readString(DEMO).replaceFirst("\"checklist\"\\s*:\\s*\\[\\]", "\"checklist\": [null]");
        assertThat(text).contains("\"checklist\": [null]");
        Files.writeString(plan, text);
        assertThatThrownBy(() -> store.load(plan)).isInstanceOf(PlanStoreException.class)
                .hasMessageContaining("checklist[0]").hasMessageNotContaining("Exception");
        Files.writeString(plan, Files.readString(DEMO).replaceFirst("\"smokeRuns\"\\s*:\\s*\\[\\]", "\"smokeRuns\": [{\"results\": [null]}]"));
        assertThatThrownBy(() -> store.load(plan)).isInstanceOf(PlanStoreException.class)
                .hasMessageContaining("smokeRuns[0].results[0]");
    }

    @Test
    void onlyRegularFilesAreReadAndThroughTheCap() throws Exception {
        assertThatThrownBy(() -> store.load(Path.of("/dev/zero"))).isInstanceOf(PlanStoreException.class)
                .hasMessageContaining("not a regular file");
        assertThatThrownBy(() -> store.load(dir)).isInstanceOf(PlanStoreException.class)
                .hasMessageContaining("not a regular file");
        Path fifo = dir.resolve("pipe.json");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        if (mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> store.load(fifo)).isInstanceOf(PlanStoreException.class)
                    .hasMessageContaining("not a regular file");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
        }
    }

    @Test
    void aBackupIsWrittenWholeAndLeftoversOfAKilledSaveAreCleanedUp() throws Exception {
        Path plan = demoCopy("plan.json");
        byte[] previous = Files.readAllBytes(plan);
        Files.writeString(dir.resolve(".plan.json.bak123.tmp"), "half a backup", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(".plan.json456.tmp"), "half a plan", StandardCharsets.UTF_8);
        store.save(plan, store.load(plan).withName("next"));
        assertThat(Files.readAllBytes(dir.resolve("plan.json.bak"))).isEqualTo(previous);
        try (var leftovers = Files.list(dir)) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }
}
