package ai.flatkey.migrate.scan;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class RequiredLiteralsTest {

    private static List<String> of(String regex) {
        return RequiredLiterals.of(Pattern.compile(regex));
    }

    @Test
    void findsTheLiteralsEveryMatchNeeds() {
        assertThat(of("\\.chat\\.completions\\.create\\s*\\(")).containsExactly(".chat.completions.create");
        assertThat(of("(?<![\\w.])(?:Async)?OpenAI\\s*\\(")).containsExactly("openai");
        assertThat(of("\\bos\\.environ\\.get\\(\\s*[\"'](\\w+)[\"']")).containsExactly("os.environ.get(");
        assertThat(of("(?:stream|streaming|Stream)[\"']?\\s*=")).containsExactlyInAnyOrder("stream", "streaming");
        assertThat(of("ab(?:cd|ef)gh")).containsExactlyInAnyOrder("abcdgh", "abefgh");
        assertThat(of("(?i)^\\s*OpenAI\\b")).containsExactly("openai");
        assertThat(of("x+yz")).containsExactly("yz");
        assertThat(of("(?:abc)+")).containsExactly("abc");
        assertThat(of("(?:abc){2,}")).containsExactly("abc");
    }

    @Test
    void knowsNothingWhenSomeMatchNeedsNoLiteral() {
        assertThat(of("\\w+")).isEmpty();
        assertThat(of("abc|\\d+")).isEmpty(); // the second alternative needs no literal
        assertThat(of("(?:abc)?\\s")).isEmpty();
        assertThat(of("(?:abc)*")).isEmpty();
        assertThat(of("(?:abc){0,3}x?")).isEmpty();
        assertThat(of("(?=abc)\\w")).isEmpty(); // a look-ahead's text is not part of the match
        assertThat(of("(a)\\1")).isEmpty(); // back-references are not understood: no gate
        assertThat(RequiredLiterals.of(Pattern.compile("abc", Pattern.COMMENTS))).isEmpty();
        assertThat(of("[abc]")).isEmpty();
        assertThat(of("a|")).isEmpty();
    }

    /** The property the gate relies on: every match of every gated pattern, in every corpus file, holds one of its literals. */
    @Test
    void everyMatchInTheCorpusHoldsOneOfItsPatternsLiterals() throws Exception {
        Map<Pattern, List<String>> gates = Analyzer.GATES;
        assertThat(gates).hasSizeGreaterThan(100);
        int matches = 0;
        try (Stream<Path> files = Files.walk(CorpusScanTest.corpus())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                for (Map.Entry<Pattern, List<String>> g : gates.entrySet()) {
                    Matcher m = g.getKey().matcher(text);
                    while (m.find()) {
                        String hit = m.group().toLowerCase(Locale.ROOT);
                        assertThat(g.getValue()).as("%s in %s: %s", g.getKey(), f.getFileName(), hit)
                                .anyMatch(hit::contains);
                        matches++;
                    }
                }
            }
        }
        assertThat(matches).isGreaterThan(200);
    }
}
