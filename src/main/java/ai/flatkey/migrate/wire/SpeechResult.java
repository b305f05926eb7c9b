package ai.flatkey.migrate.wire;

/**
 * A speech answer: audio bytes.
 *
 * @param formatRequested the {@code response_format} sent, or empty
 * @param contentType     the {@code Content-Type} in lower case, or empty
 */
public record SpeechResult(String formatRequested, String contentType, byte[] audio, String requestId, int status,
                           Timing timing, ResponseHeaders headers, Transcript transcript) {
    public SpeechResult {
        formatRequested = formatRequested == null ? "" : formatRequested;
        contentType = contentType == null ? "" : contentType;
        headers = headers == null ? ResponseHeaders.EMPTY : headers;
    }

    SpeechResult withTranscript(Transcript t) {
        return new SpeechResult(formatRequested, contentType, audio, requestId, status, timing, headers, t);
    }

    String summary() {
        return "speech: " + audio.length + " bytes of " + (contentType.isEmpty() ? "untyped content" : contentType);
    }
}
