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
    /**
     * Credential fields in JSON text (the value must be a string). The value runs to its closing quote, or to the end
     * of the line when it has none (a clipped body): the quote is not consumed, so an unterminated value cannot
     * swallow the opening quote of the next field. Written as an unrolled possessive loop: an alternation inside
     * {@code (…)*} recurses once per character in {@link java.util.regex}, and overflows the stack on a value of a
     * few thousand characters.
     */
    private static final Pattern JSON_FIELD = Pattern.compile(
            "(?i)(\"(?:api_key|apikey|api-key|key|secret|secret_key|token|access_token|refresh_token|password"
                    + "|authorization)\"\\s*:\\s*\")[^\"\\\\\r\n]*+(?:\\\\.[^\"\\\\\r\n]*+)*+");
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
        if (knownSecrets != null && knownSecrets.length == 1) {
            String secret = knownSecrets[0] == null ? "" : knownSecrets[0].strip();
            if (secret.length() >= MIN_KNOWN_SECRET) {
                out = out.replace(secret, MARK);
            }
        } else if (knownSecrets != null) {
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
        // Each pattern runs only when the text holds a literal it cannot match without, found in one cheap pass: a
        // stream's transcript redacts every event, and most events hold none of them.
        int hints = hints(out);
        if ((hints & BEARER_HINT) != 0) {
            out = BEARER.matcher(out).replaceAll("$1$2" + Matcher.quoteReplacement(MARK));
        }
        if ((hints & SK_HINT) != 0) {
            out = SK_TOKEN.matcher(out).replaceAll(Matcher.quoteReplacement(MARK));
        }
        if ((hints & QUERY_HINT) != 0) {
            out = QUERY.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(MARK));
        }
        if ((hints & JSON_HINT) != 0) {
            out = JSON_FIELD.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(MARK));
        }
        if ((hints & HEADER_HINT) != 0) {
            out = HEADER.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(MARK));
        }
        if ((hints & USERINFO_HINT) != 0) {
            out = USERINFO.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(MARK) + "$2");
        }
        return out;
    }

    private static final int BEARER_HINT = 1;
    private static final int SK_HINT = 2;
    private static final int QUERY_HINT = 4;
    private static final int JSON_HINT = 8;
    private static final int HEADER_HINT = 16;
    private static final int USERINFO_HINT = 32;

    /**
     * Which patterns could match: each needs a literal ({@code bearer}, {@code sk-}, {@code =}, a credential field
     * name followed by a quote, {@code api-key}, {@code ://} with {@code @}). Case-insensitive where the pattern is.
     */
    private static int hints(String text) {
        int hints = 0;
        boolean at = false;
        boolean scheme = false;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '=' -> hints |= QUERY_HINT;
                case '@' -> at = true;
                case ':' -> scheme |= text.startsWith("//", i + 1);
                case 's', 'S' -> {
                    if (c == 's' && text.startsWith("sk-", i)) {
                        hints |= SK_HINT;
                    }
                    if (text.regionMatches(true, i, "secret\"", 0, 7)) {
                        hints |= JSON_HINT;
                    }
                }
                case 'b', 'B' -> hints |= text.regionMatches(true, i, "bearer", 0, 6) ? BEARER_HINT : 0;
                case 'k', 'K' -> hints |= text.regionMatches(true, i, "key\"", 0, 4) ? JSON_HINT : 0;
                case 't', 'T' -> hints |= text.regionMatches(true, i, "token\"", 0, 6) ? JSON_HINT : 0;
                case 'p', 'P' -> hints |= text.regionMatches(true, i, "password\"", 0, 9) ? JSON_HINT : 0;
                case 'a', 'A' -> {
                    if (text.regionMatches(true, i, "api-key", 0, 7)) {
                        hints |= HEADER_HINT;
                    }
                    if (text.regionMatches(true, i, "authorization\"", 0, 14)) {
                        hints |= JSON_HINT;
                    }
                }
                default -> {
                }
            }
        }
        return at && scheme ? hints | USERINFO_HINT : hints;
    }
}
