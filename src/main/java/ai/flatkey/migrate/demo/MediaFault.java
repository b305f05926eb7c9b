package ai.flatkey.migrate.demo;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The failures of the endpoint families beyond chat (images, audio, moderations, video jobs), asked for like every
 * other fault: by name in the {@code x-demo-fault} header, or by a fault model of {@link #MODELS}.
 */
enum MediaFault {
    /** Images: a {@code url} where {@code b64_json} was asked for (and a b64_json-only model answers a url). */
    IMAGE_URL("image-url"),
    /** Images: {@code b64_json} that is base64 but not an image. */
    IMAGE_BROKEN("image-broken"),
    /** Audio: transcriptions always answer JSON, whatever response_format asked; speech answers MP3 when WAV was asked. */
    AUDIO_WRONG_FORMAT("audio-wrong-format"),
    /** Audio: a transcription with empty text. */
    AUDIO_EMPTY("audio-empty"),
    /** Audio: a streamed transcription ends without its {@code transcript.text.done} event. */
    AUDIO_STREAM_NO_DONE("audio-stream-no-done"),
    /** Audio: speech answers {@code audio/wav} bytes that do not decode. */
    AUDIO_BROKEN("audio-broken"),
    /** Moderations: results without {@code category_scores}. */
    MODERATION_BROKEN("moderation-broken"),
    /** Video: the job stays {@code in_progress} for ever. */
    VIDEO_STUCK("video-stuck"),
    /** Video: the job ends {@code failed} with an error. */
    VIDEO_FAILS("video-fails"),
    /** Video: status values outside the API's ({@code processing}, {@code succeeded}). */
    VIDEO_BAD_STATUS("video-bad-status"),
    /** Video: the content of a completed job is not an MP4. */
    VIDEO_BROKEN("video-broken");

    /** Fault models of the families, each with the fault it always shows, and the family it serves. */
    static final Map<String, MediaFault> MODELS = models();

    private final String token;

    MediaFault(String token) {
        this.token = token;
    }

    /** The name in the {@code x-demo-fault} header. */
    String token() {
        return token;
    }

    static Optional<MediaFault> of(String token) {
        return Arrays.stream(values()).filter(f -> f.token.equals(token)).findFirst();
    }

    /** The family a fault model of this fault serves. */
    CatalogModel.Family family() {
        return switch (this) {
            case IMAGE_URL, IMAGE_BROKEN -> CatalogModel.Family.IMAGES;
            case AUDIO_WRONG_FORMAT, AUDIO_EMPTY, AUDIO_STREAM_NO_DONE -> CatalogModel.Family.TRANSCRIPTION;
            case AUDIO_BROKEN -> CatalogModel.Family.SPEECH;
            case MODERATION_BROKEN -> CatalogModel.Family.MODERATION;
            case VIDEO_STUCK, VIDEO_FAILS, VIDEO_BAD_STATUS, VIDEO_BROKEN -> CatalogModel.Family.VIDEO;
        };
    }

    private static Map<String, MediaFault> models() {
        Map<String, MediaFault> m = new LinkedHashMap<>();
        m.put("demo-image-url", IMAGE_URL);
        m.put("demo-image-broken", IMAGE_BROKEN);
        m.put("demo-transcribe-wrong-format", AUDIO_WRONG_FORMAT);
        m.put("demo-transcribe-empty", AUDIO_EMPTY);
        m.put("demo-transcribe-no-done", AUDIO_STREAM_NO_DONE);
        m.put("demo-tts-broken", AUDIO_BROKEN);
        m.put("demo-tts-wrong-format", AUDIO_WRONG_FORMAT);
        m.put("demo-moderation-broken", MODERATION_BROKEN);
        m.put("demo-video-stuck", VIDEO_STUCK);
        m.put("demo-video-fails", VIDEO_FAILS);
        m.put("demo-video-bad-status", VIDEO_BAD_STATUS);
        m.put("demo-video-broken", VIDEO_BROKEN);
        return Collections.unmodifiableMap(m);
    }

    /** The family a fault model serves: the fault's, except {@code demo-tts-wrong-format}, a speech model. */
    static CatalogModel.Family familyOf(String model) {
        return model.equals("demo-tts-wrong-format") ? CatalogModel.Family.SPEECH : MODELS.get(model).family();
    }
}
