package ai.flatkey.migrate.wire;

import static org.assertj.core.api.Assertions.assertThat;

import ai.flatkey.migrate.export.KeyScrubber;
import ai.flatkey.migrate.scan.KeyMask;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one corpus of credential shapes: what every face of the one matcher (the client's {@link Redactor}, the
 * export's {@link KeyScrubber}, the scanner's {@link KeyMask}) must mask, and what it must leave alone. All keys here
 * are fakes.
 */
class CredentialMatcherTest {

    /** Text, and the secret in it that must not survive. */
    static Stream<Arguments> mustBeMasked() {
        return Stream.of(
                // a secret that begins with "$" or "[" is still a secret (found by RedactorPropertiesTest: every value
                // after a "$" was taken for a shell variable, every value after a "[" for a placeholder)
                Arguments.of("{\"api_key\":\"$\\u0000\\u0000\\u0000\\u0000x\",\"x\":1}", "$\\u0000\\u0000\\u0000\\u0000x"),
                Arguments.of("{\"password\": \"$3cr3t&pa55w0rd!\"}", "$3cr3t&pa55w0rd!"),
                Arguments.of("{\"secret\": \"[q9Z!x7#Lm2]v8\"}", "[q9Z!x7#Lm2]v8"),
                // sk- keys and their relatives
                Arguments.of("key sk-test-0000000000000000 was bad", "sk-test-0000000000000000"),
                Arguments.of("sk-proj-AbCdEfGh12_-xyz and more", "sk-proj-AbCdEfGh12_-xyz"),
                Arguments.of("OPENROUTER: sk-or-v1-0123456789abcdef", "sk-or-v1-0123456789abcdef"),
                Arguments.of("\"sk-ant-api03-fakefake0000\"", "sk-ant-api03-fakefake0000"),
                Arguments.of("client = OpenAI(api_key=\"sk-test-abcdefghijklmnop\")", "sk-test-abcdefghijklmnop"),
                // auth schemes and headers
                Arguments.of("Authorization: Bearer abc.def-ghi_jkl", "abc.def-ghi_jkl"),
                Arguments.of("authorization: bearer xyz123", "xyz123"),
                Arguments.of("Proxy-Authorization: Bearer abcdefgh", "abcdefgh"),
                Arguments.of("Authorization: Basic dXNlcjpwYXNzd29yZA==", "dXNlcjpwYXNzd29yZA=="),
                Arguments.of("authorization: Token tok_fake_000111", "tok_fake_000111"),
                Arguments.of("x-api-key: abc123def", "abc123def"),
                Arguments.of("api-key: 0f1e2d3c4b5a69788796a5b4c3d2e1f0", "0f1e2d3c4b5a69788796a5b4c3d2e1f0"),
                Arguments.of("-H 'api-key=fakeAzureKey000'", "fakeAzureKey000"),
                // query parameters
                Arguments.of("GET /v1/models?key=AIzaSyA-123&alt=json", "AIzaSyA-123"),
                Arguments.of("https://x/y?foo=1&api_key=s3cr3t#frag", "s3cr3t"),
                Arguments.of("GET /api/log/token?key=fake-usage-key-000 HTTP/1.1", "fake-usage-key-000"),
                Arguments.of("wss://x/ws?access_token=faketoken123", "faketoken123"),
                // JSON fields
                Arguments.of("{\"api_key\": \"hunter2hunter2\"}", "hunter2hunter2"),
                Arguments.of("{\"token\":\"t0k\",\"x\":1}", "t0k"),
                Arguments.of("{\"Authorization\": \"Bearer fake.jwt.value\"}", "fake.jwt.value"),
                Arguments.of("{\"password\": \"clipped-before-its-end", "clipped-before-its-end"),
                // assignments in code, config and env files
                Arguments.of("AZURE_OPENAI_API_KEY=0123456789abcdef0123", "0123456789abcdef0123"),
                Arguments.of("FLATKEY_API_KEY=abc123def", "abc123def"),
                Arguments.of("OPENAI_API_KEY='abc123def'", "abc123def"),
                Arguments.of("Secret: c2VjcmV0LXZhbHVlLWZha2U=", "c2VjcmV0LXZhbHVlLWZha2U="),
                Arguments.of("TOKEN => 'abcdefghijklmnopq'", "abcdefghijklmnopq"),
                Arguments.of("PassWord=hunter2hunter2hunter2", "hunter2hunter2hunter2"),
                Arguments.of("accessKey: AKIAfakeFAKEfake1234", "AKIAfakeFAKEfake1234"),
                Arguments.of("client_secret: fake-client-secret-9", "fake-client-secret-9"),
                // 32+ hex after a key word
                Arguments.of("azure key 0123456789abcdef0123456789abcdef", "0123456789abcdef0123456789abcdef"),
                Arguments.of("Key: 0123456789ABCDEF0123456789ABCDEF01234567", "0123456789ABCDEF0123456789ABCDEF01234567"),
                // other vendors' shapes and JWTs, wherever they stand
                Arguments.of("id eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abcdEFGH",
                        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abcdEFGH"),
                Arguments.of("groq gsk_abcdefghijklmnop1234", "gsk_abcdefghijklmnop1234"),
                Arguments.of("github ghp_0123456789abcdefABCDEF", "ghp_0123456789abcdefABCDEF"),
                Arguments.of("aws AKIAFAKEFAKEFAKE0000 here", "AKIAFAKEFAKEFAKE0000"),
                Arguments.of("hf hf_abcdefghijklmnopqrstuv", "hf_abcdefghijklmnopqrstuv"),
                Arguments.of("slack xoxb-0000000000-fakefakefake", "xoxb-0000000000-fakefakefake"),
                Arguments.of("google AIzaSyFAKEfake0000000000000000000", "AIzaSyFAKEfake0000000000000000000"),
                // a password in a URL
                Arguments.of("HTTPS_PROXY=http://user:hunter2pass@proxy.corp:8080", "hunter2pass"));
    }

    /** Texts that hold no secret: every face returns them unchanged. */
    static Stream<String> mustBeKept() {
        return Stream.of(
                // the export bug: "2 of 2 basic [key removed] passed"
                "2 of 2 basic checks passed",
                "Basic checks: 2 of 2 passed; basic connectivity works",
                "Send the key as a Bearer token. Bearer tokens expire.",
                // words and package names near sk-
                "pip install scikit-learn (sk-learn); sk-short stays; task-abcdefghijkl stays; sk-1",
                "max_tokens=400, total_tokens=42, ask-me, task-runner",
                // model IDs
                "model: gpt-4o-mini; embeddings: text-embedding-3-small; claude-3-5-sonnet-20241022; gpt-5.5",
                "response = client.chat.completions.create(model=\"gpt-4o\", stream=True)",
                // request IDs and rate-limit headers
                "x-request-id: req_0123456789abcdef0123456789abcdef",
                "request ID chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT (cf-ray 8f1b2c3d4e5f6a7b-AMS)",
                "x-ratelimit-remaining-tokens: 149984; x-ratelimit-reset-tokens: 6m0s",
                "{\"prompt_tokens\": 12, \"completion_tokens\": 30, \"total_tokens\": 42}",
                // references to keys, not keys
                "curl -H \"Authorization: Bearer $FLATKEY_API_KEY\" -H 'x-api-key: ${KEY}' \"$OPENAI_BASE_URL/models\"",
                "api_key=os.environ[\"OPENAI_API_KEY\"]",
                "{\"api_key\": \"${OPENAI_API_KEY:-unset}\", \"token\": \"$(cat /run/secrets/token)\"}",
                "$client = OpenAI::client(api_key: $_ENV['OPENAI_API_KEY']); $env:OPENAI_API_KEY; 'password' => $this->password",
                "apiKey: process.env.OPENAI_API_KEY",
                "api_key = get_api_key()",
                "api_key = my_api_key",
                "token: string; password: Optional[str]",
                "env:FLATKEY_API_KEY and FLATKEY_API_KEY=",
                "AZURE_OPENAI_API_KEY=AZURE_KEY_FROM_VAULT",
                "monkey = 'bananas123'",
                // placeholders left by an earlier pass
                "{\"api_key\": \"[REDACTED]\"} Bearer [key removed]",
                // this app's own messages
                "The gateway rejected the key (HTTP 401): \"invalid token\". Check that the key is for this gateway "
                        + "and not revoked.",
                "The gateway wants a key and none was sent (HTTP 401). Enter the gateway's API key (or set "
                        + "FLATKEY_API_KEY).");
    }

    @ParameterizedTest
    @MethodSource("mustBeMasked")
    void everyFaceMasksTheSecret(String text, String secret) {
        assertThat(CredentialMatcher.mayContain(text)).as("pre-check").isTrue();
        assertThat(Redactor.redact(text)).doesNotContain(secret).contains(Redactor.MARK);
        assertThat(KeyScrubber.text(text)).doesNotContain(secret).contains(KeyScrubber.MARK);
        assertThat(KeyMask.maskLine(text)).doesNotContain(secret).contains("…(masked)");
        String once = Redactor.redact(text);
        assertThat(Redactor.redact(once)).as("stable").isEqualTo(once);
    }

    @ParameterizedTest
    @MethodSource("mustBeKept")
    void everyFaceKeepsOrdinaryText(String text) {
        assertThat(CredentialMatcher.find(text)).isEmpty();
        assertThat(Redactor.redact(text)).isEqualTo(text);
        assertThat(KeyScrubber.text(text)).isEqualTo(text);
        assertThat(KeyMask.maskLine(text)).isEqualTo(text);
    }

    @Test
    void onlyTheSecretIsReplacedAndQuotesAndPunctuationStay() {
        assertThat(KeyScrubber.text("OPENAI_API_KEY='abc123def' # local")).isEqualTo("OPENAI_API_KEY='[key removed]' # local");
        assertThat(Redactor.redact("Authorization: Bearer sk-test-00000000, next"))
                .isEqualTo("Authorization: Bearer [REDACTED], next");
        assertThat(KeyMask.maskLine("key=\"sk-test-abcdefghijklmnop\"")).isEqualTo("key=\"sk-t…(masked)\"");
        assertThat(CredentialMatcher.find("?key=AIzaSyFAKEfake0000000000000000000&x=1"))
                .containsExactly(new CredentialMatcher.Span(5, 38));
    }

    @Test
    void thePrecheckNeverLetsThroughWhatThePatternsFind() throws IOException {
        List<String> lines = new ArrayList<>();
        mustBeMasked().forEach(a -> lines.add((String) a.get()[0]));
        mustBeKept().forEach(lines::add);
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources/scan-corpus"))) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                lines.addAll(List.of(new String(Files.readAllBytes(p), StandardCharsets.UTF_8).split("\n")));
            }
        }
        Random random = new Random(7);
        String[] parts = {"api", "_", "-", "KEY", "key", "Secret", "tok", "en", "pass", "word", "sk", "sk-", "=", ":",
                "=>", "\"", "'", " ", "abcdefghijklmnop", "ABCDEF0123456789", "x", ".", "OPENAI_API_KEY", "ß", "İ",
                "\u212A", "Bearer ", "basic ", "eyJ", "abcdefgh.", "://u:", "@", "?", "&", "auth", "AKIA", "gh", "p_"};
        for (int i = 0; i < 30_000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int j = random.nextInt(14); j >= 0; j--) {
                sb.append(parts[random.nextInt(parts.length)]);
            }
            lines.add(sb.toString());
        }
        int found = 0;
        for (String line : lines) {
            List<CredentialMatcher.Span> all = CredentialMatcher.findWithoutPrecheck(line);
            assertThat(CredentialMatcher.find(line)).as(line).isEqualTo(all);
            if (!all.isEmpty()) {
                found++;
                assertThat(CredentialMatcher.mayContain(line)).as(line).isTrue();
            }
        }
        assertThat(found).as("lines with a key in the sample").isGreaterThan(500);
    }
}
