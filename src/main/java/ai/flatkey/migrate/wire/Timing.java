package ai.flatkey.migrate.wire;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Timing of one exchange, in milliseconds from the moment the request was sent (of the last attempt when retried).
 *
 * @param ttfbMs    time to the response headers
 * @param ttftMs    time to the first content token (streams; null when no content arrived)
 * @param totalMs   time to the end of the body or stream
 * @param connectMs TCP (+ TLS) connect time, or null when a pooled connection was reused
 * @param tlsMs     TLS handshake time, or null (plain HTTP, reused connection)
 * @param gapsMs    gaps between consecutive content events of a stream, in order (empty otherwise)
 */
public record Timing(long ttfbMs, Long ttftMs, long totalMs, Long connectMs, Long tlsMs, List<Long> gapsMs) {
    public Timing {
        gapsMs = gapsMs == null ? List.of() : List.copyOf(gapsMs);
    }

    public Timing(long ttfbMs, Long ttftMs, long totalMs) {
        this(ttfbMs, ttftMs, totalMs, null, null, List.of());
    }

    /** Completion tokens per second over the generation window (TTFT to end), or null if not measurable. */
    public Double tokensPerSecond(Usage usage) {
        if (usage == null || usage.completionTokens() <= 0) {
            return null;
        }
        long start = ttftMs == null ? ttfbMs : ttftMs;
        long window = totalMs - start;
        return window <= 0 ? null : usage.completionTokens() * 1000.0 / window;
    }

    /** Median inter-token gap, or null without gaps. */
    public Long gapP50Ms() {
        return percentile(50);
    }

    /** 95th-percentile inter-token gap (nearest rank), or null without gaps. */
    public Long gapP95Ms() {
        return percentile(95);
    }

    /** Largest inter-token gap (the worst stall), or null without gaps. */
    public Long gapMaxMs() {
        return gapsMs.isEmpty() ? null : Collections.max(gapsMs);
    }

    private Long percentile(int p) {
        if (gapsMs.isEmpty()) {
            return null;
        }
        List<Long> sorted = new ArrayList<>(gapsMs);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
