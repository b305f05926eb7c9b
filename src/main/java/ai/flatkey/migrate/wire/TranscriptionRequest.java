package ai.flatkey.migrate.wire;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A transcription ({@code POST /audio/transcriptions}) or translation ({@code POST /audio/translations}): a
 * multipart upload of one audio file.
 *
 * @param responseFormat {@code json}, {@code text}, {@code srt}, {@code verbose_json} or {@code vtt}; null to leave
 *                       it out (the server's default: json)
 * @param language       the clip's language (transcriptions only), or null
 * @param translation    whether to call {@code /audio/translations} (to English) instead
 * @param fields         further form fields sent after these, in order (a request check's {@code prompt},
 *                       {@code temperature}, {@code timestamp_granularities[]}, as written)
 */
public record TranscriptionRequest(String model, Upload file, String responseFormat, String language,
                                   boolean translation, List<Map.Entry<String, String>> fields) {
    public TranscriptionRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(file, "file");
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    public TranscriptionRequest(String model, Upload file, String responseFormat, String language,
                                boolean translation) {
        this(model, file, responseFormat, language, translation, List.of());
    }

    /** The path called: {@code audio/transcriptions} or {@code audio/translations}. */
    public String path() {
        return translation ? "audio/translations" : "audio/transcriptions";
    }
}
