package ai.flatkey.migrate.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import ai.flatkey.migrate.cli.Cli;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.secrets.KeyResolver;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, cases 1, 3 and 14: a hostile gateway of the test's own echoes the key back in every value the app records
 * (request-ID headers, answer and model IDs, model names, answer and error texts, usage logs) in every form (plain,
 * base64, percent-encoded, {@code \}{@code u}-escaped), and writes terminal control sequences into its texts. The base
 * URL carries a password. After {@code run --write --json --junit} and {@code export --format all}, nothing printed
 * or written holds the key, the password or a raw control character.
 */
class HostileEchoTest {
    static final String CANARY = "sk-test-canary-7Qm2Vx9Lp4Rt8Kw3Zn6Hy1Bc5";
    static final String PASSWORD = "canaryPassw0rd-Xq7Z";
    /** Sets the terminal title, clears the screen and prints a fake verdict. */
    static final String ESCAPES = "\u001b]0;pwned\u0007\u001b[2J\u001b[HALL CHECKS PASSED\r";

    private MockWebServer server;

    @TempDir
    Path tmp;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.setDispatcher(new HostileGateway());
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void noFormOfTheKeyThePasswordOrAControlCharacterReachesAnyOutput() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));
        Path planFile = work.resolve("hostile-plan.json");
        String base = server.url("/v1").toString().replace("http://", "http://ops:" + PASSWORD + "@");
        MigrationPlan plan = MigrationPlan.newPlan("Hostile migration")
                .withTarget(new Endpoint("newapi", "http://127.0.0.1:1/v1", "env:FLATKEY_API_KEY"))
                .withMappings(List.of(new ModelMapping("gpt-4o-mini", "echo-model", List.of("chat", "streaming"), ""),
                        new ModelMapping("gpt-4", "echo-error", List.of("chat"), "")));
        new PlanStore().save(planFile, plan);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        KeyResolver keys = new KeyResolver(Map.of("FLATKEY_API_KEY", CANARY)::get);
        Cli cli = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), keys, new PlanStore(), Clock.systemUTC());
        int run = cli.execute("run", planFile.toString(), "--base-url", base, "--write",
                "--json", work.resolve("report.json").toString(), "--junit", work.resolve("report.xml").toString());
        int run2 = cli.execute("run", planFile.toString(), "--base-url", base, "--write");
        int export = cli.execute("export", planFile.toString(), "--format", "all", "--out", work.toString());
        String printed = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertThat(run).as(printed).isIn(Cli.OK, Cli.CHECKS_FAILED);
        assertThat(run2).as(printed).isIn(Cli.OK, Cli.CHECKS_FAILED);
        assertThat(export).as(printed).isEqualTo(Cli.OK);
        assertThat(server.getRequestCount()).isGreaterThan(3);

        List<Path> written;
        try (Stream<Path> files = Files.walk(tmp)) {
            written = files.filter(Files::isRegularFile).toList();
        }
        assertThat(written).extracting(p -> p.getFileName().toString())
                .contains("hostile-plan.json", "hostile-plan.json.bak", "report.json", "report.xml");
        List<String> forms = forms();
        List<String> leaks = new ArrayList<>();
        for (Path f : written) {
            String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            if (f.toString().endsWith(".pdf")) {
                try (var doc = org.apache.pdfbox.Loader.loadPDF(f.toFile())) {
                    text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
                }
            }
            leaks.addAll(leaks(f.getFileName().toString(), text, forms, true));
        }
        leaks.addAll(leaks("printed", printed, forms, true));
        assertThat(leaks).as("forms of the key or password, or raw control characters").isEmpty();
    }

    /** Each line of {@code text} that holds a form of a secret or (when {@code controls}) a raw ESC or BEL. */
    static List<String> leaks(String where, String text, List<String> forms, boolean controls) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            boolean leak = forms.stream().anyMatch(line::contains)
                    || controls && (line.indexOf('\u001b') >= 0 || line.indexOf('\u0007') >= 0);
            if (leak) {
                String shown = line.replace("\u001b", "<ESC>").replace("\u0007", "<BEL>");
                out.add(where + ": " + (shown.length() > 300 ? shown.substring(0, 300) + "…" : shown));
            }
        }
        return out;
    }

    /** The key and the password as the server echoes them, and as pieces that survive any surrounding text. */
    static List<String> forms() {
        List<String> forms = new ArrayList<>();
        for (String secret : List.of(CANARY, PASSWORD)) {
            forms.add(secret);
            forms.add(secret.substring(secret.length() - 12));
            forms.add(percent(secret));
            forms.add(unicodeEscaped(secret).toLowerCase());
            forms.add(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)).substring(0, 20));
        }
        return forms;
    }

    static String percent(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append('%').append(String.format("%02X", (int) c));
        }
        return sb.toString();
    }

    static String unicodeEscaped(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(String.format("\\u%04x", (int) c));
        }
        return sb.toString();
    }

    /** An OpenAI-compatible gateway that echoes the key it receives into everything it says. */
    static final class HostileGateway extends Dispatcher {
        @Override
        public MockResponse dispatch(RecordedRequest r) {
            String auth = String.valueOf(r.getHeaders().get("Authorization"));
            String key = auth.startsWith("Bearer ") ? auth.substring(7) : String.valueOf(r.getUrl().queryParameter("key"));
            String b64 = Base64.getEncoder().encodeToString(("id:" + key).getBytes(StandardCharsets.UTF_8));
            String path = r.getUrl().encodedPath();
            String body = r.getBody() == null ? "" : r.getBody().utf8();
            MockResponse.Builder res = new MockResponse.Builder().code(200)
                    .addHeader("Content-Type", "application/json")
                    .addHeader("x-request-id", "req-" + key)
                    .addHeader("x-oneapi-request-id", b64)
                    .addHeader("request-id", "r" + percent(key))
                    .addHeader("x-ratelimit-limit-requests", "60" + key)
                    .addHeader("x-ratelimit-remaining-requests", "59")
                    .addHeaderLenient("x-litellm-call-id", "call-" + ESCAPES)
                    .addHeader("Set-Cookie", "s=" + key);
            String model = "echo-" + unicodeEscaped(key) + ESCAPES.replace("\u001b", "\\u001b").replace("\u0007", "\\u0007").replace("\r", "\\r");
            String text = "echo " + key + " " + ESCAPES;
            String jsonText = text.replace("\u001b", "\\u001b").replace("\u0007", "\\u0007").replace("\r", "\\r");
            switch (path) {
                case "/v1/models":
                    return res.body("{\"object\":\"list\",\"data\":[{\"id\":\"echo-model\",\"object\":\"model\"},"
                            + "{\"id\":\"echo-error\",\"object\":\"model\"},{\"id\":\"" + model + "\",\"object\":\"model\"}]}").build();
                case "/v1/chat/completions":
                    if (body.contains("echo-error")) {
                        return res.code(400).body("{\"error\":{\"message\":\"" + jsonText + " key=" + key
                                + "\",\"type\":\"invalid_request_error\",\"param\":\"" + model + "\",\"code\":\"" + b64 + "\"}}").build();
                    }
                    String id = "chatcmpl-" + percent(key);
                    if (body.contains("\"stream\":true")) {
                        String chunk = "{\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"" + model
                                + "\",\"system_fingerprint\":\"" + b64 + "\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\""
                                + jsonText + "\"},\"finish_reason\":null}]}";
                        String last = "{\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"" + model
                                + "\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
                                + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":5,\"total_tokens\":10}}";
                        return res.setHeader("Content-Type", "text/event-stream").body(": " + text + "\n\ndata: " + chunk
                                + "\n\ndata: " + last + "\n\ndata: [DONE]\n\n").build();
                    }
                    return res.body("{\"id\":\"" + id + "\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"" + model
                            + "\",\"system_fingerprint\":\"" + b64 + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
                            + jsonText + "\"},\"finish_reason\":\"stop\"}],"
                            + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":5,\"total_tokens\":10}}").build();
                case "/api/usage/token":
                    return res.body("{\"code\":true,\"message\":\"" + jsonText + "\",\"data\":{\"name\":\"" + key
                            + "\",\"total_granted\":1000000,\"total_used\":10,\"total_available\":999990,"
                            + "\"unlimited_quota\":false,\"model_limits_enabled\":false}}").build();
                case "/api/log/token":
                    return res.body("{\"success\":true,\"message\":\"\",\"data\":[{\"request_id\":\"" + b64
                            + "\",\"model_name\":\"" + model + "\",\"token_name\":\"" + key
                            + "\",\"quota\":10,\"prompt_tokens\":5,\"completion_tokens\":5,\"content\":\"" + jsonText + "\"}]}").build();
                default:
                    return res.code(404).body("{\"message\":\"" + jsonText + " " + key + "\"}").build();
            }
        }
    }
}
