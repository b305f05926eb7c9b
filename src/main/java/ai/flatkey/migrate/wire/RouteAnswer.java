package ai.flatkey.migrate.wire;

/**
 * What a route answered when the gateway has it ({@code GET /files}, {@code /fine_tuning/jobs}, {@code /batches}).
 *
 * @param path the path asked, relative to the base URL
 * @param body the body as text (capped)
 */
public record RouteAnswer(String path, int status, String body, String requestId, Timing timing,
                          ResponseHeaders headers, Transcript transcript) {
    RouteAnswer withTranscript(Transcript t) {
        return new RouteAnswer(path, status, body, requestId, timing, headers, t);
    }

    String summary() {
        return "GET " + path + " answered HTTP " + status;
    }
}
