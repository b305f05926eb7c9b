package ai.flatkey.migrate.peer;

import ai.flatkey.migrate.cli.Cli;
import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.Inventory;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.Verdict;
import ai.flatkey.migrate.secrets.KeyResolver;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20, done-when 2: the endpoint-family checks run from the command line against aimock (a mock written by
 * others), with fixtures this test makes at run time — a real 1024×1024 PNG base64-encoded for images and edits, a
 * real WAV for speech, the known phrase as the transcript — so each verdict is what aimock itself does with them.
 * <p>
 * What aimock 1.43.0 does not do, and the checks say so by rule: it answers every transcription
 * {@code response_format} but {@code verbose_json} with a JSON body (an app asking for {@code text}, {@code srt} or
 * {@code vtt} gets JSON: AUD-FORMAT), and it has no {@code GET /v1/videos/{id}/content} (a completed job's content
 * does not download: VID-CONTENT). Moderation needs no fixture (aimock's default result is unflagged, with every
 * category); files, fine-tuning and batches are routes it implements.
 */
class AimockFamiliesCliTest {
    private static final String PHRASE = "The quick brown fox jumps over the lazy dog.";
    private static final String CHECKS = "images:*,image-edits:*,transcriptions:*,transcription-formats:*,"
            + "translations:*,speech:*,moderations:*,video:*,files,fine-tuning,batches";

    @TempDir
    static Path fixtures;
    private static Aimock aimock;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws IOException {
        Optional<String> reason = Aimock.unavailableReason();
        if (reason.isPresent()) {
            System.out.println("[aimock] skipping the endpoint-family checks: " + reason.get());
            Assumptions.abort(reason.get());
        }
        Path file = fixtures.resolve("families.json");
        Files.writeString(file, new GsonBuilder().setPrettyPrinting().create().toJson(fixtureFile()));
        aimock = Aimock.start(Paths.get(System.getProperty("user.dir")), file);
    }

    @AfterAll
    static void stop() {
        if (aimock != null) {
            aimock.close();
        }
    }

    /** Fixtures by endpoint and model, made now: no binary file ships with the tests. */
    private static JsonObject fixtureFile() throws IOException {
        JsonArray list = new JsonArray();
        JsonObject image = new JsonObject();
        image.addProperty("b64Json", Base64.getEncoder().encodeToString(png(1024, 1024)));
        JsonObject imageResponse = new JsonObject();
        imageResponse.add("image", image);
        list.add(fixture("image", "gpt-image-1", imageResponse));

        JsonObject speech = new JsonObject();
        speech.addProperty("audio", Base64.getEncoder().encodeToString(wav(24_000, 2.0)));
        speech.addProperty("format", "wav");
        list.add(fixture("speech", "gpt-4o-mini-tts", speech));

        for (String endpoint : List.of("transcription", "translation")) {
            JsonObject transcription = new JsonObject();
            transcription.addProperty("text", PHRASE);
            JsonObject response = new JsonObject();
            response.add("transcription", transcription);
            list.add(fixture(endpoint, "whisper-1", response));
        }

        JsonObject video = new JsonObject();
        video.addProperty("id", "video_aimock_0001");
        video.addProperty("status", "completed");
        video.addProperty("url", "https://videos.example.test/video_aimock_0001.mp4");
        JsonObject videoResponse = new JsonObject();
        videoResponse.add("video", video);
        list.add(fixture("video", "sora-2", videoResponse));

        JsonObject root = new JsonObject();
        root.add("fixtures", list);
        return root;
    }

    private static JsonObject fixture(String endpoint, String model, JsonObject response) {
        JsonObject match = new JsonObject();
        match.addProperty("endpoint", endpoint);
        match.addProperty("model", model);
        JsonObject f = new JsonObject();
        f.add("match", match);
        f.add("response", response);
        return f;
    }

