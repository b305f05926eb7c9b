package ai.flatkey.migrate.cli;

import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.PlanStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a cold command line loads (issue 18 part 5, fast cold runs), in a JVM of its own with class loading logged:
 * no command loads JavaFX or the wizard; {@code --version} loads neither the HTTP library nor the commands; a
 * {@code run} of request checks against a gateway that is not the embedded demo loads no demo-gateway class and no
 * other command, and no Jackson (the JSON Schemas are validated on Gson's tree).
 */
class ColdStartClassesTest {
    @TempDir
    Path dir;

    @Test
    void versionLoadsNoCommandAndNoHttpLibrary() throws Exception {
        List<String> loaded = loadedClasses("version", "--version");
        assertThat(loaded).contains("ai.flatkey.migrate.cli.RootCommand");
        assertThat(loaded).noneMatch(c -> c.startsWith("javafx.") || c.startsWith("ai.flatkey.migrate.ui."))
                .noneMatch(c -> c.startsWith("okhttp3.") || c.startsWith("kotlin."))
                .noneMatch(c -> c.startsWith("ai.flatkey.migrate.cli.RunCommand"));
    }

    @Test
    void aRunOfRequestChecksLoadsNeitherTheWizardNorTheDemoGatewayNorOtherCommands() throws Exception {
        Files.copy(Path.of("docs/examples/support-suite.yaml"), dir.resolve("support-suite.yaml"));
        Path plan = dir.resolve("plan.json");
        // nothing listens on port 1: every check ends at once with a connection error, after the whole set-up ran
        new PlanStore().save(plan, MigrationPlan.newPlan("cold start")
                .withTarget(new Endpoint("custom", "http://127.0.0.1:1/v1", "env:COLD_START_KEY"))
                .withMappings(List.of(new ModelMapping("gpt-4o-mini", "gpt-4o-mini", List.of("chat"), "")))
                .withCheckFiles(List.of("support-suite.yaml")));
        List<String> loaded = loadedClasses("run", "run", plan.toString(), "--checks", "request:*", "--no-verify");
        assertThat(loaded).contains("ai.flatkey.migrate.cli.RunCommand", "okhttp3.OkHttpClient");
        assertThat(loaded).noneMatch(c -> c.startsWith("javafx.") || c.startsWith("ai.flatkey.migrate.ui."))
                .noneMatch(c -> c.startsWith("ai.flatkey.migrate.demo."))
                // the JSON Schemas are checked on Gson's tree: no second JSON library on the cold path
                .noneMatch(c -> c.startsWith("tools.jackson.") || c.startsWith("com.fasterxml.jackson."))
                .noneMatch(c -> c.startsWith("ai.flatkey.migrate.cli.ExportCommand")
                        || c.startsWith("ai.flatkey.migrate.cli.RecordCommand")
                        || c.startsWith("ai.flatkey.migrate.cli.DemoGatewayCommand"));
    }

    /** The classes a new JVM loads running {@code Main} with {@code args} on this test's class path. */
    private List<String> loadedClasses(String name, String... args) throws Exception {
        Path log = dir.resolve(name + "-classes.txt");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-Xlog:class+load=info:file=" + log, "-cp", System.getProperty("java.class.path"),
                "ai.flatkey.migrate.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + "-out.txt").toFile());
        pb.environment().put("COLD_START_KEY", "sk-test-cold-start-0001");
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(name + " ended").isTrue();
        String out = Files.readString(dir.resolve(name + "-out.txt"));
        assertThat(p.exitValue()).as(out).isIn(0, 1);
        List<String> classes = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            // [info][class,load] java.lang.Object source: shared objects file
            int at = line.indexOf("] ", line.indexOf("[class,load")) + 2;
            int end = line.indexOf(' ', at);
            if (at > 1 && end > at) {
                classes.add(line.substring(at, end));
            }
        }
        assertThat(classes).as("class loading log").hasSizeGreaterThan(100);
        return classes;
    }
}
