package ai.flatkey.migrate.wire;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;

/**
 * The endpoint families of one {@link OpenAiClient} beyond chat: image generation (JSON) and edits (multipart),
 * audio transcriptions and translations (multipart upload, every {@code response_format}), speech (a binary answer),
 * moderations, video jobs (create, poll with back-off until a deadline, download with {@code Range}), and the routes
 * a gateway may lack ({@code /files}, {@code /fine_tuning/jobs}, {@code /batches}). Every call goes through the
 * client's exchange engine: its timeouts, proxy, CA bundle, body cap, retry policy, redaction, failure taxonomy
 * (a 501 {@code api_not_implemented} is {@link FailureKind#NOT_IMPLEMENTED}, a missing route
 * {@link FailureKind#WRONG_PATH}) and transcripts. Binary bodies are kept out of transcripts (their size and type
 * are shown), and long base64 values are shortened there. Obtained from {@link OpenAiClient#families()}.
 */
public final class FamilyClient {
    /** The statuses of a video job in the OpenAI API. */
    public static final List<String> VIDEO_STATUSES = List.of("queued", "in_progress", "completed", "failed");
    /** The first wait between two polls of a video job; it doubles up to {@link #MAX_POLL_INTERVAL}. */
    public static final Duration FIRST_POLL_INTERVAL = Duration.ofMillis(250);
    public static final Duration MAX_POLL_INTERVAL = Duration.ofSeconds(8);

    private static final String ACCEPT_JSON = "application/json";
    private static final int TRANSCRIPT_B64_CHARS = 48;
    private static final Pattern LONG_B64 = Pattern.compile("(\"b64_json\"\\s*:\\s*\")([A-Za-z0-9+/=\\r\\n\\\\]{"
            + (TRANSCRIPT_B64_CHARS + 1) + ",})(\")");
    private static final Pattern CONTENT_RANGE_TOTAL = Pattern.compile("(?i)bytes\\s+(?:\\d+-\\d+|\\*)/(\\d+)");
    private static final Pattern CUE_TIME = Pattern.compile(
            "^\\s*(\\d{2}:)?\\d{2}:\\d{2}[.,]\\d{3}\\s+-->\\s+(\\d{2}:)?\\d{2}:\\d{2}[.,]\\d{3}.*$");

    private final OpenAiClient client;

    FamilyClient(OpenAiClient client) {
        this.client = Objects.requireNonNull(client);
    }

    // ---------------------------------------------------------------- images

    /** {@code POST {base}/images/generations} (JSON). */
    public ImageResult generateImage(ImageRequest request, Cancellation cancel) throws ApiException {
        HttpUrl url = client.url("images/generations");
        String body = imageJson(request);
        return client.send(Endpoint.IMAGES, "POST", url, body, null, ACCEPT_JSON, Map.of(), request.model(), cancel,
                a -> readImages(a, request.responseFormat()), ImageResult::summary, ImageResult::withTranscript,
                ImageResult::timing);
    }

    /**
     * {@code POST {base}/images/generations} with a body exactly as written ({@link RawRequest}, a request check's):
     * read as {@link #generateImage(ImageRequest, Cancellation)} reads its answer.
     */
    public ImageResult generateImage(RawRequest request, Cancellation cancel) throws ApiException {
        require(request, RawRequest.Api.IMAGES);
        HttpUrl url = client.url(request.api().path());
        String format = text(request.body().get("response_format"));
        return client.send(Endpoint.IMAGES, "POST", url, request.json(), null, ACCEPT_JSON, Map.of(), request.model(),
                cancel, a -> readImages(a, format), ImageResult::summary, ImageResult::withTranscript,
                ImageResult::timing);
    }

    private static void require(RawRequest request, RawRequest.Api api) {
        Objects.requireNonNull(request, "request");
        if (request.api() != api) {
            throw new IllegalArgumentException("a body for " + request.api().path() + " sent to " + api.path());
        }
    }

    private static String text(JsonElement e) {
        return e instanceof JsonPrimitive p && p.isString() ? p.getAsString() : null;
    }

