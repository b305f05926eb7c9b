package ai.flatkey.migrate.traffic;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the recording keeps of a request body: the JSON itself, or — for a multipart form (audio, an image edit) or
 * any other body — a reference: media type, size, sha256, the form's part names and its {@code model} field.
 * Also reads token usage out of an answer.
 */
final class RequestCapture {
    private static final Pattern BOUNDARY = Pattern.compile("boundary=(?:\"([^\"]+)\"|([^;\\s]+))",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PART_NAME = Pattern.compile("name=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    /** The longest {@code model} field value read out of a form. */
    private static final int MAX_MODEL = 200;

    private RequestCapture() {
    }

    /** The body as JSON, or null when it is empty or not JSON. */
    static JsonElement json(String contentType, byte[] body) {
        if (body.length == 0 || contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return null;
        }
        try {
            JsonElement e = RecordingWriter.strict(new String(body, StandardCharsets.UTF_8).strip());
            return e.isJsonObject() || e.isJsonArray() ? e : null;
        } catch (JsonParseException | java.io.IOException | IllegalStateException notJson) {
            return null;
        }
    }

    /** A reference to a body that is not JSON; null for an empty one. */
    static RecordedCall.BodyRef ref(String contentType, byte[] body) {
        if (body.length == 0) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        String model = null;
        Matcher b = BOUNDARY.matcher(contentType == null ? "" : contentType);
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/") && b.find()) {
            String boundary = "--" + (b.group(1) != null ? b.group(1) : b.group(2));
            model = parts(body, boundary.getBytes(StandardCharsets.ISO_8859_1), parts);
        }
        return new RecordedCall.BodyRef(contentType, body.length, sha256(body), parts, model);
    }

    /** Adds the name of each part to {@code names}; returns the {@code model} field's value, or null. */
    private static String parts(byte[] body, byte[] boundary, List<String> names) {
        String model = null;
        int at = indexOf(body, boundary, 0);
        while (at >= 0) {
            int start = at + boundary.length;
            if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
                break;
            }
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
            int next = indexOf(body, boundary, start);
            if (headersEnd < 0 || next < 0 || headersEnd > next) {
                break;
            }
            String headers = new String(body, start, headersEnd - start, StandardCharsets.UTF_8);
            Matcher n = PART_NAME.matcher(headers);
            if (n.find()) {
                names.add(n.group(1));
                int valueEnd = Math.max(headersEnd + 4, next - 2);
                if (n.group(1).equals("model") && valueEnd - headersEnd - 4 <= MAX_MODEL) {
                    model = new String(body, headersEnd + 4, valueEnd - headersEnd - 4, StandardCharsets.UTF_8).strip();
                }
            }
            at = next;
        }
        return model;
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The usage an answer reported: the JSON body's {@code usage}, or for a stream the last event that carries one
     * (a chat chunk's {@code usage}, a Responses {@code response.completed} event's {@code response.usage}).
     */
    static RecordedCall.Usage usage(JsonElement body, List<RecordedCall.SseEvent> events) {
        if (body != null) {
            return usageOf(body);
        }
        for (int i = events.size() - 1; i >= 0; i--) {
            String d = events.get(i).data();
            if (d == null || !d.contains("usage")) {
                continue;
            }
            try {
                RecordedCall.Usage u = usageOf(RecordingWriter.strict(d.strip()));
                if (u != null) {
                    return u;
                }
            } catch (JsonParseException | java.io.IOException | IllegalStateException notJson) {
                // a text event: no usage in it
            }
        }
        return null;
    }

    private static RecordedCall.Usage usageOf(JsonElement e) {
        if (!e.isJsonObject()) {
            return null;
        }
        JsonObject o = e.getAsJsonObject();
        JsonElement u = o.get("usage");
        if ((u == null || !u.isJsonObject()) && o.get("response") instanceof JsonObject r) {
            u = r.get("usage");
        }
        if (u == null || !u.isJsonObject()) {
            return null;
        }
        JsonObject usage = u.getAsJsonObject();
        Integer prompt = integer(usage, "prompt_tokens", "input_tokens");
        Integer completion = integer(usage, "completion_tokens", "output_tokens");
        return new RecordedCall.Usage(prompt, completion, integer(usage, "total_tokens", "total_tokens"));
    }

    private static Integer integer(JsonObject o, String name, String alternative) {
        JsonElement v = o.has(name) ? o.get(name) : o.get(alternative);
        try {
            return v != null && v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber() ? v.getAsInt() : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