    /** An opaque RGB PNG of the size asked for: a diagonal gradient. */
    static byte[] png(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setPaint(new GradientPaint(0, 0, new Color(40, 160, 120), width, height, new Color(20, 40, 90)));
            g.fillRect(0, 0, width, height);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** A 16-bit mono WAV of a 330 Hz tone, written by {@code javax.sound}. */
    static byte[] wav(int rate, double seconds) throws IOException {
        int frames = (int) (rate * seconds);
        ByteBuffer pcm = ByteBuffer.allocate(frames * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            pcm.putShort((short) (Math.sin(2 * Math.PI * 330 * i / rate) * 6_000));
        }
        AudioFormat format = new AudioFormat(rate, 16, 1, true, false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm.array()), format, frames),
                AudioFileFormat.Type.WAVE, out);
        return out.toByteArray();
    }

    private static MigrationPlan plan(String baseUrl) {
        MigrationPlan p = MigrationPlan.newPlan("Endpoint families against aimock")
                .withTarget(new Endpoint("custom", baseUrl, "env:AIMOCK_KEY"))
                .withMappings(List.of(
                        new ModelMapping("gpt-image-1", "gpt-image-1", List.of("images", "image-edits"), ""),
                        new ModelMapping("whisper-1", "whisper-1", List.of("transcriptions", "translations"), ""),
                        new ModelMapping("tts-1", "gpt-4o-mini-tts", List.of("speech"), ""),
                        new ModelMapping("omni-moderation-latest", "omni-moderation-latest", List.of("moderations"), ""),
                        new ModelMapping("sora-2", "sora-2", List.of("video"), "")));
        Inventory inv = p.inventory();
        return p.withInventory(new Inventory(inv.sdk(), List.of("images", "audio", "video", "moderations", "files",
                "fine-tuning", "batches"), inv.currentBaseUrl(), inv.productionModel(), inv.fallbackModels(),
                inv.messageShape(), inv.parameters(), inv.observability(), inv.rollbackPath()));
    }

    @Test
    void theFamilyChecksRunFromTheCliAndTheirVerdictsAreWhatAimockDoes() throws Exception {
        Path planFile = dir.resolve("families.json");
        new PlanStore().save(planFile, plan(aimock.baseUrl()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true,
                StandardCharsets.UTF_8), new KeyResolver(Map.of("AIMOCK_KEY", Aimock.KEY)::get), new PlanStore(),
                Clock.systemUTC()).execute("run", planFile.toString(), "--checks", CHECKS, "--no-verify", "--write");
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).doesNotContain(Aimock.KEY);
        SmokeRun run = new PlanStore().load(planFile).latestRun().orElseThrow();
        Map<String, CheckResult> results = run.results().stream()
                .collect(Collectors.toMap(CheckResult::checkId, Function.identity()));
        String all = text + "\n--- aimock ---\n" + aimock.recentLog();
        assertThat(results.keySet()).as(all).containsExactlyInAnyOrder("images:gpt-image-1",
                "image-edits:gpt-image-1", "transcriptions:whisper-1", "transcription-formats:whisper-1",
                "translations:whisper-1", "speech:gpt-4o-mini-tts", "moderations:omni-moderation-latest",
                "video:sora-2", "files", "fine-tuning", "batches");

        // what aimock supports passes on the same rules as on the demo gateway
        for (String id : List.of("images:gpt-image-1", "image-edits:gpt-image-1", "transcriptions:whisper-1",
                "translations:whisper-1", "speech:gpt-4o-mini-tts", "moderations:omni-moderation-latest", "files",
                "fine-tuning", "batches")) {
            assertThat(results.get(id).verdict()).as(id + ": " + results.get(id).reason() + "\n" + all)
                    .isEqualTo(Verdict.PASS);
        }
        assertThat(results.get("images:gpt-image-1").output()).as("the generated PNG decoded at the size asked for")
                .startsWith("1024x1024 PNG");
        assertThat(results.get("speech:gpt-4o-mini-tts").output()).startsWith("WAV, 24000 Hz, 1 channel, 2.00 s");
        assertThat(results.get("transcriptions:whisper-1").reason()).contains("speech by gpt-4o-mini-tts", PHRASE);
        assertThat(results.get("moderations:omni-moderation-latest").reason()).contains("13 categories");

        // what it does not: the text formats come back as JSON, and a completed video has no content route
        CheckResult formats = results.get("transcription-formats:whisper-1");
        assertThat(formats.verdict()).as(formats.reason()).isEqualTo(Verdict.FAIL);
        assertThat(formats.decidingRuleIds()).contains("AUD-FORMAT");
        assertThat(formats.reason()).contains("response_format text was asked for but the answer is json",
                "response_format srt was asked for", "response_format vtt was asked for")
                .as("verbose_json is the one it honours").doesNotContain("response_format verbose_json was asked");
        CheckResult video = results.get("video:sora-2");
        assertThat(video.verdict()).as(video.reason()).isEqualTo(Verdict.FAIL);
        assertThat(video.decidingRuleIds()).containsExactly("VID-CONTENT");
        assertThat(video.reason()).contains("does not download", "no GET …/videos/{id}/content (HTTP 404",
                "created and polled the job at the same base URL").doesNotContain("Check the base URL");

        assertThat(code).as(text).isEqualTo(Cli.CHECKS_FAILED);
        assertThat(text).contains("9 passed, 2 failed, 0 unsupported, 0 errors");
    }
}
