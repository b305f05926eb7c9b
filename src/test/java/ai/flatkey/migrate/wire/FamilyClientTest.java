package ai.flatkey.migrate.wire;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static ai.flatkey.migrate.wire.Fixtures.KEY;
import static ai.flatkey.migrate.wire.Fixtures.client;
import static ai.flatkey.migrate.wire.Fixtures.config;
import static ai.flatkey.migrate.wire.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The endpoint families of {@link FamilyClient} against hostile and faithful answers: what goes out (JSON, multipart,
 * Range), what is read (every transcription format, binary audio, job statuses), the failure taxonomy for routes a
 * gateway lacks, redaction and caps, and the video poll's back-off and deadline.
 */
class FamilyClientTest {
    @StartStop
    private final MockWebServer server = new MockWebServer();

    private FamilyClient families() {
        return client(server, "/v1").families();
    }

    private RecordedRequest take() throws InterruptedException {
        return server.takeRequest(5, TimeUnit.SECONDS);
    }

    @Test
    void imageGenerationSendsJsonAndReadsB64JsonCreatedAndUsage() throws Exception {
        String b64 = Base64.getEncoder().encodeToString(new byte[300]);
        server.enqueue(json(200, "{\"created\":1767225600,\"data\":[{\"b64_json\":\"" + b64 + "\"}],"
                + "\"usage\":{\"input_tokens\":9,\"output_tokens\":272,\"total_tokens\":281}}"));

        ImageResult r = families().generateImage(new ImageRequest("gpt-image-1", "a kite", "1024x1024", 1, null, "low"), null);

        assertThat(take().getBody().utf8()).isEqualTo("{\"model\":\"gpt-image-1\",\"prompt\":\"a kite\",\"n\":1,"
                + "\"size\":\"1024x1024\",\"quality\":\"low\"}");
        assertThat(r.created()).isEqualTo(1767225600L);
        assertThat(r.formatsReceived()).containsExactly("b64_json");
        assertThat(r.images().get(0).decoded()).hasSize(300);
        assertThat(r.usage()).isEqualTo(new Usage(9, 272, 281));
        assertThat(r.transcript().responseBody()).as("long base64 is shortened in the transcript")
                .contains("…(" + b64.length() + " characters)").doesNotContain(b64);
    }

    @Test
    void imageEditIsMultipartWithTheImagesAsFileParts() throws Exception {
        server.enqueue(json(200, "{\"created\":1,\"data\":[{\"url\":\"https://cdn.example.invalid/a.png\"}]}"));
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};

        ImageResult r = families().editImage(new ImageEditRequest("gpt-image-1", "add a star",
                List.of(new Upload("a.png", "image/png", png), new Upload("b.png", "image/png", png)), true, "64x64",
                null), null);

