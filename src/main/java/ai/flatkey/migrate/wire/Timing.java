package ai.flatkey.migrate.wire;

/**
 * Timing of one exchange, in milliseconds from the moment the request was sent.
 *
 * @param ttfbMs  time to the response headers
 * @param ttftMs  time to the first content token (streams; null when no content arrived)
 * @param totalMs time to the end of the body or stream
 */
public record Timing(long ttfbMs, Long ttftMs, long totalMs) {
    /** Completion tokens per second over the generation window (TTFT to end), or null if not measurable. */
    public Double tokensPerSecond(Usage usage) {
        if (usage == null || usage.completionTokens() <= 0) {
            return null;
        }
        long start = ttftMs == null ? ttfbMs : ttftMs;
        long window = totalMs - start;
        return window <= 0 ? null : usage.completionTokens() * 1000.0 / window;
    }
}
