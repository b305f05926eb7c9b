package ai.flatkey.migrate.wire;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Responses API request ({@code POST /responses}).
 *
 * @param input           a plain text input, or null when {@code messages} is used
 * @param messages        input messages ({@code {"role","content"}}; text only), used when {@code input} is null
 * @param instructions    {@code instructions}, or null
 * @param maxOutputTokens {@code max_output_tokens}, or null
 * @param extra           more top-level fields, sent last and verbatim
 */
public record ResponsesRequest(String model, String input, List<ChatMessage> messages, String instructions,
                               boolean stream, Integer maxOutputTokens, Double temperature,
                               Map<String, Object> extra) {
    public ResponsesRequest {
        Objects.requireNonNull(model, "model");
        messages = messages == null ? List.of() : List.copyOf(messages);
        if (input == null && messages.isEmpty()) {
            throw new IllegalArgumentException("a Responses request needs an input text or messages");
        }
        extra = extra == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    public static ResponsesRequest simple(String model, String input, boolean stream) {
        return new ResponsesRequest(model, input, List.of(), null, stream, null, null, Map.of());
    }

    public ResponsesRequest withStream(boolean s) {
        return new ResponsesRequest(model, input, messages, instructions, s, maxOutputTokens, temperature, extra);
    }

    public ResponsesRequest withExtra(String name, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(extra);
        m.put(name, value);
        return new ResponsesRequest(model, input, messages, instructions, stream, maxOutputTokens, temperature, m);
    }
}
