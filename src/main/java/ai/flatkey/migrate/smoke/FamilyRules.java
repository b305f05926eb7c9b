package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.wire.ApiException;
import ai.flatkey.migrate.wire.GeneratedImage;
import ai.flatkey.migrate.wire.ImageResult;
import ai.flatkey.migrate.wire.ModerationResult;
import ai.flatkey.migrate.wire.SpeechResult;
import ai.flatkey.migrate.wire.TranscriptionResult;
import ai.flatkey.migrate.wire.TranscriptionStream;
import ai.flatkey.migrate.wire.VideoContent;
import ai.flatkey.migrate.wire.VideoJob;

import java.util.List;
import java.util.Locale;

/**
 * The conformance rules of the endpoint families beyond chat (IMG-*, AUD-*, MOD-SHAPE, VID-*, ENDPOINT-AVAILABLE):
 * each judges one answer into a {@link Judgement}, and {@link #failure} turns a failed request of a family check
 * into its verdict (a 501 {@code api_not_implemented} or a missing route is Unsupported, not an error).
 */
final class FamilyRules {
    private FamilyRules() {
    }

    // ---------------------------------------------------------------- images

    /**
     * IMG-SHAPE, then IMG-FORMAT (the caller then checks the first image's bytes with {@link #imageBytes}).
     *
     * @param expectedFormat {@code b64_json} or {@code url}
     */
    static void imageShape(Judgement j, ImageResult r, String expectedFormat) {
        if (!r.hasData()) {
            j.fail(Rule.IMG_SHAPE, "the answer has no data[] array.");
            return;
        }
        if (r.images().isEmpty()) {
            j.fail(Rule.IMG_SHAPE, "data[] is empty: no image came back.");
            return;
        }
        if (r.created() == null) {
            j.fail(Rule.IMG_SHAPE, "the answer has no created timestamp; the OpenAI SDKs' types require it.");
            return;
        }
        for (GeneratedImage image : r.images()) {
            if (image.format().equals("none")) {
                j.fail(Rule.IMG_SHAPE, "data[" + image.index() + "] carries neither b64_json nor url.");
                return;
            }
        }
        List<String> received = r.formatsReceived();
        if (!received.equals(List.of(expectedFormat))) {
            String hint = expectedFormat.equals("url")
                    ? " This model answers b64_json only (as gpt-image models do): read data[0].b64_json in the app,"
                    + " or map url requests to a model that serves URLs."
                    : " Code that decodes data[0].b64_json gets nothing: ask for url and download, or pick another"
                    + " model.";
            j.fail(Rule.IMG_FORMAT, (r.formatRequested().isEmpty() ? "no response_format was sent (" + expectedFormat
                    + " expected for this model)" : "response_format " + r.formatRequested() + " was asked for")
                    + " but the image came as " + String.join(" and ", received) + "." + hint);
        }
    }

    /** IMG-BYTES: the bytes decode as an image of the size asked for ({@code size} null or "auto": any size). */
    static String imageBytes(Judgement j, byte[] bytes, String size, String where) {
        if (bytes == null) {
            j.fail(Rule.IMG_BYTES, where + " is not valid base64.");
            return "";
        }
        MediaSamples.Picture p;
        try {
            p = MediaSamples.picture(bytes);
        } catch (IllegalArgumentException e) {
            j.fail(Rule.IMG_BYTES, where + " (" + bytes.length + " bytes) is not an image the app can show: "
                    + e.getMessage() + ".");
            return "";
        }
        String got = p.width() + "x" + p.height();
        if (size != null && !size.equals("auto") && !size.equals(got)) {
            j.fail(Rule.IMG_BYTES, where + " is a " + got + " " + p.format().toUpperCase(Locale.ROOT) + ", but size "
                    + size + " was asked for.");
        }
        return got + " " + p.format().toUpperCase(Locale.ROOT) + ", " + bytes.length + " bytes";
    }

