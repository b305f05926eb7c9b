package ai.flatkey.migrate.demo;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a plausible value that satisfies a simple JSON schema: {@code type} (string, number, integer, boolean,
 * array, object, null, or a list of them), {@code properties} (every one filled, so {@code required} holds),
 * {@code items}, {@code minItems}, {@code enum}, {@code const}, {@code anyOf}/{@code oneOf}, local {@code $ref}s,
 * {@code minimum}/{@code maximum}, {@code minLength}/{@code maxLength} and common string {@code format}s. Strings
 * are chosen by property name (a city for {@code location}, a date for {@code date}, ...) and, where it fits, taken
 * from the user's prompt. The same schema and prompt always give the same value.
 */
final class SchemaValues {

    private static final int MAX_DEPTH = 8;
    private static final Pattern PLACE = Pattern.compile("\\b(?:in|at|for|near|from|to)\\s+([A-Z][\\p{L}-]+(?:\\s+[A-Z][\\p{L}-]+)?)");

    private final JsonObject root;
    private final String prompt;

    private SchemaValues(JsonObject root, String prompt) {
        this.root = root;
        this.prompt = prompt;
    }

    /** A value for {@code schema}, with strings drawn from {@code prompt} where the property name suggests it. */
    static JsonElement generate(JsonObject schema, String prompt) {
        return new SchemaValues(schema, prompt == null ? "" : prompt).value(schema, "", 0);
    }

    private JsonElement value(JsonObject schema, String name, int depth) {
        if (depth > MAX_DEPTH) {
            return JsonNull.INSTANCE;
        }
        if (schema.has("$ref") && schema.get("$ref").isJsonPrimitive()) {
            JsonObject target = resolve(schema.get("$ref").getAsString());
            return target == null ? new JsonObject() : value(target, name, depth + 1);
        }
        if (schema.has("const")) {
            return schema.get("const").deepCopy();
        }
        if (schema.has("enum") && schema.get("enum").isJsonArray() && !schema.getAsJsonArray("enum").isEmpty()) {
            return schema.getAsJsonArray("enum").get(0).deepCopy();
        }
        for (String combinator : new String[] {"anyOf", "oneOf", "allOf"}) {
            if (schema.has(combinator) && schema.get(combinator).isJsonArray()) {
                for (JsonElement option : schema.getAsJsonArray(combinator)) {
                    if (option.isJsonObject() && !isNullType(option.getAsJsonObject())) {
                        return value(option.getAsJsonObject(), name, depth + 1);
                    }
                }
            }
        }
        String type = type(schema);
        return switch (type) {
            case "object" -> object(schema, depth);
            case "array" -> array(schema, name, depth);
            case "string" -> new JsonPrimitive(string(schema, name));
            case "integer" -> new JsonPrimitive(integer(schema, name));
            case "number" -> new JsonPrimitive(number(schema));
            case "boolean" -> new JsonPrimitive(true);
            case "null" -> JsonNull.INSTANCE;
            default -> new JsonPrimitive(string(schema, name));
        };
    }

    private static boolean isNullType(JsonObject schema) {
        return schema.has("type") && schema.get("type").isJsonPrimitive()
                && schema.get("type").getAsString().equals("null");
    }

    private static String type(JsonObject schema) {
        JsonElement type = schema.get("type");
        if (type != null && type.isJsonPrimitive()) {
            return type.getAsString();
        }
        if (type != null && type.isJsonArray()) {
            for (JsonElement option : type.getAsJsonArray()) {
                if (option.isJsonPrimitive() && !option.getAsString().equals("null")) {
                    return option.getAsString();
                }
            }
            return "null";
        }
        if (schema.has("properties")) {
            return "object";
        }
        if (schema.has("items")) {
            return "array";
        }
        return "string";
    }

    private JsonObject resolve(String ref) {
        if (!ref.startsWith("#/")) {
            return null;
        }
        JsonElement node = root;
        for (String part : ref.substring(2).split("/")) {
            if (!node.isJsonObject()) {
                return null;
            }
            node = node.getAsJsonObject().get(part.replace("~1", "/").replace("~0", "~"));
            if (node == null) {
                return null;
            }
        }
        return node.isJsonObject() ? node.getAsJsonObject() : null;
    }

    private JsonObject object(JsonObject schema, int depth) {
        JsonObject object = new JsonObject();
        JsonElement properties = schema.get("properties");
        if (properties != null && properties.isJsonObject()) {
            for (Map.Entry<String, JsonElement> property : properties.getAsJsonObject().entrySet()) {
                JsonObject propertySchema = property.getValue().isJsonObject()
                        ? property.getValue().getAsJsonObject() : new JsonObject();
                object.add(property.getKey(), value(propertySchema, property.getKey(), depth + 1));
            }
        }
        return object;
    }

