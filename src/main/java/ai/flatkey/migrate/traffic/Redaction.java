package ai.flatkey.migrate.traffic;

import ai.flatkey.migrate.wire.Redactor;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a recording keeps of a call, decided at write time: which headers are written at all, and every text value
 * run through the one credential matcher ({@link Redactor}) plus the call's own credentials removed verbatim. In
 * {@linkplain RecordingHeader#SHAPES shapes} mode the texts of messages, prompts, inputs and answers are replaced with
 * their length, so a recording shows what was sent without what was said.
 */
public final class Redaction {
    /** Request headers that shape a call; every other one (credentials, cookies, organisation, tracing) is dropped. */
    public static final Set<String> KEPT_REQUEST_HEADERS = Set.of("content-type", "accept", "accept-encoding",
            "openai-beta", "user-agent", "x-stainless-lang", "x-stainless-package-version", "x-stainless-runtime",
            "x-stainless-os", "x-stainless-arch", "x-stainless-retry-count", "x-stainless-timeout");
    /** Response headers that describe an answer; cookies and everything else are dropped. */
    public static final Set<String> KEPT_RESPONSE_HEADERS = Set.of("content-type", "content-encoding",
            "x-request-id", "openai-processing-ms", "openai-model", "x-ratelimit-limit-requests",
            "x-ratelimit-limit-tokens", "x-ratelimit-remaining-requests", "x-ratelimit-remaining-tokens",
            "x-ratelimit-reset-requests", "x-ratelimit-reset-tokens", "retry-after");
    /** JSON fields whose value is a credential whatever it looks like. */
    private static final Set<String> CREDENTIAL_FIELDS = Set.of("api_key", "apikey", "api-key", "key", "secret",
            "secret_key", "token", "access_token", "refresh_token", "password", "authorization");
    /** JSON fields holding what a person or a model said; in shapes mode their texts become a length. */
    private static final Set<String> SPOKEN_FIELDS = Set.of("content", "text", "input", "prompt", "instructions",
            "arguments", "refusal", "query", "transcript", "output_text", "delta", "partial_json", "data",
            "b64_json", "url", "image_url", "file_data", "revised_prompt", "reasoning_content");
    /** The longest text value written; longer ones keep their head and say how much was cut. */
    static final int MAX_TEXT = 64 * 1024;

    private final boolean shapesOnly;
    /** The call's own credentials, {@linkplain Redactor#prepare prepared} once for all its texts. */
    private final String[] knownSecrets;

    /**
     * @param shapesOnly   replace spoken texts with their length
     * @param knownSecrets the call's own credentials (its bearer token, {@code api-key} value…), removed verbatim
     */
    public Redaction(boolean shapesOnly, List<String> knownSecrets) {
        this.shapesOnly = shapesOnly;
        this.knownSecrets = Redactor.prepare(knownSecrets.toArray(String[]::new));
    }

    /** The headers worth keeping, names in lower case, values redacted; a repeated header's values joined by ", ". */
    public Map<String, String> headers(Map<String, List<String>> headers, Set<String> kept) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            if (name == null) {
                return;
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (kept.contains(lower) && values != null && !values.isEmpty()) {
                out.merge(lower, text(String.join(", ", values)), (a, b) -> a + ", " + b);
            }
        });
        return out;
    }

    /** A text with every secret removed and its length capped; null for null. */
    public String text(String s) {
        if (s == null) {
            return null;
        }
        String capped = s.length() <= MAX_TEXT ? s
                : s.substring(0, MAX_TEXT) + "… [" + (s.length() - MAX_TEXT) + " more characters not recorded]";
        return Redactor.redactPrepared(capped, knownSecrets);
    }

    /** A copy of a JSON value with every string redacted, credential fields removed and, in shapes mode, texts dropped. */
    public JsonElement json(JsonElement e) {
        return json(e, null);
    }

    private JsonElement json(JsonElement e, String field) {
        if (e == null || e.isJsonNull()) {
            return e;
        }
        if (e.isJsonObject()) {
            JsonObject out = new JsonObject();
            for (Map.Entry<String, JsonElement> m : e.getAsJsonObject().entrySet()) {
                out.add(text(m.getKey()), json(m.getValue(), m.getKey().toLowerCase(Locale.ROOT)));
            }
            return out;
        }
        if (e.isJsonArray()) {
            JsonArray out = new JsonArray();
            e.getAsJsonArray().forEach(v -> out.add(json(v, field)));
            return out;
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (!p.isString()) {
            return p;
        }
        if (field != null && CREDENTIAL_FIELDS.contains(field)) {
            return new JsonPrimitive(Redactor.MARK);
        }
        if (shapesOnly && field != null && SPOKEN_FIELDS.contains(field)) {
            return new JsonPrimitive(lengthOnly(p.getAsString()));
        }
        return new JsonPrimitive(text(p.getAsString()));
    }

    /** What shapes mode writes in place of a text. */
    static String lengthOnly(String s) {
        return "[" + s.length() + " characters not recorded]";
    }

    /** Whether texts are replaced with their length. */
    public boolean shapesOnly() {
        return shapesOnly;
    }
}
