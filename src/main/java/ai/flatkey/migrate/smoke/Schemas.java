package ai.flatkey.migrate.smoke;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.util.Map;

/**
 * A small JSON Schema check for the schemas the built-in checks send (object, properties with a type, required,
 * additionalProperties false): enough to tell whether a gateway honoured them, not a general validator.
 */
final class Schemas {
    private Schemas() {
    }

    /** What is wrong with {@code value} against {@code schemaJson}, or null when it conforms. */
    static String problem(String schemaJson, JsonElement value) {
        JsonObject schema = JsonParser.parseString(schemaJson).getAsJsonObject();
        return problem(schema, value, "$");
    }

    private static String problem(JsonObject schema, JsonElement value, String path) {
        String type = schema.has("type") ? schema.get("type").getAsString() : "";
        if (!type.isEmpty() && !hasType(value, type)) {
            return path + " should be " + type + " but is " + describe(value);
        }
        if (!type.equals("object") || !value.isJsonObject()) {
            return null;
        }
        JsonObject object = value.getAsJsonObject();
        JsonObject properties = schema.has("properties") ? schema.getAsJsonObject("properties") : new JsonObject();
        if (schema.has("required")) {
            for (JsonElement name : schema.getAsJsonArray("required")) {
                if (!object.has(name.getAsString())) {
                    return path + "." + name.getAsString() + " is required but missing";
                }
            }
        }
        for (Map.Entry<String, JsonElement> field : object.entrySet()) {
            if (properties.has(field.getKey())) {
                String inner = problem(properties.getAsJsonObject(field.getKey()), field.getValue(), path + "." + field.getKey());
                if (inner != null) {
                    return inner;
                }
            } else if (schema.has("additionalProperties") && !schema.get("additionalProperties").getAsBoolean()) {
                return path + "." + field.getKey() + " is not allowed (additionalProperties: false)";
            }
        }
        return null;
    }

    private static boolean hasType(JsonElement v, String type) {
        return switch (type) {
            case "object" -> v.isJsonObject();
            case "array" -> v.isJsonArray();
            case "string" -> v.isJsonPrimitive() && v.getAsJsonPrimitive().isString();
            case "boolean" -> v.isJsonPrimitive() && v.getAsJsonPrimitive().isBoolean();
            case "number" -> v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber();
            case "integer" -> v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber()
                    && v.getAsBigDecimal().stripTrailingZeros().scale() <= 0;
            case "null" -> v.isJsonNull();
            default -> true;
        };
    }

    private static String describe(JsonElement v) {
        if (v.isJsonNull()) {
            return "null";
        }
        if (v.isJsonObject()) {
            return "an object";
        }
        if (v.isJsonArray()) {
            return "an array";
        }
        return v.getAsJsonPrimitive().isString() ? "a string" : v.toString();
    }
}
