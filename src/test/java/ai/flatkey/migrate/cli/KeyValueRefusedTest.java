package ai.flatkey.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.secrets.KeyResolver;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, cases 4 and 5: a key value given where a key reference or a variable name belongs is refused (exit 2)
 * with a message that does not repeat it, and is never written or exported.
 */
class KeyValueRefusedTest {
    private static final String PREFIXED = "sk-test-canary-keyref-not-a-real-key-01";
    private static final String HEX = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int cli(String... args) {
        return new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new KeyResolver(Map.of("FLATKEY_API_KEY", "sk-test-env-0000000000000000")::get), new PlanStore(),
                Clock.systemUTC()).execute(args);
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aPlanWithAKeyInItsKeyRefIsRefusedNeverRepeatedRewrittenNorExported() throws Exception {
        for (String key : List.of(PREFIXED, HEX, "env:" + HEX)) {
            Path dir = Files.createDirectories(tmp.resolve("p" + Math.abs(key.hashCode())));
            Path plan = dir.resolve("plan.json");
            String good = new PlanStore().toJson(MigrationPlan.newPlan("Pasted key")
                    .withTarget(new Endpoint("custom", "http://127.0.0.1:9/v1", "env:FLATKEY_API_KEY")));
            Files.writeString(plan, good.replace("\"env:FLATKEY_API_KEY\"", "\"" + key + "\""));
            byte[] before = Files.readAllBytes(plan);

            assertThat(cli("run", plan.toString(), "--write", "--no-verify")).as(printed()).isEqualTo(Cli.USAGE);
            assertThat(cli("export", plan.toString(), "--format", "all", "--out", dir.toString())).isEqualTo(Cli.USAGE);
            assertThat(printed()).contains("keyRef").doesNotContain(HEX).doesNotContain(PREFIXED)
                    .doesNotContain(HEX.substring(20)).doesNotContain(PREFIXED.substring(20));
            assertThat(Files.readAllBytes(plan)).isEqualTo(before);
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactly("plan.json");
            }
        }
    }

    @Test
    void aPlanHoldingAKeyInItsKeyRefIsNeverSaved() {
        MigrationPlan plan = MigrationPlan.newPlan("x").withTarget(new Endpoint("custom", "http://h/v1", HEX));
        Path file = tmp.resolve("saved.json");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PlanStore().save(file, plan))
                .hasMessageNotContaining(HEX).hasMessageContaining("keyRef");
        assertThat(file).doesNotExist();
        assertThat(Endpoint.describeKeyRef(HEX)).doesNotContain(HEX);
        assertThat(Endpoint.describeKeyRef("keychain:" + PREFIXED)).doesNotContain(PREFIXED);
    }

    @Test
    void aKeyGivenAsAFlagOrAsTheVariableNameIsNeverRepeated() throws Exception {
        Path plan = tmp.resolve("plan.json");
        new PlanStore().save(plan, MigrationPlan.newPlan("Flags")
                .withTarget(new Endpoint("custom", "http://127.0.0.1:9/v1", "env:FLATKEY_API_KEY")));
        for (String[] args : List.of(
                new String[] {"run", plan.toString(), "--key=" + PREFIXED},
                new String[] {"run", plan.toString(), "--api-key", PREFIXED},
                new String[] {"run", plan.toString(), "--key-env", PREFIXED},
                new String[] {"run", plan.toString(), "--key-env=" + HEX},
                new String[] {"prove-rollback", plan.toString(), "--key=" + PREFIXED},
                new String[] {"prove-rollback", plan.toString(), "--key-env", PREFIXED},
                new String[] {"prove-rollback", plan.toString(), "--key-env", HEX})) {
            out.reset();
            err.reset();
            int code = cli(args);
            assertThat(code).as(String.join(" ", args) + "\n" + printed()).isEqualTo(Cli.USAGE);
            assertThat(printed()).as(args[2]).doesNotContain(PREFIXED).doesNotContain(HEX)
                    .doesNotContain(PREFIXED.substring(20)).doesNotContain(HEX.substring(20));
        }
    }
}
