package ai.flatkey.migrate.export;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A validator for the subset of JSON Schema (2020-12) that plan-export.schema.json uses: {@code type} (one or a
 * list), {@code properties}, {@code required}, {@code additionalProperties: false}, {@code items}, {@code enum},
 * {@code const}, {@code minimum}, {@code pattern} and local {@code $ref} into {@code $defs}. Any other keyword in
 * the schema is reported as an error, so the schema cannot silently grow beyond what is checked.
 */
final class MiniSchemaValidator {
    private static final Set<String> KNOWN = Set.of("$schema", "$id", "$defs", "title", "description", "type", "properties",
            "required", "additionalProperties", "items", "enum", "const", "minimum", "pattern", "$ref");

    private final JsonObject root;

    MiniSchemaValidator(JsonObject root) {
        this.root = root;
    }

    /** Every violation, as "path: message"; empty when the document is valid. */
    List<String> validate(JsonElement doc) {
        List<String> errors = new ArrayList<>();
        check(root, doc, "$", errors);
        return errors;
    }

    private void check(JsonObject schema, JsonElement value, String path, List<String> errors) {
        for (String k : schema.keySet()) {
            if (!KNOWN.contains(k)) {
                errors.add(path + ": schema keyword '" + k + "' is not supported by this validator");
            }
        }
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").getAsString();
            if (!ref.startsWith("#/$defs/")) {
                errors.add(path + ": only local #/$defs references are supported, got " + ref);
                return;
            }
            JsonObject target = root.getAsJsonObject("$defs").getAsJsonObject(ref.substring("#/$defs/".length()));
            if (target == null) {
                errors.add(path + ": unresolved " + ref);
                return;
            }
            check(target, value, path, errors);
        }
        if (schema.has("type") && !typeMatches(schema.get("type"), value)) {
            errors.add(path + ": expected type " + schema.get("type") + ", found " + describe(value));
            return;
        }
        if (schema.has("const") && !schema.get("const").equals(value)) {
            errors.add(path + ": expected " + schema.get("const") + ", found " + value);
        }
        if (schema.has("enum") && !schema.getAsJsonArray("enum").contains(value)) {
            errors.add(path + ": " + value + " is not one of " + schema.get("enum"));
        }
        if (schema.has("minimum") && value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()
                && value.getAsBigDecimal().compareTo(schema.get("minimum").getAsBigDecimal()) < 0) {
            errors.add(path + ": " + value + " is below the minimum " + schema.get("minimum"));
        }
        if (schema.has("pattern") && value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()
                && !Pattern.compile(schema.get("pattern").getAsString()).matcher(value.getAsString()).find()) {
            errors.add(path + ": \"" + value.getAsString() + "\" does not match " + schema.get("pattern").getAsString());
        }
        if (value.isJsonObject()) {
            JsonObject obj = value.getAsJsonObject();
            JsonObject props = schema.has("properties") ? schema.getAsJsonObject("properties") : new JsonObject();
            if (schema.has("required")) {
                for (JsonElement r : schema.getAsJsonArray("required")) {
                    if (!obj.has(r.getAsString())) {
                        errors.add(path + ": missing required property '" + r.getAsString() + "'");
                    }
                }
            }
            for (Map.Entry<String, JsonElement> e : obj.entrySet()) {
                if (props.has(e.getKey())) {
                    check(props.getAsJsonObject(e.getKey()), e.getValue(), path + "." + e.getKey(), errors);
                } else if (schema.has("additionalProperties") && !schema.get("additionalProperties").getAsBoolean()) {
                    errors.add(path + ": property '" + e.getKey() + "' is not allowed");
                }
            }
        }
        if (value.isJsonArray() && schema.has("items")) {
            JsonArray arr = value.getAsJsonArray();
            for (int i = 0; i < arr.size(); i++) {
                check(schema.getAsJsonObject("items"), arr.get(i), path + "[" + i + "]", errors);
            }
        }
    }

    private static boolean typeMatches(JsonElement type, JsonElement value) {
        if (type.isJsonArray()) {
            for (JsonElement t : type.getAsJsonArray()) {
                if (is(t.getAsString(), value)) {
                    return true;
                }
            }
            return false;
        }
        return is(type.getAsString(), value);
    }

    private static boolean is(String type, JsonElement v) {
        return switch (type) {
            case "null" -> v.isJsonNull();
            case "object" -> v.isJsonObject();
            case "array" -> v.isJsonArray();
            case "string" -> v.isJsonPrimitive() && v.getAsJsonPrimitive().isString();
            case "boolean" -> v.isJsonPrimitive() && v.getAsJsonPrimitive().isBoolean();
            case "number" -> v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber();
            case "integer" -> v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber() && isWhole(v.getAsJsonPrimitive());
            default -> throw new IllegalArgumentException("unknown JSON Schema type " + type);
        };
    }

    private static boolean isWhole(JsonPrimitive p) {
        BigDecimal d = p.getAsBigDecimal();
        return d.signum() == 0 || d.scale() <= 0 || d.stripTrailingZeros().scale() <= 0;
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
        return v.toString();
    }
}