    /**
     * A request check's images answer, against the body as sent: IMG-SHAPE (data[] with {@code created}, as many
     * images as {@code n} asked for — 1 when it names none —, each with b64_json or url), IMG-FORMAT (the
     * {@code response_format} the body asks for, when it asks one), IMG-BYTES (every b64_json image decodes, at the
     * body's {@code size}; a url is not fetched). Returns what came, in words.
     */
    static String requestImages(Judgement j, ImageResult r, com.google.gson.JsonObject body) {
        com.google.gson.JsonElement n = body.get("n");
        int asked = n != null && n.isJsonPrimitive() && n.getAsJsonPrimitive().isNumber() ? n.getAsInt() : 1;
        String count = r.images().size() + " image" + (r.images().size() == 1 ? "" : "s");
        if (!r.hasData() || r.images().isEmpty() || r.created() == null) {
            imageShape(j, r, "b64_json");
            return count;
        }
        if (r.images().size() != asked) {
            j.fail(Rule.IMG_SHAPE, "n " + asked + " asked for " + asked + " image" + (asked == 1 ? "" : "s") + " but "
                    + count + " came back: an app that reads data[" + (asked - 1) + "] " + (r.images().size() < asked
                    ? "finds nothing there." : "gets more than it paid for."));
            return count;
        }
        String format = r.formatRequested().strip().toLowerCase(Locale.ROOT);
        List<String> received = r.formatsReceived();
        if (format.equals("url") || format.equals("b64_json")) {
            imageShape(j, r, format);
        } else {
            imageShape(j, r, received.get(0)); // no format asked: any, as long as all come alike
        }
        if (j.decided()) {
            return count;
        }
        String size = body.get("size") instanceof com.google.gson.JsonPrimitive p && p.isString() ? p.getAsString() : null;
        String what = "";
        for (GeneratedImage image : r.images()) {
            if (image.format().startsWith("b64_json")) {
                what = imageBytes(j, image.decoded(), size, "data[" + image.index() + "].b64_json");
            }
        }
        return count + " as " + String.join(" and ", received) + (what.isEmpty() ? "" : ", " + what);
    }

    // ---------------------------------------------------------------- audio

    /**
     * AUD-TRANSCRIPT on a json answer: {@code text} is there and, for a clip with known words, not empty. For the
     * tone clip an empty text is only advisory: a real speech model hears no words in a tone.
     *
     * @param spoken whether the clip was speech (made by the plan's speech model) rather than the tone
     */
    static void transcript(Judgement j, TranscriptionResult r, boolean spoken) {
        if (!r.json() || !r.body().contains("\"text\"")) {
            j.fail(Rule.AUD_TRANSCRIPT, "the answer has no \"text\" field: " + Judgement.excerpt(r.body()));
            return;
        }
        if (r.text().isBlank()) {
            if (spoken) {
                j.fail(Rule.AUD_TRANSCRIPT, "the text is empty for a clip that says \"" + MediaSamples.PHRASE
                        + "\": the app would store an empty transcript.");
            } else {
                j.advise(Rule.AUD_TRANSCRIPT, "the text is empty for the test tone (a speech model may hear no words"
                        + " in it; map a speech model too to test with spoken words)");
            }
        } else if (spoken && !sharesAWord(r.text(), MediaSamples.PHRASE)) {
            j.advise(Rule.AUD_TRANSCRIPT, "the text \"" + Judgement.excerpt(r.text()) + "\" shares no word with what"
                    + " the clip says");
        }
    }

