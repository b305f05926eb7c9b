package ai.flatkey.migrate.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactorTest {
    private static final String KEY = Fixtures.KEY;

    @Test
    void nullAndEmptyAreSafe() {
        assertThat(Redactor.redact(null)).isNull();
        assertThat(Redactor.redact(null, (String[]) null)).isNull();
        assertThat(Redactor.redact("")).isEmpty();
        assertThat(Redactor.redact("plain text", (String[]) null)).isEqualTo("plain text");
        assertThat(Redactor.redact("plain text", null, "", "  ")).isEqualTo("plain text");
    }

    @Test
    void knownSecretsAreRemovedWhereverTheyAppear() {
        String odd = Fixtures.ODD_KEY;
        assertThat(Redactor.redact("a" + odd + "b and " + odd, odd)).isEqualTo("a[REDACTED]b and [REDACTED]");
        // Longer secrets first, so a secret containing another is removed whole.
        assertThat(Redactor.redact("xx-abcdef-123456", "abcdef", "xx-abcdef-123456")).isEqualTo("[REDACTED]");
    }

    @Test
    void veryShortKnownSecretsAreIgnoredRatherThanShreddingText() {
        assertThat(Redactor.redact("a cat sat", "a")).isEqualTo("a cat sat");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Authorization: Bearer abc.def-ghi_jkl                  | Authorization: Bearer [REDACTED]",
            "authorization: bearer xyz123                            | authorization: bearer [REDACTED]",
            "key sk-test-0000000000000000 was bad                    | key [REDACTED] was bad",
            "sk-proj-AbCdEfGh12_-xyz and sk-or-v1-0123456789abcdef   | [REDACTED] and [REDACTED]",
            "sk-short stays; task-abcdefghijkl stays                 | sk-short stays; task-abcdefghijkl stays",
            "GET /v1/models?key=AIzaSyA-123&alt=json                 | GET /v1/models?key=[REDACTED]&alt=json",
            "https://x/y?foo=1&api_key=s3cr3t#frag                   | https://x/y?foo=1&api_key=[REDACTED]#frag",
            "x-api-key: abc123def                                    | x-api-key: [REDACTED]",
            "curl -H \"Authorization: Bearer $FLATKEY_API_KEY\"       | curl -H \"Authorization: Bearer $FLATKEY_API_KEY\"",
    })
    void credentialShapesAreRemoved(String in, String out) {
        assertThat(Redactor.redact(in)).isEqualTo(out);
    }

    @Test
    void jsonCredentialFieldsAreRemoved() {
        String json = "{\"api_key\": \"abc\\\"def\", \"model\": \"gpt\", \"token\":\"t0k\", \"apiKey\" : \"zz\"}";
        assertThat(Redactor.redact(json))
                .isEqualTo("{\"api_key\": \"[REDACTED]\", \"model\": \"gpt\", \"token\":\"[REDACTED]\", "
                        + "\"apiKey\" : \"[REDACTED]\"}");
    }

    @Test
    void redactingTwiceChangesNothingMore() {
        String once = Redactor.redact("Bearer " + KEY + " ?key=" + KEY + " {\"api_key\":\"" + KEY + "\"}", KEY);
        assertThat(once).doesNotContain(KEY);
        assertThat(Redactor.redact(once, KEY)).isEqualTo(once);
    }
}
