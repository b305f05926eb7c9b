package ai.flatkey.migrate.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a process that saves a plan over and over ({@code kill -9}, at random points) and checks that the file always
 * parses as the old or the new version — never empty, never mixed. 20 kills by default; {@code -Pstress} runs 100
 * ({@code durability.kills}).
 */
class DurabilityTest {
    @TempDir
    Path dir;

    /** The child: saves two alternating plans to the file forever, saying "saved N" after each. */
    public static final class SaveLoop {
        public static void main(String[] args) throws Exception {
            Path file = Path.of(args[0]);
            PlanStore store = new PlanStore();
            MigrationPlan a = big("Version A");
            MigrationPlan b = big("Version B");
            for (long i = 0; ; i++) {
                store.save(file, i % 2 == 0 ? a : b);
                System.out.println("saved " + i);
                System.out.flush();
            }
        }
    }

    static MigrationPlan big(String name) {
        List<String> prompts = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            prompts.add(name + " replay prompt number " + i + " with some text to make the file a few hundred kilobytes long");
        }
        return MigrationPlan.newPlan(name).withReplayPrompts(prompts);
    }

    @Test
    void killedSavesLeaveTheOldOrTheNewPlanNeverABrokenOne() throws Exception {
        int kills = Integer.getInteger("durability.kills", 20);
        Path file = dir.resolve("plan.json");
        PlanStore store = new PlanStore();
        store.save(file, big("Version A"));
        Random random = new Random(42);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        int sawA = 0;
        int sawB = 0;
        for (int k = 0; k < kills; k++) {
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), SaveLoop.class.getName(), file.toString())
                    .redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            int savesBeforeKill = 1 + random.nextInt(4);
            for (int i = 0; i < savesBeforeKill; i++) {
                String line = out.readLine();
                assertThat(line).as("child output").startsWith("saved");
            }
            // The kill point: somewhere inside one of the next saves.
            long spinUntil = System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(random.nextInt(20_000));
            while (System.nanoTime() < spinUntil) {
                Thread.onSpinWait();
            }
            p.destroyForcibly();
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            MigrationPlan now = store.load(file);
            assertThat(now.name()).isIn("Version A", "Version B");
            assertThat(now.replayPrompts()).hasSize(3000);
            assertThat(now.replayPrompts().get(2999)).startsWith(now.name());
            Path bak = dir.resolve("plan.json.bak");
            if (Files.exists(bak)) {
                // issue 17, case 12: the backup is written as atomically as the plan, never truncated
                MigrationPlan backup = store.load(bak);
                assertThat(backup.name()).isIn("Version A", "Version B");
                assertThat(backup.replayPrompts()).hasSize(3000);
            }
            if (now.name().equals("Version A")) {
                sawA++;
            } else {
                sawB++;
            }
        }
        System.out.println("DurabilityTest: " + kills + " kills during saves; the plan was intact every time (old/new: "
                + sawA + "/" + sawB + ")");
        try (var files = Files.list(dir)) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".tmp")).count()).isLessThanOrEqualTo(1);
        }
    }
}
