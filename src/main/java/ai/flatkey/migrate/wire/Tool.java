package ai.flatkey.migrate.wire;

import java.util.Objects;

/**
 * A function the model may call: {@code {"type":"function","function":{name, description, parameters, strict}}}.
 *
 * @param parametersJson the JSON Schema of the arguments, as JSON text (null for none)
 * @param strict         the {@code strict} flag, or null to leave it out
 */
public record Tool(String name, String description, String parametersJson, Boolean strict) {
    public Tool {
        Objects.requireNonNull(name, "name");
    }

    public static Tool function(String name, String description, String parametersJson) {
        return new Tool(name, description, parametersJson, null);
    }
}
