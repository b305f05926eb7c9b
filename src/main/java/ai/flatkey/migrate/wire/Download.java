package ai.flatkey.migrate.wire;

/**
 * Bytes fetched from a URL an answer pointed at (an image's {@code url}).
 *
 * @param contentType the {@code Content-Type} in lower case, or empty
 */
public record Download(String url, String contentType, byte[] bytes, int status, Timing timing, Transcript transcript) {
    Download withTranscript(Transcript t) {
        return new Download(url, contentType, bytes, status, timing, t);
    }

    String summary() {
        return bytes.length + " bytes" + (contentType.isEmpty() ? "" : " of " + contentType);
    }
}
