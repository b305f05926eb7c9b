package ai.flatkey.migrate.wire;

/**
 * The content of a finished video job ({@code GET /videos/{id}/content}), or the range of it asked for.
 *
 * @param status       200 (the whole file) or 206 (a range)
 * @param contentType  {@code Content-Type} in lower case, or empty
 * @param contentRange {@code Content-Range} as sent, or empty
 * @param totalLength  the whole file's length from {@code Content-Range} ({@code bytes 0-1023/N}) or, for a 200, the
 *                     bytes received; null when unknown
 */
public record VideoContent(int status, String contentType, String contentRange, byte[] bytes, Long totalLength,
                           String requestId, Timing timing, ResponseHeaders headers, Transcript transcript) {
    public VideoContent {
        contentType = contentType == null ? "" : contentType;
        contentRange = contentRange == null ? "" : contentRange;
        headers = headers == null ? ResponseHeaders.EMPTY : headers;
    }

    VideoContent withTranscript(Transcript t) {
        return new VideoContent(status, contentType, contentRange, bytes, totalLength, requestId, timing, headers, t);
    }

    String summary() {
        return "video content: HTTP " + status + ", " + bytes.length + " bytes" + (contentType.isEmpty() ? ""
                : " of " + contentType) + (contentRange.isEmpty() ? "" : ", " + contentRange);
    }
}
