package ai.flatkey.migrate.scan;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The cheap first pass over raw bytes: a file is analysed only if it contains, ignoring ASCII case, one of
 * {@link #TRIGGERS}. No decoding, no allocation. Every rule of the analyser needs one of these words in the file, so
 * the filter loses no finding.
 *
 * <p>The search is Wu-Manber over byte pairs with a window of {@link #M} bytes: each trigger is represented by one
 * anchor of that length inside it (chosen where its byte pairs are rare in source code, so that the window seldom stops), the
 * shift table is indexed by the raw pair (both ASCII cases of every letter are entered, so no folding on the hot path),
 * and a window whose last pair ends an anchor is verified against the whole trigger. A step's next position depends
 * on the byte loaded at the current one, so one cursor is bound by load latency; the buffer is therefore cut into six
 * parts searched by six interleaved cursors, whose loads overlap (six did best under C1, which the launchers use).
 */
final class Prefilter {

    /** The words every rule needs one of (lower case). The benchmark gives the same list to {@code rg}. */
    static final List<String> TRIGGERS = List.of("openai", "litellm", "gpt-", "/completions", "/embeddings",
            "/responses", "/images/", "/audio/");

    /**
     * Where each trigger's {@link #M}-byte anchor starts, relative to the word: "penai", "tellm", "?gpt-", "compl",
     * "mbedd", "/resp", "ages/", "udio/" — the window of each word whose byte pairs, and above all whose last pair, are
     * least frequent in typical source code. "gpt-" is shorter than the window, so its anchor starts one byte before it
     * (any byte: the filter checks a buffer's first bytes for a "gpt-" at offset 0 apart).
     */
    private static final int[] ANCHOR = {1, 2, -1, 1, 2, 0, 3, 2};

    private static final byte[][] WORDS = TRIGGERS.stream().map(w -> w.getBytes(StandardCharsets.US_ASCII))
            .toArray(byte[][]::new);
    /**
     * The window: each trigger is found through {@code M} bytes of it (or, for "gpt-", of it and the byte before it).
     * The longest possible step is {@code M - 1} bytes.
     */
    private static final int M = 5;
    /** The one trigger whose anchor starts before it, and so cannot be found at offset 0 by the window. */
    private static final int HEAD = 2;
    /** How many interleaved cursors search a long buffer (each its own part); {@link #mayMatch} is written out for six. */
    static final int CURSORS = 6;
    /** Below this many bytes one cursor searches the whole buffer. */
    private static final int SPLIT_AT = 256;
    /** ASCII case folding, for verification. */
    private static final byte[] FOLD = new byte[256];
    /**
     * Shift table over raw byte pairs: how far the window may move when the pair ending at the window's last byte is
     * seen; 0 means an anchor may end there.
     */
    private static final byte[] SHIFT = new byte[65536];
    /** For a pair with shift 0: a bit per trigger whose anchor ends with that pair, so only those are verified. */
    private static final byte[] CANDIDATES = new byte[65536];

    static {
        if (WORDS.length > Byte.SIZE || ANCHOR.length != WORDS.length) {
            throw new IllegalStateException("at most " + Byte.SIZE + " triggers, one anchor each");
        }
        for (int c = 0; c < 256; c++) {
            FOLD[c] = (byte) (c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        Arrays.fill(SHIFT, (byte) (M - 1));
        for (int k = 0; k < WORDS.length; k++) {
            byte[] w = WORDS[k];
            int a = ANCHOR[k];
            if (a + M > w.length || a < 0 && k != HEAD || a < -1) {
                throw new IllegalStateException("anchor outside " + TRIGGERS.get(k));
            }
            for (int j = 0; j + 1 < M; j++) {
                for (int x : cases(w, a + j)) {
                    for (int y : cases(w, a + j + 1)) {
                        int key = x << 8 | y;
                        SHIFT[key] = (byte) Math.min(SHIFT[key], M - 2 - j);
                        if (j == M - 2) {
                            CANDIDATES[key] |= (byte) (1 << k);
                        }
                    }
                }
            }
        }
    }

    private Prefilter() {
    }

    /** The byte values that may stand at {@code w[i]}: both cases of a letter, or any byte before the word. */
    private static int[] cases(byte[] w, int i) {
        if (i < 0) {
            int[] any = new int[256];
            Arrays.setAll(any, x -> x);
            return any;
        }
        int c = w[i] & 0xff;
        return c >= 'a' && c <= 'z' ? new int[]{c, c - 32} : new int[]{c};
    }

    /** The regular expression {@code rg} is given in the benchmark (same words, case-insensitive). */
    static String ripgrepPattern() {
        return String.join("|", TRIGGERS.stream().map(t -> t.replace(".", "\\.")).toList()).toLowerCase(Locale.ROOT);
    }

    /** Whether {@code text} contains a trigger, ignoring ASCII case (characters above U+00FF match nothing). */
    static boolean mayMatch(String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        return mayMatch(b, b.length);
    }

    /** Whether {@code b[0..len)} contains a trigger, ignoring ASCII case. */
    static boolean mayMatch(byte[] b, int len) {
        if (startsWith(b, len, WORDS[HEAD])) {
            return true;
        }
        int first = M - 1;
        if (len - first < SPLIT_AT) {
            return search(b, first, len, len);
        }
        // The window-end positions [first, len) cut into CURSORS ranges; cursor k covers [i_k, to_k) (written out:
        // under C1, which the launchers use, a loop over arrays of cursors would cost more than the search).
        int q = (len - first) / CURSORS;
        int to0 = first + q;
        int to1 = to0 + q;
        int to2 = to1 + q;
        int to3 = to2 + q;
        int to4 = to3 + q;
        int i0 = first;
        int i1 = to0;
        int i2 = to1;
        int i3 = to2;
        int i4 = to3;
        int i5 = to4;
        byte[] shift = SHIFT;
        while (i0 < to0 && i1 < to1 && i2 < to2 && i3 < to3 && i4 < to4 && i5 < len) {
            int s0 = shift[(b[i0 - 1] & 0xff) << 8 | b[i0] & 0xff];
            int s1 = shift[(b[i1 - 1] & 0xff) << 8 | b[i1] & 0xff];
            int s2 = shift[(b[i2 - 1] & 0xff) << 8 | b[i2] & 0xff];
            int s3 = shift[(b[i3 - 1] & 0xff) << 8 | b[i3] & 0xff];
            int s4 = shift[(b[i4 - 1] & 0xff) << 8 | b[i4] & 0xff];
            int s5 = shift[(b[i5 - 1] & 0xff) << 8 | b[i5] & 0xff];
            if (s0 == 0 || s1 == 0 || s2 == 0 || s3 == 0 || s4 == 0 || s5 == 0) {
                if (s0 == 0) {
                    if (verify(b, i0, len)) {
                        return true;
                    }
                    s0 = 1;
                }
                if (s1 == 0) {
                    if (verify(b, i1, len)) {
                        return true;
                    }
                    s1 = 1;
                }
                if (s2 == 0) {
                    if (verify(b, i2, len)) {
                        return true;
                    }
                    s2 = 1;
                }
                if (s3 == 0) {
                    if (verify(b, i3, len)) {
                        return true;
                    }
                    s3 = 1;
                }
                if (s4 == 0) {
                    if (verify(b, i4, len)) {
                        return true;
                    }
                    s4 = 1;
                }
                if (s5 == 0) {
                    if (verify(b, i5, len)) {
                        return true;
                    }
                    s5 = 1;
                }
            }
            i0 += s0;
            i1 += s1;
            i2 += s2;
            i3 += s3;
            i4 += s4;
            i5 += s5;
        }
        return search(b, i0, to0, len) || search(b, i1, to1, len) || search(b, i2, to2, len)
                || search(b, i3, to3, len) || search(b, i4, to4, len) || search(b, i5, len, len);
    }

    /** One cursor over window ends {@code [i, to)}. */
    private static boolean search(byte[] b, int from, int to, int len) {
        int i = from;
        while (i < to) {
            int s = SHIFT[(b[i - 1] & 0xff) << 8 | b[i] & 0xff];
            if (s == 0) {
                if (verify(b, i, len)) {
                    return true;
                }
                i++;
            } else {
                i += s;
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] b, int len, byte[] word) {
        if (len < word.length) {
            return false;
        }
        for (int j = 0; j < word.length; j++) {
            if (FOLD[b[j] & 0xff] != word[j]) {
                return false;
            }
        }
        return true;
    }

    /** Whether a trigger whose anchor ends at {@code end} is in {@code b[0..len)}. */
    private static boolean verify(byte[] b, int end, int len) {
        int windowStart = end - (M - 1);
        for (int bits = CANDIDATES[(b[end - 1] & 0xff) << 8 | b[end] & 0xff] & 0xff; bits != 0; bits &= bits - 1) {
            int k = Integer.numberOfTrailingZeros(bits);
            byte[] word = WORDS[k];
            int at = windowStart - ANCHOR[k];
            if (at < 0 || at + word.length > len) {
                continue;
            }
            int j = 0;
            while (j < word.length && FOLD[b[at + j] & 0xff] == word[j]) {
                j++;
            }
            if (j == word.length) {
                return true;
            }
        }
        return false;
    }

}
