package ai.flatkey.migrate.scan;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Masking in findings. What counts as a key (and that the quick check never lets one through) is the shared matcher's
 * corpus: {@code wire/CredentialMatcherTest}.
 */
class KeyMaskTest {

    @Test
    void masksKeyTokensAndKeyAssignmentsInAnyCase() {
        assertThat(KeyMask.maskLine("client = OpenAI(api_key=\"sk-test-abcdefghijklmnop\")")).doesNotContain("abcdefghijklmnop")
                .contains("sk-t…(masked)");
        assertThat(KeyMask.maskLine("AZURE_OPENAI_API_KEY=0123456789abcdef0123")).doesNotContain("0123456789abcdef0123");
        assertThat(KeyMask.maskLine("Secret: c2VjcmV0LXZhbHVlLWZha2U=")).doesNotContain("c2VjcmV0LXZhbHVlLWZha2U=");
        assertThat(KeyMask.maskLine("TOKEN => 'abcdefghijklmnopq'")).doesNotContain("abcdefghijklmnopq");
        assertThat(KeyMask.maskLine("PassWord=hunter2hunter2hunter2")).doesNotContain("hunter2hunter2hunter2");
        assertThat(KeyMask.maskLine("accessKey: AKIAfakeFAKEfake1234")).doesNotContain("AKIAfakeFAKEfake1234");
    }

    @Test
    void leavesLinesWithoutKeysAlone() {
        String line = "response = client.chat.completions.create(model=\"gpt-4o\", stream=True)";
        assertThat(KeyMask.mayHoldKey(line)).isFalse();
        assertThat(KeyMask.maskLine(line)).isSameAs(line);
        assertThat(KeyMask.maskLine("api_key=os.environ[\"OPENAI_API_KEY\"]")).isEqualTo("api_key=os.environ[\"OPENAI_API_KEY\"]");
    }
}
