package ai.flatkey.migrate.scan;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Masking in findings: the quick check never lets a key through that the patterns would mask. */
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

    @Test
    void quickCheckAgreesWithThePatternsOnTheCorpusAndOnNoise() throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources/scan-corpus"))) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                lines.addAll(List.of(new String(Files.readAllBytes(p), StandardCharsets.UTF_8).split("\n")));
            }
        }
        Random random = new Random(7);
        String[] parts = {"api", "_", "-", "KEY", "key", "Secret", "tok", "en", "pass", "word", "sk", "sk-", "=", ":", "=>", "\"", "'",
                " ", "abcdefghijklmnop", "ABCDEF0123456789", "x", ".", "OPENAI_API_KEY", "ß", "İ", "K"};
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int j = random.nextInt(12); j >= 0; j--) {
                sb.append(parts[random.nextInt(parts.length)]);
            }
            lines.add(sb.toString());
        }
        assertThat(lines).hasSizeGreaterThan(20_000);
        int masked = 0;
        for (String line : lines) {
            String slow = KeyMask.maskWithPatterns(line);
            assertThat(KeyMask.maskLine(line)).as(line).isEqualTo(slow);
            if (!slow.equals(line)) {
                masked++;
                assertThat(KeyMask.mayHoldKey(line)).as(line).isTrue();
            }
        }
        assertThat(masked).as("lines with a key in the sample").isGreaterThan(100);
    }
}
