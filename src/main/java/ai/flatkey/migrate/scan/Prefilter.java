package ai.flatkey.migrate.scan;

import java.util.List;
import java.util.Locale;

/**
 * The cheap first pass over raw bytes: a file is analysed only if it contains, ignoring ASCII case, one of
 * {@link #TRIGGERS}. One pass, dispatching on the first byte of each trigger, with no decoding and no allocation.
 * Every rule of the analyser needs one of these words in the file, so the filter loses no finding.
 */
final class Prefilter {

    /** The words every rule needs one of (lower case). The benchmark gives the same list to {@code rg}. */
    static final List<String> TRIGGERS = List.of("openai", "litellm", "gpt-", "/completions", "/embeddings",
            "/responses", "/images/", "/audio/");

    private static final byte[][] WORDS = TRIGGERS.stream().map(w -> w.getBytes(java.nio.charset.StandardCharsets.US_ASCII))
            .toArray(byte[][]::new);
    /** For each byte value: the bit set of triggers starting with it (after folding to lower case). */
    private static final int[] FIRST = new int[256];

    static {
        for (int w = 0; w < WORDS.length; w++) {
            FIRST[WORDS[w][0] & 0xff] |= 1 << w;
            byte upper = (byte) Character.toUpperCase((char) WORDS[w][0]);
            FIRST[upper & 0xff] |= 1 << w;
        }
    }

    private Prefilter() {
    }

    /** The regular expression {@code rg} is given in the benchmark (same words, case-insensitive). */
    static String ripgrepPattern() {
        return String.join("|", TRIGGERS.stream().map(t -> t.replace(".", "\\.")).toList()).toLowerCase(Locale.ROOT);
    }

    static boolean mayMatch(byte[] b, int len) {
        for (int i = 0; i < len; i++) {
            int set = FIRST[b[i] & 0xff];
            if (set != 0 && matchesAny(b, i, len, set)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesAny(byte[] b, int at, int len, int set) {
        for (int w = 0; w < WORDS.length; w++) {
            if ((set & (1 << w)) == 0) {
                continue;
            }
            byte[] word = WORDS[w];
            if (at + word.length > len) {
                continue;
            }
            int k = 1;
            while (k < word.length && lower(b[at + k]) == word[k]) {
                k++;
            }
            if (k == word.length) {
                return true;
            }
        }
        return false;
    }

    private static byte lower(byte c) {
        return c >= 'A' && c <= 'Z' ? (byte) (c + 32) : c;
    }
}
