package ai.flatkey.migrate.demo;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The endpoint families beyond chat, answered as new-api (Flatkey's base) answers them:
 * <ul>
 *   <li>{@code POST /v1/images/generations} (JSON) and {@code /v1/images/edits} (multipart only, {@code image} or
 *       {@code image[]}): {@code created} and {@code data[]}; gpt-image models answer {@code b64_json} only (with
 *       {@code usage}), dall-e models a {@code url} by default; {@code /v1/images/variations} is 501
 *       {@code api_not_implemented};</li>
 *   <li>{@code POST /v1/audio/transcriptions} and {@code /translations} (multipart upload): every
 *       {@code response_format} on whisper-1 (json, text, srt, verbose_json, vtt), json and text only on
 *       gpt-4o-mini-transcribe; the text formats carry no usage; the "transcription" is what the clip's WAV
 *       {@code INFO} comment says;</li>
 *   <li>{@code POST /v1/audio/speech}: WAV, PCM or (silent) MP3, billed by duration as new-api does: 1000 completion
 *       tokens per started minute;</li>
 *   <li>{@code POST /v1/moderations};</li>
 *   <li>video jobs: {@code POST /v1/videos} gives the gateway's own task ID ({@code task_…}); {@code GET
 *       /v1/videos/{id}} moves from queued to in_progress to completed; {@code GET /v1/videos/{id}/content} honours
 *       {@code Range}, and refuses a job not completed yet;</li>
 *   <li>image URLs served at {@code /demo-files/{id}.png}, as a blob store would.</li>
 * </ul>
 * Each billable request is charged and logged through {@link Admission}; the faults of {@link MediaFault} apply.
 */
final class MediaApi {
    static final String FILES_PREFIX = "/demo-files/";
    private static final Pattern SIZE = Pattern.compile("(\\d{2,4})x(\\d{2,4})");
    private static final Set<String> IMAGE_FORMATS = Set.of("url", "b64_json");
    private static final List<String> TRANSCRIPTION_FORMATS = List.of("json", "text", "srt", "verbose_json", "vtt");
    private static final List<String> SPEECH_FORMATS = List.of("mp3", "opus", "aac", "flac", "wav", "pcm");
    private static final int MAX_IMAGES = 4;
    private static final int MAX_STORED_FILES = 200;
    private static final String DEFAULT_VIDEO_SECONDS = "4";
    private static final List<String> VIDEO_SECONDS = List.of("4", "8", "12");
    private static final List<String> VIDEO_SIZES = List.of("720x1280", "1280x720", "1024x1792", "1792x1024");
    private static final List<String> MODERATION_CATEGORIES = List.of("harassment", "harassment/threatening", "hate",
            "hate/threatening", "illicit", "illicit/violent", "self-harm", "self-harm/intent",
            "self-harm/instructions", "sexual", "sexual/minors", "violence", "violence/graphic");

    /** How GatewayHandler admits a request (faults, token limit, quota, ledger) and words a refusal. */
    interface Admission {
        boolean admit(Call call, String key, String endpoint, CatalogModel model, Faults faults, int prompt,
                      int completion) throws IOException, InterruptedException;

        /** Admits a video task of {@code seconds}, charged per second of video as new-api does. */
        boolean admitTask(Call call, String key, String endpoint, CatalogModel model, Faults faults, int prompt,
                          int seconds) throws IOException, InterruptedException;

        ApiError refusal(Rejection rejection);
    }

