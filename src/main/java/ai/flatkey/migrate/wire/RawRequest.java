package ai.flatkey.migrate.wire;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Objects;

/**
 * A request body sent exactly as written, to one of the endpoints the client speaks: what a person's request check
 * holds (any field the gateway may or may not support: {@code response_format}, {@code tools}, {@code temperature},
 * {@code stream_options}, vendor extensions). Nothing is added, dropped or reordered; {@code stream} in the body
 * decides whether the answer is read as a stream.
 *
 * @param api  the endpoint the body goes to
 * @param body the JSON object to send (copied; never changed here)
 */
public record RawRequest(Api api, JsonObject body) {

    /** The endpoints a raw body can go to, with their paths under the base URL. */
    public enum Api {
        CHAT("chat/completions"), RESPONSES("responses"), EMBEDDINGS("embeddings"),
        IMAGES("images/generations"), SPEECH("audio/speech"), MODERATIONS("moderations");

        private final String path;

        Api(String path) {
            this.path = path;
        }

        /** The path under the base URL, e.g. {@code chat/completions}. */
        public String path() {
            return path;
        }
    }

    public RawRequest {
        Objects.requireNonNull(api, "api");
        body = Objects.requireNonNull(body, "body").deepCopy();
    }

    @Override
    public JsonObject body() {
        return body.deepCopy();
    }

    /** The {@code model} field as written, or empty. */
    public String model() {
        JsonElement m = body.get("model");
        return m != null && m.isJsonPrimitive() ? m.getAsString() : "";
    }

    /** Whether the body asks for a stream ({@code "stream": true}); only chat and Responses are read as streams. */
    public boolean stream() {
        JsonElement s = body.get("stream");
        return (api == Api.CHAT || api == Api.RESPONSES) && s != null && s.isJsonPrimitive() && s.getAsJsonPrimitive().isBoolean()
                && s.getAsBoolean();
    }

    /** The {@code encoding_format} an embeddings body asks for, or null. */
    public String encodingFormat() {
        JsonElement f = body.get("encoding_format");
        return f != null && f.isJsonPrimitive() ? f.getAsString() : null;
    }

    /** The body as sent on the wire. */
    public String json() {
        return RequestBodies.GSON.toJson(body);
    }

    /** The same body with {@code model} set to {@code value} (in its place when the body names one, else first). */
    public RawRequest withModel(String value) {
        JsonObject copy = new JsonObject();
        if (!body.has("model")) {
            copy.addProperty("model", value);
        }
        for (var e : body.entrySet()) {
            if (e.getKey().equals("model")) {
                copy.addProperty("model", value);
            } else {
                copy.add(e.getKey(), e.getValue().deepCopy());
            }
        }
        return new RawRequest(api, copy);
    }
}