    /** {@code POST {base}/images/edits} (multipart: the image(s) as {@code image} or {@code image[]} file parts). */
    public ImageResult editImage(ImageEditRequest request, Cancellation cancel) throws ApiException {
        HttpUrl url = client.url("images/edits");
        Form form = new Form().field("model", request.model()).field("prompt", request.prompt());
        for (Upload image : request.images()) {
            form.file(request.arrayField() ? "image[]" : "image", image);
        }
        if (request.mask() != null) {
            form.file("mask", request.mask());
        }
        form.field("size", request.size()).field("response_format", request.responseFormat()).fields(request.fields());
        return client.send(Endpoint.IMAGES, "POST", url, form.describe(), form.body(), ACCEPT_JSON, Map.of(),
                request.model(), cancel, a -> readImages(a, request.responseFormat()), ImageResult::summary,
                ImageResult::withTranscript, ImageResult::timing);
    }

    /**
     * {@code GET} an absolute URL an answer pointed at (an image's {@code url}), through the same client: the key
     * goes along only when the URL is on the base URL's own origin.
     */
    public Download download(String url, Cancellation cancel) throws ApiException {
        HttpUrl target = HttpUrl.parse(url == null ? "" : url.strip());
        if (target == null) {
            throw new ApiException(FailureKind.PROTOCOL, client.failures().redact("The answer's url \""
                    + Failures.clip(String.valueOf(url), 200) + "\" is not an http(s) address."), 0, "", "", null, null);
        }
        boolean sameOrigin = KeyOrigin.origin(target).equals(KeyOrigin.origin(client.url("")));
        return client.send(sameOrigin, Endpoint.IMAGES, "GET", target, "", null, "*/*", Map.of(), null, cancel, a -> {
            byte[] bytes = a.bytes("image download");
            return new Download(client.failures().redact(target.toString()), a.contentType(), bytes, a.status(),
                    a.timing(), null);
        }, Download::summary, Download::withTranscript, Download::timing);
    }

    private static String imageJson(ImageRequest r) {
        JsonObject o = new JsonObject();
        o.addProperty("model", r.model());
        o.addProperty("prompt", r.prompt());
        if (r.n() != null) {
            o.addProperty("n", r.n());
        }
        if (r.size() != null) {
            o.addProperty("size", r.size());
        }
        if (r.quality() != null) {
            o.addProperty("quality", r.quality());
        }
        if (r.responseFormat() != null) {
            o.addProperty("response_format", r.responseFormat());
        }
        return o.toString();
    }

    private ImageResult readImages(OpenAiClient.Answer a, String formatRequested) throws IOException, ApiException {
        String text = a.text("images answer");
        a.transcriptBody(shortenBase64(text));
        JsonElement json = ErrorBody.parseJson(text);
        if (!(json instanceof JsonObject root)) {
            throw json == null ? a.notTheAnswer(text) : a.shape(json, "The images answer is a JSON array, not the "
                    + "OpenAI object {\"created\":…,\"data\":[…]}.");
        }
        boolean hasData = root.get("data") instanceof JsonArray;
        if (!hasData && ErrorBody.fromJson(root).isJsonError()) {
            throw a.notTheAnswer(text);
        }
        List<GeneratedImage> images = new ArrayList<>();
        if (root.get("data") instanceof JsonArray data) {
            int i = 0;
            for (JsonElement item : data) {
                if (item instanceof JsonObject o) {
                    images.add(new GeneratedImage(i, string(o, "b64_json"), string(o, "url"),
                            string(o, "revised_prompt")));
                } else {
                    images.add(new GeneratedImage(i, "", "", ""));
                }
                i++;
            }
        }
        Long created = ChatDecoding.longOrNull(root.get("created"));
        return new ImageResult(created, hasData, images, mediaUsage(root.get("usage")), formatRequested,
                a.requestId(), a.status(), a.timing(), a.headers(), null);
    }

    // ---------------------------------------------------------------- audio