    private final Catalog catalog;
    private final Admission admission;
    private final VideoJobs jobs;
    private final Map<String, byte[]> files = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > MAX_STORED_FILES;
        }
    };

    MediaApi(Catalog catalog, Admission admission, VideoJobs jobs) {
        this.catalog = catalog;
        this.admission = admission;
        this.jobs = jobs;
    }

    /** new-api's answer for a route it has but does not implement ({@code /v1/files}, fine-tunes, variations). */
    static void notImplemented(Call call) throws IOException {
        call.sendError(new ApiError(501, "API not implemented", "new_api_error", "", "api_not_implemented", Map.of()));
    }

    // ---------------------------------------------------------------- images

    void generateImage(Call call, String key, Faults headerFaults, byte[] body) throws IOException, InterruptedException {
        JsonObject request;
        try {
            request = object(body);
        } catch (Rejection r) {
            call.sendError(r.error());
            return;
        }
        String modelId = string(request, "model").orElse("dall-e-3");
        Optional<String> prompt = string(request, "prompt");
        if (prompt.isEmpty() || prompt.get().isBlank()) {
            call.sendError(ApiError.invalidRequest(400, "Missing required parameter: 'prompt'.", "prompt",
                    "missing_required_parameter"));
            return;
        }
        Integer n = integer(request, "n");
        ImageAsk ask;
        try {
            ask = imageAsk(modelId, prompt.get(), n, string(request, "size").orElse(null),
                    string(request, "response_format").orElse(null));
        } catch (Rejection r) {
            call.sendError(admission.refusal(r));
            return;
        }
        answerImages(call, key, headerFaults, ask, "/v1/images/generations");
    }

    void editImage(Call call, String key, Faults headerFaults, byte[] body) throws IOException, InterruptedException {
        String type = call.requestHeader("Content-Type").orElse("");
        if (!Multipart.is(type)) {
            call.sendError(ApiError.invalidRequest(400, "Invalid Content-Type header, expected multipart/form-data: "
                    + "/v1/images/edits takes the image as a file upload.", null, "invalid_request"));
            return;
        }
        try {
            Multipart form = Multipart.parse(type, body);
            List<Multipart.Part> images = form.files("image", "image[]");
            if (images.isEmpty()) {
                throw new Rejection(ApiError.invalidRequest(400, "Missing required parameter: 'image'.", "image",
                        "missing_required_parameter"));
            }
            int[] size = null;
            for (Multipart.Part image : images) {
                size = MediaFiles.imageSize(image.bytes()).orElseThrow(() -> new Rejection(ApiError.invalidRequest(400,
                        "Invalid image file: '" + image.fileName() + "' is not a PNG, JPEG or WebP image.", "image",
                        "invalid_image_format")));
            }
            String prompt = form.field("prompt").orElse("");
            if (prompt.isBlank()) {
                throw new Rejection(ApiError.invalidRequest(400, "Missing required parameter: 'prompt'.", "prompt",
                        "missing_required_parameter"));
            }
            String modelId = form.field("model").orElse("dall-e-2");
            String sizeField = form.field("size").orElse(size[0] + "x" + size[1]);
            ImageAsk ask = imageAsk(modelId, prompt, null, sizeField, form.field("response_format").orElse(null));
            answerImages(call, key, headerFaults, ask, "/v1/images/edits");
        } catch (Rejection r) {
            call.sendError(admission.refusal(r));
        }
    }

    /** What an images request asks for, checked. */
    private record ImageAsk(CatalogModel model, String prompt, int n, int width, int height, String format,
                            boolean b64Only) {
    }

    private ImageAsk imageAsk(String modelId, String prompt, Integer n, String size, String format) throws Rejection {
        CatalogModel model = model(modelId, CatalogModel.Family.IMAGES, "image generation");
        int count = n == null ? 1 : n;
        if (count < 1 || count > MAX_IMAGES) {
            throw new Rejection(ApiError.invalidRequest(400, "Invalid 'n': the demo gateway makes 1 to " + MAX_IMAGES
                    + " images per request.", "n", "invalid_value"));
        }
        int w = 1024;
        int h = 1024;
        if (size != null && !size.equals("auto")) {
            Matcher m = SIZE.matcher(size);
            if (!m.matches() || Integer.parseInt(m.group(1)) < 16 || Integer.parseInt(m.group(1)) > 2048
                    || Integer.parseInt(m.group(2)) < 16 || Integer.parseInt(m.group(2)) > 2048) {
                throw new Rejection(ApiError.invalidRequest(400, "Invalid 'size': '" + size + "'. Use WIDTHxHEIGHT "
                        + "(16 to 2048 pixels each) or 'auto'.", "size", "invalid_value"));
            }
            w = Integer.parseInt(m.group(1));
            h = Integer.parseInt(m.group(2));
        }
        if (format != null && !IMAGE_FORMATS.contains(format)) {
            throw new Rejection(ApiError.invalidRequest(400, "Invalid 'response_format': '" + format
                    + "'. Expected 'url' or 'b64_json'.", "response_format", "invalid_value"));
        }
        boolean b64Only = model.id().startsWith("gpt-image");
        return new ImageAsk(model, prompt, count, w, h, format, b64Only);
    }

    private void answerImages(Call call, String key, Faults headerFaults, ImageAsk ask, String endpoint)
            throws IOException, InterruptedException {
        Faults faults = headerFaults.merge(Faults.forModel(ask.model().id()));
        int promptTokens = tokens(ask.prompt());
        int imageTokens = ask.b64Only() ? ask.n() * Math.max(16, (int) Math.round(272.0 * ask.width() * ask.height()
                / (1024.0 * 1024.0))) : 0;
        if (!admission.admit(call, key, endpoint, ask.model(), faults, promptTokens, imageTokens)) {
            return;
        }
        String format = ask.b64Only() ? "b64_json" : ask.format() == null ? "url" : ask.format();
        if (faults.has(MediaFault.IMAGE_URL)) {
            format = "url";
        }
        JsonArray data = new JsonArray();
        for (int i = 0; i < ask.n(); i++) {
            byte[] png = faults.has(MediaFault.IMAGE_BROKEN)
                    ? "this is not an image, only text pretending".getBytes(StandardCharsets.UTF_8)
                    : MediaFiles.png(ask.width(), ask.height(), ask.prompt() + i);
            JsonObject item = new JsonObject();
            if (format.equals("url")) {
                item.addProperty("url", store(call, png));
            } else {
                item.addProperty("b64_json", Base64.getEncoder().encodeToString(png));
            }
            if (ask.model().id().startsWith("dall-e-3")) {
                item.addProperty("revised_prompt", "A demo rendering of: " + ask.prompt());
            }
            data.add(item);
        }
        JsonObject answer = new JsonObject();
        answer.addProperty("created", Instant.now().getEpochSecond());
        answer.add("data", data);
        if (ask.b64Only()) {
            JsonObject usage = new JsonObject();
            usage.addProperty("total_tokens", promptTokens + imageTokens);
            usage.addProperty("input_tokens", promptTokens);
            usage.addProperty("output_tokens", imageTokens);
            JsonObject details = new JsonObject();
            details.addProperty("text_tokens", promptTokens);
            details.addProperty("image_tokens", 0);
            usage.add("input_tokens_details", details);
            answer.add("usage", usage);
        }
        call.sendJson(200, answer);
    }

    private String store(Call call, byte[] png) {
        String id = "img_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        synchronized (files) {
            files.put(id, png);
        }
        String host = call.requestHeader("Host").orElse("127.0.0.1");
        return "http://" + host + FILES_PREFIX + id + ".png";
    }

    /** {@code GET /demo-files/{id}.png}: an image a {@code url} answer pointed at (no key needed, as a blob URL). */
    void file(Call call, String path) throws IOException {
        String name = path.substring(FILES_PREFIX.length());
        byte[] png;
        synchronized (files) {
            png = name.endsWith(".png") ? files.get(name.substring(0, name.length() - 4)) : null;
        }
        if (png == null) {
            call.sendRaw(404, "text/plain; charset=utf-8", ("No such file: " + name + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        call.header("Cache-Control", "public, max-age=3600");
        call.sendRaw(200, "image/png", png);
    }

    // ---------------------------------------------------------------- audio

    void transcribe(Call call, String key, Faults headerFaults, byte[] body, boolean translation)
            throws IOException, InterruptedException {
        String endpoint = translation ? "/v1/audio/translations" : "/v1/audio/transcriptions";
        String type = call.requestHeader("Content-Type").orElse("");
        if (!Multipart.is(type)) {
            call.sendError(ApiError.invalidRequest(400, "Invalid Content-Type header, expected multipart/form-data: "
                    + endpoint + " takes the audio as a file upload.", null, "invalid_request"));
            return;
        }
        CatalogModel model;
        String format;
        MediaFiles.Heard heard;
        boolean streamed;
        try {
            Multipart form = Multipart.parse(type, body);
            List<Multipart.Part> file = form.files("file");
            if (file.isEmpty()) {
                throw new Rejection(ApiError.invalidRequest(400, "Missing required parameter: 'file'.", "file",
                        "missing_required_parameter"));
            }
            String modelId = form.field("model").orElseThrow(() -> new Rejection(ApiError.invalidRequest(400,
                    "Missing required parameter: 'model'.", "model", "missing_required_parameter")));
            model = model(modelId, CatalogModel.Family.TRANSCRIPTION, translation ? "translations" : "transcriptions");
            // whisper-1 has every format and translations; gpt-4o-*-transcribe json and text only (a fault model
            // behaves as whisper-1 but for its fault)
            boolean whisper = !model.id().contains("transcribe") || MediaFault.MODELS.containsKey(model.id())
                    && MediaFault.MODELS.get(model.id()) != MediaFault.AUDIO_STREAM_NO_DONE;
            // OpenAI: "Streaming is not supported for the whisper-1 model and will be ignored"
            streamed = !whisper && !translation && form.field("stream").filter("true"::equalsIgnoreCase).isPresent();
            if (translation && !whisper) {
                throw new Rejection(ApiError.invalidRequest(400, "The model `" + model.id() + "` does not support "
                        + "translations; use whisper-1.", "model", "model_not_supported"));
            }
            format = form.field("response_format").orElse("json");
            if (!TRANSCRIPTION_FORMATS.contains(format)) {
                throw new Rejection(ApiError.invalidRequest(400, "Invalid 'response_format': '" + format
                        + "'. Expected one of " + String.join(", ", TRANSCRIPTION_FORMATS) + ".", "response_format",
                        "invalid_value"));
            }
            if (!whisper && !format.equals("json") && !format.equals("text")) {
                throw new Rejection(ApiError.invalidRequest(400, "response_format '" + format + "' is not compatible "
                        + "with model '" + model.id() + "'. Use 'json' or 'text'.", "response_format",
                        "unsupported_value"));
            }
            Multipart.Part clip = file.get(0);
            heard = MediaFiles.hear(clip.bytes()).orElseThrow(() -> new Rejection(ApiError.invalidRequest(400,
                    "The audio file could not be decoded or its format is not supported (the demo gateway reads "
                            + "WAV): '" + clip.fileName() + "'.", "file", "invalid_value")));
        } catch (Rejection r) {
            call.sendError(admission.refusal(r));
            return;
        }
        Faults faults = headerFaults.merge(Faults.forModel(model.id()));
        String text = faults.has(MediaFault.AUDIO_EMPTY) ? "" : heard.text();
        int seconds = (int) Math.ceil(heard.seconds());
        boolean perToken = !model.perCall();
        int audioTokens = perToken ? Math.max(1, seconds * 10) : 0;
        int textTokens = perToken ? tokens(text) : 0;
        if (!admission.admit(call, key, endpoint, model, faults, audioTokens, textTokens)) {
            return;
        }
        if (faults.has(MediaFault.AUDIO_WRONG_FORMAT)) {
            format = "json";
        }
        JsonObject usage = transcriptionUsage(perToken, audioTokens, textTokens, seconds);
        if (streamed) {
            streamTranscript(call, text, usage, faults);
            return;
        }
        answerTranscript(call, format, text, usage, heard.seconds(), translation);
    }

    /** A transcription's {@code usage}: tokens for a per-token model, else the seconds heard. */
    private static JsonObject transcriptionUsage(boolean perToken, int audioTokens, int textTokens, int seconds) {
        JsonObject usage = new JsonObject();
        if (perToken) {
            usage.addProperty("type", "tokens");
            usage.addProperty("input_tokens", audioTokens);
            JsonObject details = new JsonObject();
            details.addProperty("text_tokens", 0);
            details.addProperty("audio_tokens", audioTokens);
            usage.add("input_token_details", details);
            usage.addProperty("output_tokens", textTokens);
            usage.addProperty("total_tokens", audioTokens + textTokens);
        } else {
            usage.addProperty("type", "duration");
            usage.addProperty("seconds", seconds);
        }
        return usage;
    }

    /**
     * A streamed transcription as gpt-4o(-mini)-transcribe answer {@code stream=true}: a {@code transcript.text.delta}
     * event per word ({@code delta}, {@code logprobs}), then one {@code transcript.text.done} with the whole
     * {@code text} and the {@code usage}; no {@code [DONE]}. The fault {@link MediaFault#AUDIO_STREAM_NO_DONE} ends
     * the stream without the done event.
     */
    private static void streamTranscript(Call call, String text, JsonObject usage, Faults faults)
            throws IOException, InterruptedException {
        SseWriter writer = new SseWriter(call.startEventStream(), faults);
        String[] words = text.isEmpty() ? new String[0] : text.split(" ");
        for (int i = 0; i < words.length; i++) {
            JsonObject delta = new JsonObject();
            delta.addProperty("type", "transcript.text.delta");
            delta.addProperty("delta", (i == 0 ? "" : " ") + words[i]);
            delta.add("logprobs", new JsonArray());
            writer.data(delta.toString());
        }
        if (!faults.has(MediaFault.AUDIO_STREAM_NO_DONE)) {
            JsonObject done = new JsonObject();
            done.addProperty("type", "transcript.text.done");
            done.addProperty("text", text);
            done.add("logprobs", new JsonArray());
            done.add("usage", usage);
            writer.data(done.toString());
        }
    }

    private static void answerTranscript(Call call, String format, String text, JsonObject usage, double heardSeconds,
                                         boolean translation) throws IOException {
        switch (format) {
            case "text" -> call.sendRaw(200, "text/plain; charset=utf-8", (text + "\n").getBytes(StandardCharsets.UTF_8));
            case "srt" -> call.sendRaw(200, "text/plain; charset=utf-8", ("1\n00:00:00,000 --> "
                    + timestamp(heardSeconds, ',') + "\n" + text + "\n\n").getBytes(StandardCharsets.UTF_8));
            case "vtt" -> call.sendRaw(200, "text/vtt; charset=utf-8", ("WEBVTT\n\n00:00:00.000 --> "
                    + timestamp(heardSeconds, '.') + "\n" + text + "\n\n").getBytes(StandardCharsets.UTF_8));
            case "verbose_json" -> {
                JsonObject answer = new JsonObject();
                answer.addProperty("task", translation ? "translate" : "transcribe");
                answer.addProperty("language", "english");
                answer.addProperty("duration", heardSeconds);
                answer.addProperty("text", text);
                JsonArray segments = new JsonArray();
                JsonObject segment = new JsonObject();
                segment.addProperty("id", 0);
                segment.addProperty("seek", 0);
                segment.addProperty("start", 0.0);
                segment.addProperty("end", heardSeconds);
                segment.addProperty("text", text);
                segment.add("tokens", new JsonArray());
                segment.addProperty("temperature", 0.0);
                segment.addProperty("avg_logprob", -0.2);
                segment.addProperty("compression_ratio", 1.0);
                segment.addProperty("no_speech_prob", text.isEmpty() ? 0.9 : 0.01);
                segments.add(segment);
                answer.add("segments", segments);
                answer.add("usage", usage);
                call.sendJson(200, answer);
            }
            default -> {
                JsonObject answer = new JsonObject();
                answer.addProperty("text", text);
                answer.add("usage", usage);
                call.sendJson(200, answer);
            }
        }
    }

    private static String timestamp(double seconds, char decimal) {
        long ms = Math.round(seconds * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d%c%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60,
                decimal, ms % 1000);
    }

    void speech(Call call, String key, Faults headerFaults, byte[] body) throws IOException, InterruptedException {
        JsonObject request;
        CatalogModel model;
        String input;
        String format;
        try {
            request = object(body);
            model = model(string(request, "model").orElseThrow(() -> new Rejection(ApiError.invalidRequest(400,
                    "Missing required parameter: 'model'.", "model", "missing_required_parameter"))),
                    CatalogModel.Family.SPEECH, "speech");
            input = string(request, "input").orElse("");
            if (input.isBlank() || input.length() > 4096) {
                throw new Rejection(ApiError.invalidRequest(400, input.isBlank()
                        ? "Missing required parameter: 'input'." : "'input' is longer than 4096 characters.", "input",
                        input.isBlank() ? "missing_required_parameter" : "string_above_max_length"));
            }
            if (string(request, "voice").isEmpty()) {
                throw new Rejection(ApiError.invalidRequest(400, "Missing required parameter: 'voice'.", "voice",
                        "missing_required_parameter"));
            }
            format = string(request, "response_format").orElse("mp3");
            if (!SPEECH_FORMATS.contains(format)) {
                throw new Rejection(ApiError.invalidRequest(400, "Invalid 'response_format': '" + format
                        + "'. Expected one of " + String.join(", ", SPEECH_FORMATS) + ".", "response_format",
                        "invalid_value"));
            }
            if (!format.equals("mp3") && !format.equals("wav") && !format.equals("pcm")) {
                throw new Rejection(ApiError.invalidRequest(400, "response_format '" + format + "' is not available "
                        + "on the demo gateway: ask for wav, pcm or mp3.", "response_format", "unsupported_value"));
            }
        } catch (Rejection r) {
            call.sendError(admission.refusal(r));
            return;
        }
        Faults faults = headerFaults.merge(Faults.forModel(model.id()));
        double seconds = MediaFiles.speechSeconds(input);
        // new-api bills speech by duration: ceil(seconds) / 60 * 1000 completion tokens
        int completion = (int) Math.round(Math.ceil(seconds) / 60.0 * 1000);
        if (!admission.admit(call, key, "/v1/audio/speech", model, faults, tokens(input), completion)) {
            return;
        }
        if (faults.has(MediaFault.AUDIO_WRONG_FORMAT) && !format.equals("mp3")) {
            format = "mp3";
        }
        if (faults.has(MediaFault.AUDIO_BROKEN)) {
            byte[] junk = ("RIFF\0\0\0\0WAVEjunk, not audio: " + input).getBytes(StandardCharsets.UTF_8);
            call.sendRaw(200, "audio/wav", junk);
            return;
        }
        switch (format) {
            case "wav" -> call.sendRaw(200, "audio/wav", MediaFiles.speechWav(input));
            case "pcm" -> {
                byte[] wav = MediaFiles.speechWav(input);
                int data = indexOfData(wav);
                call.sendRaw(200, "audio/pcm", java.util.Arrays.copyOfRange(wav, data, wav.length));
            }
            default -> call.sendRaw(200, "audio/mpeg", MediaFiles.silentMp3(seconds));
        }
    }

    private static int indexOfData(byte[] wav) {
        for (int i = 12; i + 8 <= wav.length; i++) {
            if (wav[i] == 'd' && wav[i + 1] == 'a' && wav[i + 2] == 't' && wav[i + 3] == 'a') {
                return i + 8;
            }
        }
        return wav.length;
    }

    // ---------------------------------------------------------------- moderations

    void moderate(Call call, String key, Faults headerFaults, byte[] body) throws IOException, InterruptedException {
        JsonObject request;
        CatalogModel model;
        List<String> inputs = new java.util.ArrayList<>();
        try {
            request = object(body);
            model = model(string(request, "model").orElse("omni-moderation-latest"), CatalogModel.Family.MODERATION,
                    "moderations");
            JsonElement input = request.get("input");
            if (input instanceof JsonPrimitive p && p.isString()) {
                inputs.add(p.getAsString());
            } else if (input instanceof JsonArray a) {
                for (JsonElement e : a) {
                    inputs.add(e instanceof JsonPrimitive p && p.isString() ? p.getAsString()
                            : e instanceof JsonObject o && o.get("text") instanceof JsonPrimitive t ? t.getAsString() : "");
                }
            }
            if (inputs.isEmpty()) {
                throw new Rejection(ApiError.invalidRequest(400, "Missing required parameter: 'input'.", "input",
                        "missing_required_parameter"));
            }
        } catch (Rejection r) {
            call.sendError(admission.refusal(r));
            return;
        }
        Faults faults = headerFaults.merge(Faults.forModel(model.id()));
        int prompt = inputs.stream().mapToInt(MediaApi::tokens).sum();
        if (!admission.admit(call, key, "/v1/moderations", model, faults, prompt, 0)) {
            return;
        }
        JsonArray results = new JsonArray();
        for (String text : inputs) {
            String lower = text.toLowerCase(Locale.ROOT);
            boolean violent = lower.contains("kill") || lower.contains("attack");
            JsonObject categories = new JsonObject();
            JsonObject scores = new JsonObject();
            JsonObject applied = new JsonObject();
            for (String c : MODERATION_CATEGORIES) {
                boolean hit = violent && c.equals("violence");
                categories.addProperty(c, hit);
                scores.addProperty(c, hit ? 0.91 : 0.000_12);
                JsonArray types = new JsonArray();
                types.add("text");
                applied.add(c, types);
            }
            JsonObject result = new JsonObject();
            result.addProperty("flagged", violent);
            result.add("categories", categories);
            if (!faults.has(MediaFault.MODERATION_BROKEN)) {
                result.add("category_scores", scores);
            }
            result.add("category_applied_input_types", applied);
            results.add(result);
        }
        JsonObject answer = new JsonObject();
        answer.addProperty("id", "modr-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE));
        answer.addProperty("model", model.id());
        answer.add("results", results);
        call.sendJson(200, answer);
    }

    // ---------------------------------------------------------------- video jobs

    void createVideo(Call call, String key, Faults headerFaults, byte[] body) throws IOException, InterruptedException {
        String type = call.requestHeader("Content-Type").orElse("");
        CatalogModel model;
        String prompt;
        String seconds;
        String size;
        try {
            Map<String, String> fields = new LinkedHashMap<>();
            if (Multipart.is(type)) {
                for (Multipart.Part p : Multipart.parse(type, body).parts()) {
                    if (!p.isFile()) {
                        fields.putIfAbsent(p.name(), p.text());
                    }
                }
            } else {
                JsonObject request = object(body);
                for (Map.Entry<String, JsonElement> e : request.entrySet()) {
                    if (e.getValue() instanceof JsonPrimitive p) {
                        fields.put(e.getKey(), p.getAsString());
                    }
                }
            }
            model = model(fields.getOrDefault("model", "sora-2"), CatalogModel.Family.VIDEO, "video generation");
            prompt = fields.getOrDefault("prompt", "");
            if (prompt.isBlank()) {
                throw new Rejection(ApiError.invalidRequest(400, "Missing required parameter: 'prompt'.", "prompt",
                        "missing_required_parameter"));
            }
            seconds = fields.getOrDefault("seconds", DEFAULT_VIDEO_SECONDS);
            if (!VIDEO_SECONDS.contains(seconds)) {
                throw new Rejection(ApiError.invalidRequest(400, "Invalid 'seconds': '" + seconds + "'. Expected one "
                        + "of " + String.join(", ", VIDEO_SECONDS) + ".", "seconds", "invalid_value"));
            }
            size = fields.getOrDefault("size", VIDEO_SIZES.get(0));
            if (!VIDEO_SIZES.contains(size)) {
                throw new Rejection(ApiError.invalidRequest(400, "Invalid 'size': '" + size + "'. Expected one of "
                        + String.join(", ", VIDEO_SIZES) + ".", "size", "invalid_value"));
            }
        } catch (Rejection r) {
            call.sendError(admission.refusal(r));
            return;
        }
        Faults faults = headerFaults.merge(Faults.forModel(model.id()));
        if (!admission.admitTask(call, key, "/v1/videos", model, faults, tokens(prompt), Integer.parseInt(seconds))) {
            return;
        }
        VideoJobs.Job job = jobs.create(key, model.id(), prompt, seconds, size, faults.media());
        call.sendJson(200, jobs.describe(job));
    }

    void video(Call call, String key, String id) throws IOException {
        Optional<VideoJobs.Job> job = jobs.find(key, id);
        if (job.isEmpty()) {
            call.sendError(ApiError.invalidRequest(404, "task_not_exist: no video task " + id + " for this key.",
                    null, "task_not_exist"));
            return;
        }
        call.sendJson(200, jobs.describe(job.get()));
    }

    void videoContent(Call call, String key, String id) throws IOException {
        Optional<VideoJobs.Job> found = jobs.find(key, id);
        if (found.isEmpty()) {
            call.sendJson(404, videoError("invalid_request_error", "Task not found"));
            return;
        }
        VideoJobs.Job job = found.get();
        String status = jobs.status(job);
        if (!status.equals("completed") && !status.equals("succeeded")) {
            call.sendJson(400, videoError("invalid_request_error", "Task is not completed yet, current status: "
                    + status));
            return;
        }
        byte[] content = job.faults().contains(MediaFault.VIDEO_BROKEN)
                ? ("not a video, only text standing in for task " + id).getBytes(StandardCharsets.UTF_8)
                : MediaFiles.mp4(job.prompt(), 4096);
        call.header("Accept-Ranges", "bytes");
        call.header("Cache-Control", "public, max-age=86400");
        String contentType = job.faults().contains(MediaFault.VIDEO_BROKEN) ? "application/octet-stream" : "video/mp4";
        Optional<long[]> range = call.requestHeader("Range").flatMap(r -> range(r, content.length));
        if (range.isPresent()) {
            long first = range.get()[0];
            long last = range.get()[1];
            call.header("Content-Range", "bytes " + first + "-" + last + "/" + content.length);
            call.sendRaw(206, contentType, java.util.Arrays.copyOfRange(content, (int) first, (int) last + 1));
            return;
        }
        call.sendRaw(200, contentType, content);
    }

    /** new-api's video proxy errors: {@code {"error":{"message","type"}}}, no code. */
    private static JsonObject videoError(String type, String message) {
        JsonObject error = new JsonObject();
        error.addProperty("message", message);
        error.addProperty("type", type);
        JsonObject root = new JsonObject();
        root.add("error", error);
        return root;
    }

    /** {@code bytes=a-b}, {@code bytes=a-} or {@code bytes=-n} within {@code length}; empty when not satisfiable. */
    static Optional<long[]> range(String header, long length) {
        Matcher m = Pattern.compile("^\\s*bytes=(\\d*)-(\\d*)\\s*$").matcher(header);
        if (!m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty() || length == 0) {
            return Optional.empty();
        }
        long first;
        long last;
        if (m.group(1).isEmpty()) {
            long suffix = Long.parseLong(m.group(2));
            first = Math.max(0, length - suffix);
            last = length - 1;
        } else {
            first = Long.parseLong(m.group(1));
            last = m.group(2).isEmpty() ? length - 1 : Math.min(length - 1, Long.parseLong(m.group(2)));
        }
        return first > last || first >= length ? Optional.empty() : Optional.of(new long[] {first, last});
    }

    // ---------------------------------------------------------------- helpers

    private CatalogModel model(String id, CatalogModel.Family family, String what) throws Rejection {
        CatalogModel model = catalog.find(id).orElseThrow(() -> new Rejection(ApiError.invalidRequest(404,
                "The model `" + id + "` does not exist or you do not have access to it.", "model",
                "model_not_found")));
        if (model.family() != family) {
            throw new Rejection(ApiError.invalidRequest(400, "The model `" + id + "` does not support " + what + ".",
                    "model", "model_not_supported"));
        }
        return model;
    }

    private static JsonObject object(byte[] body) throws Rejection {
        try {
            JsonElement json = Json.parseStrict(new String(body, StandardCharsets.UTF_8));
            if (json instanceof JsonObject o) {
                return o;
            }
        } catch (JsonParseException e) {
            // answered below
        }
        throw new Rejection(ApiError.invalidRequest(400, "We could not parse the JSON body of your request. "
                + "(HINT: This likely means you aren't using your HTTP library correctly.)", null, "invalid_json"));
    }

    private static Optional<String> string(JsonObject o, String name) {
        return o.get(name) instanceof JsonPrimitive p && p.isString() ? Optional.of(p.getAsString()) : Optional.empty();
    }

    private static Integer integer(JsonObject o, String name) {
        return o.get(name) instanceof JsonPrimitive p && p.isNumber() ? p.getAsInt() : null;
    }

    /** {@code ceil(words * 4 / 3)}, the demo's token count of a text. */
    static int tokens(String text) {
        String t = text == null ? "" : text.strip();
        int words = t.isEmpty() ? 0 : t.split("\\s+").length;
        return (words * 4 + 2) / 3;
    }
}
