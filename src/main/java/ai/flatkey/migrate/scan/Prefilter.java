package ai.flatkey.migrate.scan;

import java.util.List;
import java.util.Locale;

/**
 * The cheap first pass over raw bytes: a file is analysed only if it contains, ignoring ASCII case, one of
 * {@link #TRIGGERS}. A Wu-Manber scan over byte pairs (it usually skips three bytes at a time), no decoding, no
 * allocation.
 * Every rule of the analyser needs one of these words in the file, so the filter loses no finding.
 */
final class Prefilter {

    /** The words every rule needs one of (lower case). The benchmark gives the same list to {@code rg}. */
    static final List<String> TRIGGERS = List.of("openai", "litellm", "gpt-", "/completions", "/embeddings",
            "/responses", "/images/", "/audio/");

    private static final byte[][] WORDS = TRIGGERS.stream().map(w -> w.getBytes(java.nio.charset.StandardCharsets.US_ASCII))
            .toArray(byte[][]::new);
    /** Every trigger is at least this long; the scan looks at the first {@code M} bytes of each. */
    private static final int M = 4;
    /** ASCII case folding. */
    private static final byte[] FOLD = new byte[256];
    /**
     * Wu-Manber shift table over folded byte pairs: how far the window may move when the pair ending at the window's last
     * byte is seen; 0 means a trigger may start {@code M - 1} bytes back.
     */
    private static final byte[] SHIFT = new byte[65536];

    static {
        for (int c = 0; c < 256; c++) {
            FOLD[c] = (byte) (c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        java.util.Arrays.fill(SHIFT, (byte) (M - 1));
        for (byte[] w : WORDS) {
            for (int j = 0; j + 1 < M; j++) {
                int key = (w[j] & 0xff) << 8 | (w[j + 1] & 0xff);
                SHIFT[key] = (byte) Math.min(SHIFT[key], M - 2 - j);
            }
        }
    }

    private Prefilter() {
    }

    /** The regular expression {@code rg} is given in the benchmark (same words, case-insensitive). */
    static String ripgrepPattern() {
        return String.join("|", TRIGGERS.stream().map(t -> t.replace(".", "\\.")).toList()).toLowerCase(Locale.ROOT);
    }

    /** Whether {@code b[0..len)} contains a trigger, ignoring ASCII case. */
    static boolean mayMatch(byte[] b, int len) {
        int i = M - 1;
        while (i < len) {
            int key = (FOLD[b[i - 1] & 0xff] & 0xff) << 8 | (FOLD[b[i] & 0xff] & 0xff);
            int shift = SHIFT[key];
            if (shift == 0) {
                if (matchesAt(b, i - (M - 1), len)) {
                    return true;
                }
                i++;
            } else {
                i += shift;
            }
        }
        return false;
    }

    private static boolean matchesAt(byte[] b, int at, int len) {
        for (byte[] word : WORDS) {
            if (at + word.length > len) {
                continue;
            }
            int k = 0;
            while (k < word.length && FOLD[b[at + k] & 0xff] == word[k]) {
                k++;
            }
            if (k == word.length) {
                return true;
            }
        }
        return false;
    }

}
