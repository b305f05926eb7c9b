package ai.flatkey.migrate.cli;

import ai.flatkey.migrate.demo.DemoGateway;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.secrets.KeyResolver;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The second sample plan, every endpoint family and every chat feature on the embedded demo gateway, run through the
 * CLI in-process: every check passes, and the sample ships inside the app as the first one does.
 */
class AllFeaturesPlanTest {
    private static final Path PLAN = Path.of("assets/sample-plans/all-features.json");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    private int cli(String... args) {
        outBytes.reset();
        errBytes.reset();
        return new Cli(new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8), new KeyResolver(Map.<String, String>of()::get),
                new PlanStore(), Clock.systemUTC()).execute(args);
    }

    @Test
    void everyCheckOfEveryFamilyPassesOnTheEmbeddedGatewayAndTheExportListsThem() throws Exception {
        Path json = dir.resolve("run.json");
        Path plan = dir.resolve("all-features.json");
        Files.copy(PLAN, plan);
        int code = cli("run", plan.toString(), "--json", json.toString(), "--write");
        String out = outBytes.toString(StandardCharsets.UTF_8);
        String err = errBytes.toString(StandardCharsets.UTF_8);
        assertThat(code).as(out + err).isZero();
        assertThat(out).contains("0 failed, 0 unsupported, 0 errors");
        JsonObject run = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        List<String> ids = run.getAsJsonArray("results").asList().stream().map(JsonElement::getAsJsonObject)
                .map(r -> r.get("checkId").getAsString()).toList();
        assertThat(ids).contains("chat:gpt-5.5", "tools-stream:gpt-5.5", "json-schema:gpt-5.5", "vision:gpt-5.5",
                "responses-stream:gpt-5.5", "developer-role:gpt-5.5", "embeddings-base64:text-embedding-3-small",
                "images:gpt-image-1", "image-edits:gpt-image-1", "transcriptions:whisper-1",
                "transcription-formats:whisper-1", "translations:whisper-1", "speech:gpt-4o-mini-tts",
                "moderations:omni-moderation-latest", "video:sora-2");
        assertThat(run.getAsJsonArray("results").asList()).allSatisfy(r -> assertThat(r.getAsJsonObject()
                .get("verdict").getAsString()).as(r.toString()).isEqualTo("PASS"));
        assertThat(Files.readString(json)).doesNotContain(DemoGateway.DEMO_KEY);

        assertThat(cli("export", plan.toString())).as(errBytes.toString(StandardCharsets.UTF_8)).isZero();
        String md = outBytes.toString(StandardCharsets.UTF_8);
        assertThat(md).contains("images:gpt-image-1", "transcription-formats:whisper-1", "speech:gpt-4o-mini-tts",
                "video:sora-2", "IMG-BYTES", "VID-CONTENT", "Image, audio and video endpoints are migrated as separate"
                + " endpoints", "video: sora-2: pass").doesNotContain(DemoGateway.DEMO_KEY);
    }

    @Test
    void theSampleShipsInsideTheApp() throws Exception {
        MigrationPlan plan = new PlanStore().sample("all-features");
        assertThat(plan.inventory().endpoints()).contains("images", "audio", "video", "moderations");
        assertThat(plan.targetModels()).contains("gpt-image-1", "whisper-1", "gpt-4o-mini-tts", "sora-2");
    }
}
