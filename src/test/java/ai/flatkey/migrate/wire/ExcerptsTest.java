package ai.flatkey.migrate.wire;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExcerptsTest {
    private static final String EMOJI = "\uD83D\uDE00";

    @Test
    void aCutAtAnEmojiKeepsItWholeOrLeavesItOut() {
        String s = "ab" + EMOJI + "cd";
        assertThat(Excerpts.cut(s, 3)).isEqualTo("ab");
        assertThat(Excerpts.cut(s, 4)).isEqualTo("ab" + EMOJI);
        assertThat(Excerpts.cut(s, 2)).isEqualTo("ab");
        assertThat(Excerpts.cut(s, 100)).isSameAs(s);
        assertThat(Excerpts.clip(s, 3, "…")).isEqualTo("ab…");
        assertThat(Excerpts.clip(s, 4)).isEqualTo("ab…");
        assertThat(Excerpts.clip(null, 4)).isEmpty();
        for (int max = 0; max <= s.length(); max++) {
            String cut = Excerpts.cut(s, max);
            assertThat(Excerpts.wellFormed(cut)).as("cut at " + max).isEqualTo(cut);
        }
    }

    @Test
    void loneSurrogatesBecomeReplacementCharacters() {
        assertThat(Excerpts.wellFormed("a\uD83Db")).isEqualTo("a\uFFFDb");
        assertThat(Excerpts.wellFormed("a\uDE00")).isEqualTo("a\uFFFD");
        String ok = "ok " + EMOJI;
        assertThat(Excerpts.wellFormed(ok)).isSameAs(ok);
    }
}
