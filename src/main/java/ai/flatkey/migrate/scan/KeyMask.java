package ai.flatkey.migrate.scan;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Masks API key values in snippets and values so a finding can be shown, logged and written safely. */
public final class KeyMask {

    /** Secret-looking tokens: OpenAI-style {@code sk-…}, Azure/other long hex or base64 keys after a key name. */
    static final Pattern KEY_TOKEN = Pattern.compile("\\bsk-[A-Za-z0-9_\\-]{8,}");
    private static final Pattern KEY_ASSIGNMENT = Pattern.compile(
            "(?i)((?:api[_-]?key|apikey|secret|token|password|access[_-]?key)[\"']?\\s*(?:[:=]|=>)\\s*[\"']?)([A-Za-z0-9_\\-+/=.]{12,})");

    private KeyMask() {
    }

    /** The line with every key value replaced by a masked form that keeps only a short prefix. */
    public static String maskLine(String line) {
        if (!mayHoldKey(line)) {
            return line; // most lines: no regex run (every finding's snippet, value and detail pass through here)
        }
        return maskWithPatterns(line);
    }

    /** {@link #maskLine} without the quick check. */
    static String maskWithPatterns(String line) {
        Matcher m = KEY_TOKEN.matcher(line);
        String s = m.replaceAll(r -> Matcher.quoteReplacement(mask(r.group())));
        Matcher a = KEY_ASSIGNMENT.matcher(s);
        return a.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + (looksMasked(r.group(2)) || isReference(r.group(2))
                ? r.group(2) : mask(r.group(2)))));
    }

    /** The words one of the two patterns needs: {@code sk-} exactly, or a key name in any case. */
    private static final String[] KEY_NAMES = {"key", "secret", "token", "password"};

    /** Whether {@code s} has what {@link #KEY_TOKEN} or {@link #KEY_ASSIGNMENT} needs to match; false means neither can. */
    static boolean mayHoldKey(String s) {
        if (s.contains("sk-")) {
            return true;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = (char) (s.charAt(i) | 0x20);
            if (c == 'k' || c == 's' || c == 't' || c == 'p') {
                for (String name : KEY_NAMES) {
                    if (s.regionMatches(true, i, name, 0, name.length())) {
                        return true;
                    }
                }
            }
        }
        return false;
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

    private static boolean looksMasked(String s) {
        return s.endsWith("(masked)");
    }

    private static boolean isReference(String s) {
        // environment variable names and dotted property names are references, not secrets
        return s.matches("[A-Z][A-Z0-9_]*") || s.matches("[A-Za-z_]\\w*(?:\\.[A-Za-z_]\\w*)+");
    }
}
