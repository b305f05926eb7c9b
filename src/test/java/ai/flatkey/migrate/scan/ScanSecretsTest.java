package ai.flatkey.migrate.scan;

import static org.assertj.core.api.Assertions.assertThat;

import ai.flatkey.migrate.cli.Cli;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.secrets.KeyResolver;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, case 3: a source tree with a password in its base URL, a {@code Bearer} token and a {@code ?key=} value.
 * The scan prints none of them, writes none into its JSON, and refuses to store the base URL's password in a plan.
 */
class ScanSecretsTest {
    private static final String PASSWORD = "scanPassw0rd-Qz8Lm";
    private static final String BEARER = "tok3nValue-Wq9Zx7Pl2";
    private static final String QUERY_KEY = "qk9Value-Zp4Lm7Xc2";

    @TempDir
    Path tmp;

    @Test
    void secretsInSourceFilesAreNeverPrintedNorStored() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("client.py"), String.join("\n",
                "from openai import OpenAI",
                "client = OpenAI(base_url=\"http://ops:" + PASSWORD + "@llm.internal:4000/v1\", api_key=os.environ[\"OPENAI_API_KEY\"])",
                "headers = {\"Authorization\": \"Bearer " + BEARER + "\"}",
                "requests.get(\"https://llm.internal/api/log/token?key=" + QUERY_KEY + "\")",
                "resp = client.chat.completions.create(model=\"gpt-4o-mini\", messages=[])",
                ""));
        Path plan = tmp.resolve("plan.json");
        Path json = tmp.resolve("scan.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Cli cli = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new KeyResolver(Map.<String, String>of()::get), new PlanStore(), Clock.systemUTC());
        int code = cli.execute("scan", src.toString(), "--plan", plan.toString(), "--write", "--json", json.toString());
        String printed = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);

        assertThat(code).as(printed).isEqualTo(Cli.USAGE);
        assertThat(printed).contains("holds a password in its user info");
        assertThat(plan).doesNotExist();
        StringBuilder all = new StringBuilder(printed);
        try (Stream<Path> files = Files.walk(tmp)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.startsWith(src)).toList()) {
                all.append('\n').append(f.getFileName()).append(": ").append(Files.readString(f));
            }
        }
        assertThat(all.toString()).doesNotContain(PASSWORD).doesNotContain(PASSWORD.substring(4))
                .doesNotContain(BEARER).doesNotContain(QUERY_KEY);
        if (Files.exists(plan)) {
            assertThat(new PlanStore().load(plan).inventory().currentBaseUrl()).doesNotContain(PASSWORD);
        }
    }
}