    /** {@code POST {base}/audio/transcriptions} or {@code /audio/translations} (multipart upload). */
    public TranscriptionResult transcribe(TranscriptionRequest request, Cancellation cancel) throws ApiException {
        HttpUrl url = client.url(request.path());
        Form form = new Form().file("file", request.file()).field("model", request.model())
                .field("response_format", request.responseFormat())
                .field("language", request.translation() ? null : request.language()).fields(request.fields());
        return client.send(Endpoint.AUDIO, "POST", url, form.describe(), form.body(), "*/*", Map.of(), request.model(),
                cancel, a -> readTranscription(a, request.responseFormat()), TranscriptionResult::summary,
                TranscriptionResult::withTranscript, TranscriptionResult::timing);
    }

    /**
     * {@code POST {base}/audio/transcriptions} with {@code stream=true} (multipart upload, answered as SSE with
     * {@code transcript.text.delta} events and one {@code transcript.text.done}); read with the timeouts and limits of
     * every stream. A stream that ends without its done event is returned with {@code done} false.
     */
    public TranscriptionStream transcribeStreaming(TranscriptionRequest request, Cancellation cancel) throws ApiException {
        HttpUrl url = client.url(request.path());
        Form form = new Form().file("file", request.file()).field("model", request.model())
                .field("response_format", request.responseFormat())
                .field("language", request.translation() ? null : request.language()).fields(request.fields())
                .field("stream", "true");
        return client.stream(Endpoint.AUDIO, url, form.describe(), form.body(), request.model(), cancel,
                new TranscriptionStream.Reader(request.model()), TranscriptionStream::summary,
                TranscriptionStream::withTranscript, TranscriptionStream::timing);
    }

    private TranscriptionResult readTranscription(OpenAiClient.Answer a, String formatRequested)
            throws IOException, ApiException {
        String body = a.text("transcription");
        String type = a.contentType();
        JsonElement json = ErrorBody.parseJson(body);
        if (json == null && ErrorBody.looksLikeHtml(body.strip(), type)) {
            throw a.notTheAnswer(body);
        }
        if (json instanceof JsonObject root) {
            if (!root.has("text") && ErrorBody.fromJson(root).isJsonError()) {
                throw a.notTheAnswer(body);
            }
            Usage usage = null;
            Double seconds = null;
            if (root.get("usage") instanceof JsonObject u) {
                if ("duration".equals(string(u, "type")) || u.has("seconds") && !u.has("total_tokens")) {
                    seconds = number(u.get("seconds"));
                } else {
                    usage = mediaUsage(u);
                }
            }
            int segments = root.get("segments") instanceof JsonArray s ? s.size() : -1;
            return new TranscriptionResult(formatRequested, type, body, true, string(root, "text"), usage, seconds,
                    number(root.get("duration")), segments, a.requestId(), a.status(), a.timing(), a.headers(), null);
        }
        if (json != null) {
            throw a.shape(json, "The transcription is a JSON array, not an object with \"text\".");
        }
        return new TranscriptionResult(formatRequested, type, body, false, cueText(body), null, null, null, -1,
                a.requestId(), a.status(), a.timing(), a.headers(), null);
    }

