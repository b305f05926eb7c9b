package ai.flatkey.migrate.scan;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The trigram set never rules out a literal that occurs, and rules out most that do not. */
class TrigramsTest {

    @Test
    void neverRulesOutALiteralThatOccurs() {
        Random rnd = new Random(5);
        String alphabet = "abcdefghijklmnopqrstuvwxyz._(/-\" \n";
        int ruledOut = 0;
        int absent = 0;
        for (int n = 0; n < 2_000; n++) {
            StringBuilder sb = new StringBuilder();
            for (int i = rnd.nextInt(2_000); i > 0; i--) {
                sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            String text = sb.toString();
            Trigrams t = new Trigrams(text);
            for (int k = 0; k < 20; k++) {
                String literal;
                if (text.length() > 12 && rnd.nextBoolean()) {
                    int at = rnd.nextInt(text.length() - 10);
                    literal = text.substring(at, at + 3 + rnd.nextInt(8));
                } else {
                    StringBuilder l = new StringBuilder();
                    for (int i = 3 + rnd.nextInt(8); i > 0; i--) {
                        l.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
                    }
                    literal = l.toString();
                }
                boolean occurs = text.contains(literal);
                boolean may = t.mayContain(Trigrams.of(literal));
                if (occurs) {
                    assertThat(may).as("%s in %s", literal, text).isTrue();
                } else {
                    absent++;
                    if (!may) {
                        ruledOut++;
                    }
                }
            }
        }
        assertThat(ruledOut).isGreaterThan(absent / 2);
    }

    @Test
    void shortTextsAndLiterals() {
        assertThat(Trigrams.of("ai")).isNull();
        assertThat(new Trigrams("ab").mayContain(Trigrams.of("abc"))).isFalse();
        assertThat(new Trigrams("abc").mayContain(Trigrams.of("abc"))).isTrue();
    }
}
