package ai.flatkey.migrate.plan;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InstantsTest {

    @Test
    void anInstantReadsAsADateAndAClockTimeInUtc() {
        assertThat(Instants.readable("2026-11-25T19:42:05.121359582Z")).isEqualTo("2026-11-25 19:42:05 UTC");
        assertThat(Instants.readable("2026-11-25T20:42:05+01:00")).isEqualTo("2026-11-25 19:42:05 UTC");
    }

    @Test
    void textThatIsNotAnInstantStaysAsItIs() {
        assertThat(Instants.readable("yesterday")).isEqualTo("yesterday");
        assertThat(Instants.readable("")).isEmpty();
    }
}
