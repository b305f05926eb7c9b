package ai.flatkey.migrate.wire;

/**
 * One streamed tool-call fragment as it arrived.
 *
 * @param index     the {@code index} field, or null when the server left it out
 * @param id        the call ID, or null (only the first fragment carries it)
 * @param name      the function name, or null (only the first fragment carries it)
 * @param arguments the arguments fragment, or empty
 */
public record ToolCallDelta(Integer index, String id, String name, String arguments) {
}