        RecordedRequest sent = take();
        assertThat(sent.getHeaders().get("Content-Type")).startsWith("multipart/form-data; boundary=");
        String body = sent.getBody().string(StandardCharsets.ISO_8859_1);
        assertThat(body).containsPattern("name=\"model\"\r\n(Content-Length: 11\r\n)?\r\ngpt-image-1\r\n")
                .contains("name=\"image[]\"; filename=\"a.png\"", "name=\"image[]\"; filename=\"b.png\"")
                .contains("Content-Type: image/png").contains("name=\"size\"");
        assertThat(r.formatsReceived()).containsExactly("url");
        assertThat(r.transcript().requestBody()).isEqualTo("multipart/form-data: model=gpt-image-1; prompt=add a star; "
                + "image[]=@a.png (image/png, 7 bytes); image[]=@b.png (image/png, 7 bytes); size=64x64");
        assertThat(families().curl(new ImageEditRequest("gpt-image-1", "x", List.of(new Upload("a.png", "image/png",
                png)), false, null, null), "FLATKEY_API_KEY")).contains("-F 'image=@a.png;type=image/png'")
                .contains("Bearer $FLATKEY_API_KEY").doesNotContain(KEY);
    }

    @Test
    void everyTranscriptionFormatIsReadForWhatItIs() throws Exception {
        Upload clip = new Upload("clip.wav", "audio/wav", "RIFF....WAVE".getBytes(StandardCharsets.US_ASCII));
        server.enqueue(json(200, "{\"text\":\"Hello there.\",\"usage\":{\"type\":\"duration\",\"seconds\":2}}"));
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/plain").body("Hello there.\n").build());
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/plain")
                .body("1\n00:00:00,000 --> 00:00:01,500\nHello there.\n\n").build());
        server.enqueue(json(200, "{\"task\":\"transcribe\",\"duration\":1.5,\"text\":\"Hello there.\","
                + "\"segments\":[{\"id\":0,\"text\":\"Hello there.\"}]}"));
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/vtt")
                .body("WEBVTT\n\n00:00:00.000 --> 00:00:01.500\nHello there.\n\n").build());
        List<TranscriptionResult> results = new ArrayList<>();
        for (String f : List.of("json", "text", "srt", "verbose_json", "vtt")) {
            results.add(families().transcribe(new TranscriptionRequest("whisper-1", clip, f, "en", false), null));
        }
        assertThat(results).extracting(TranscriptionResult::formatReceived)
                .containsExactly("json", "text", "srt", "verbose_json", "vtt");
        assertThat(results).extracting(TranscriptionResult::text).containsOnly("Hello there.");
        assertThat(results.get(0).usageSeconds()).isEqualTo(2.0);
        assertThat(results.subList(1, 5)).allSatisfy(r -> assertThat(r.usage()).isNull());
        assertThat(results.get(3).segments()).isEqualTo(1);
        RecordedRequest first = take();
        assertThat(first.getUrl().encodedPath()).isEqualTo("/v1/audio/transcriptions");
        assertThat(first.getBody().utf8()).contains("name=\"file\"; filename=\"clip.wav\"", "Content-Type: audio/wav",
                "name=\"response_format\"");
    }

    /**
     * A streamed transcription in OpenAI's shapes (openai-openapi: TranscriptTextDeltaEvent {type, delta, logprobs},
     * TranscriptTextDoneEvent {type, text, logprobs, usage}): a multipart upload with stream=true, the deltas joined,
     * the done event's text and usage; a stream without the done event is returned not done (what arrived kept); a
     * JSON answer (whisper-1 ignores stream) and an error event are failures.
     */
    @Test
    void aStreamedTranscriptionReadsDeltasAndTheDoneEvent() throws Exception {
        Upload clip = new Upload("clip.wav", "audio/wav", "RIFF....WAVE".getBytes(StandardCharsets.US_ASCII));
        TranscriptionRequest req = new TranscriptionRequest("gpt-4o-mini-transcribe", clip, "json", "en", false);
        String deltas = "data: {\"type\":\"transcript.text.delta\",\"delta\":\"Hello\",\"logprobs\":[]}\n\n"
                + ": keep-alive\r\n\r\n"
                + "data: {\"type\":\"transcript.text.delta\",\"delta\":\" there.\",\"logprobs\":[]}\n\n";
        server.enqueue(sse(deltas + "data: {\"type\":\"transcript.text.done\",\"text\":\"Hello there.\","
                + "\"usage\":{\"type\":\"tokens\",\"input_tokens\":14,\"output_tokens\":3,\"total_tokens\":17}}\n\n"));
        server.enqueue(sse(deltas));
        server.enqueue(json(200, "{\"text\":\"Hello there.\"}"));
        server.enqueue(sse(deltas + "data: {\"type\":\"error\",\"error\":{\"message\":\"audio too long\","
                + "\"type\":\"invalid_request_error\"}}\n\n"));

        TranscriptionStream done = families().transcribeStreaming(req, null);
        assertThat(done.done()).isTrue();
        assertThat(done.deltas()).isEqualTo(2);
        assertThat(done.deltaText()).isEqualTo("Hello there.");
        assertThat(done.text()).isEqualTo("Hello there.");
        assertThat(done.usage().totalTokens()).isEqualTo(17);
        assertThat(done.firstDeltaMs()).isNotNull();
        assertThat(take().getBody().utf8()).contains("name=\"stream\"", "true", "name=\"model\"",
                "gpt-4o-mini-transcribe");

        TranscriptionStream cut = families().transcribeStreaming(req, null);
        assertThat(cut.done()).isFalse();
        assertThat(cut.text()).isNull();
        assertThat(cut.deltaText()).isEqualTo("Hello there.");
        assertThat(cut.transcript()).isNotNull();

        assertThatThrownBy(() -> families().transcribeStreaming(req, null)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.getMessage()).contains("ignores stream=true"));
        assertThatThrownBy(() -> families().transcribeStreaming(req, null)).isInstanceOfSatisfying(ApiException.class,
                e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.MIDSTREAM_ERROR);
                    assertThat(e.getMessage()).contains("audio too long");
                });
        assertThat(families().curl(req, true, "FLATKEY_API_KEY")).startsWith("curl -sS -N ").contains("stream=true")
                .doesNotContain(KEY);
    }

    private static MockResponse sse(String body) {
        return new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").body(body).build();
    }

    @Test
    void speechKeepsTheBytesOutOfTheTranscriptAndAJsonErrorAt200IsAFailure() throws Exception {
        byte[] audio = new byte[4096];
        audio[0] = 'R';
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "audio/wav").body(new Buffer().write(audio))
                .build());
        server.enqueue(json(200, "{\"error\":{\"message\":\"voice unavailable for " + KEY + "\",\"type\":\"x\"}}"));
        SpeechRequest req = new SpeechRequest("tts-1", "Hello", "alloy", "wav");

        SpeechResult r = families().speech(req, null);
        assertThat(r.audio()).isEqualTo(audio);
        assertThat(r.contentType()).isEqualTo("audio/wav");
        assertThat(r.transcript().responseBody()).isEqualTo("(binary body: 4096 bytes, audio/wav)");

        assertThatThrownBy(() -> families().speech(req, null)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.kind()).isEqualTo(FailureKind.PROTOCOL);
            assertThat(e.getMessage()).contains("error object instead of a result").doesNotContain(KEY);
            assertThat(e.transcript().render()).doesNotContain(KEY);
        });
    }

    @Test
    void a501ApiNotImplementedIsNotImplementedAndAMissingRouteIsAWrongPath() {
        server.enqueue(json(501, "{\"error\":{\"message\":\"API not implemented\",\"type\":\"new_api_error\","
                + "\"param\":\"\",\"code\":\"api_not_implemented\"}}"));
        server.enqueue(json(404, "{\"error\":{\"message\":\"Invalid URL (GET /v1/batches)\",\"type\":"
                + "\"invalid_request_error\",\"param\":\"\",\"code\":\"\"}}"));

        assertThatThrownBy(() -> families().probe("files", null)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.kind()).isEqualTo(FailureKind.NOT_IMPLEMENTED);
            assertThat(e.status()).isEqualTo(501);
            assertThat(e.getMessage()).isEqualTo("The gateway does not implement /v1/files (HTTP 501 "
                    + "api_not_implemented): \"API not implemented\". Retrying will not help: this endpoint family needs a "
                    + "separate migration (keep it on the current provider, or use a gateway that has it).");
        });
        assertThatThrownBy(() -> families().probe("batches", null)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.kind()).isEqualTo(FailureKind.WRONG_PATH);
            assertThat(e.serverMessage()).isEqualTo("Invalid URL (GET /v1/batches)");
        });
    }

    @Test
    void moderationReadsCategoriesAndScoresAndNamesValuesOfTheWrongType() throws Exception {
        server.enqueue(json(200, "{\"id\":\"modr-1\",\"model\":\"omni-moderation-latest\",\"results\":[{\"flagged\":false,"
                + "\"categories\":{\"hate\":false,\"violence\":\"no\"},\"category_scores\":{\"hate\":0.01,\"violence\":0.02}}]}"));

        ModerationResult r = families().moderate("omni-moderation-latest", "hello", null);

        assertThat(r.results()).singleElement().satisfies(v -> {
            assertThat(v.flagged()).isFalse();
            assertThat(v.categories()).containsOnlyKeys("hate");
            assertThat(v.categoryScores()).containsOnlyKeys("hate", "violence");
            assertThat(v.malformed()).containsExactly("categories.violence");
        });
    }

    @Test
    void videoPollingBacksOffAndStopsAtTheDeadline() throws Exception {
        AtomicLong now = new AtomicLong(1_000_000);
        List<Long> slept = new ArrayList<>();
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now.get());
            }
        };
        Sleeper sleeper = (delay, cancel) -> {
            slept.add(delay.toMillis());
            now.addAndGet(delay.toMillis());
        };
        OpenAiClient c = new OpenAiClient(OpenAiClient.newHttpClient(), config(server, "/v1", KEY), RetryPolicy.none(),
                sleeper, () -> 0.5, clock, OpenAiClient.DEFAULT_MAX_BODY_BYTES, OpenAiClient.DEFAULT_MAX_ERROR_BYTES,
                OpenAiClient.DEFAULT_MAX_EVENT_BYTES);
        for (int i = 0; i < 8; i++) {
            server.enqueue(json(200, "{\"id\":\"task_1\",\"object\":\"video\",\"status\":\"in_progress\",\"progress\":"
                    + (i * 10) + "}"));
        }

        VideoPoll poll = c.families().awaitVideo("task_1", Duration.ofSeconds(5), null);

        assertThat(poll.timedOut()).isTrue();
        assertThat(slept).as("250 ms doubling, the last wait cut to the deadline").containsExactly(250L, 500L, 1000L,
                2000L, 1250L);
        assertThat(poll.polls()).hasSize(6);
        assertThat(poll.statuses()).containsExactly("in_progress");
        assertThat(take().getUrl().encodedPath()).isEqualTo("/v1/videos/task_1");
    }

    @Test
    void aJobIdFromTheServerCannotReachAnotherRoute() throws Exception {
        server.enqueue(json(200, "{\"id\":\"../../models\",\"status\":\"completed\"}"));
        families().videoStatus("../../models", null);
        assertThat(take().getUrl().encodedPath()).isEqualTo("/v1/videos/..%2F..%2Fmodels");
    }

    @Test
    void videoContentSendsRangeAndReadsTheTotalFromContentRange() throws Exception {
        byte[] head = new byte[100];
        server.enqueue(new MockResponse.Builder().code(206).setHeader("Content-Type", "video/mp4")
                .setHeader("Content-Range", "bytes 0-99/123456").body(new Buffer().write(head)).build());

        VideoContent content = families().videoContent("task_1", 0L, 99L, null);

        assertThat(take().getHeaders().get("Range")).isEqualTo("bytes=0-99");
        assertThat(content.status()).isEqualTo(206);
        assertThat(content.totalLength()).isEqualTo(123456L);
        assertThat(content.bytes()).hasSize(100);
    }

    @Test
    void aBinaryBodyOverTheCapIsRefused() {
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "audio/wav").body(new Buffer()
                .write(new byte[2048])).build());
        OpenAiClient small = new OpenAiClient(OpenAiClient.newHttpClient(), config(server, "/v1", KEY), 1024, 1024, 1024);
        assertThatThrownBy(() -> small.families().speech(new SpeechRequest("tts-1", "x", "alloy", "wav"), null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.PROTOCOL);
                    assertThat(e.getMessage()).contains("larger than 1 KB");
                });
    }

    @Test
    void anImageUrlOnAnotherOriginIsFetchedWithoutTheKey() throws Exception {
        try (MockWebServer cdn = new MockWebServer()) {
            cdn.start();
            cdn.enqueue(new MockResponse.Builder().setHeader("Content-Type", "image/png").body("PNG").build());
            server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "image/png").body("PNG").build());

            families().download(cdn.url("/a.png").toString(), null);
            families().download(server.url("/files/a.png").toString(), null);

            assertThat(cdn.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Authorization")).isNull();
            assertThat(take().getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        }
    }
}
