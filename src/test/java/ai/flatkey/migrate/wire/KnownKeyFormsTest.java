package ai.flatkey.migrate.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Issue 17, cases 1 and 14: the known key in every form a server may echo it in; control characters escaped. */
class KnownKeyFormsTest {
    private static final String KEY = "sk-test-canary-Forms9Zq4Lw7Xv2";
    private static final String HEX_KEY = "0123456789abcdef0123456789abcdef";

    @Test
    void theKnownKeyIsRemovedPlainBase64AtEveryOffsetPercentEncodedAndUnicodeEscaped() {
        for (String prefix : new String[] {"", "i", "id", "id:", "req-1234"}) {
            String b64 = Base64.getEncoder().encodeToString((prefix + KEY + "!").getBytes(StandardCharsets.UTF_8));
            String url = Base64.getUrlEncoder().encodeToString((prefix + KEY).getBytes(StandardCharsets.UTF_8));
            assertThat(Redactor.redact("x-request-id: " + b64, KEY)).contains(Redactor.MARK)
                    .doesNotContain(b64.substring(4, b64.length() - 4));
            assertThat(Redactor.redact(url, KEY)).contains(Redactor.MARK);
        }
        StringBuilder pct = new StringBuilder();
        StringBuilder uni = new StringBuilder();
        StringBuilder mixed = new StringBuilder();
        for (int i = 0; i < KEY.length(); i++) {
            char c = KEY.charAt(i);
            pct.append(String.format(i % 2 == 0 ? "%%%02X" : "%%%02x", (int) c));
            uni.append(String.format("\\u%04X", (int) c));
            mixed.append(i % 3 == 0 ? String.valueOf(c) : i % 3 == 1 ? String.format("%%%02x", (int) c)
                    : String.format("\\u%04x", (int) c));
        }
        assertThat(Redactor.redact("id=chatcmpl-" + pct, KEY)).isEqualTo("id=chatcmpl-" + Redactor.MARK);
        assertThat(Redactor.redact("{\"model\":\"m-" + uni + "\"}", KEY)).isEqualTo("{\"model\":\"m-" + Redactor.MARK + "\"}");
        assertThat(Redactor.redact(mixed.toString(), KEY)).isEqualTo(Redactor.MARK);
        // A key without a prefix, which the credential matcher cannot know by its shape.
        assertThat(Redactor.redact("id " + Base64.getEncoder().encodeToString(HEX_KEY.getBytes(StandardCharsets.UTF_8)), HEX_KEY))
                .doesNotContain(Base64.getEncoder().encodeToString(HEX_KEY.getBytes(StandardCharsets.UTF_8)).substring(0, 16));
        // Ordinary text stays.
        assertThat(Redactor.redact("100% done, C:\\users\\me", KEY)).isEqualTo("100% done, C:\\users\\me");
    }

    @Test
    void thePasswordOfABaseUrlIsKnownAndRemoved() {
        assertThat(Redactor.urlPassword("http://ops:s3cret-pw@host:4000/v1")).isEqualTo("s3cret-pw");
        assertThat(Redactor.urlPassword("http://ops@host/v1")).isNull();
        assertThat(Redactor.urlPassword("https://host/v1?x=a:b@c")).isNull();
        assertThat(SafeText.scrub("GET http://ops:s3cret-pw@host/v1")).doesNotContain("s3cret-pw").contains("ops:");
    }

    @Test
    void controlCharactersAreEscapedSoTheyCannotDriveATerminal() {
        String hostile = "m\u001b]0;pwned\u0007\u001b[2J\u001b[HALL CHECKS PASSED\r\u202eevil\u009b";
        String safe = SafeText.text(hostile + "\nnext\tcol");
        assertThat(safe).doesNotContain("\u001b", "\u0007", "\r", "\u202e", "\u009b")
                .contains("\\x1b]0;pwned\\x07").contains("\nnext\tcol");
        assertThat(SafeText.line("a\nb\tc")).isEqualTo("a\\nb\\tc");
        assertThat(SafeText.text("plain text, ünïcödé, 日本")).isEqualTo("plain text, ünïcödé, 日本");
        assertThat(SafeText.scrub("key " + KEY + " \u001b[2J", KEY)).isEqualTo("key " + Redactor.MARK + " \\x1b[2J");
    }
}
