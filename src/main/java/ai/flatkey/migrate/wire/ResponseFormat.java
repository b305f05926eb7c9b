package ai.flatkey.migrate.wire;

import java.util.Objects;

/**
 * {@code response_format}: {@code text}, {@code json_object}, or {@code json_schema} with
 * {@code {"name","schema","strict"}}.
 *
 * @param schemaJson the JSON Schema as JSON text ({@code json_schema} only)
 * @param strict     the {@code strict} flag ({@code json_schema} only), or null to leave it out
 */
public record ResponseFormat(String type, String schemaName, String schemaJson, Boolean strict) {
    public ResponseFormat {
        Objects.requireNonNull(type, "type");
        if (type.equals("json_schema")) {
            Objects.requireNonNull(schemaName, "schemaName");
            Objects.requireNonNull(schemaJson, "schemaJson");
        }
    }

    public static ResponseFormat text() {
        return new ResponseFormat("text", null, null, null);
    }

    public static ResponseFormat jsonObject() {
        return new ResponseFormat("json_object", null, null, null);
    }

    public static ResponseFormat jsonSchema(String name, String schemaJson, Boolean strict) {
        return new ResponseFormat("json_schema", name, schemaJson, strict);
    }
}
