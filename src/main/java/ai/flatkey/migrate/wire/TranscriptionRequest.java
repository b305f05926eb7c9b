package ai.flatkey.migrate.wire;

import java.util.Objects;

/**
 * A transcription ({@code POST /audio/transcriptions}) or translation ({@code POST /audio/translations}): a
 * multipart upload of one audio file.
 *
 * @param responseFormat {@code json}, {@code text}, {@code srt}, {@code verbose_json} or {@code vtt}; null to leave
 *                       it out (the server's default: json)
 * @param language       the clip's language (transcriptions only), or null
 * @param translation    whether to call {@code /audio/translations} (to English) instead
 */
public record TranscriptionRequest(String model, Upload file, String responseFormat, String language,
                                   boolean translation) {
    public TranscriptionRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(file, "file");
    }

    /** The path called: {@code audio/transcriptions} or {@code audio/translations}. */
    public String path() {
        return translation ? "audio/translations" : "audio/transcriptions";
    }
}
