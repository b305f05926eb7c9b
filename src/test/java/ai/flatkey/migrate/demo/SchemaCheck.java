package ai.flatkey.migrate.demo;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The tests' own validator for simple JSON schemas (type, properties, required, items, enum), to judge answers. */
final class SchemaCheck {

    private SchemaCheck() {
    }

    static List<String> errors(JsonObject schema, JsonElement value) {
        List<String> errors = new ArrayList<>();
        check(schema, value, "$", errors);
        return errors;
    }

    private static void check(JsonObject schema, JsonElement value, String path, List<String> errors) {
        if (schema.has("enum") && !schema.getAsJsonArray("enum").contains(value)) {
            errors.add(path + ": not one of " + schema.get("enum"));
        }
        String type = schema.has("type") ? schema.get("type").getAsString() : "";
        switch (type) {
            case "object" -> {
                if (!value.isJsonObject()) {
                    errors.add(path + ": not an object");
                    return;
                }
                JsonObject object = value.getAsJsonObject();
                if (schema.has("required")) {
                    schema.getAsJsonArray("required").forEach(r -> {
                        if (!object.has(r.getAsString())) {
                            errors.add(path + ": missing " + r.getAsString());
                        }
                    });
                }
                JsonObject properties = schema.has("properties") ? schema.getAsJsonObject("properties")
                        : new JsonObject();
                if (schema.has("additionalProperties") && !schema.get("additionalProperties").getAsBoolean()) {
                    object.keySet().stream().filter(k -> !properties.has(k))
                            .forEach(k -> errors.add(path + ": unexpected " + k));
                }
                for (Map.Entry<String, JsonElement> property : properties.entrySet()) {
                    if (object.has(property.getKey())) {
                        check(property.getValue().getAsJsonObject(), object.get(property.getKey()),
                                path + "." + property.getKey(), errors);
                    }
                }
            }
            case "array" -> {
                if (!value.isJsonArray()) {
                    errors.add(path + ": not an array");
                    return;
                }
                if (schema.has("minItems") && value.getAsJsonArray().size() < schema.get("minItems").getAsInt()) {
                    errors.add(path + ": too few items");
                }
                for (int i = 0; i < value.getAsJsonArray().size(); i++) {
                    check(schema.getAsJsonObject("items"), value.getAsJsonArray().get(i), path + "[" + i + "]",
                            errors);
                }
            }
            case "string" -> {
                if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
                    errors.add(path + ": not a string");
                }
            }
            case "integer" -> {
                if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()
                        || value.getAsBigDecimal().stripTrailingZeros().scale() > 0) {
                    errors.add(path + ": not an integer");
                } else if (schema.has("minimum") && value.getAsLong() < schema.get("minimum").getAsLong()) {
                    errors.add(path + ": below minimum");
                }
            }
            case "number" -> {
                if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
                    errors.add(path + ": not a number");
                } else if (schema.has("maximum") && value.getAsDouble() > schema.get("maximum").getAsDouble()) {
                    errors.add(path + ": above maximum");
                }
            }
            case "boolean" -> {
                if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isBoolean()) {
                    errors.add(path + ": not a boolean");
                }
            }
            default -> { }
        }
    }
}
