package ai.flatkey.migrate.scan;

import ai.flatkey.migrate.wire.CredentialMatcher;

/**
 * Masks API key values in snippets and values so a finding can be shown, logged and written safely. What counts as a
 * key is the shared {@link CredentialMatcher}'s call; the scanner's own part is the masked form, which keeps a short
 * prefix so a person can tell which key it was.
 */
public final class KeyMask {

    private KeyMask() {
    }

    /** The line with every key value replaced by a masked form that keeps only a short prefix. */
    public static String maskLine(String line) {
        if (!mayHoldKey(line)) {
            return line; // most lines: no regex run (every finding's snippet, value and detail pass through here)
        }
        return CredentialMatcher.replace(line, KeyMask::mask);
    }

    /** The matcher's cheap pre-check: false means no key can be in {@code s}. */
    static boolean mayHoldKey(String s) {
        return CredentialMatcher.mayContain(s);
    }

    /** A value that is itself a key is masked; anything else is returned as is (after masking embedded keys). */
    public static String maskValue(String value) {
        return maskLine(value);
    }

    /** {@code sk-test-abcdef…} → {@code sk-t…(masked)}. */
    public static String mask(String key) {
        String prefix = key.length() > 4 ? key.substring(0, 4) : "";
        return prefix + "…(masked)";
    }
}
