package ai.flatkey.migrate.wire;

/**
 * The one way to shorten a text for a reason, an excerpt, a transcript or a report: cut on code-point boundaries, so
 * an emoji (a surrogate pair) at the limit is kept whole or left out, never cut in half. Half a pair is not valid
 * UTF-16: a UTF-8 writer refuses it ("Input length = 1") and XML drops it.
 */
public final class Excerpts {
    private Excerpts() {
    }

    /**
     * The longest prefix of {@code s} of at most {@code max} chars that does not end inside a surrogate pair
     * ({@code max} or one less); "" for null.
     */
    public static String cut(String s, int max) {
        if (s == null) {
            return "";
        }
        if (s.length() <= max) {
            return s;
        }
        int end = Math.max(0, max);
        if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1)) && Character.isLowSurrogate(s.charAt(end))) {
            end--;
        }
        return s.substring(0, end);
    }

    /** {@code s} whole when it has at most {@code max} chars, else {@link #cut} to {@code max} and {@code marker} appended. */
    public static String clip(String s, int max, String marker) {
        if (s == null) {
            return "";
        }
        return s.length() <= max ? s : cut(s, max) + marker;
    }

    /** At most {@code max} chars, an ellipsis included when cut. */
    public static String clip(String s, int max) {
        if (s == null) {
            return "";
        }
        return s.length() <= max ? s : cut(s, Math.max(0, max - 1)) + "…";
    }

    /**
     * {@code s} with every lone surrogate (half an emoji that arrived that way) replaced by U+FFFD, so it can be
     * written as UTF-8 and XML; the same string when there is none.
     */
    public static String wellFormed(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            if (pair) {
                if (sb != null) {
                    sb.append(c).append(s.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (sb == null) {
                    sb = new StringBuilder(s.length()).append(s, 0, i);
                }
                sb.append('\uFFFD');
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }
}
