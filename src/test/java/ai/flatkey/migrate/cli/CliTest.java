package ai.flatkey.migrate.cli;

import ai.flatkey.migrate.demo.DemoConfig;
import ai.flatkey.migrate.demo.DemoGateway;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.secrets.KeyResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CliTest {
    private static final Path DEMO_PLAN = Path.of("assets/sample-plans/demo.json");
    private static final String WRONG = "sk-test-not-a-real-key-123456789";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    private int cli(Map<String, String> env, String... args) {
        PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
        return new Cli(out, err, new KeyResolver(env::get), new PlanStore(), Clock.systemUTC()).execute(args);
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void demoPlanPassesOnTheEmbeddedGateway() throws Exception {
        Path junit = dir.resolve("reports/out.xml");
        Path json = dir.resolve("reports/out.json");
        int code = cli(Map.of(), "run", DEMO_PLAN.toString(), "--junit", junit.toString(), "--json", json.toString());
        assertThat(code).as(out() + err()).isZero();
        assertThat(out()).contains("PASS        models", "PASS        chat           gpt-5.5", "PASS        streaming      gpt-5.5",
                "PASS        streaming      deepseek-chat", "PASS        auth", "PASS        unknown-model",
                "PASS        unsupported-param", "PASS        base-url", "PASS        max-tokens", "15 passed, 0 failed, 0 unsupported, 0 errors");
        assertThat(out()).contains("CHECK", "streaming:deepseek-chat", "streaming-no-usage:gpt-5.5", "max-completion-tokens:deepseek-chat");
        String xml = Files.readString(junit);
        org.w3c.dom.Document doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(junit.toFile());
        assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(15);
        assertThat(doc.getElementsByTagName("failure").getLength()).isZero();
        assertThat(xml).contains("name=\"streaming:gpt-5.5\"", "tests=\"15\" failures=\"0\" errors=\"0\"", "Transcript (key redacted):", "POST ")
                .doesNotContain(ai.flatkey.migrate.demo.DemoGateway.DEMO_KEY);
        com.google.gson.JsonObject run = com.google.gson.JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertThat(run.getAsJsonArray("results")).hasSize(15);
        assertThat(Files.readString(json)).doesNotContain(ai.flatkey.migrate.demo.DemoGateway.DEMO_KEY);
    }

    @Test
    void junitReportNamesTheRuleOfAFailedCheck() throws Exception {
        try (DemoGateway gw = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(0))) {
            Path junit = dir.resolve("fail.xml");
            int code = cli(Map.of("WRONG_KEY", WRONG), "run", DEMO_PLAN.toString(), "--base-url", gw.baseUrl(), "--key-env",
                    "WRONG_KEY", "--checks", "chat:gpt-5.5,unknown-model", "--junit", junit.toString());
            assertThat(code).isEqualTo(Cli.CHECKS_FAILED);
            String xml = Files.readString(junit);
            assertThat(xml).contains("<error message=\"The gateway rejected the key (HTTP 401)", "<failure message=\"[ERR-UNKNOWN-MODEL]",
                    "type=\"ERR-UNKNOWN-MODEL\"", "tests=\"2\" failures=\"1\" errors=\"1\"").doesNotContain(WRONG);
            javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        }
    }

    @Test
    void wrongKeyAgainstAStandaloneGatewayExitsOneAndNamesThe401() throws Exception {
        try (DemoGateway gw = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(0))) {
            int code = cli(Map.of("WRONG_KEY", WRONG), "run", DEMO_PLAN.toString(), "--base-url", gw.baseUrl(), "--key-env", "WRONG_KEY");
            assertThat(code).isEqualTo(Cli.CHECKS_FAILED);
            assertThat(out()).contains("ERROR", "The gateway rejected the key (HTTP 401)", "1 passed, 1 failed, 0 unsupported, 13 errors").doesNotContain(WRONG);
            assertThat(err()).doesNotContain(WRONG);
        }
    }

    /** A gateway whose JSON-mode answer is 299 letters, an emoji, and more: the 300-character excerpt ends at it. */
    private static mockwebserver3.MockWebServer emojiGateway() throws java.io.IOException {
        String content = "a".repeat(299) + "\uD83D\uDE00 and more text after the emoji";
        String chat = "{\"id\":\"chatcmpl-e1\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + content + "\"},"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":80,\"total_tokens\":85}}";
        mockwebserver3.MockWebServer server = new mockwebserver3.MockWebServer();
        server.setDispatcher(new mockwebserver3.Dispatcher() {
            @Override
            public mockwebserver3.MockResponse dispatch(mockwebserver3.RecordedRequest request) {
                boolean models = request.getUrl().encodedPath().endsWith("/models");
                return new mockwebserver3.MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                        .addHeader("x-request-id", "req_emoji_1")
                        .body(models ? "{\"object\":\"list\",\"data\":[{\"id\":\"m\",\"object\":\"model\",\"created\":1,"
                                + "\"owned_by\":\"t\"}]}" : chat).build();
            }
        });
        server.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
        return server;
    }

    private Path emojiPlan(mockwebserver3.MockWebServer server) throws Exception {
        Path plan = dir.resolve("emoji.json");
        new PlanStore().save(plan, MigrationPlan.newPlan("emoji")
                .withTarget(new ai.flatkey.migrate.plan.Endpoint("custom", server.url("/v1").toString(), "env:EMOJI_KEY"))
                .withMappings(java.util.List.of(new ai.flatkey.migrate.plan.ModelMapping("m", "m", java.util.List.of("json"), ""))));
        return plan;
    }

    @Test
    void anEmojiAtTheExcerptBoundaryReachesTheJsonAndJunitReportsWhole() throws Exception {
        try (mockwebserver3.MockWebServer server = emojiGateway()) {
            Path plan = emojiPlan(server);
            Path junit = dir.resolve("emoji.xml");
            Path json = dir.resolve("emoji-results.json");
            int code = cli(Map.of("EMOJI_KEY", "sk-test-emoji-not-a-real-key-0000"), "run", plan.toString(), "--checks", "json:m",
                    "--no-verify", "--junit", junit.toString(), "--json", json.toString());
            assertThat(code).as(out() + err()).isEqualTo(Cli.CHECKS_FAILED);
            assertThat(out()).contains("FAIL", "[JSON-OBJECT]", "JSON results written to", "JUnit XML (1 testcases) written to",
                    "0 passed, 1 failed, 0 unsupported, 0 errors");
            String jsonText = Files.readString(json, StandardCharsets.UTF_8);
            com.google.gson.JsonObject result = com.google.gson.JsonParser.parseString(jsonText).getAsJsonObject()
                    .getAsJsonArray("results").get(0).getAsJsonObject();
            String reason = result.get("reason").getAsString();
            assertThat(reason).as("the excerpt stops before the emoji rather than in its middle")
                    .contains("a".repeat(299) + "…").doesNotContain("\uFFFD");
            assertThat(result.get("output").getAsString()).contains("\uD83D\uDE00 and more");
            assertThat(result.getAsJsonArray("breaches")).hasSize(1);
            for (String text : new String[] {reason, result.get("output").getAsString()}) {
                assertThat(text.chars().filter(c -> Character.isSurrogate((char) c)).count() % 2).as("no lone surrogate").isZero();
            }
            org.w3c.dom.Document doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(junit.toFile());
            assertThat(doc.getElementsByTagName("failure").item(0).getAttributes().getNamedItem("message").getNodeValue())
                    .startsWith("[JSON-OBJECT]").contains("a".repeat(299) + "…");
            assertThat(doc.getElementsByTagName("system-out").item(0).getTextContent()).contains("\uD83D\uDE00 and more");
        }
    }

    @Test
    void aReportThatCannotBeWrittenIsAnErrorWithExitCodeTwo() throws Exception {
        try (mockwebserver3.MockWebServer server = emojiGateway()) {
            Path plan = emojiPlan(server);
            Path notAFile = Files.createDirectories(dir.resolve("a-directory.json"));
            int code = cli(Map.of("EMOJI_KEY", "sk-test-emoji-not-a-real-key-0000"), "run", plan.toString(), "--checks", "models",
                    "--no-verify", "--json", notAFile.toString());
            assertThat(code).as(out() + err()).isEqualTo(Cli.USAGE);
            assertThat(err()).contains("error: could not write JSON results to " + notAFile, "a report asked for was not written");
            assertThat(out()).contains("1 passed, 0 failed, 0 unsupported, 0 errors");
        }
    }

    @Test
    void writeStoresTheRunInThePlan() throws Exception {
        Path plan = dir.resolve("demo.json");
        Files.copy(DEMO_PLAN, plan);
        assertThat(cli(Map.of(), "run", plan.toString(), "--write")).isZero();
        assertThat(new PlanStore().load(plan).latestRun()).hasValueSatisfying(r -> assertThat(r.allPassed()).isTrue());
    }

    @Test
    void repeatComparesAndSelectsChecks() throws Exception {
        try (DemoGateway source = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(0))) {
            Path plan = dir.resolve("compare.json");
            PlanStore store = new PlanStore();
            store.save(plan, store.load(DEMO_PLAN).withSource(new ai.flatkey.migrate.plan.Endpoint("openai", source.baseUrl(), "env:SRC_KEY")));
            int code = cli(Map.of("SRC_KEY", DemoGateway.DEMO_KEY), "run", plan.toString(), "--compare", "--repeat", "3",
                    "--checks", "chat:*,streaming:gpt-5.5");
            assertThat(code).as(out() + err()).isZero();
            assertThat(out()).contains("3 smoke checks", "3 times each", "p50", "TTFT p95", "3/3",
                    "(current provider) PASS", "gpt-4o-mini → gpt-5.5", "PASS → PASS", "same", "3 passed, 0 failed, 0 unsupported, 0 errors");
        }
        assertThat(cli(Map.of(), "run", DEMO_PLAN.toString(), "--checks", "nothing-like-this")).isEqualTo(Cli.USAGE);
        assertThat(err()).contains("no check matches");
        assertThat(cli(Map.of(), "run", DEMO_PLAN.toString(), "--repeat", "0")).isEqualTo(Cli.USAGE);
    }

    @Test
    void proveRollbackRunsTheBasicChecksAgainstThePreviousProviderAndRecordsTheProof() throws Exception {
        try (DemoGateway previous = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(0))) {
            Path plan = dir.resolve("rollback.json");
            PlanStore store = new PlanStore();
            store.save(plan, store.load(DEMO_PLAN).withRollback(
                    new ai.flatkey.migrate.plan.Rollback(previous.baseUrl(), "gpt-4o-mini", "env:OLD_KEY", "")));
            assertThat(cli(Map.of(), "prove-rollback", plan.toString())).as(out() + err()).isEqualTo(Cli.USAGE);
            assertThat(err()).contains("No key for", "OLD_KEY", "--key-env NAME");
            assertThat(previous.requestCount()).isZero();

            int code = cli(Map.of("OLD_KEY", DemoGateway.DEMO_KEY), "prove-rollback", plan.toString(), "--write");
            assertThat(code).as(out() + err()).isZero();
            assertThat(out()).contains("PASS", "Rollback proved", "Proof saved into");
            MigrationPlan saved = store.load(plan);
            assertThat(saved.rollback().isProved()).isTrue();
            assertThat(saved.checklistItem(ai.flatkey.migrate.plan.Checklist.ROLLBACK).status())
                    .isEqualTo(ai.flatkey.migrate.plan.ItemStatus.DONE);
        }
        try (DemoGateway wrongKey = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(0))) {
            Path plan = dir.resolve("bad-rollback.json");
            PlanStore store = new PlanStore();
            store.save(plan, store.load(DEMO_PLAN).withRollback(
                    new ai.flatkey.migrate.plan.Rollback(wrongKey.baseUrl(), "gpt-4o-mini", "env:OLD_KEY", "")));
            assertThat(cli(Map.of("OLD_KEY", WRONG), "prove-rollback", plan.toString(), "--write")).isEqualTo(Cli.CHECKS_FAILED);
            assertThat(err()).contains("did not pass").doesNotContain(WRONG);
            assertThat(store.load(plan).rollback().isProved()).isFalse();
        }
    }

    @Test
    void aReportIsNeverWrittenThroughALink() throws Exception {
        Path victim = dir.resolve("victim.txt");
        Files.writeString(victim, "keep me");
        Path link = Files.createSymbolicLink(dir.resolve("report.json"), victim);
        int code = cli(Map.of(), "run", DEMO_PLAN.toString(), "--checks", "models", "--json", link.toString());
        assertThat(code).as(out() + err()).isEqualTo(Cli.USAGE);
        assertThat(err()).contains("symbolic link");
        assertThat(Files.readString(victim)).isEqualTo("keep me");
        assertThat(Files.isSymbolicLink(link)).isTrue();
    }

    @Test
    void aKeyThatIsNotSetStopsTheRunBeforeAnythingIsSent() throws Exception {
        try (DemoGateway gw = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(0))) {
            int code = cli(Map.of(), "run", DEMO_PLAN.toString(), "--base-url", gw.baseUrl(), "--key-env", "NOT_SET_HERE");
            assertThat(code).as(out() + err()).isEqualTo(Cli.USAGE);
            assertThat(err()).contains("No key for the target", "NOT_SET_HERE", "--key-env NAME");
            assertThat(out()).doesNotContain("Running");
            assertThat(gw.requestCount()).as("nothing reached the gateway").isZero();
        }
    }

    @Test
    void theQuotaGuardRefusesARunTheKeyCannotPayForUnlessAllowed() throws Exception {
        try (DemoGateway gw = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(0))) {
            Map<String, String> env = Map.of("LOW", DemoGateway.DEMO_KEY_LOW_QUOTA);
            int code = cli(env, "run", DEMO_PLAN.toString(), "--base-url", gw.baseUrl(), "--key-env", "LOW");
            assertThat(code).isEqualTo(Cli.USAGE);
            assertThat(err()).contains("The suite is expected to cost about $", "but the key has only $0.0010 left",
                    "Nothing was sent", "--allow-over-budget");
            assertThat(out()).doesNotContain("PASS");
            long served = gw.requestCount();
            int allowed = cli(env, "run", DEMO_PLAN.toString(), "--base-url", gw.baseUrl(), "--key-env", "LOW", "--allow-over-budget");
            assertThat(allowed).isEqualTo(Cli.CHECKS_FAILED);
            assertThat(gw.requestCount()).isGreaterThan(served);
            assertThat(out()).contains("The key has run out of quota or credit (HTTP 429)", "Rate limits now: requests:");
        }
    }

    @Test
    void keysAreNeverFlags() {
        assertThat(cli(Map.of(), "run", DEMO_PLAN.toString(), "--key", WRONG)).isEqualTo(Cli.USAGE);
        assertThat(err()).contains("never taken from the command line", "--key-env NAME").doesNotContain(WRONG);
        assertThat(cli(Map.of(), "run", "--api-key=" + WRONG, DEMO_PLAN.toString())).isEqualTo(Cli.USAGE);
        assertThat(cli(Map.of(), "run", DEMO_PLAN.toString(), "--key")).isEqualTo(Cli.USAGE);
        assertThat(err()).doesNotContain(WRONG);
        assertThat(out()).isEmpty();
    }

    @Test
    void everyCommandHasHelpWithItsOptions() {
        assertThat(cli(Map.of(), "run", "--help")).isZero();
        assertThat(out()).contains("Usage: flatkey-migrate run", "PLAN.json", "--key-env=NAME", "read the target key from this "
                + "environment variable", "--repeat=N", "--allow-over-budget").doesNotContain("--api-key");
        for (String command : new String[] {"export", "scan", "demo-gateway", "completion"}) {
            outBytes.reset();
            assertThat(cli(Map.of(), command, "--help")).as(command).isZero();
            assertThat(out()).as(command).contains("Usage: flatkey-migrate " + command, "--help");
        }
        assertThat(out()).contains("source <(flatkey-migrate completion)");
        assertThat(err()).isEmpty();
    }

    @Test
    void usageErrorsNameTheOffendingOptionAndExitTwo() {
        assertThat(cli(Map.of(), "run", DEMO_PLAN.toString(), "--frobnicate")).isEqualTo(Cli.USAGE);
        assertThat(err()).contains("error: Unknown option: '--frobnicate'", "flatkey-migrate run --help");
        errBytes.reset();
        assertThat(cli(Map.of(), "run", DEMO_PLAN.toString(), "--repeat", "0")).isEqualTo(Cli.USAGE);
        assertThat(err()).contains("--repeat must be between 1 and " + ai.flatkey.migrate.smoke.SuiteOptions.MAX_REPEAT + "; got 0.");
        errBytes.reset();
        assertThat(cli(Map.of(), "run", DEMO_PLAN.toString(), "--concurrency", "999")).isEqualTo(Cli.USAGE);
        assertThat(err()).contains("--concurrency must be between 1 and");
        errBytes.reset();
        assertThat(cli(Map.of(), "run", DEMO_PLAN.toString(), "--repeat", "many")).isEqualTo(Cli.USAGE);
        assertThat(err()).contains("'--repeat'", "'many'");
        assertThat(out()).isEmpty();
    }

    @Test
    void theCompletionScriptCoversEveryCommand() {
        assertThat(cli(Map.of(), "completion")).isZero();
        assertThat(out()).startsWith("#!/usr/bin/env bash").contains("complete -F", "flatkey-migrate",
                "run prove-rollback export scan checks record demo-gateway completion", "validate import", "--upstream", "--reference", "--key-env", "--format", "--port").doesNotContain("--api-key");
    }

    /** PDFBox logs through commons-logging and SLF4J: without a provider, SLF4J warned on stderr at every PDF export. */
    @Test
    void aPdfExportPrintsNoSlf4jWarning() throws Exception {
        Path out = dir.resolve("pdf");
        Path stderr = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "ai.flatkey.migrate.Main",
                "export", DEMO_PLAN.toString(), "--format", "pdf", "--out", out.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderr.toFile()).start();
        assertThat(p.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
        String printed = Files.readString(stderr);
        assertThat(p.exitValue()).as(printed).isZero();
        assertThat(out.resolve("demo-checklist.pdf")).isNotEmptyFile();
        assertThat(printed).doesNotContain("SLF4J");
    }

    @Test
    void damagedPlanIsAUsageErrorWithTheReason() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"schemaVersion\": 1, \"name\": ");
        assertThat(cli(Map.of(), "run", bad.toString())).isEqualTo(Cli.USAGE);
        assertThat(err()).contains("bad.json is not valid JSON");
    }

    @Test
    void exportWritesTheMarkdownChecklist() throws Exception {
        assertThat(cli(Map.of(), "export", DEMO_PLAN.toString(), "--format", "md", "--out", dir.toString())).isZero();
        String md = Files.readString(dir.resolve("demo-checklist.md"));
        assertThat(md).contains("# Migration checklist: Demo: support bot to Flatkey", "| gpt-4o-mini | gpt-5.5 |");
    }

    @Test
    void versionHelpAndUnknownCommands() {
        assertThat(cli(Map.of(), "--version")).isZero();
        assertThat(out()).startsWith("flatkey-migrate ");
        assertThat(cli(Map.of(), "--help")).isZero();
        assertThat(out()).contains("Usage: flatkey-migrate", "run", "export", "scan", "demo-gateway", "completion", "Exit codes");
        assertThat(cli(Map.of(), "frobnicate")).isEqualTo(Cli.USAGE);
        assertThat(err()).contains("Unknown command 'frobnicate'");
        assertThat(cli(Map.of(), "run")).isEqualTo(Cli.USAGE);
        assertThat(err()).contains("Missing required parameter: 'PLAN.json'");
        assertThat(cli(Map.of(), "demo-gateway", "--port", "seventy")).isEqualTo(Cli.USAGE);
        assertThat(err()).contains("'--port'");
        assertThat(cli(Map.of(), "demo-gateway", "--port", "70000")).isEqualTo(Cli.USAGE);
        assertThat(err()).contains("--port must be between 0 and 65535");
        outBytes.reset();
        assertThat(cli(Map.of())).isEqualTo(Cli.USAGE);
        assertThat(out()).isEmpty();
    }
}
