package ai.flatkey.migrate.demo;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

import java.io.IOException;
import java.io.StringReader;

/** JSON in and out: strict parsing (no lenient Gson extensions), explicit {@code null}s, no HTML escaping. */
final class Json {

    private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

    private Json() {
    }

    static String write(JsonElement element) {
        return GSON.toJson(element);
    }

    /** Parses one strict JSON document; trailing content is an error. */
    static JsonElement parseStrict(String text) throws JsonParseException {
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            reader.setStrictness(Strictness.STRICT);
            JsonElement element = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new JsonParseException("trailing content after the JSON document");
            }
            return element;
        } catch (IOException e) {
            throw new JsonParseException(e.getMessage(), e);
        }
    }
}
