package ai.flatkey.migrate.scan;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The byte-level pre-filter agrees with a plain case-insensitive search, wherever the trigger sits. */
class PrefilterTest {

    private static boolean naive(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        return Prefilter.TRIGGERS.stream().anyMatch(l::contains);
    }

    @Test
    void agreesWithANaiveSearch() {
        Random rnd = new Random(7);
        String alphabet = "abcdefghijklmnopqrstuvwxyz/-_ OPENAIGT.\n";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder sb = new StringBuilder();
            int len = rnd.nextInt(60);
            for (int i = 0; i < len; i++) {
                sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            if (rnd.nextInt(3) == 0) {
                String t = Prefilter.TRIGGERS.get(rnd.nextInt(Prefilter.TRIGGERS.size()));
                t = rnd.nextBoolean() ? t.toUpperCase(Locale.ROOT) : t;
                sb.insert(rnd.nextInt(sb.length() + 1), t);
            }
            String s = sb.toString();
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            assertThat(Prefilter.mayMatch(b, b.length)).as(s).isEqualTo(naive(s));
        }
        for (String t : Prefilter.TRIGGERS) {
            byte[] exact = t.getBytes(StandardCharsets.UTF_8);
            assertThat(Prefilter.mayMatch(exact, exact.length)).as(t).isTrue();
            assertThat(Prefilter.mayMatch(exact, exact.length - 1)).as(t + " cut").isFalse();
        }
    }

    /** Long buffers are searched by interleaved cursors over equal parts: a trigger anywhere, also across a cut, is found. */
    @Test
    void findsATriggerAnywhereInALongBuffer() {
        Random rnd = new Random(11);
        String alphabet = "abcdefghijklmnopqrstuvwxyz/-_ (){}.,\n\"'=0123456789";
        for (int n = 0; n < 4_000; n++) {
            StringBuilder sb = new StringBuilder();
            int len = 256 + rnd.nextInt(4_000);
            for (int i = 0; i < len; i++) {
                sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            String plain = sb.toString();
            byte[] pb = plain.getBytes(StandardCharsets.UTF_8);
            assertThat(Prefilter.mayMatch(pb, pb.length)).as(plain).isEqualTo(naive(plain));
            String t = Prefilter.TRIGGERS.get(rnd.nextInt(Prefilter.TRIGGERS.size()));
            t = rnd.nextBoolean() ? t.toUpperCase(Locale.ROOT) : t;
            int part = (len + t.length() - 4) / Prefilter.CURSORS;
            int at = switch (rnd.nextInt(4)) {
                case 0 -> rnd.nextInt(len + 1);
                case 1 -> Math.max(0, Math.min(len, part * (1 + rnd.nextInt(Prefilter.CURSORS - 1)) - rnd.nextInt(t.length() + 3)));
                case 2 -> 0;
                default -> len;
            };
            sb.insert(at, t);
            byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
            assertThat(Prefilter.mayMatch(b, b.length)).as("%s at %d of %d", t, at, len).isTrue();
            assertThat(Prefilter.mayMatch(b, b.length)).isEqualTo(naive(sb.toString()));
        }
    }

    /** "gpt-" is shorter than the search window: found at the very start, right after it, and at the very end. */
    @Test
    void findsTheShortTriggerAtEitherEnd() {
        for (String pad : new String[]{"", "x", "xy", "x".repeat(300)}) {
            for (String text : new String[]{"GPT-" + pad, pad + "gpt-", "a" + "gPt-" + pad, pad + "Gpt-z"}) {
                byte[] b = text.getBytes(StandardCharsets.UTF_8);
                assertThat(Prefilter.mayMatch(b, b.length)).as(text).isTrue();
                assertThat(Prefilter.mayMatch(text.replace('-', '_'))).as(text).isFalse();
            }
        }
        assertThat(Prefilter.mayMatch("gpt")).isFalse();
        assertThat(Prefilter.mayMatch("")).isFalse();
    }

    /** Only the first {@code len} bytes count, also in a long buffer. */
    @Test
    void looksOnlyAtTheGivenLength() {
        byte[] b = ("x".repeat(1_000) + "OpenAI").getBytes(StandardCharsets.UTF_8);
        assertThat(Prefilter.mayMatch(b, b.length)).isTrue();
        assertThat(Prefilter.mayMatch(b, b.length - 1)).isFalse();
        assertThat(Prefilter.mayMatch(b, 0)).isFalse();
    }

    /** The binary sniff finds a zero byte wherever it is (also in the tail after the last whole eight bytes), and only one. */
    @Test
    void zeroByteSniff() {
        for (int len = 0; len < 40; len++) {
            byte[] b = new byte[len];
            java.util.Arrays.fill(b, (byte) 0x80);
            assertThat(Scanner.hasNul(b, len)).isFalse();
            java.util.Arrays.fill(b, (byte) 1);
            assertThat(Scanner.hasNul(b, len)).isFalse();
            for (int at = 0; at < len; at++) {
                b[at] = 0;
                assertThat(Scanner.hasNul(b, len)).as("%d of %d", at, len).isTrue();
                assertThat(Scanner.hasNul(b, at)).isFalse();
                b[at] = (byte) (at % 2 == 0 ? 0x80 : 0x01);
            }
        }
    }
}
