package ai.flatkey.migrate.wire;

/**
 * One typed event of a Responses API stream.
 *
 * @param type           the {@code type} field ({@code response.created}, {@code response.output_text.delta}, …)
 * @param eventName      the SSE {@code event:} name, or empty
 * @param sequenceNumber {@code sequence_number}, or null when absent
 * @param delta          the text of an {@code output_text.delta}, else empty
 * @param atMs           arrival, ms since the request was sent
 */
public record ResponseEvent(String type, String eventName, Long sequenceNumber, String delta, long atMs) {
}
