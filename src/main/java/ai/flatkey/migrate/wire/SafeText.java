package ai.flatkey.migrate.wire;

/**
 * Text from a server (or a file) made safe to print, store and render: control characters are escaped so that a model
 * name or an error message cannot set a terminal's title, clear the screen, move the cursor to print a fake verdict,
 * or reverse the reading order of a line. {@link #text} keeps line feeds and tabs (transcripts, bodies), {@link #line}
 * escapes them too (IDs, names, one-line reasons). {@link #scrub} is the one call for a value that came from a server:
 * the {@link Redactor} (known secrets in every encoding, anything shaped like a credential), then {@link #text}.
 */
public final class SafeText {

    private SafeText() {
    }

    /** Secrets removed and control characters escaped (line feeds and tabs kept); null for null. */
    public static String scrub(String text, String... knownSecrets) {
        return text(Redactor.redact(text, knownSecrets));
    }

    /** Control characters escaped except line feed and tab; null for null. */
    public static String text(String s) {
        return escape(s, false);
    }

    /** Every control character escaped, line feeds and tabs included; null for null. */
    public static String line(String s) {
        return escape(s, true);
    }

    /** Whether the character is escaped by {@link #line}: C0 and C1 controls, DEL, and the bidirectional overrides. */
    public static boolean isControl(char c) {
        return c < 0x20 || c >= 0x7f && c <= 0x9f || c >= '\u202a' && c <= '\u202e' || c >= '\u2066' && c <= '\u2069'
                || c == '\u200e' || c == '\u200f' || c == '\u061c';
    }

    private static String escape(String s, boolean lineBreaks) {
        if (s == null) {
            return null;
        }
        int first = firstToEscape(s, lineBreaks);
        if (first < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length() + 16).append(s, 0, first);
        for (int i = first; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!escaped(c, lineBreaks)) {
                sb.append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c < 0x100) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.toString();
    }

    private static int firstToEscape(String s, boolean lineBreaks) {
        for (int i = 0; i < s.length(); i++) {
            if (escaped(s.charAt(i), lineBreaks)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean escaped(char c, boolean lineBreaks) {
        return isControl(c) && (lineBreaks || c != '\n' && c != '\t');
    }
}