    private static boolean sharesAWord(String a, String b) {
        List<String> words = List.of(b.toLowerCase(Locale.ROOT).replaceAll("[^a-z ]", "").split("\\s+"));
        for (String w : a.toLowerCase(Locale.ROOT).replaceAll("[^a-z ]", " ").split("\\s+")) {
            if (w.length() > 2 && words.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /**
     * AUD-STREAM on a streamed transcription: {@code transcript.text.done} ends it (without it the app's SDK never
     * gets the final text or the usage: a truncated stream); its {@code text} is the deltas joined; deltas came
     * before it (else the text was not streamed). AUD-TRANSCRIPT: the text of a spoken clip is not empty.
     */
    static void transcriptStream(Judgement j, TranscriptionStream r, boolean spoken) {
        if (!r.done()) {
            j.fail(Rule.AUD_STREAM, "the stream ended after " + r.deltas() + " " + TranscriptionStream.DELTA
                    + " event" + (r.deltas() == 1 ? "" : "s") + " without " + TranscriptionStream.DONE + ": the app"
                    + " gets no final text and no usage (the stream is truncated; the deltas said \""
                    + Judgement.excerpt(r.deltaText()) + "\")");
            return;
        }
        if (r.deltas() == 0) {
            j.advise(Rule.AUD_STREAM, "no " + TranscriptionStream.DELTA + " came before " + TranscriptionStream.DONE
                    + ": the text arrived in one piece, not streamed");
        } else if (!r.deltaText().strip().equals(r.text().strip())) {
            j.fail(Rule.AUD_STREAM, "the done event's text \"" + Judgement.excerpt(r.text()) + "\" is not the deltas"
                    + " joined (\"" + Judgement.excerpt(r.deltaText()) + "\")");
        }
        if (!r.otherTypes().isEmpty()) {
            j.advise(Rule.AUD_STREAM, "events of other types came too: " + String.join(", ", r.otherTypes()));
        }
        if (spoken && r.text().isBlank()) {
            j.fail(Rule.AUD_TRANSCRIPT, "the text is empty for a clip that says \"" + MediaSamples.PHRASE + "\"");
        }
    }

    /**
     * A request check's transcription or translation: AUD-FORMAT on the format the body asks for (json when it names
     * none); AUD-TRANSCRIPT on a json or verbose_json answer (its {@code text} is there; an empty text is only
     * advised: the check's own clip may hold no words — a not-empty assertion says it must). Returns what came.
     */
    static String requestTranscription(Judgement j, TranscriptionResult r) {
        String format = transcriptionFormat(j, r);
        String asked = r.formatRequested().isEmpty() ? "json" : r.formatRequested();
        if ((asked.equals("json") || asked.equals("verbose_json")) && r.json()) {
            transcript(j, r, false);
        }
        return "transcript in " + format + ": \"" + Judgement.excerpt(r.text()) + "\"";
    }

    /** AUD-FORMAT: a transcription in the format asked for. */
    static String transcriptionFormat(Judgement j, TranscriptionResult r) {
        String asked = r.formatRequested().isEmpty() ? "json" : r.formatRequested();
        String got = r.formatReceived();
        if (!asked.equals(got)) {
            j.fail(Rule.AUD_FORMAT, "response_format " + asked + " was asked for but the answer is " + got + " ("
                    + (r.contentType().isEmpty() ? "no content type" : r.contentType()) + "): "
                    + Judgement.excerpt(r.body()));
        }
        return asked + (asked.equals(got) ? " ✓" : " → " + got);
    }

    /** AUD-FORMAT and AUD-SPEECH: audio of the type asked for, that decodes and lasts. Returns what it is. */
    static String speech(Judgement j, SpeechResult r) {
        String asked = r.formatRequested().isEmpty() ? "mp3" : r.formatRequested();
        byte[] audio = r.audio();
        String kind = MediaSamples.audioKind(audio);
        boolean wavAsked = asked.equals("wav");
        if (wavAsked && !kind.equals("WAV") && !kind.equals("data")) {
            j.fail(Rule.AUD_FORMAT, "response_format wav was asked for but " + kind + " came back (" + (r.contentType()
                    .isEmpty() ? "no content type" : r.contentType()) + "): an app that writes or plays WAV breaks.");
            return "";
        }
        if (!r.contentType().startsWith("audio/") && !r.contentType().startsWith("application/octet-stream")) {
            j.fail(Rule.AUD_SPEECH, "the answer is " + (r.contentType().isEmpty() ? "untyped" : r.contentType())
                    + ", not audio/*.");
            return "";
        }
        if (!wavAsked) {
            return audio.length + " bytes of " + kind;
        }
        try {
            MediaSamples.Sound s = MediaSamples.sound(audio);
            if (s.seconds() <= 0) {
                j.fail(Rule.AUD_SPEECH, "the WAV decodes but holds no audio (0 s).");
                return "";
            }
            return String.format(Locale.ROOT, "WAV, %.0f Hz, %d channel%s, %.2f s", s.sampleRate(), s.channels(),
                    s.channels() == 1 ? "" : "s", s.seconds());
        } catch (IllegalArgumentException e) {
            j.fail(Rule.AUD_SPEECH, "the " + audio.length + " bytes of " + (r.contentType().isEmpty() ? "audio"
                    : r.contentType()) + " do not decode: " + e.getMessage() + ".");
            return "";
        }
    }

    /**
     * A request check's speech answer: {@link #speech}'s AUD-FORMAT and AUD-SPEECH, then AUD-FORMAT on the format the
     * body asks for (mp3 when it names none): the content type, and the bytes where their kind is known (MP3, Ogg,
     * FLAC, WAV), are that format's.
     */
    static String requestSpeech(Judgement j, SpeechResult r) {
        String what = speech(j, r);
        if (j.decided()) {
            return what;
        }
        String asked = r.formatRequested().isEmpty() ? "mp3" : r.formatRequested().strip().toLowerCase(Locale.ROOT);
        String type = r.contentType().split(";", 2)[0].strip();
        List<String> types = switch (asked) {
            case "mp3" -> List.of("audio/mpeg", "audio/mp3");
            case "opus" -> List.of("audio/opus", "audio/ogg");
            case "aac" -> List.of("audio/aac", "audio/mp4");
            case "flac" -> List.of("audio/flac", "audio/x-flac");
            case "wav" -> List.of("audio/wav", "audio/x-wav", "audio/wave");
            case "pcm" -> List.of("audio/pcm", "audio/l16");
            default -> List.of();
        };
        String kind = MediaSamples.audioKind(r.audio());
        String kindAsked = switch (asked) {
            case "mp3" -> "MP3";
            case "opus" -> "Ogg";
            case "flac" -> "FLAC";
            case "wav" -> "WAV";
            default -> "data";
        };
        boolean typeOk = types.isEmpty() || type.equals("application/octet-stream") || types.contains(type);
        boolean bytesOk = kind.equals("data") || kind.equals(kindAsked);
        if (!typeOk || !bytesOk) {
            j.fail(Rule.AUD_FORMAT, "response_format " + asked + " was asked for but " + (typeOk ? "the bytes are "
                    + kind : "the content type is " + type + (bytesOk ? "" : " and the bytes are " + kind))
                    + ": an app that saves or plays " + asked + " breaks.");
        }
        return what + " (" + (type.isEmpty() ? "untyped" : type) + ")";
    }

    /**
     * A request check's moderation answer: {@link #moderation}'s MOD-SHAPE, and one result per input of the body
     * (a text input: one; a list: one per item).
     */
    static String requestModeration(Judgement j, ModerationResult r, com.google.gson.JsonObject body) {
        com.google.gson.JsonElement input = body.get("input");
        int inputs = input != null && input.isJsonArray() ? input.getAsJsonArray().size() : 1;
        String what = r.results().size() + " result" + (r.results().size() == 1 ? "" : "s");
        if (r.results().size() != inputs) {
            j.fail(Rule.MOD_SHAPE, "the body has " + inputs + " input" + (inputs == 1 ? "" : "s") + " but " + what
                    + " came back: an app reads results[i] for input i.");
            return what;
        }
        moderation(j, r);
        long flagged = r.results().stream().filter(v -> Boolean.TRUE.equals(v.flagged())).count();
        return what + ", " + flagged + " flagged";
    }

    // ---------------------------------------------------------------- moderations

    static void moderation(Judgement j, ModerationResult r) {
        if (r.results().isEmpty()) {
            j.fail(Rule.MOD_SHAPE, "results[] is empty: nothing says whether the input is allowed.");
            return;
        }
        ModerationResult.Verdict v = r.results().get(0);
        if (v.flagged() == null) {
            j.fail(Rule.MOD_SHAPE, "results[0].flagged is missing or not a boolean.");
        } else if (v.categories() == null || v.categories().isEmpty()) {
            j.fail(Rule.MOD_SHAPE, "results[0].categories is missing or empty.");
        } else if (v.categoryScores() == null || v.categoryScores().isEmpty()) {
            j.fail(Rule.MOD_SHAPE, "results[0].category_scores is missing or empty: apps that apply their own "
                    + "thresholds read it.");
        } else if (!v.malformed().isEmpty()) {
            j.fail(Rule.MOD_SHAPE, "values of the wrong type: " + v.malformed() + ".");
        } else if (!v.categoryScores().keySet().containsAll(v.categories().keySet())) {
            j.fail(Rule.MOD_SHAPE, "category_scores lacks categories that categories names.");
        } else if (r.id().isBlank() || r.model().isBlank()) {
            j.fail(Rule.MOD_SHAPE, "the answer has no " + (r.id().isBlank() ? "id" : "model") + ".");
        }
    }

    // ---------------------------------------------------------------- video jobs

    /** VID-JOB on one answer about the job: an id, object video, a status of the API's. */
    static boolean videoJob(Judgement j, VideoJob job, String expectedId, String when) {
        if (job.id().isBlank()) {
            j.fail(Rule.VID_JOB, when + ": the job has no id, so it cannot be polled.");
            return false;
        }
        if (expectedId != null && !job.id().equals(expectedId)) {
            j.fail(Rule.VID_JOB, when + ": the job's id changed from " + expectedId + " to " + job.id() + ".");
            return false;
        }
        if (!job.object().isEmpty() && !job.object().equals("video")) {
            j.fail(Rule.VID_JOB, when + ": object is \"" + job.object() + "\", not \"video\".");
            return false;
        }
        if (!ai.flatkey.migrate.wire.FamilyClient.VIDEO_STATUSES.contains(job.jobStatus())) {
            j.fail(Rule.VID_JOB, when + ": status \"" + job.jobStatus() + "\" is not one of "
                    + ai.flatkey.migrate.wire.FamilyClient.VIDEO_STATUSES + "; SDK polling loops that wait for"
                    + " \"completed\" never end.");
            return false;
        }
        return true;
    }

    /** VID-CONTENT: the ranged download of a completed job is an MP4 and the range was honoured. */
    static String videoContent(Judgement j, VideoContent c, long lastByte) {
        if (c.status() == 206 && c.contentRange().isEmpty()) {
            j.fail(Rule.VID_CONTENT, "HTTP 206 without Content-Range: players cannot place the bytes.");
            return "";
        }
        if (c.status() == 206 && c.bytes().length > lastByte + 1) {
            j.fail(Rule.VID_CONTENT, "asked for bytes 0-" + lastByte + " and got " + c.bytes().length + " bytes.");
            return "";
        }
        if (c.bytes().length == 0) {
            j.fail(Rule.VID_CONTENT, "the content is empty.");
            return "";
        }
        if (!MediaSamples.isMp4(c.bytes())) {
            j.fail(Rule.VID_CONTENT, "the content is not an MP4 (no ftyp box at the start; it starts "
                    + MediaSamples.head(c.bytes()) + ", " + (c.contentType().isEmpty() ? "untyped"
                    : c.contentType()) + ").");
            return "";
        }
        return "MP4, HTTP " + c.status() + (c.totalLength() == null ? "" : ", " + c.totalLength() + " bytes in all");
    }

    // ---------------------------------------------------------------- failures

    /**
     * The verdict for a failed request of a family check, or null to let {@link Rules#failure} decide (not a family
     * check, or a failure that is not the family's: key, network, the base URL's path).
     */
    static Outcome failure(ApiException e, String kind, PathEvidence models) {
        if (!FamilyChecks.handles(kind)) {
            return null;
        }
        String m = e.getMessage();
        return switch (e.kind()) {
            case NOT_IMPLEMENTED -> Rule.ENDPOINT_AVAILABLE.unsupported(m + " " + hint(kind));
            case WRONG_PATH -> e.status() == 404 && models.answered() && Rules.routeLevel(e.serverMessage())
                    ? Rule.ENDPOINT_AVAILABLE.unsupported(route(e) + " answered HTTP 404 (no such route), while GET"
                    + " …/models answered at the same base URL, so the path is right: this gateway does not offer "
                    + FamilyChecks.familyName(kind) + ". " + hint(kind)) : null;
            case PROTOCOL -> protocolRule(kind).fail(m);
            case BAD_REQUEST, UNSUPPORTED_PARAMETER -> refused(e, kind);
            default -> null;
        };
    }

    /** A 400 to a family check: a format or model the gateway declines (Unsupported), named in its words. */
    private static Outcome refused(ApiException e, String kind) {
        String text = (e.getMessage() + " " + e.serverMessage()).toLowerCase(Locale.ROOT);
        if (kind.equals(FamilyChecks.TRANSCRIPTION_FORMATS) && text.contains("response_format")) {
            return Rule.AUD_FORMAT.unsupported(e.getMessage());
        }
        if (text.contains("does not support") || text.contains("not supported") || text.contains("model_not_supported")) {
            return Rule.ENDPOINT_AVAILABLE.unsupported(e.getMessage() + " " + hint(kind));
        }
        return null;
    }

    private static Rule protocolRule(String kind) {
        return switch (kind) {
            case FamilyChecks.IMAGES, FamilyChecks.IMAGE_EDITS -> Rule.IMG_SHAPE;
            case FamilyChecks.TRANSCRIPTIONS, FamilyChecks.TRANSLATIONS -> Rule.AUD_TRANSCRIPT;
            case FamilyChecks.TRANSCRIPTION_FORMATS -> Rule.AUD_FORMAT;
            case FamilyChecks.TRANSCRIPTION_STREAM -> Rule.AUD_STREAM;
            case FamilyChecks.SPEECH -> Rule.AUD_SPEECH;
            case FamilyChecks.MODERATIONS -> Rule.MOD_SHAPE;
            case FamilyChecks.VIDEO -> Rule.VID_JOB;
            default -> Rule.HTTP_BODY_TRUNCATED;
        };
    }

    private static String route(ApiException e) {
        if (e.transcript() != null) {
            try {
                return e.transcript().method() + " " + java.net.URI.create(e.transcript().url()).getRawPath();
            } catch (IllegalArgumentException ignored) {
                // the words below
            }
        }
        return "The route";
    }

    private static String hint(String kind) {
        return "Hint: " + FamilyChecks.familyName(kind) + " is a separate endpoint migration: keep these calls on the"
                + " current provider (their own base URL and key), or move them to a gateway that offers them.";
    }
}