    /** The words of a plain-text, SRT or WebVTT transcription: without the header, cue numbers and timings. */
    static String cueText(String body) {
        StringBuilder sb = new StringBuilder();
        String[] lines = body.replace("\r\n", "\n").split("\n");
        boolean cues = body.stripLeading().startsWith("WEBVTT") || CUE_TIME.matcher(lines.length > 1 ? lines[1] : "").matches();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || cues && (i == 0 && line.startsWith("WEBVTT") || line.matches("\\d+")
                    || CUE_TIME.matcher(line).matches())) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(line);
        }
        return sb.toString();
    }

    /** {@code POST {base}/audio/speech}: the answer is audio bytes, kept whole (up to the body cap). */
    public SpeechResult speech(SpeechRequest request, Cancellation cancel) throws ApiException {
        HttpUrl url = client.url("audio/speech");
        JsonObject o = new JsonObject();
        o.addProperty("model", request.model());
        o.addProperty("input", request.input());
        o.addProperty("voice", request.voice());
        if (request.responseFormat() != null) {
            o.addProperty("response_format", request.responseFormat());
        }
        return client.send(Endpoint.SPEECH, "POST", url, o.toString(), null, "*/*", Map.of(), request.model(), cancel,
                a -> {
                    byte[] audio = a.bytes("speech audio");
                    refuseTextAnswer(a, audio);
                    return new SpeechResult(request.responseFormat(), a.contentType(), audio, a.requestId(),
                            a.status(), a.timing(), a.headers(), null);
                }, SpeechResult::summary, SpeechResult::withTranscript, SpeechResult::timing);
    }

    /** {@code POST {base}/audio/speech} with a body exactly as written ({@link RawRequest}): the audio bytes. */
    public SpeechResult speech(RawRequest request, Cancellation cancel) throws ApiException {
        require(request, RawRequest.Api.SPEECH);
        HttpUrl url = client.url(request.api().path());
        String format = text(request.body().get("response_format"));
        return client.send(Endpoint.SPEECH, "POST", url, request.json(), null, "*/*", Map.of(), request.model(), cancel,
                a -> {
                    byte[] audio = a.bytes("speech audio");
                    refuseTextAnswer(a, audio);
                    return new SpeechResult(format, a.contentType(), audio, a.requestId(), a.status(), a.timing(),
                            a.headers(), null);
                }, SpeechResult::summary, SpeechResult::withTranscript, SpeechResult::timing);
    }

    /**
     * A binary answer that is a web page or a JSON error is that failure (keeping its text in the transcript); other
     * bytes are left for the caller to judge.
     */
    private static void refuseTextAnswer(OpenAiClient.Answer a, byte[] bytes) throws ApiException {
        String type = a.contentType();
        int n = Math.min(bytes.length, 64 * 1024);
        String head = new String(bytes, 0, n, java.nio.charset.StandardCharsets.UTF_8);
        String t = head.stripLeading();
        boolean html = type.contains("text/html") || t.startsWith("<!") || t.regionMatches(true, 0, "<html", 0, 5);
        JsonElement json = type.contains("json") || t.startsWith("{") ? ErrorBody.parseJson(head) : null;
        boolean error = json != null && ErrorBody.fromJson(json).isJsonError();
        if (html || error) {
            a.transcriptBody(head);
            throw a.notTheAnswer(head);
        }
    }

    // ---------------------------------------------------------------- moderations

    /** {@code POST {base}/moderations} for one text input; {@code model} may be null (the server's default). */
    public ModerationResult moderate(String model, String input, Cancellation cancel) throws ApiException {
        JsonObject o = new JsonObject();
        if (model != null) {
            o.addProperty("model", model);
        }
        o.addProperty("input", input);
        return moderateBody(o.toString(), model, cancel);
    }

    /** {@code POST {base}/moderations} with a body exactly as written ({@link RawRequest}): one result per input. */
    public ModerationResult moderate(RawRequest request, Cancellation cancel) throws ApiException {
        require(request, RawRequest.Api.MODERATIONS);
        return moderateBody(request.json(), request.model().isEmpty() ? null : request.model(), cancel);
    }

    private ModerationResult moderateBody(String body, String model, Cancellation cancel) throws ApiException {
        HttpUrl url = client.url("moderations");
        return client.send(Endpoint.MODERATIONS, "POST", url, body, null, ACCEPT_JSON, Map.of(), model, cancel,
                a -> {
                    String text = a.text("moderation answer");
                    JsonElement json = ErrorBody.parseJson(text);
                    if (!(json instanceof JsonObject root)) {
                        throw json == null ? a.notTheAnswer(text) : a.shape(json, "The moderation answer is a JSON "
                                + "array, not the OpenAI object {\"id\",\"model\",\"results\":[…]}.");
                    }
                    if (!(root.get("results") instanceof JsonArray results)) {
                        throw a.shape(root, "The moderation answer has no \"results\" array, so it is not the OpenAI "
                                + "shape.");
                    }
                    List<ModerationResult.Verdict> verdicts = new ArrayList<>();
                    for (JsonElement item : results) {
                        verdicts.add(verdict(item));
                    }
                    return new ModerationResult(string(root, "id"), string(root, "model"), verdicts, a.requestId(),
                            a.status(), a.timing(), a.headers(), null);
                }, ModerationResult::summary, ModerationResult::withTranscript, ModerationResult::timing);
    }

    private static ModerationResult.Verdict verdict(JsonElement item) {
        if (!(item instanceof JsonObject o)) {
            return new ModerationResult.Verdict(null, null, null, List.of());
        }
        Boolean flagged = o.get("flagged") instanceof JsonPrimitive p && p.isBoolean() ? p.getAsBoolean() : null;
        List<String> malformed = new ArrayList<>();
        Map<String, Boolean> categories = null;
        if (o.get("categories") instanceof JsonObject c) {
            categories = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> e : c.entrySet()) {
                if (e.getValue() instanceof JsonPrimitive p && p.isBoolean()) {
                    categories.put(e.getKey(), p.getAsBoolean());
                } else {
                    malformed.add("categories." + e.getKey());
                }
            }
        }
        Map<String, Double> scores = null;
        if (o.get("category_scores") instanceof JsonObject c) {
            scores = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> e : c.entrySet()) {
                Double d = number(e.getValue());
                if (d != null) {
                    scores.put(e.getKey(), d);
                } else {
                    malformed.add("category_scores." + e.getKey());
                }
            }
        }
        return new ModerationResult.Verdict(flagged, categories, scores, malformed);
    }

    // ---------------------------------------------------------------- video jobs

    /** {@code POST {base}/videos} (multipart form fields, as the official SDKs send it): the job as created. */
    public VideoJob createVideo(VideoRequest request, Cancellation cancel) throws ApiException {
        HttpUrl url = client.url("videos");
        Form form = new Form().field("model", request.model()).field("prompt", request.prompt())
                .field("seconds", request.seconds()).field("size", request.size());
        return client.send(Endpoint.VIDEO, "POST", url, form.describe(), form.body(), ACCEPT_JSON, Map.of(),
                request.model(), cancel, this::readJob, VideoJob::summary, VideoJob::withTranscript, VideoJob::timing);
    }

    /** {@code GET {base}/videos/{id}}: the job now. */
    public VideoJob videoStatus(String id, Cancellation cancel) throws ApiException {
        HttpUrl url = client.url("videos/" + segment(id));
        return client.send(Endpoint.VIDEO, "GET", url, "", null, ACCEPT_JSON, Map.of(), null, cancel, this::readJob,
                VideoJob::summary, VideoJob::withTranscript, VideoJob::timing);
    }

    /**
     * Polls {@code GET {base}/videos/{id}} until the job is {@code completed} or {@code failed} or {@code deadline}
     * has passed: the first poll at once, then after {@link #FIRST_POLL_INTERVAL}, doubling up to
     * {@link #MAX_POLL_INTERVAL} (never past the deadline). A failed poll ends the polling with its exception.
     */
    public VideoPoll awaitVideo(String id, Duration deadline, Cancellation cancel) throws ApiException {
        long start = client.clock().millis();
        long end = start + deadline.toMillis();
        List<VideoJob> polls = new ArrayList<>();
        Duration wait = FIRST_POLL_INTERVAL;
        while (true) {
            VideoJob job = videoStatus(id, cancel);
            polls.add(job);
            long now = client.clock().millis();
            if (job.finished()) {
                return new VideoPoll(polls, false, now - start);
            }
            if (now >= end) {
                return new VideoPoll(polls, true, now - start);
            }
            Duration sleep = Duration.ofMillis(Math.min(wait.toMillis(), end - now));
            try {
                client.sleeper().sleep(sleep, cancel);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiException(FailureKind.CANCELLED, "Interrupted while waiting for the video job.", 0,
                        job.requestId(), "", null, e);
            }
            if (cancel != null && cancel.isCancelled()) {
                throw new ApiException(FailureKind.CANCELLED, "Cancelled while waiting for the video job (last "
                        + "status " + job.jobStatus() + ").", 0, job.requestId(), "", null, null);
            }
            wait = wait.multipliedBy(2).compareTo(MAX_POLL_INTERVAL) > 0 ? MAX_POLL_INTERVAL : wait.multipliedBy(2);
        }
    }

    /**
     * {@code GET {base}/videos/{id}/content}, with {@code Range: bytes=first-last} when {@code firstByte} is not
     * null: a 206 with {@code Content-Range}, or a 200 with the whole file from a server that ignores ranges.
     */
    public VideoContent videoContent(String id, Long firstByte, Long lastByte, Cancellation cancel)
            throws ApiException {
        HttpUrl url = client.url("videos/" + segment(id) + "/content");
        Map<String, String> headers = firstByte == null ? Map.of()
                : Map.of("Range", "bytes=" + firstByte + "-" + (lastByte == null ? "" : lastByte));
        return client.send(Endpoint.VIDEO, "GET", url, "", null, "*/*", headers, null, cancel, a -> {
            byte[] bytes = a.bytes("video content");
            refuseTextAnswer(a, bytes);
            String range = a.header("Content-Range");
            Long total = null;
            if (range != null) {
                Matcher m = CONTENT_RANGE_TOTAL.matcher(range);
                if (m.find()) {
                    total = Long.parseLong(m.group(1));
                }
            } else if (a.status() == 200) {
                total = (long) bytes.length;
            }
            return new VideoContent(a.status(), a.contentType(), range, bytes, total, a.requestId(), a.timing(),
                    a.headers(), null);
        }, VideoContent::summary, VideoContent::withTranscript, VideoContent::timing);
    }

    private VideoJob readJob(OpenAiClient.Answer a) throws IOException, ApiException {
        String text = a.text("video job");
        JsonElement json = ErrorBody.parseJson(text);
        if (!(json instanceof JsonObject root)) {
            throw json == null ? a.notTheAnswer(text) : a.shape(json, "The video job is a JSON array, not the OpenAI "
                    + "object {\"id\",\"object\":\"video\",\"status\",…}.");
        }
        if (!root.has("id") && !root.has("status") && !root.has("task_id")) {
            throw a.shape(root, "The video job answer has no id and no status, so it is not the OpenAI video shape.");
        }
        String id = string(root, "id");
        if (id.isEmpty()) {
            id = string(root, "task_id");
        }
        String message = "";
        String code = "";
        if (root.get("error") instanceof JsonObject err) {
            message = client.failures().redact(string(err, "message"));
            code = string(err, "code");
        } else if (root.get("error") instanceof JsonPrimitive p) {
            message = client.failures().redact(p.getAsString());
        }
        Long progress = ChatDecoding.longOrNull(root.get("progress"));
        return new VideoJob(id, string(root, "object"), string(root, "model"), string(root, "status"),
                progress == null ? null : progress.intValue(), ChatDecoding.longOrNull(root.get("created_at")),
                message, code, a.requestId(), a.status(), a.timing(), a.headers(), null);
    }

    // ---------------------------------------------------------------- routes a gateway may lack

    /**
     * {@code GET {base}/path} of a route the app uses that gateways often lack ({@code files},
     * {@code fine_tuning/jobs}, {@code batches}).
     *
     * @throws ApiException {@link FailureKind#NOT_IMPLEMENTED} for a 501 / {@code api_not_implemented},
     *                      {@link FailureKind#WRONG_PATH} for a 404 (no such route), or any other failure
     */
    public RouteAnswer probe(String path, Cancellation cancel) throws ApiException {
        HttpUrl url = client.url(path);
        return client.send(Endpoint.OTHER, "GET", url, "", null, ACCEPT_JSON, Map.of(), null, cancel, a -> {
            String text = a.text("answer of " + path);
            if (ErrorBody.parseJson(text) == null) {
                throw a.notTheAnswer(text);
            }
            return new RouteAnswer(path, a.status(), text, a.requestId(), a.timing(), a.headers(), null);
        }, RouteAnswer::summary, RouteAnswer::withTranscript, RouteAnswer::timing);
    }

    // ---------------------------------------------------------------- curl

    /** The equivalent {@code curl} of an image generation; see {@link OpenAiClient#curl(ChatRequest, String)}. */
    public String curl(ImageRequest request, String keyEnvVar) {
        return curlJson("images/generations", imageJson(request), keyEnvVar, null);
    }

    /** The equivalent {@code curl} of an image edit (the image files named as local files). */
    public String curl(ImageEditRequest request, String keyEnvVar) {
        List<String> fields = new ArrayList<>();
        fields.add("model=" + request.model());
        fields.add("prompt=" + request.prompt());
        for (Upload image : request.images()) {
            fields.add((request.arrayField() ? "image[]" : "image") + "=@" + image.fileName() + ";type="
                    + image.contentType());
        }
        if (request.size() != null) {
            fields.add("size=" + request.size());
        }
        if (request.responseFormat() != null) {
            fields.add("response_format=" + request.responseFormat());
        }
        if (request.mask() != null) {
            fields.add("mask=@" + request.mask().fileName() + ";type=" + request.mask().contentType());
        }
        request.fields().forEach(f -> fields.add(f.getKey() + "=" + f.getValue()));
        return curlForm("images/edits", fields, keyEnvVar, null);
    }

    /** The equivalent {@code curl} of a transcription or translation (the clip named as a local file). */
    public String curl(TranscriptionRequest request, String keyEnvVar) {
        return curl(request, false, keyEnvVar);
    }

    /** The equivalent {@code curl} of a transcription; {@code stream}: with {@code -F stream=true} (and {@code -N}). */
    public String curl(TranscriptionRequest request, boolean stream, String keyEnvVar) {
        List<String> fields = new ArrayList<>();
        fields.add("file=@" + request.file().fileName() + ";type=" + request.file().contentType());
        fields.add("model=" + request.model());
        if (request.responseFormat() != null) {
            fields.add("response_format=" + request.responseFormat());
        }
        if (!request.translation() && request.language() != null) {
            fields.add("language=" + request.language());
        }
        request.fields().forEach(f -> fields.add(f.getKey() + "=" + f.getValue()));
        if (stream) {
            fields.add("stream=true");
        }
        String curl = curlForm(request.path(), fields, keyEnvVar, null);
        return stream ? curl.replaceFirst("^curl -sS ", "curl -sS -N ") : curl;
    }

    /** The equivalent {@code curl} of a speech request, writing the audio to a file. */
    public String curl(SpeechRequest request, String keyEnvVar) {
        JsonObject o = new JsonObject();
        o.addProperty("model", request.model());
        o.addProperty("input", request.input());
        o.addProperty("voice", request.voice());
        if (request.responseFormat() != null) {
            o.addProperty("response_format", request.responseFormat());
        }
        return curlJson("audio/speech", o.toString(), keyEnvVar,
                "speech." + (request.responseFormat() == null ? "mp3" : request.responseFormat()));
    }

    /** The equivalent {@code curl} of a moderation. */
    public String curlModeration(String model, String input, String keyEnvVar) {
        JsonObject o = new JsonObject();
        if (model != null) {
            o.addProperty("model", model);
        }
        o.addProperty("input", input);
        return curlJson("moderations", o.toString(), keyEnvVar, null);
    }

    /** The equivalent {@code curl} of creating a video job. */
    public String curl(VideoRequest request, String keyEnvVar) {
        List<String> fields = new ArrayList<>();
        fields.add("model=" + request.model());
        fields.add("prompt=" + request.prompt());
        if (request.seconds() != null) {
            fields.add("seconds=" + request.seconds());
        }
        if (request.size() != null) {
            fields.add("size=" + request.size());
        }
        return curlForm("videos", fields, keyEnvVar, null);
    }

    /** The equivalent {@code curl} of a {@code GET} of a path (a job's status, its content, a route probe). */
    public String curlGet(String path, String range, String keyEnvVar, String output) {
        StringBuilder sb = start(path, keyEnvVar);
        if (range != null) {
            sb.append(" \\\n  -H 'Range: ").append(range).append('\'');
        }
        if (output != null) {
            sb.append(" \\\n  -o ").append(OpenAiClient.shellQuote(output));
        }
        return client.failures().redact(sb.toString());
    }

    private String curlJson(String path, String body, String keyEnvVar, String output) {
        StringBuilder sb = start(path, keyEnvVar);
        sb.append(" \\\n  -H 'Content-Type: application/json'");
        sb.append(" \\\n  -d ").append(OpenAiClient.shellQuote(body));
        if (output != null) {
            sb.append(" \\\n  -o ").append(OpenAiClient.shellQuote(output));
        }
        return client.failures().redact(sb.toString());
    }

    private String curlForm(String path, List<String> fields, String keyEnvVar, String output) {
        StringBuilder sb = start(path, keyEnvVar);
        for (String f : fields) {
            sb.append(" \\\n  -F ").append(OpenAiClient.shellQuote(f));
        }
        if (output != null) {
            sb.append(" \\\n  -o ").append(OpenAiClient.shellQuote(output));
        }
        return client.failures().redact(sb.toString());
    }

    private StringBuilder start(String path, String keyEnvVar) {
        if (keyEnvVar != null && !keyEnvVar.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("not a shell variable name: " + keyEnvVar);
        }
        StringBuilder sb = new StringBuilder("curl -sS ").append(OpenAiClient.shellQuote(client.address(path)));
        if (keyEnvVar != null) {
            sb.append(" \\\n  -H \"Authorization: Bearer $").append(keyEnvVar).append('"');
        }
        return sb;
    }

    // ---------------------------------------------------------------- helpers

    /** A multipart form being built, and its description for the transcript (files by name, type and size). */
    private static final class Form {
        private final MultipartBody.Builder builder = new MultipartBody.Builder().setType(MultipartBody.FORM);
        private final List<String> parts = new ArrayList<>();

        Form field(String name, String value) {
            if (value != null) {
                builder.addFormDataPart(name, value);
                parts.add(name + "=" + value);
            }
            return this;
        }

        Form fields(List<Map.Entry<String, String>> more) {
            more.forEach(f -> field(f.getKey(), f.getValue()));
            return this;
        }

        Form file(String name, Upload upload) {
            builder.addFormDataPart(name, upload.fileName(),
                    RequestBody.create(upload.bytes(), MediaType.parse(upload.contentType())));
            parts.add(name + "=@" + upload.describe());
            return this;
        }

        RequestBody body() {
            return builder.build();
        }

        String describe() {
            return "multipart/form-data: " + String.join("; ", parts);
        }
    }

    /** Usage in either naming: {@code input_tokens}/{@code output_tokens} (images, audio) or prompt/completion. */
    static Usage mediaUsage(JsonElement e) {
        if (!(e instanceof JsonObject u)) {
            return null;
        }
        if (u.has("input_tokens") || u.has("output_tokens")) {
            long in = ChatDecoding.longOr0(u.get("input_tokens"));
            long out = ChatDecoding.longOr0(u.get("output_tokens"));
            Long total = ChatDecoding.longOrNull(u.get("total_tokens"));
            return new Usage((int) in, (int) out, (int) (total == null ? in + out : total));
        }
        if (u.has("prompt_tokens") || u.has("total_tokens")) {
            return ChatDecoding.usage(u);
        }
        return null;
    }

    /** An answer's text with every {@code b64_json} value longer than a few dozen characters shortened. */
    static String shortenBase64(String text) {
        Matcher m = LONG_B64.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String b64 = m.group(2);
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + b64.substring(0, TRANSCRIPT_B64_CHARS)
                    + "…(" + b64.length() + " characters)" + m.group(3)));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String string(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e instanceof JsonPrimitive p && p.isString() ? p.getAsString() : e == null || e.isJsonNull() ? ""
                : ErrorBody.str(o, name);
    }

    private static Double number(JsonElement e) {
        return e instanceof JsonPrimitive p && p.isNumber() ? p.getAsDouble() : null;
    }

    /** A path segment made of an ID from a server: encoded, so an ID cannot reach another route. */
    private static String segment(String id) {
        return HttpUrl.parse("http://x/").newBuilder().addPathSegment(id == null ? "" : id).build().encodedPath()
                .substring(1);
    }
}
