package ai.flatkey.migrate.wire;

/**
 * A transcription or translation answer, in whatever format it came.
 *
 * @param formatRequested the {@code response_format} sent, or empty (json)
 * @param contentType     the {@code Content-Type} in lower case, or empty
 * @param body            the body as received (capped by the client)
 * @param json            whether the body is a JSON object
 * @param text            the text: JSON's {@code text}, a plain-text body as is, the cue lines of SRT/VTT; empty when
 *                        none could be read
 * @param usage           token usage ({@code usage.type: tokens}), or null
 * @param usageSeconds    billed seconds ({@code usage.type: duration}), or null
 * @param duration        {@code duration} of a verbose_json answer, or null
 * @param segments        how many {@code segments} a verbose_json answer has, or -1 when it has none
 */
public record TranscriptionResult(String formatRequested, String contentType, String body, boolean json, String text,
                                  Usage usage, Double usageSeconds, Double duration, int segments, String requestId,
                                  int status, Timing timing, ResponseHeaders headers, Transcript transcript) {
    public TranscriptionResult {
        formatRequested = formatRequested == null ? "" : formatRequested;
        contentType = contentType == null ? "" : contentType;
        text = text == null ? "" : text;
        headers = headers == null ? ResponseHeaders.EMPTY : headers;
    }

    /** The format the body is in, as far as it shows: {@code json}, {@code verbose_json}, {@code srt}, {@code vtt} or {@code text}. */
    public String formatReceived() {
        if (json) {
            return segments >= 0 || duration != null ? "verbose_json" : "json";
        }
        String b = body.stripLeading();
        if (b.startsWith("WEBVTT")) {
            return "vtt";
        }
        if (b.matches("(?s)\\d+\\r?\\n\\d{2}:\\d{2}:\\d{2},\\d{3} --> .*")) {
            return "srt";
        }
        return "text";
    }

    TranscriptionResult withTranscript(Transcript t) {
        return new TranscriptionResult(formatRequested, contentType, body, json, text, usage, usageSeconds, duration,
                segments, requestId, status, timing, headers, t);
    }

    String summary() {
        return "transcription as " + formatReceived() + " (" + (contentType.isEmpty() ? "no content type" : contentType)
                + "), " + text.length() + " characters of text"
                + (usage != null ? ", usage " + usage.totalTokens() + " tokens"
                : usageSeconds != null ? ", usage " + usageSeconds + " s" : ", no usage");
    }
}
