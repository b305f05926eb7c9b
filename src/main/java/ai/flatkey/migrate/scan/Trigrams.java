package ai.flatkey.migrate.scan;

import java.nio.charset.StandardCharsets;

/**
 * The set of three-character sequences of a text, hashed into 65,536 bits: a literal can occur in the text only if
 * each of its three-character sequences does, so most absent literals are ruled out with a few bit tests instead of
 * a search through the whole text. False positives are possible (hash collisions), false negatives are not.
 */
final class Trigrams {

    private final long[] bits = new long[1024];

    /** @param folded the text, already folded to lower case like the literals that will be asked about */
    Trigrams(String folded) {
        // As Latin-1 bytes (a plain copy for most texts): a character outside Latin-1 becomes '?', which can only add
        // sequences, never lose one made of the ASCII characters the literals consist of.
        byte[] t = folded.getBytes(StandardCharsets.ISO_8859_1);
        int n = t.length;
        if (n < 3) {
            return;
        }
        int a = t[0] & 0xff;
        int b = t[1] & 0xff;
        for (int i = 2; i < n; i++) {
            int c = t[i] & 0xff;
            int h = hash(a, b, c);
            bits[h >>> 6] |= 1L << h;
            a = b;
            b = c;
        }
    }

    /** The hashes of a literal's three-character sequences; null when it is shorter than three characters. */
    static int[] of(String literal) {
        if (literal.length() < 3) {
            return null;
        }
        int[] h = new int[literal.length() - 2];
        for (int i = 0; i < h.length; i++) {
            h[i] = hash(literal.charAt(i), literal.charAt(i + 1), literal.charAt(i + 2));
        }
        return h;
    }

    /** False when the literal with these hashes ({@link #of(String)}) certainly does not occur in the text. */
    boolean mayContain(int[] hashes) {
        for (int h : hashes) {
            if ((bits[h >>> 6] & 1L << h) == 0) {
                return false;
            }
        }
        return true;
    }

    private static int hash(int a, int b, int c) {
        return (((a * 31) + b) * 31 + c) * 0x9E3779B1 >>> 16;
    }
}
