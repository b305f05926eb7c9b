package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.plan.BilledRequest;
import ai.flatkey.migrate.plan.Inventory;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.wire.ApiException;
import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.Download;
import ai.flatkey.migrate.wire.FailureKind;
import ai.flatkey.migrate.wire.FamilyClient;
import ai.flatkey.migrate.wire.GeneratedImage;
import ai.flatkey.migrate.wire.ImageEditRequest;
import ai.flatkey.migrate.wire.ImageRequest;
import ai.flatkey.migrate.wire.ImageResult;
import ai.flatkey.migrate.wire.ModerationResult;
import ai.flatkey.migrate.wire.RouteAnswer;
import ai.flatkey.migrate.wire.SpeechRequest;
import ai.flatkey.migrate.wire.SpeechResult;
import ai.flatkey.migrate.wire.Transcript;
import ai.flatkey.migrate.wire.TranscriptionRequest;
import ai.flatkey.migrate.wire.TranscriptionResult;
import ai.flatkey.migrate.wire.TranscriptionStream;
import ai.flatkey.migrate.wire.Upload;
import ai.flatkey.migrate.wire.Usage;
import ai.flatkey.migrate.wire.VideoContent;
import ai.flatkey.migrate.wire.VideoJob;
import ai.flatkey.migrate.wire.VideoPoll;
import ai.flatkey.migrate.wire.VideoRequest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The checks of the endpoint families beyond chat: which a plan needs ({@link #features}, {@link #perTarget}) and
 * how each runs ({@link #run}). Per model, from its mapping rows (features {@code images}, {@code image-edits},
 * {@code transcriptions}, {@code translations}, {@code speech}, {@code moderations}, {@code video}) or, for a model
 * without rows, from its name (gpt-image, dall-e, whisper, …-transcribe, tts, moderation, sora, veo, seedance). The
 * costly ones — images, speech, video — run only when the inventory lists the family ({@code images},
 * {@code audio} or {@code speech}, {@code video}): a mapping alone does not spend on them. Per target, when the
 * inventory lists them: {@code files}, {@code fine-tuning}, {@code batches} (routes new-api answers 501 or lacks).
 */
final class FamilyChecks {
    static final String IMAGES = "images";
    static final String IMAGE_EDITS = "image-edits";
    static final String TRANSCRIPTIONS = "transcriptions";
    static final String TRANSCRIPTION_FORMATS = "transcription-formats";
    /** A streamed transcription: for the models that stream (…-transcribe; whisper-1 ignores stream=true). */
    static final String TRANSCRIPTION_STREAM = "transcription-stream";
    static final String TRANSLATIONS = "translations";
    static final String SPEECH = "speech";
    static final String MODERATIONS = "moderations";
    static final String VIDEO = "video";
    static final String FILES = "files";
    static final String FINE_TUNING = "fine-tuning";
    static final String BATCHES = "batches";

    /** Every family feature, in catalog order. */
    static final List<String> FEATURES = List.of(IMAGES, IMAGE_EDITS, TRANSCRIPTIONS, TRANSCRIPTION_FORMATS,
            TRANSCRIPTION_STREAM, TRANSLATIONS, SPEECH, MODERATIONS, VIDEO, FILES, FINE_TUNING, BATCHES);
    /** Features that cost real money per request: on only when the inventory says the app uses them. */
    static final Set<String> COSTLY = Set.of(IMAGES, IMAGE_EDITS, SPEECH, VIDEO);
    /** Features whose checks hand images or sounds to the listener ({@link SmokeListener#onMedia}). */
    static final Set<String> WITH_MEDIA = Set.of(IMAGES, IMAGE_EDITS, TRANSCRIPTIONS, TRANSCRIPTION_STREAM, TRANSLATIONS,
            SPEECH);
    /** Per-target checks, which send no model request and are not billed. */
    static final Set<String> NOT_BILLED = Set.of(FILES, FINE_TUNING, BATCHES);
    /** Mapping-row features that name only families other than chat. */
    static final Set<String> NON_CHAT = Set.of("embeddings", IMAGES, "image-generation", IMAGE_EDITS, "edits",
            TRANSCRIPTIONS, "transcription", TRANSCRIPTION_STREAM, TRANSLATIONS, SPEECH, "tts", "audio", MODERATIONS, "moderation", VIDEO,
            "videos");

    /** The transcription formats besides json, each checked by {@link #TRANSCRIPTION_FORMATS}. */
    static final List<String> OTHER_TRANSCRIPTION_FORMATS = List.of("text", "srt", "verbose_json", "vtt");
    static final String IMAGE_PROMPT = "A small flat icon of a paper plane on a plain background.";
    static final String MODERATION_INPUT = "I would like to hug my friend after the concert.";
    static final String VIDEO_PROMPT = "A paper plane glides slowly across a plain blue sky.";
    /** How much longer than the read timeout a video job may take to complete. */
    static final int VIDEO_DEADLINE_FACTOR = 3;

    private static final Map<String, String> TITLES = Map.ofEntries(
            Map.entry(IMAGES, "Image generation"),
            Map.entry(IMAGE_EDITS, "Image edit (multipart)"),
            Map.entry(TRANSCRIPTIONS, "Audio transcription"),
            Map.entry(TRANSCRIPTION_FORMATS, "Transcription formats (text, srt, verbose_json, vtt)"),
            Map.entry(TRANSCRIPTION_STREAM, "Streamed transcription (stream=true)"),
            Map.entry(TRANSLATIONS, "Audio translation"),
            Map.entry(SPEECH, "Speech (text to audio)"),
            Map.entry(MODERATIONS, "Moderation"),
            Map.entry(VIDEO, "Video job (create, poll, download)"),
            Map.entry(FILES, "Files API"),
            Map.entry(FINE_TUNING, "Fine-tuning API"),
            Map.entry(BATCHES, "Batch API"));

    private FamilyChecks() {
    }

    static boolean handles(String kind) {
        return FEATURES.contains(kind);
    }

    static String title(String feature) {
        return TITLES.get(feature);
    }

    /** The family in words, for reasons and hints. */
    static String familyName(String kind) {
        return switch (kind) {
            case IMAGES, IMAGE_EDITS -> "image generation";
            case TRANSCRIPTIONS, TRANSCRIPTION_FORMATS, TRANSCRIPTION_STREAM, TRANSLATIONS -> "audio transcription";
            case SPEECH -> "speech";
            case MODERATIONS -> "moderation";
            case VIDEO -> "video generation";
            case FILES -> "the Files API";
            case FINE_TUNING -> "fine-tuning";
            case BATCHES -> "the Batch API";
            default -> kind;
        };
    }

    // ---------------------------------------------------------------- which checks a plan needs

    /**
     * The family features of one target model, in catalog order (see the class comment).
     *
     * @param row the model's mapping-row features, lower case (empty when it has no rows, or they name none)
     */
    static List<String> features(MigrationPlan plan, String model, Set<String> row) {
        Set<String> used = endpoints(plan.inventory());
        boolean images = used.contains("images") || used.contains("image-generation") || used.contains(IMAGE_EDITS);
        boolean audio = used.contains("audio");
        boolean speechUsed = audio || used.contains(SPEECH) || used.contains("tts");
        boolean asrUsed = audio || used.contains(TRANSCRIPTIONS) || used.contains(TRANSLATIONS);
        boolean video = used.contains(VIDEO) || used.contains("videos");
        boolean moderation = used.contains(MODERATIONS) || used.contains("moderation");
        boolean byName = Collections.disjoint(row, NON_CHAT);
        String m = model.toLowerCase(Locale.ROOT);
        Set<String> out = new LinkedHashSet<>();
        boolean rowImages = row.contains(IMAGES) || row.contains("image-generation");
        if (images && (rowImages || byName && looksLikeImageModel(m))) {
            out.add(IMAGES);
        }
        if (images && (row.contains(IMAGE_EDITS) || row.contains("edits")
                || used.contains(IMAGE_EDITS) && (rowImages || byName && looksLikeImageModel(m)))) {
            out.add(IMAGE_EDITS);
        }
        boolean rowAudio = row.contains("audio");
        boolean asr = row.contains(TRANSCRIPTIONS) || row.contains("transcription")
                || rowAudio && !looksLikeSpeechModel(m) || asrUsed && byName && looksLikeTranscriptionModel(m);
        if (asr) {
            out.add(TRANSCRIPTIONS);
            out.add(TRANSCRIPTION_FORMATS);
        }
        if (row.contains(TRANSCRIPTION_STREAM) || asr && streamsTranscripts(m)) {
            out.add(TRANSCRIPTION_STREAM);
        }
        if (row.contains(TRANSLATIONS) || used.contains(TRANSLATIONS) && byName && looksLikeTranscriptionModel(m)
                && m.startsWith("whisper")) {
            out.add(TRANSLATIONS);
        }
        if (speechUsed && (row.contains(SPEECH) || row.contains("tts") || rowAudio && looksLikeSpeechModel(m)
                || byName && looksLikeSpeechModel(m))) {
            out.add(SPEECH);
        }
        if (row.contains(MODERATIONS) || row.contains("moderation") || moderation && byName
                && looksLikeModerationModel(m)) {
            out.add(MODERATIONS);
        }
        if (video && (row.contains(VIDEO) || row.contains("videos") || byName && looksLikeVideoModel(m))) {
            out.add(VIDEO);
        }
        return List.copyOf(out);
    }

    /**
     * The JSON-body families a model serves ({@link #IMAGES}, {@link #SPEECH}, {@link #MODERATIONS}), for request
     * checks: by its mapping row's features, or — when they name no family — by its name. Unlike
     * {@link #features}, whatever the inventory lists: a request check is written for the endpoint it calls.
     */
    static Set<String> serving(String model, Set<String> row) {
        String m = model.toLowerCase(Locale.ROOT);
        boolean byName = Collections.disjoint(row, NON_CHAT);
        Set<String> out = new LinkedHashSet<>();
        if (row.contains(IMAGES) || row.contains("image-generation") || byName && looksLikeImageModel(m)) {
            out.add(IMAGES);
        }
        if (row.contains(SPEECH) || row.contains("tts") || (byName || row.contains("audio")) && looksLikeSpeechModel(m)) {
            out.add(SPEECH);
        }
        if (row.contains(MODERATIONS) || row.contains("moderation") || byName && looksLikeModerationModel(m)) {
            out.add(MODERATIONS);
        }
        return out;
    }

    /** The per-target checks of routes the inventory lists: files, fine-tuning, batches. */
    static List<Check> perTarget(MigrationPlan plan) {
        Set<String> used = endpoints(plan.inventory());
        List<Check> out = new ArrayList<>();
        if (used.contains(FILES)) {
            out.add(new Check(FILES, FILES, "", title(FILES)));
        }
        if (used.contains(FINE_TUNING) || used.contains("fine-tunes") || used.contains("fine_tuning")) {
            out.add(new Check(FINE_TUNING, FINE_TUNING, "", title(FINE_TUNING)));
        }
        if (used.contains(BATCHES)) {
            out.add(new Check(BATCHES, BATCHES, "", title(BATCHES)));
        }
        return out;
    }

    private static Set<String> endpoints(Inventory inv) {
        return inv.endpoints().stream().map(e -> e.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    /** Whether a mapping row's features name only families other than chat (so the model gets no chat checks). */
    static boolean nonChat(Set<String> row) {
        return !row.isEmpty() && NON_CHAT.containsAll(row);
    }

    /** Whether a model ID looks like one of an endpoint family other than chat and embeddings. */
    static boolean looksLikeMediaModel(String model) {
        String m = model.toLowerCase(Locale.ROOT);
        return looksLikeImageModel(m) || looksLikeTranscriptionModel(m) || looksLikeSpeechModel(m)
                || looksLikeModerationModel(m) || looksLikeVideoModel(m);
    }

    static boolean looksLikeImageModel(String m) {
        return m.contains("gpt-image") || m.startsWith("dall-e") || m.contains("imagen") || m.contains("flux")
                || m.contains("stable-diffusion") || m.contains("seedream");
    }

    static boolean looksLikeTranscriptionModel(String m) {
        return m.startsWith("whisper") || m.contains("transcribe");
    }

    /** The transcription models that stream (gpt-4o-transcribe, gpt-4o-mini-transcribe); whisper-1 ignores stream=true. */
    static boolean streamsTranscripts(String m) {
        return m.contains("-transcribe") && !m.startsWith("whisper");
    }

    static boolean looksLikeSpeechModel(String m) {
        return m.startsWith("tts-") || m.endsWith("-tts") || m.contains("-tts-");
    }

    static boolean looksLikeModerationModel(String m) {
        return m.contains("moderation");
    }

    static boolean looksLikeVideoModel(String m) {
        return m.startsWith("sora") || m.startsWith("veo") || m.contains("seedance") || m.contains("kling");
    }

    /** The first target model that gets the speech check (whose voice makes the transcription clip), or null. */
    static String speechModel(MigrationPlan plan) {
        for (String model : SmokeSuite.models(plan)) {
            if (SmokeSuite.features(plan, model).contains(SPEECH)) {
                return model;
            }
        }
        return null;
    }

    /**
     * The models a check's billed requests go to, one entry per request: what the quota guard prices before a run.
     * A transcription whose clip is spoken by the plan's speech model costs that speech request too; the formats
     * check sends one request per format.
     */
    static List<String> billedModels(Check check, MigrationPlan plan) {
        String model = check.model();
        return switch (check.kind()) {
            case FILES, FINE_TUNING, BATCHES -> List.of();
            case TRANSCRIPTION_FORMATS -> Collections.nCopies(OTHER_TRANSCRIPTION_FORMATS.size(), model);
            case TRANSCRIPTIONS, TRANSCRIPTION_STREAM, TRANSLATIONS -> {
                String voice = speechModel(plan);
                yield voice == null || voice.equals(model) ? List.of(model) : List.of(voice, model);
            }
            default -> List.of(model);
        };
    }

    /**
     * A check's billed requests as the quota guard prices them, in {@link #billedModels} order: a speech request
     * (the speech check's, or the one that speaks a transcription's clip) at its input and the longest clip it can
     * make, a video job per second of video, as new-api bills them ({@link ai.flatkey.migrate.usage.MediaPricing});
     * any other at the probe's bounds.
     */
    static List<ai.flatkey.migrate.usage.QuotaGuard.Bill> bills(Check check, MigrationPlan plan) {
        List<String> models = billedModels(check, plan);
        List<ai.flatkey.migrate.usage.QuotaGuard.Bill> out = new ArrayList<>(models.size());
        for (int i = 0; i < models.size(); i++) {
            String model = models.get(i);
            boolean spoken = check.kind().equals(SPEECH) || i == 0 && models.size() == 2 && (check.kind().equals(TRANSCRIPTIONS)
                    || check.kind().equals(TRANSCRIPTION_STREAM) || check.kind().equals(TRANSLATIONS));
            out.add(spoken ? ai.flatkey.migrate.usage.QuotaGuard.Bill.speech(model, MediaSamples.PHRASE)
                    : check.kind().equals(VIDEO)
                    ? ai.flatkey.migrate.usage.QuotaGuard.Bill.video(model, ai.flatkey.migrate.usage.MediaPricing.VIDEO_SECONDS)
                    : ai.flatkey.migrate.usage.QuotaGuard.Bill.probe(model));
        }
        return out;
    }

    /** How long a video job may take before its check fails: {@value #VIDEO_DEADLINE_FACTOR} read timeouts. */
    static Duration videoDeadline(Duration readTimeout) {
        return readTimeout.multipliedBy(VIDEO_DEADLINE_FACTOR);
    }

    /** What a run's deadline needs on top of the checks' budgets: each video check's wait for its job. */
    static Duration extraDeadline(List<Check> checks, Duration readTimeout) {
        long videos = checks.stream().filter(c -> c.kind().equals(VIDEO)).count();
        return videoDeadline(readTimeout).multipliedBy(videos);
    }

    // ---------------------------------------------------------------- running one

    /**
     * What one family check needs.
     *
     * @param curl receives the curl line of each request as it is about to be sent (the last one is kept)
     */
    record Context(FamilyClient client, Check check, MigrationPlan plan, String keyVar, Cancellation cancel,
                   Consumer<String> curl, Duration readTimeout) {
    }

    /**
     * How a family check ended, with what a check result keeps.
     *
     * @param others the billed requests besides the one {@code requestId} and {@code usage} are for, in the order sent
     * @param media  the images and sounds to show (in memory only; see {@link MediaEvidence})
     */
    record Done(Outcome outcome, String requestId, Long totalMs, Usage usage, String output, String transcript,
                List<BilledRequest> others, List<MediaEvidence> media) {
        Done {
            others = List.copyOf(others);
            media = media.stream().filter(java.util.Objects::nonNull).toList();
        }

        Done(Outcome outcome, String requestId, Long totalMs, Usage usage, String output, String transcript) {
            this(outcome, requestId, totalMs, usage, output, transcript, List.of(), List.of());
        }
    }

    /**
     * Runs one family check.
     *
     * @throws ApiException when its first request fails: {@link Rules#failure} (via {@link FamilyRules#failure})
     *                      decides the verdict, as for every other check
     */
    static Done run(Context c) throws ApiException {
        return switch (c.check().kind()) {
            case IMAGES, IMAGE_EDITS -> images(c);
            case TRANSCRIPTIONS, TRANSLATIONS -> transcription(c);
            case TRANSCRIPTION_FORMATS -> formats(c);
            case TRANSCRIPTION_STREAM -> transcriptionStream(c);
            case SPEECH -> speech(c);
            case MODERATIONS -> moderation(c);
            case VIDEO -> video(c);
            case FILES -> route(c, "files");
            case FINE_TUNING -> route(c, "fine_tuning/jobs");
            case BATCHES -> route(c, "batches");
            default -> throw new IllegalArgumentException("not a family check: " + c.check().kind());
        };
    }

    /** gpt-image models answer b64_json only and refuse or ignore response_format: it is not sent to them. */
    static boolean b64Only(String model) {
        return model.toLowerCase(Locale.ROOT).contains("gpt-image");
    }

    /** The smallest size the model makes (what the check asks for, to spend least). */
    static String imageSize(String model) {
        return model.toLowerCase(Locale.ROOT).startsWith("dall-e-2") ? "256x256" : "1024x1024";
    }

    /** The format the check asks for: the app's ({@code url} / {@code b64_json} in the inventory), else b64_json. */
    static String imageFormat(MigrationPlan plan) {
        String f = plan.inventory().parameters().responseFormat().strip().toLowerCase(Locale.ROOT);
        return f.equals("url") || f.equals("b64_json") ? f : "b64_json";
    }

    private static Done images(Context c) throws ApiException {
        String model = c.check().model();
        boolean edit = c.check().kind().equals(IMAGE_EDITS);
        String size = imageSize(model);
        String expected = b64Only(model) ? "b64_json" : imageFormat(c.plan());
        String asked = b64Only(model) ? null : expected;
        ImageResult r;
        byte[] input = null;
        if (edit) {
            int side = Integer.parseInt(size.substring(0, size.indexOf('x')));
            input = MediaSamples.png(side);
            ImageEditRequest req = new ImageEditRequest(model, "Add a small yellow star in the corner.",
                    List.of(new Upload("input.png", "image/png", input)), b64Only(model), size, asked);
            c.curl().accept(c.client().curl(req, c.keyVar()));
            r = c.client().editImage(req, c.cancel());
        } else {
            ImageRequest req = new ImageRequest(model, IMAGE_PROMPT, size, 1, asked, b64Only(model) ? "low" : null);
            c.curl().accept(c.client().curl(req, c.keyVar()));
            r = c.client().generateImage(req, c.cancel());
        }
        Judgement j = new Judgement();
        FamilyRules.imageShape(j, r, expected);
        StringBuilder transcript = new StringBuilder(render(r.transcript()));
        String what = "";
        byte[] received = null;
        if (!j.decided()) {
            GeneratedImage first = r.images().get(0);
            if (first.format().startsWith("b64_json")) {
                received = first.decoded();
                what = FamilyRules.imageBytes(j, received, size, "data[0].b64_json");
            } else {
                try {
                    Download d = c.client().download(first.url(), c.cancel());
                    transcript.append("\n\n").append(render(d.transcript()));
                    received = d.bytes();
                    what = FamilyRules.imageBytes(j, received, size, "the image at data[0].url");
                } catch (ApiException e) {
                    transcript.append("\n\n").append(render(e.transcript()));
                    j.fail(Rule.IMG_BYTES, "data[0].url does not download: " + e.getMessage());
                }
            }
        }
        Rules.transport(j, r.transcript(), r.headers(), false);
        Outcome o = j.decide(Rule.IMG_BYTES, (edit ? "Edited: " : "Generated: ") + r.images().size() + " image"
                + (r.images().size() == 1 ? "" : "s") + " as " + expected + (what.isEmpty() ? "" : ", " + what)
                + (r.usage() == null ? "" : ", usage " + r.usage().totalTokens() + " tokens"));
        List<MediaEvidence> media = new ArrayList<>();
        if (input != null) {
            media.add(MediaEvidence.image("Sent for editing", input));
        }
        if (received != null) {
            media.add(MediaEvidence.image(edit ? "Edited image" : "Generated image", received));
        }
        return new Done(o, r.requestId(), total(r.timing()), r.usage(), what.isEmpty() ? r.images().size()
                + " image(s)" : what + " (" + expected + ")", transcript.toString(), List.of(), media);
    }

    /**
     * The clip to transcribe: spoken by the plan's speech model when it has one, else the test tone.
     *
     * @param speech the speech request that made it (billed), or null for the tone
     */
    private record Clip(Upload upload, boolean spoken, String transcript, String note, BilledRequest speech) {
    }

    private static Clip clip(Context c) {
        String voice = speechModel(c.plan());
        String toneNote = "a " + MediaSamples.CLIP_SECONDS + " s test tone";
        Upload tone = new Upload("clip.wav", "audio/wav", MediaSamples.toneWav(MediaSamples.PHRASE));
        if (voice == null || voice.equals(c.check().model())) {
            return new Clip(tone, false, "", toneNote, null);
        }
        SpeechResult s;
        try {
            s = c.client().speech(new SpeechRequest(voice, MediaSamples.PHRASE, "alloy", "wav"), c.cancel());
        } catch (ApiException e) {
            return new Clip(tone, false, render(e.transcript()), toneNote + " (" + voice + " could not speak the clip: "
                    + e.getMessage() + ")", null);
        }
        // answered, so billed whether or not its audio decodes
        BilledRequest billed = new BilledRequest(voice, s.requestId(), null, null);
        try {
            MediaSamples.Sound sound = MediaSamples.sound(s.audio());
            return new Clip(new Upload("speech.wav", "audio/wav", s.audio()), true, render(s.transcript()),
                    String.format(Locale.ROOT, "%.1f s of speech by %s", sound.seconds(), voice), billed);
        } catch (IllegalArgumentException e) {
            return new Clip(tone, false, "", toneNote + " (" + voice + "'s audio did not decode: " + e.getMessage() + ")",
                    billed);
        }
    }

    private static Done transcription(Context c) throws ApiException {
        String model = c.check().model();
        boolean translation = c.check().kind().equals(TRANSLATIONS);
        Clip clip = clip(c);
        TranscriptionRequest req = new TranscriptionRequest(model, clip.upload(), "json", translation ? null : "en",
                translation);
        c.curl().accept(c.client().curl(req, c.keyVar()));
        TranscriptionResult r = c.client().transcribe(req, c.cancel());
        Judgement j = new Judgement();
        FamilyRules.transcript(j, r, clip.spoken());
        Rules.transport(j, r.transcript(), r.headers(), false);
        String usage = r.usage() != null ? ", usage " + r.usage().totalTokens() + " tokens"
                : r.usageSeconds() != null ? ", usage " + r.usageSeconds() + " s" : ", no usage";
        Outcome o = j.decide(Rule.AUD_TRANSCRIPT, (translation ? "Translated " : "Transcribed ") + clip.note() + ": \""
                + Judgement.excerpt(r.text()) + "\"" + usage);
        // in the order sent: the clip first (when spoken), the billed transcription last
        String transcript = (clip.transcript().isEmpty() ? "" : "# the clip\n" + clip.transcript() + "\n\n")
                + render(r.transcript());
        return new Done(o, r.requestId(), total(r.timing()), r.usage(), r.text(), transcript,
                clip.speech() == null ? List.of() : List.of(clip.speech()),
                shown(MediaEvidence.audio(clip.spoken() ? "Clip sent (spoken)" : "Clip sent (test tone)",
                        clip.upload().bytes())));
    }

    /**
     * A streamed transcription (AUD-STREAM): the clip sent with {@code stream=true}; OpenAI answers
     * {@code transcript.text.delta} events and one {@code transcript.text.done} whose {@code text} is the deltas
     * joined, with the usage.
     */
    private static Done transcriptionStream(Context c) throws ApiException {
        String model = c.check().model();
        Clip clip = clip(c);
        TranscriptionRequest req = new TranscriptionRequest(model, clip.upload(), "json", "en", false);
        c.curl().accept(c.client().curl(req, true, c.keyVar()));
        TranscriptionStream r = c.client().transcribeStreaming(req, c.cancel());
        Judgement j = new Judgement();
        FamilyRules.transcriptStream(j, r, clip.spoken());
        Rules.transport(j, r.transcript(), r.headers(), true);
        String usage = r.usage() != null ? ", usage " + r.usage().totalTokens() + " tokens" : ", no usage";
        String text = r.done() ? r.text() : r.deltaText();
        Outcome o = j.decide(Rule.AUD_STREAM, "Streamed " + clip.note() + " in " + r.deltas() + " delta event"
                + (r.deltas() == 1 ? "" : "s") + " and transcript.text.done: \"" + Judgement.excerpt(text) + "\"" + usage);
        String transcript = (clip.transcript().isEmpty() ? "" : "# the clip\n" + clip.transcript() + "\n\n")
                + render(r.transcript());
        return new Done(o, r.requestId(), total(r.timing()), r.usage(), text, transcript,
                clip.speech() == null ? List.of() : List.of(clip.speech()),
                shown(MediaEvidence.audio(clip.spoken() ? "Clip sent (spoken)" : "Clip sent (test tone)",
                        clip.upload().bytes())));
    }

    private static Done formats(Context c) throws ApiException {
        String model = c.check().model();
        Upload clip = new Upload("clip.wav", "audio/wav", MediaSamples.toneWav(MediaSamples.PHRASE));
        Judgement j = new Judgement();
        List<String> seen = new ArrayList<>();
        StringBuilder transcript = new StringBuilder();
        String requestId = "";
        Long totalMs = null;
        String firstCurl = null;
        List<BilledRequest> answered = new ArrayList<>();
        for (String format : OTHER_TRANSCRIPTION_FORMATS) {
            TranscriptionRequest req = new TranscriptionRequest(model, clip, format, "en", false);
            String curl = c.client().curl(req, c.keyVar());
            firstCurl = firstCurl == null ? curl : firstCurl;
            c.curl().accept(curl);
            try {
                TranscriptionResult r = c.client().transcribe(req, c.cancel());
                seen.add(FamilyRules.transcriptionFormat(j, r));
                transcript.append(transcript.length() == 0 ? "" : "\n\n").append(render(r.transcript()));
                requestId = r.requestId(); // the last answered (its headers end the transcript)
                totalMs = total(r.timing());
                answered.add(new BilledRequest(model, r.requestId(), r.usage() == null ? null : r.usage().promptTokens(),
                        r.usage() == null ? null : r.usage().completionTokens()));
            } catch (ApiException e) {
                boolean refused = (e.kind() == FailureKind.BAD_REQUEST || e.kind() == FailureKind.UNSUPPORTED_PARAMETER)
                        && (e.getMessage() + " " + e.serverMessage()).toLowerCase(Locale.ROOT).contains("response_format");
                if (!refused) {
                    throw e;
                }
                transcript.append(transcript.length() == 0 ? "" : "\n\n").append(render(e.transcript()));
                boolean first = seen.stream().noneMatch(f -> f.endsWith(" refused"));
                seen.add(format + " refused");
                j.unsupported(Rule.AUD_FORMAT, format + " refused: " + e.getMessage() + (first ? " Hint: keep the app"
                        + " on the formats this model has, or map the others to a model that has them (whisper-1 has"
                        + " all five)." : ""));
            }
        }
        c.curl().accept(firstCurl);
        Outcome o = j.decide(Rule.AUD_FORMAT, "text, srt, verbose_json and vtt each came as asked (the text formats"
                + " carry no usage)");
        // the result stands for the last answered request; the ones before it are billed too
        List<BilledRequest> others = answered.isEmpty() ? List.of() : answered.subList(0, answered.size() - 1);
        return new Done(o, requestId, totalMs, null, String.join(", ", seen), transcript.toString(), others, List.of());
    }

    private static Done speech(Context c) throws ApiException {
        SpeechRequest req = new SpeechRequest(c.check().model(), MediaSamples.PHRASE, "alloy", "wav");
        c.curl().accept(c.client().curl(req, c.keyVar()));
        SpeechResult r = c.client().speech(req, c.cancel());
        Judgement j = new Judgement();
        String what = FamilyRules.speech(j, r);
        Rules.transport(j, null, r.headers(), false);
        String billed = "";
        if (!j.decided()) {
            double seconds = MediaSamples.sound(r.audio()).seconds();
            long tokens = Math.round(Math.ceil(seconds) / 60.0 * 1000);
            billed = "; a new-api gateway bills speech by duration: about " + tokens + " completion tokens for "
                    + (long) Math.ceil(seconds) + " started second" + (Math.ceil(seconds) == 1 ? "" : "s");
        }
        Outcome o = j.decide(Rule.AUD_SPEECH, "Speech: " + what + billed);
        return new Done(o, r.requestId(), total(r.timing()), null, what, render(r.transcript()), List.of(),
                shown(MediaEvidence.audio("Speech", r.audio())));
    }

    private static Done moderation(Context c) throws ApiException {
        String model = c.check().model();
        c.curl().accept(c.client().curlModeration(model, MODERATION_INPUT, c.keyVar()));
        ModerationResult r = c.client().moderate(model, MODERATION_INPUT, c.cancel());
        Judgement j = new Judgement();
        FamilyRules.moderation(j, r);
        Rules.transport(j, r.transcript(), r.headers(), false);
        String what = r.results().isEmpty() || r.results().get(0).categories() == null ? ""
                : r.results().get(0).categories().size() + " categories, flagged " + r.results().get(0).flagged();
        Outcome o = j.decide(Rule.MOD_SHAPE, "Moderated: " + what);
        return new Done(o, r.requestId(), total(r.timing()), null, what, render(r.transcript()));
    }

    private static Done video(Context c) throws ApiException {
        String model = c.check().model();
        VideoRequest req = new VideoRequest(model, VIDEO_PROMPT,
                String.valueOf(ai.flatkey.migrate.usage.MediaPricing.VIDEO_SECONDS),
                ai.flatkey.migrate.usage.MediaPricing.VIDEO_SIZE);
        c.curl().accept(c.client().curl(req, c.keyVar()));
        VideoJob created = c.client().createVideo(req, c.cancel());
        StringBuilder transcript = new StringBuilder(render(created.transcript()));
        Judgement j = new Judgement();
        String output = "job " + created.id();
        if (!FamilyRules.videoJob(j, created, null, "the created job")) {
            return videoDone(j, created, output, transcript, "");
        }
        Duration deadline = videoDeadline(c.readTimeout());
        c.curl().accept(c.client().curlGet("videos/" + created.id(), null, c.keyVar(), null));
        VideoPoll poll;
        try {
            poll = c.client().awaitVideo(created.id(), deadline, c.cancel());
        } catch (ApiException e) {
            transcript.append("\n\n").append(render(e.transcript()));
            if (e.kind() == FailureKind.CANCELLED || e.kind() == FailureKind.TIMEOUT || e.kind() == FailureKind.NETWORK
                    || e.kind() == FailureKind.RATE_LIMITED || e.kind() == FailureKind.SERVER_ERROR) {
                throw e;
            }
            j.fail(Rule.VID_JOB, "GET …/videos/" + created.id() + " failed although the gateway gave that ID: "
                    + e.getMessage());
            return videoDone(j, created, output, transcript, "");
        }
        VideoJob last = poll.last();
        transcript.append("\n\n# ").append(poll.polls().size()).append(" poll").append(poll.polls().size() == 1 ? ""
                : "s").append(" in ").append(poll.waitedMs()).append(" ms, statuses seen: ").append(poll.statuses())
                .append("\n").append(render(last.transcript()));
        String statuses = "statuses " + String.join(" → ", distinct(created.jobStatus(), poll.statuses()));
        output = "job " + created.id() + ", " + statuses;
        for (VideoJob p : poll.polls()) {
            if (!FamilyRules.videoJob(j, p, created.id(), "a poll")) {
                return videoDone(j, created, output, transcript, statuses);
            }
        }
        if (poll.timedOut()) {
            j.fail(Rule.VID_COMPLETES, "the job was still " + last.jobStatus() + (last.progress() == null ? ""
                    : " (progress " + last.progress() + ")") + " after " + deadline.toSeconds() + " s, the deadline"
                    + " (" + VIDEO_DEADLINE_FACTOR + " × the read timeout).");
            return videoDone(j, created, output, transcript, statuses);
        }
        if (last.jobStatus().equals("failed")) {
            j.fail(Rule.VID_COMPLETES, "the job failed" + (last.errorMessage().isEmpty() ? " without saying why"
                    : ": \"" + last.errorMessage() + "\"") + (last.errorCode().isEmpty() ? "" : " (" + last.errorCode()
                    + ")") + ".");
            return videoDone(j, created, output, transcript, statuses);
        }
        long lastByte = 1023;
        c.curl().accept(c.client().curlGet("videos/" + created.id() + "/content", "bytes=0-" + lastByte, c.keyVar(),
                "video.mp4"));
        try {
            VideoContent content = c.client().videoContent(created.id(), 0L, lastByte, c.cancel());
            transcript.append("\n\n").append(render(content.transcript()));
            String what = FamilyRules.videoContent(j, content, lastByte);
            output = output + (what.isEmpty() ? "" : ", " + what);
            return videoDone(j, created, output, transcript, statuses + (what.isEmpty() ? "" : "; content " + what));
        } catch (ApiException e) {
            transcript.append("\n\n").append(render(e.transcript()));
            if (e.kind() == FailureKind.CANCELLED || e.kind() == FailureKind.TIMEOUT || e.kind() == FailureKind.NETWORK) {
                throw e;
            }
            // created and polled at this base URL, so a 404 here is a missing route, not a wrong base URL
            String why = e.kind() == FailureKind.WRONG_PATH ? "the gateway has no GET …/videos/{id}/content (HTTP "
                    + e.status() + (e.serverMessage().isBlank() ? "" : ", \"" + Judgement.excerpt(e.serverMessage())
                    + "\"") + "), although it created and polled the job at the same base URL; an app that downloads"
                    + " the video from it breaks." : e.getMessage();
            j.fail(Rule.VID_CONTENT, "the completed job's content does not download: " + why);
            return videoDone(j, created, output, transcript, statuses);
        }
    }

    private static List<String> distinct(String first, List<String> rest) {
        LinkedHashSet<String> all = new LinkedHashSet<>();
        all.add(first);
        all.addAll(rest);
        return List.copyOf(all);
    }

    private static Done videoDone(Judgement j, VideoJob created, String output, StringBuilder transcript,
                                  String statuses) {
        Rules.transport(j, created.transcript(), created.headers(), false);
        Outcome o = j.decide(Rule.VID_CONTENT, "Video job " + created.id() + ": " + statuses);
        return new Done(o, created.requestId(), total(created.timing()), null, output, transcript.toString());
    }

    private static Done route(Context c, String path) throws ApiException {
        c.curl().accept(c.client().curlGet(path, null, c.keyVar(), null));
        RouteAnswer a = c.client().probe(path, c.cancel());
        Outcome o = Rule.ENDPOINT_AVAILABLE.pass("GET …/" + path + " answers (HTTP " + a.status() + "): the gateway"
                + " offers " + familyName(c.check().kind()));
        return new Done(o, a.requestId(), total(a.timing()), null, "HTTP " + a.status(), render(a.transcript()));
    }

    /** The media that could be made (a decoder may give none). */
    private static List<MediaEvidence> shown(MediaEvidence... media) {
        return java.util.Arrays.stream(media).filter(java.util.Objects::nonNull).toList();
    }

    private static Long total(ai.flatkey.migrate.wire.Timing t) {
        return t == null ? null : t.totalMs();
    }

    private static String render(Transcript t) {
        return t == null ? "" : t.render();
    }
}
