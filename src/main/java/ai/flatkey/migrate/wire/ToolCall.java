package ai.flatkey.migrate.wire;

/**
 * A function call the model asked for (or one sent back in an assistant message).
 *
 * @param index            the call's position ({@code index} of streamed deltas; list position otherwise)
 * @param id               the call ID ({@code call_…}); empty when the server sent none
 * @param type             {@code function} (empty when the server left it out)
 * @param name             the function name
 * @param arguments        the arguments as the server sent them: a JSON text (fragments concatenated for streams)
 * @param argumentsString  whether {@code arguments} arrived as a JSON string, as the spec asks (false when the server
 *                         sent an object, which official SDKs reject)
 */
public record ToolCall(int index, String id, String type, String name, String arguments, boolean argumentsString) {
    public ToolCall {
        id = id == null ? "" : id;
        type = type == null ? "" : type;
        name = name == null ? "" : name;
        arguments = arguments == null ? "" : arguments;
    }

    /** A call to send back in an assistant message (tool round-trip). */
    public static ToolCall function(String id, String name, String arguments) {
        return new ToolCall(0, id, "function", name, arguments, true);
    }
}
