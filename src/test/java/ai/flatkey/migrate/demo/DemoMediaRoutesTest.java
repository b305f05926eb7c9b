package ai.flatkey.migrate.demo;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static ai.flatkey.migrate.demo.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo gateway's endpoint families, spoken to over plain HTTP with bodies built here (not with the app's
 * client): the shapes and refusals new-api gives, the ledger and the prices that make reconciliation possible.
 */
class DemoMediaRoutesTest {
    private DemoGateway gateway;
    private TestHttp http;

    @BeforeEach
    void start() throws Exception {
        gateway = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(0));
        http = new TestHttp(gateway);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    /** A multipart/form-data body: text fields, then one file. */
    private static final class Form {
        final String boundary = "----test-boundary-7c1f";
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Form field(String name, String value) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
            return this;
        }

        Form file(String name, String fileName, String type, byte[] bytes) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: " + type + "\r\n\r\n");
            out.writeBytes(bytes);
            write("\r\n");
            return this;
        }

        byte[] bytes() {
            write("--" + boundary + "--\r\n");
            return out.toByteArray();
        }

        private void write(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    private HttpResponse<byte[]> postForm(String path, Form form) {
        return http.sendBytes(http.request(path, DemoGateway.DEMO_KEY)
                .setHeader("Content-Type", "multipart/form-data; boundary=" + form.boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes())).build());
    }

    private HttpResponse<byte[]> postJson(String path, String body) {
        return http.sendBytes(http.request(path, DemoGateway.DEMO_KEY).setHeader("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static JsonObject json(HttpResponse<byte[]> r) {
        return JsonParser.parseString(new String(r.body(), StandardCharsets.UTF_8)).getAsJsonObject();
    }

    private static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    /** A WAV written by javax.sound (not by the demo): 1 s of a tone at 8 kHz. */
    private static byte[] wav() throws Exception {
        byte[] pcm = new byte[16_000];
        for (int i = 0; i < 8_000; i++) {
            short v = (short) (Math.sin(i / 3.0) * 5000);
            pcm[2 * i] = (byte) v;
            pcm[2 * i + 1] = (byte) (v >> 8);
        }
        AudioFormat format = new AudioFormat(8_000, 16, 1, true, false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm), format, 8_000), AudioFileFormat.Type.WAVE,
                out);
        return out.toByteArray();
    }

    private static byte[] png(int w, int h) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB), "png", out);
        return out.toByteArray();
    }

    private List<JsonObject> log() {
        HttpResponse<String> r = http.send(http.rootRequest("/api/log/token", DemoGateway.DEMO_KEY).GET().build());
        return TestHttp.json(r).getAsJsonArray("data").asList().stream().map(e -> e.getAsJsonObject()).toList();
    }

    @Test
    void gptImageAnswersB64JsonOnlyWithUsageAndDallEAUrlItServes() throws Exception {
        HttpResponse<byte[]> gpt = postJson("/images/generations",
                "{\"model\":\"gpt-image-1\",\"prompt\":\"a red kite\",\"size\":\"256x128\",\"response_format\":\"url\"}");
        assertThat(gpt.statusCode()).as(text(gpt)).isEqualTo(200);
        JsonObject item = json(gpt).getAsJsonArray("data").get(0).getAsJsonObject();
        assertThat(item.has("url")).as("gpt-image models answer b64_json only, even when url is asked for").isFalse();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(item.get("b64_json")
                .getAsString())));
        assertThat(image.getWidth()).isEqualTo(256);
        assertThat(image.getHeight()).isEqualTo(128);
        assertThat(json(gpt).get("created").getAsLong()).isPositive();
        assertThat(json(gpt).getAsJsonObject("usage").get("output_tokens").getAsInt()).isPositive();

        HttpResponse<byte[]> dalle = postJson("/images/generations", "{\"model\":\"dall-e-3\",\"prompt\":\"a red kite\"}");
        String url = json(dalle).getAsJsonArray("data").get(0).getAsJsonObject().get("url").getAsString();
        assertThat(json(dalle).has("usage")).isFalse();
        HttpResponse<byte[]> file = http.sendBytes(HttpRequest.newBuilder(java.net.URI.create(url)).GET().build());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("content-type")).hasValue("image/png");
        assertThat(ImageIO.read(new ByteArrayInputStream(file.body())).getWidth()).isEqualTo(1024);
    }

    @Test
    void editsAreMultipartOnlyAndVariationsAreNotImplemented() throws Exception {
        HttpResponse<byte[]> json = postJson("/images/edits", "{\"model\":\"gpt-image-1\",\"prompt\":\"x\"}");
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(text(json)).contains("multipart/form-data");

        HttpResponse<byte[]> edit = postForm("/images/edits", new Form().field("model", "gpt-image-1")
                .field("prompt", "add a star").file("image[]", "in.png", "image/png", png(64, 64)));
        assertThat(edit.statusCode()).as(text(edit)).isEqualTo(200);
        byte[] edited = Base64.getDecoder().decode(json(edit).getAsJsonArray("data").get(0).getAsJsonObject()
                .get("b64_json").getAsString());
        assertThat(ImageIO.read(new ByteArrayInputStream(edited)).getWidth()).as("the input's size by default").isEqualTo(64);

        HttpResponse<byte[]> variations = postForm("/images/variations", new Form().field("model", "dall-e-2")
                .file("image", "in.png", "image/png", png(64, 64)));
        assertThat(variations.statusCode()).isEqualTo(501);
        JsonObject error = json(variations).getAsJsonObject("error");
        assertThat(error.get("code").getAsString()).isEqualTo("api_not_implemented");
        assertThat(error.get("message").getAsString()).isEqualTo("API not implemented");
        assertThat(error.get("type").getAsString()).isEqualTo("new_api_error");
    }

    @Test
    void filesAndFineTunesAre501AndBatchesHasNoRoute() {
        for (String path : List.of("/files", "/files/file-1", "/fine-tunes")) {
            HttpResponse<String> r = http.get(path, DemoGateway.DEMO_KEY);
            assertThat(r.statusCode()).as(path).isEqualTo(501);
            assertThat(r.body()).contains("api_not_implemented");
        }
        HttpResponse<String> batches = http.get("/batches", DemoGateway.DEMO_KEY);
        assertThat(batches.statusCode()).isEqualTo(404);
        assertThat(TestHttp.error(batches).get("message").getAsString()).isEqualTo("Invalid URL (GET /v1/batches)");
        assertThat(http.get("/files", null).statusCode()).as("the key is checked first, as new-api does").isEqualTo(401);
    }

    @Test
    void transcriptionsAnswerEveryFormatAndOnlyJsonCarriesUsage() throws Exception {
        byte[] clip = wav();
        for (String format : List.of("json", "text", "srt", "verbose_json", "vtt")) {
            HttpResponse<byte[]> r = postForm("/audio/transcriptions", new Form().field("model", "whisper-1")
                    .field("response_format", format).file("file", "clip.wav", "audio/wav", clip));
            assertThat(r.statusCode()).as(format + ": " + text(r)).isEqualTo(200);
            String body = text(r);
            switch (format) {
                case "json" -> assertThat(json(r).getAsJsonObject("usage").get("type").getAsString()).isEqualTo("duration");
                case "verbose_json" -> assertThat(json(r).getAsJsonArray("segments")).hasSize(1);
                case "srt" -> assertThat(body).startsWith("1\n00:00:00,000 --> 00:00:01,000\n");
                case "vtt" -> assertThat(body).startsWith("WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n");
                default -> assertThat(body).doesNotContain("usage").doesNotStartWith("{");
            }
        }
        HttpResponse<byte[]> srt = postForm("/audio/transcriptions", new Form().field("model", "gpt-4o-mini-transcribe")
                .field("response_format", "srt").file("file", "clip.wav", "audio/wav", clip));
        assertThat(srt.statusCode()).isEqualTo(400);
        assertThat(text(srt)).contains("response_format 'srt' is not compatible with model 'gpt-4o-mini-transcribe'");
        HttpResponse<byte[]> tokens = postForm("/audio/transcriptions", new Form().field("model", "gpt-4o-mini-transcribe")
                .file("file", "clip.wav", "audio/wav", clip));
        assertThat(json(tokens).getAsJsonObject("usage").get("type").getAsString()).isEqualTo("tokens");
        HttpResponse<byte[]> translate = postForm("/audio/translations", new Form().field("model", "gpt-4o-mini-transcribe")
                .file("file", "clip.wav", "audio/wav", clip));
        assertThat(translate.statusCode()).as("translations are whisper-1's").isEqualTo(400);
    }

    @Test
    void speechIsAudioBilledByDurationAndTranscribesBack() throws Exception {
        String sentence = "one two three four five six seven eight nine ten";
        HttpResponse<byte[]> speech = postJson("/audio/speech", "{\"model\":\"gpt-4o-mini-tts\",\"input\":\"" + sentence
                + "\",\"voice\":\"alloy\",\"response_format\":\"wav\"}");
        assertThat(speech.headers().firstValue("content-type")).hasValue("audio/wav");
        AudioInputStream audio = AudioSystem.getAudioInputStream(new ByteArrayInputStream(speech.body()));
        double seconds = audio.getFrameLength() / audio.getFormat().getFrameRate();
        assertThat(seconds).isEqualTo(3.5);
        JsonObject entry = log().get(log().size() - 1);
        assertThat(entry.get("model_name").getAsString()).isEqualTo("gpt-4o-mini-tts");
        assertThat(entry.get("completion_tokens").getAsInt()).as("ceil(3.5 s) / 60 × 1000, as new-api bills speech")
                .isEqualTo(67);
        String requestId = speech.headers().firstValue("x-request-id").orElseThrow();
        assertThat(entry.get("request_id").getAsString()).isEqualTo(requestId);

        HttpResponse<byte[]> heard = postForm("/audio/transcriptions", new Form().field("model", "whisper-1")
                .file("file", "speech.wav", "audio/wav", speech.body()));
        assertThat(json(heard).get("text").getAsString()).isEqualTo(sentence);
        HttpResponse<byte[]> mp3 = postJson("/audio/speech", "{\"model\":\"gpt-4o-mini-tts\",\"input\":\"hi\",\"voice\":\"alloy\"}");
        assertThat(mp3.headers().firstValue("content-type")).as("mp3 by default").hasValue("audio/mpeg");
        assertThat(mp3.body()[0] & 0xff).isEqualTo(0xff);
    }

    @Test
    void videoJobsCarryTheGatewaysTaskIdAndServeRanges() throws Exception {
        HttpResponse<byte[]> created = postForm("/videos", new Form().field("model", "sora-2").field("prompt", "a kite"));
        JsonObject job = json(created);
        String id = job.get("id").getAsString();
        assertThat(id).matches("task_[A-Za-z0-9]{32}");
        assertThat(job.get("status").getAsString()).isEqualTo("queued");
        HttpResponse<String> early = http.get("/videos/" + id + "/content", DemoGateway.DEMO_KEY);
        assertThat(early.statusCode()).isEqualTo(400);
        assertThat(early.body()).contains("Task is not completed yet, current status: queued");
        String status = "";
        for (int i = 0; i < 100 && !status.equals("completed"); i++) {
            Thread.sleep(20);
            status = TestHttp.json(http.get("/videos/" + id, DemoGateway.DEMO_KEY)).get("status").getAsString();
            assertThat(status).isIn("queued", "in_progress", "completed");
        }
        assertThat(status).isEqualTo("completed");
        HttpResponse<byte[]> range = http.sendBytes(http.request("/videos/" + id + "/content", DemoGateway.DEMO_KEY)
                .header("Range", "bytes=0-99").GET().build());
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).hasSize(100);
        assertThat(new String(range.body(), 4, 4, StandardCharsets.US_ASCII)).isEqualTo("ftyp");
        assertThat(range.headers().firstValue("content-range").orElseThrow()).matches("bytes 0-99/\\d+");
        assertThat(http.get("/videos/" + id, DemoGateway.DEMO_KEY_LOW_QUOTA).statusCode())
                .as("another key's task is not found").isEqualTo(404);
        assertThat(log().stream().filter(e -> e.get("model_name").getAsString().equals("sora-2")).count())
                .as("the job is billed once, at creation; polls and downloads are not").isEqualTo(1);
    }

    @Test
    void moderationsHaveEveryCategoryWithScores() {
        HttpResponse<byte[]> r = postJson("/moderations", "{\"input\":\"I will attack the castle\"}");
        JsonObject result = json(r).getAsJsonArray("results").get(0).getAsJsonObject();
        assertThat(result.get("flagged").getAsBoolean()).isTrue();
        assertThat(result.getAsJsonObject("categories").keySet())
                .isEqualTo(result.getAsJsonObject("category_scores").keySet()).contains("violence", "hate");
        assertThat(json(r).get("model").getAsString()).isEqualTo("omni-moderation-latest");
    }

    @Test
    void perRequestPricesArePublishedAndChargedExactly() {
        HttpResponse<String> pricing = http.send(http.rootRequest("/api/website/pricing", null).GET().build());
        JsonArray data = TestHttp.json(pricing).getAsJsonArray("data");
        JsonObject image = data.asList().stream().map(e -> e.getAsJsonObject())
                .filter(p -> p.get("model_name").getAsString().equals("gpt-image-1")).findFirst().orElseThrow();
        assertThat(image.get("per_request").getAsDouble()).isEqualTo(0.04);
        assertThat(image.get("quota_type").getAsInt()).isEqualTo(1);
        assertThat(image.getAsJsonArray("supported_endpoint_types").get(0).getAsString()).isEqualTo("image-generation");
        postJson("/images/generations", "{\"model\":\"gpt-image-1\",\"prompt\":\"a kite\",\"size\":\"64x64\"}");
        JsonObject entry = log().get(log().size() - 1);
        assertThat(entry.get("quota").getAsLong()).as("$0.04 at 500,000 per dollar").isEqualTo(20_000);
        assertThat(entry.get("cost_usd").getAsDouble()).isEqualTo(0.04);
    }

    @Test
    void everyFamilyFaultModelIsServedAndListedOnlyWhenAsked() throws Exception {
        assertThat(DemoGateway.FAMILY_FAULT_MODELS).hasSize(12).containsEntry("demo-video-stuck", "video-stuck")
                .containsEntry("demo-tts-wrong-format", "audio-wrong-format");
        assertThat(gateway.modelIds()).doesNotContainAnyElementsOf(DemoGateway.FAMILY_FAULT_MODELS.keySet());
        try (DemoGateway listing = DemoGateway.start(DemoConfig.defaults().withFaultModelsListed(true))) {
            assertThat(listing.modelIds()).containsAll(DemoGateway.FAMILY_FAULT_MODELS.keySet());
        }
        HttpResponse<byte[]> broken = postJson("/moderations", "{\"model\":\"demo-moderation-broken\",\"input\":\"hi\"}");
        assertThat(json(broken).getAsJsonArray("results").get(0).getAsJsonObject().has("category_scores")).isFalse();
    }

    @Test
    void familyFaultsComeByHeaderToo() {
        HttpResponse<byte[]> r = http.sendBytes(http.request("/images/generations", DemoGateway.DEMO_KEY)
                .setHeader("Content-Type", "application/json").header(DemoGateway.FAULT_HEADER, "image-url")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-image-1\",\"prompt\":\"k\",\"size\":\"64x64\"}"))
                .build());
        assertThat(json(r).getAsJsonArray("data").get(0).getAsJsonObject().has("url")).isTrue();
        HttpResponse<byte[]> bad = http.sendBytes(http.request("/moderations", DemoGateway.DEMO_KEY)
                .setHeader("Content-Type", "application/json").header(DemoGateway.FAULT_HEADER, "moderation-broken")
                .POST(HttpRequest.BodyPublishers.ofString("{\"input\":\"hello\"}")).build());
        assertThat(json(bad).getAsJsonArray("results").get(0).getAsJsonObject().has("category_scores")).isFalse();
    }
}
