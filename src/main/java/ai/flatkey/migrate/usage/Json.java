package ai.flatkey.migrate.usage;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** Lenient field access for gateway JSON: a missing or mistyped field is null, never an exception. */
final class Json {
    private Json() {
    }

    static JsonObject object(JsonElement e, String field) {
        if (e == null || !e.isJsonObject()) {
            return null;
        }
        JsonElement v = e.getAsJsonObject().get(field);
        return v != null && v.isJsonObject() ? v.getAsJsonObject() : null;
    }

    static JsonElement get(JsonElement e, String field) {
        if (e == null || !e.isJsonObject()) {
            return null;
        }
        JsonElement v = e.getAsJsonObject().get(field);
        return v == null || v.isJsonNull() ? null : v;
    }

    static String text(JsonElement e, String... fields) {
        for (String f : fields) {
            JsonElement v = get(e, f);
            if (v != null && v.isJsonPrimitive()) {
                return v.getAsString();
            }
        }
        return null;
    }

    static Double number(JsonElement e, String... fields) {
        for (String f : fields) {
            JsonElement v = get(e, f);
            if (v != null && v.isJsonPrimitive()) {
                try {
                    double d = v.getAsDouble();
                    if (!Double.isNaN(d) && !Double.isInfinite(d)) {
                        return d;
                    }
                } catch (NumberFormatException ignored) {
                    // a string that is not a number: treated as absent
                }
            }
        }
        return null;
    }

    static Integer integer(JsonElement e, String... fields) {
        Double d = number(e, fields);
        return d == null ? null : (int) Math.round(d);
    }

    static Boolean bool(JsonElement e, String field) {
        JsonElement v = get(e, field);
        return v != null && v.isJsonPrimitive() && v.getAsJsonPrimitive().isBoolean() ? v.getAsBoolean() : null;
    }

    /** new-api keeps extra facts as a JSON string in {@code other}: parse it, or null. */
    static JsonElement embedded(JsonElement e, String field) {
        String s = text(e, field);
        if (s == null || s.isBlank()) {
            JsonElement v = get(e, field);
            return v != null && v.isJsonObject() ? v : null;
        }
        try {
            JsonElement parsed = JsonParser.parseString(s);
            return parsed.isJsonObject() ? parsed : null;
        } catch (RuntimeException ex) {
            return null;
        }
    }
}
