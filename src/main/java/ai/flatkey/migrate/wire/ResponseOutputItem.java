package ai.flatkey.migrate.wire;

/**
 * One item of a Responses API {@code output[]}.
 *
 * @param type      {@code message}, {@code function_call}, {@code reasoning}, …
 * @param text      for messages: the {@code output_text} parts joined; else empty
 * @param partTypes for messages: the content part types in order, comma-separated (e.g. {@code output_text})
 * @param name      for function calls: the function name; else empty
 * @param arguments for function calls: the arguments text; else empty
 * @param callId    for function calls: {@code call_id}; else empty
 */
public record ResponseOutputItem(String type, String id, String role, String status, String text, String partTypes,
                                 String name, String arguments, String callId) {
}