    private JsonArray array(JsonObject schema, String name, int depth) {
        JsonObject items = schema.has("items") && schema.get("items").isJsonObject()
                ? schema.getAsJsonObject("items") : new JsonObject();
        int count = Math.min(16, Math.max(1, intValue(schema, "minItems", 1)));
        if (schema.has("maxItems")) {
            count = Math.min(count, intValue(schema, "maxItems", count));
        }
        JsonArray array = new JsonArray();
        for (int i = 0; i < count; i++) {
            array.add(value(items, singular(name), depth + 1));
        }
        return array;
    }

    private String string(JsonObject schema, String name) {
        String format = schema.has("format") && schema.get("format").isJsonPrimitive()
                ? schema.get("format").getAsString() : "";
        String value = switch (format) {
            case "date" -> "2026-06-11";
            case "date-time" -> "2026-06-11T09:30:00Z";
            case "time" -> "09:30:00";
            case "email" -> "ada@example.com";
            case "uri", "url" -> "https://example.com/demo";
            case "uuid" -> "3f2b6c1e-8d4a-4e9b-9c57-2a1d0e6f4b10";
            default -> byName(name.toLowerCase(Locale.ROOT));
        };
        int min = intValue(schema, "minLength", 0);
        int max = intValue(schema, "maxLength", Integer.MAX_VALUE);
        StringBuilder text = new StringBuilder(value);
        while (text.length() < Math.min(min, 4096)) {
            text.append('x');
        }
        return text.length() > max ? text.substring(0, Math.max(0, max)) : text.toString();
    }

    private String byName(String name) {
        if (name.contains("location") || name.contains("city") || name.contains("place")
                || name.contains("destination") || name.contains("address")) {
            return placeFromPrompt();
        }
        if (name.contains("date") || name.equals("day")) {
            return "2026-06-11";
        }
        if (name.contains("time")) {
            return "09:30";
        }
        if (name.contains("unit")) {
            return "celsius";
        }
        if (name.contains("country")) {
            return "France";
        }
        if (name.contains("email")) {
            return "ada@example.com";
        }
        if (name.contains("url") || name.contains("link")) {
            return "https://example.com/demo";
        }
        if (name.contains("language") || name.equals("lang")) {
            return "en";
        }
        if (name.contains("currency")) {
            return "USD";
        }
        if (name.equals("id") || name.endsWith("_id")) {
            return "demo-0001";
        }
        if (name.contains("name") || name.contains("title")) {
            return "Ada Lovelace";
        }
        if (name.contains("query") || name.equals("q") || name.contains("search") || name.contains("question")
                || name.contains("prompt") || name.contains("text") || name.contains("message")) {
            String words = prompt.strip();
            return words.isEmpty() ? "demo query" : (words.length() > 80 ? words.substring(0, 80) : words);
        }
        if (name.contains("summary") || name.contains("answer") || name.contains("description")
                || name.contains("reason") || name.contains("content")) {
            return "A deterministic answer from the Flatkey demo gateway.";
        }
        return name.isEmpty() ? "demo" : "demo " + name.replace('_', ' ');
    }

    private String placeFromPrompt() {
        Matcher matcher = PLACE.matcher(prompt);
        String place = null;
        while (matcher.find()) {
            place = matcher.group(1);
        }
        return place == null ? "Paris" : place;
    }

    private static long integer(JsonObject schema, String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        long value = lower.contains("year") ? 2026 : lower.contains("age") ? 36 : 3;
        BigDecimal min = decimal(schema, "minimum");
        BigDecimal max = decimal(schema, "maximum");
        if (min != null && value < min.longValue()) {
            value = min.setScale(0, java.math.RoundingMode.CEILING).longValue();
        }
        if (max != null && value > max.longValue()) {
            value = max.setScale(0, java.math.RoundingMode.FLOOR).longValue();
        }
        return value;
    }

    private static BigDecimal number(JsonObject schema) {
        BigDecimal value = new BigDecimal("21.5");
        BigDecimal min = decimal(schema, "minimum");
        BigDecimal max = decimal(schema, "maximum");
        if (min != null && value.compareTo(min) < 0) {
            value = min;
        }
        if (max != null && value.compareTo(max) > 0) {
            value = max;
        }
        return value;
    }

    private static BigDecimal decimal(JsonObject schema, String key) {
        JsonElement value = schema.get(key);
        return value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()
                ? value.getAsBigDecimal() : null;
    }

    private static int intValue(JsonObject schema, String key, int fallback) {
        BigDecimal value = decimal(schema, key);
        return value == null ? fallback
                : value.min(BigDecimal.valueOf(Integer.MAX_VALUE)).max(BigDecimal.ZERO).intValue();
    }

    private static String singular(String name) {
        return name.endsWith("s") && name.length() > 1 ? name.substring(0, name.length() - 1) : name;
    }
}
