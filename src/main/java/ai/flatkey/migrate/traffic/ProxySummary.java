package ai.flatkey.migrate.traffic;

/**
 * What a recording proxy has seen so far.
 *
 * @param calls        requests forwarded (or refused)
 * @param recorded     calls written to the recording file
 * @param streamed     calls answered with a server-sent event stream
 * @param httpErrors   calls the upstream answered with a 4xx or 5xx (forwarded as they were)
 * @param upstreamFailed calls the upstream did not answer (the app got a 502 from the proxy)
 * @param disconnected calls the app gave up on before the answer ended (the upstream call was cancelled)
 * @param refused      requests not forwarded (body over the size limit)
 * @param tokens       total tokens the answers reported
 */
public record ProxySummary(int calls, int recorded, int streamed, int httpErrors, int upstreamFailed, int disconnected,
                           int refused, long tokens) {
    /** One line for a terminal. */
    public String line() {
        return calls + " call" + (calls == 1 ? "" : "s") + " (" + streamed + " streamed), " + recorded + " recorded, "
                + httpErrors + " HTTP error" + (httpErrors == 1 ? "" : "s") + ", " + upstreamFailed
                + " upstream failure" + (upstreamFailed == 1 ? "" : "s") + ", " + disconnected
                + " client disconnect" + (disconnected == 1 ? "" : "s")
                + (refused > 0 ? ", " + refused + " refused (too large)" : "") + ", " + tokens + " tokens";
    }
}
