package ai.flatkey.migrate.wire;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text before it is shown, logged, exported or kept: the known keys wherever they appear, and
 * anything shaped like a credential ({@code Bearer …}, {@code sk-…} tokens, {@code ?key=…} query values, passwords in URLs, JSON fields
 * such as {@code "api_key": "…"}, {@code x-api-key:} headers). Each is replaced with {@value #MARK}.
 */
public final class Redactor {
    /** What a removed secret is replaced with. */
    public static final String MARK = "[REDACTED]";

    /** Known secrets shorter than this are not searched for: they would shred ordinary text. */
    private static final int MIN_KNOWN_SECRET = 4;

    /** {@code Bearer <token>}; a shell variable ({@code Bearer $FLATKEY_API_KEY}) is a reference, not a secret. */
    private static final Pattern BEARER =
            Pattern.compile("(?i)\\b(Bearer)(\\s+)(?!\\$[A-Za-z_{])(?!\\[REDACTED])[^\\s\"',;<>]+");
    /** OpenAI-style secret keys: {@code sk-}, {@code sk-proj-}, {@code sk-or-v1-}, … */
    private static final Pattern SK_TOKEN = Pattern.compile("(?<![A-Za-z0-9_-])sk-[A-Za-z0-9_-]{8,}");
    /** Credential query parameters. */
    private static final Pattern QUERY = Pattern.compile(
            "(?i)([?&](?:key|api_key|api-key|apikey|access_token|token|auth|secret)=)[^&\\s#\"'<>]+");
    /** Credential fields in JSON text (the value must be a string). */
    private static final Pattern JSON_FIELD = Pattern.compile(
            "(?i)(\"(?:api_key|apikey|api-key|key|secret|secret_key|token|access_token|refresh_token|password"
                    + "|authorization)\"\\s*:\\s*\")(?:[^\"\\\\]|\\\\.)*(\")");
    /** Credential headers written as {@code name: value}. */
    private static final Pattern HEADER = Pattern.compile(
            "(?i)\\b((?:x-api-key|api-key|x-goog-api-key)\\s*[:=]\\s*)(?!\\$[A-Za-z_{])(?!\\[REDACTED])[^\\s\"',;<>]+");

    /** A password in a URL's user info ({@code http://user:secret@proxy:8080}). */
    private static final Pattern USERINFO = Pattern.compile(
            "(?i)\\b([a-z][a-z0-9+.-]*://[^/\\s:@\"'<>]+:)(?!\\[REDACTED])[^@/\\s\"'<>]+(@)");

    private Redactor() {
    }

    /**
     * @param text         any text, or null
     * @param knownSecrets secrets to remove verbatim (nulls and blanks are ignored)
     * @return the text with every secret replaced by {@value #MARK}; null for null
     */
    public static String redact(String text, String... knownSecrets) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        if (knownSecrets != null) {
            String[] secrets = Arrays.stream(knownSecrets)
                    .filter(Objects::nonNull)
                    .map(String::strip)
                    .filter(s -> s.length() >= MIN_KNOWN_SECRET)
                    .sorted(Comparator.comparingInt(String::length).reversed())
                    .toArray(String[]::new);
            for (String secret : secrets) {
                out = out.replace(secret, MARK);
            }
        }
        out = BEARER.matcher(out).replaceAll("$1$2" + Matcher.quoteReplacement(MARK));
        out = SK_TOKEN.matcher(out).replaceAll(Matcher.quoteReplacement(MARK));
        out = QUERY.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(MARK));
        out = JSON_FIELD.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(MARK) + "$2");
        out = HEADER.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(MARK));
        out = USERINFO.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(MARK) + "$2");
        return out;
    }
}
