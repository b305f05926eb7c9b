package ai.flatkey.migrate.wire;

import java.time.Duration;
import java.util.Objects;

/**
 * Time budgets of one call. Zero means no limit (except {@code connect}, where OkHttp reads zero as none too).
 *
 * @param connect   TCP + TLS connect
 * @param firstByte from sending the request to the response headers
 * @param idle      the longest silence between bytes once the answer has started (the gap between stream events)
 * @param total     the whole call, body or stream included
 */
public record Timeouts(Duration connect, Duration firstByte, Duration idle, Duration total) {
    public Timeouts {
        Objects.requireNonNull(connect, "connect");
        Objects.requireNonNull(firstByte, "firstByte");
        Objects.requireNonNull(idle, "idle");
        Objects.requireNonNull(total, "total");
    }
}
