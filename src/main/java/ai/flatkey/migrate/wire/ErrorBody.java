package ai.flatkey.migrate.wire;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an error body says, whatever its shape: the OpenAI {@code {"error":{"message","type","param","code"}}},
 * a top-level {@code {"message": …}} (new-api / Flatkey), {@code {"error": "text"}}, {@code {"detail": …}}
 * (FastAPI-style servers, string or list), a one-element array around any of these, an HTML page or plain text.
 * Texts are raw here; callers redact before showing them.
 */
record ErrorBody(Shape shape, String message, String type, String param, String code, String htmlTitle) {

    /**
     * What the body was. {@code OPENAI_ERROR} is the OpenAI error object, {@code {"error": {"message": …}}} with a
     * message; {@code JSON_ERROR} any other JSON that names an error (a string {@code error}, a top-level
     * {@code message} or {@code detail}).
     */
    enum Shape { EMPTY, OPENAI_ERROR, JSON_ERROR, JSON_OTHER, HTML, TEXT }

    private static final Pattern TITLE = Pattern.compile("(?is)<title[^>]*>(.*?)</title>");
    private static final Pattern H1 = Pattern.compile("(?is)<h1[^>]*>(.*?)</h1>");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final int MAX_TITLE = 120;

    static ErrorBody parse(String body, String contentType) {
        String text = body == null ? "" : body.strip();
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        // A JSON body is read as JSON whatever its Content-Type says (some proxies label JSON errors text/html).
        JsonElement json = parseJson(text);
        if (json != null) {
            return fromJson(json);
        }
        if (looksLikeHtml(text, type)) {
            return new ErrorBody(Shape.HTML, "", "", "", "", htmlTitle(text));
        }
        if (text.isEmpty()) {
            return new ErrorBody(Shape.EMPTY, "", "", "", "", "");
        }
        return new ErrorBody(Shape.TEXT, oneLine(text), "", "", "", "");
    }

    static boolean looksLikeHtml(String text, String lowerContentType) {
        return lowerContentType.contains("text/html") || lowerContentType.contains("application/xhtml")
                || text.startsWith("<");
    }

    /** A JSON object or array, or null when the text is not one. */
    static JsonElement parseJson(String text) {
        String t = text.strip();
        if (!(t.startsWith("{") || t.startsWith("["))) {
            return null;
        }
        try {
            JsonElement e = JsonParser.parseString(t);
            return e.isJsonObject() || e.isJsonArray() ? e : null;
        } catch (JsonParseException | IllegalStateException e) {
            return null;
        }
    }

    /** Reads an error out of a parsed body; {@link Shape#JSON_OTHER} when it holds none of the known shapes. */
    static ErrorBody fromJson(JsonElement json) {
        if (json.isJsonArray()) {
            JsonArray array = json.getAsJsonArray();
            return array.size() > 0 && array.get(0).isJsonObject()
                    ? fromJson(array.get(0)) : new ErrorBody(Shape.JSON_OTHER, "", "", "", "", "");
        }
        JsonObject root = json.getAsJsonObject();
        JsonElement error = root.get("error");
        if (error != null && error.isJsonObject()) {
            JsonObject e = error.getAsJsonObject();
            String message = str(e, "message");
            if (message.isEmpty()) {
                message = str(e, "msg");
            }
            String code = str(e, "code");
            if (code.isEmpty()) {
                code = str(root, "code");
            }
            boolean openAi = e.get("message") instanceof JsonPrimitive m && m.isString() && !m.getAsString().isBlank();
            return new ErrorBody(openAi ? Shape.OPENAI_ERROR : Shape.JSON_ERROR, oneLine(message), str(e, "type"),
                    str(e, "param"), code, "");
        }
        if (error != null && error.isJsonPrimitive()) {
            String message = str(root, "message");
            String text = error.getAsString();
            // {"error": "Not Found", "message": "route /x does not exist"} — keep both when they differ.
            String combined = message.isEmpty() || message.equals(text) ? text : text + ": " + message;
            return new ErrorBody(Shape.JSON_ERROR, oneLine(combined), str(root, "type"), str(root, "param"),
                    str(root, "code"), "");
        }
        if (root.has("message")) {
            return new ErrorBody(Shape.JSON_ERROR, oneLine(str(root, "message")), str(root, "type"),
                    str(root, "param"), str(root, "code"), "");
        }
        JsonElement detail = root.get("detail");
        if (detail != null && !detail.isJsonNull()) {
            return new ErrorBody(Shape.JSON_ERROR, oneLine(detailText(detail)), str(root, "type"), "",
                    str(root, "code"), "");
        }
        return new ErrorBody(Shape.JSON_OTHER, "", "", "", "", "");
    }

    /** Whether the body names an error in JSON, in the OpenAI error object or another shape. */
    boolean isJsonError() {
        return shape == Shape.OPENAI_ERROR || shape == Shape.JSON_ERROR;
    }

    boolean isHtml() {
        return shape == Shape.HTML;
    }

    /** The error's type and code, lower-cased, for matching. */
    String typeAndCode() {
        return (type + " " + code).toLowerCase(Locale.ROOT);
    }

    private static String detailText(JsonElement detail) {
        if (detail.isJsonPrimitive()) {
            return detail.getAsString();
        }
        if (detail.isJsonObject()) {
            String m = str(detail.getAsJsonObject(), "message");
            return m.isEmpty() ? detail.toString() : m;
        }
        StringBuilder sb = new StringBuilder();
        for (JsonElement item : detail.getAsJsonArray()) {
            String part = item.isJsonObject() ? str(item.getAsJsonObject(), "msg") : "";
            if (item.isJsonObject() && item.getAsJsonObject().has("loc")) {
                part = item.getAsJsonObject().get("loc") + " " + part;
            }
            if (part.isBlank()) {
                part = item.isJsonPrimitive() ? item.getAsString() : item.toString();
            }
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(part.strip());
        }
        return sb.toString();
    }

    /** A member as text: strings as-is, numbers and booleans printed, objects as JSON, null/missing as empty. */
    static String str(JsonObject o, String name) {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) {
            return "";
        }
        return e.isJsonPrimitive() ? e.getAsString() : e.toString();
    }

    static String htmlTitle(String html) {
        Matcher m = TITLE.matcher(html);
        String title = m.find() ? m.group(1) : "";
        if (title.isBlank()) {
            Matcher h1 = H1.matcher(html);
            title = h1.find() ? TAG.matcher(h1.group(1)).replaceAll("") : "";
        }
        title = unescape(title).replaceAll("\\s+", " ").strip();
        return Excerpts.clip(title, MAX_TITLE, "…");
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&nbsp;", " ").replace("&amp;", "&");
    }

    /** Collapses whitespace so a message stays one line. */
    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").strip();
    }
}
