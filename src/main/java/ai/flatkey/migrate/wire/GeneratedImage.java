package ai.flatkey.migrate.wire;

import java.util.Base64;

/**
 * One item of an images answer's {@code data[]}.
 *
 * @param b64Json       the image as base64, or empty
 * @param url           where the image can be fetched, or empty
 * @param revisedPrompt the prompt the model used, or empty
 */
public record GeneratedImage(int index, String b64Json, String url, String revisedPrompt) {
    public GeneratedImage {
        b64Json = b64Json == null ? "" : b64Json;
        url = url == null ? "" : url;
        revisedPrompt = revisedPrompt == null ? "" : revisedPrompt;
    }

    /** {@code b64_json}, {@code url}, both joined by {@code +}, or {@code none}. */
    public String format() {
        if (!b64Json.isEmpty() && !url.isEmpty()) {
            return "b64_json+url";
        }
        return !b64Json.isEmpty() ? "b64_json" : !url.isEmpty() ? "url" : "none";
    }

    /** The base64 decoded (a {@code data:} URL prefix tolerated), or null when it is not valid base64. */
    public byte[] decoded() {
        String s = b64Json.strip();
        int comma = s.startsWith("data:") ? s.indexOf(',') : -1;
        if (comma >= 0) {
            s = s.substring(comma + 1);
        }
        try {
            return Base64.getMimeDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
