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
}
