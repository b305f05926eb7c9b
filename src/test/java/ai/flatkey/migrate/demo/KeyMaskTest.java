package ai.flatkey.migrate.demo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeyMaskTest {

    @Test
    void showsTheFirstAndLastFourCharactersOnly() {
        assertThat(KeyMask.mask("sk-demo-flatkey-local-0001")).isEqualTo("sk-d****0001");
        assertThat(KeyMask.mask("sk-fake-abcdefgh")).isEqualTo("sk-f****efgh");
    }

    @Test
    void showsNothingOfAShortKey() {
        assertThat(KeyMask.mask("abc")).isEqualTo("****");
        assertThat(KeyMask.mask("sk-fake-123")).isEqualTo("****");
        assertThat(KeyMask.mask("")).isEmpty();
    }
}
