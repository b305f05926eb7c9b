package ai.flatkey.migrate.wire;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;

/**
 * Removes secrets from text before it is shown, logged, exported or kept: the known keys wherever they appear, and
 * anything the {@link CredentialMatcher} finds shaped like a credential ({@code Bearer …}, {@code sk-…} tokens,
 * {@code ?key=…} query values, passwords in URLs, JSON fields such as {@code "api_key": "…"}, {@code x-api-key:}
 * headers, assignments to key names, …). Each is replaced with {@value #MARK}.
 */
public final class Redactor {
    /** What a removed secret is replaced with. */
    public static final String MARK = "[REDACTED]";

    /** Known secrets shorter than this are not searched for: they would shred ordinary text. */
    private static final int MIN_KNOWN_SECRET = 4;

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
        // The matcher's cheap pre-check spares the regexes for most texts: a stream's transcript redacts every event.
        return CredentialMatcher.replace(out, MARK);
    }
}
