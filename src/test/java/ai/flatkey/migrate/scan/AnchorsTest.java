package ai.flatkey.migrate.scan;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Anchored search gives exactly the matches of a plain {@code while (m.find())}, only trying fewer offsets. */
class AnchorsTest {

    private static Anchors.Anchor of(String regex) {
        return Anchors.of(Pattern.compile(regex, Pattern.MULTILINE));
    }

    @Test
    void findsALiteralAndHowFarBeforeItAMatchCanStart() {
        assertThat(of("(?<![\\w.])(?:Async)?OpenAI\\s*\\(")).isEqualTo(new Anchors.Anchor(List.of("openai"), 5));
        assertThat(of("\\bos\\.environ\\.get\\(\\s*[\"'](\\w+)[\"']")).isEqualTo(new Anchors.Anchor(List.of("os.environ.get("), 0));
        // white space before the literal is free, however long: [ \t]* and \s+ cost nothing
        assertThat(of("^[ \\t]*from\\s+litellm\\s+import")).isEqualTo(new Anchors.Anchor(List.of("litellm"), 4));
        assertThat(of("(?:\\bfrom\\s+|\\brequire\\s*\\(\\s*)[\"']openai")).isEqualTo(new Anchors.Anchor(List.of("openai"), 9));
        // a group whose every alternative has a literal
        Anchors.Anchor alts = of("(?<![\\w$-])[\"']?(?:seed|Seed)\\s*=\\s*(\\d+)|\\bWithSeed\\((\\d+)");
        assertThat(alts.literals()).containsExactlyInAnyOrder("seed", "withseed(");
        assertThat(alts.lead()).isEqualTo(1);
        // no literal, but every match starts with one of a few listed characters
        assertThat(of("[\"'`]((?:[a-z][\\w-]*/)?gpt-[0-9]+)[\"'`]")).isEqualTo(new Anchors.Anchor(List.of("\"", "'", "`"), 0));
        assertThat(of("[a-z]+openai")).isNull(); // a range is not a short list
    }

    @Test
    void hasNoAnchorWhenAMatchCanStartArbitrarilyFarBeforeEveryLiteral() {
        assertThat(of("\\w+openai")).isNull();
        assertThat(of("[\\w.-]*\\.temperature|temperature")).isNull();
        assertThat(of("abc|\\d+")).isNull();
        assertThat(of("(a)\\1xyz")).isNull();
        assertThat(of("\\Gabc")).isNull();
        assertThat(Anchors.of(Pattern.compile("openai", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))).isNull();
        assertThat(of("ab")).isNull(); // too short to be worth it
    }

    @Test
    void foldingKeepsOffsets() {
        String s = "OpenAI İstanbul ΣΑΣ Kelvin \u212A";
        assertThat(Anchors.fold(s)).hasSameSizeAs(s).startsWith("openai i");
        assertThat(Anchors.fold("already lower")).isSameAs("already lower");
    }

    /** Every whole-file pattern, over every corpus file and over noisy generated text: the same matches and groups. */
    @Test
    void sameMatchesAsAPlainSearch() throws Exception {
        List<String> texts = new ArrayList<>();
        try (Stream<Path> files = Files.walk(CorpusScanTest.corpus())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                texts.add(Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        Random rnd = new Random(3);
        String[] pieces = {"openai", "OpenAI(", "AsyncOpenAI (", " ", "  ", "\n", "\t", "(", ")", "\"", "'", "=", ":", ",", ".",
                "from ", "import ", "require(", "base_url", "baseURL", "model", "gpt-4o", "\"gpt-4o-mini\"", "temperature",
                "stream", "True", "os.environ.get(", "process.env.", "OPENAI_BASE_URL", "sk-", "abcdefghijklmnopqrstu",
                "/v1/chat/completions", "https://api.example.com", "client", ".chat.completions.create(", "x", "_", "$", "-",
                "litellm", "completion(", "new ", "Uri(", "max_tokens", "seed", "tools", "json_schema", "1", "0.2", "->"};
        for (int n = 0; n < 400; n++) {
            StringBuilder sb = new StringBuilder();
            int parts = 20 + rnd.nextInt(400);
            for (int i = 0; i < parts; i++) {
                sb.append(pieces[rnd.nextInt(pieces.length)]);
            }
            texts.add(sb.toString());
        }
        List<Pattern> patterns = Analyzer.gatedPatterns();
        int anchored = 0;
        int matches = 0;
        for (Pattern p : patterns) {
            Anchors.Anchor a = Anchors.of(p);
            if (a == null) {
                continue;
            }
            anchored++;
            for (String t : texts) {
                List<String> plain = new ArrayList<>();
                Matcher m = p.matcher(t);
                while (m.find()) {
                    plain.add(describe(m));
                }
                List<String> viaAnchor = new ArrayList<>();
                Anchors.Finder f = new Anchors.Finder(p, a, t, Anchors.fold(t), 0);
                while (f.find()) {
                    viaAnchor.add(describe(f.matcher()));
                }
                assertThat(viaAnchor).as("%s anchored on %s", p, a).isEqualTo(plain);
                // as the analyser calls it: literals the trigram set rules out are not searched for
                Trigrams grams = new Trigrams(Anchors.fold(t));
                long absent = 0;
                for (int k = 0; k < a.literals().size() && k < Long.SIZE; k++) {
                    int[] g = Trigrams.of(a.literals().get(k));
                    if (g != null && !grams.mayContain(g)) {
                        absent |= 1L << k;
                    }
                }
                List<String> skipping = new ArrayList<>();
                Anchors.Finder s = new Anchors.Finder(p, a, t, Anchors.fold(t), absent);
                while (s.find()) {
                    skipping.add(describe(s.matcher()));
                }
                assertThat(skipping).as("%s anchored on %s, absent %s", p, a, Long.toBinaryString(absent)).isEqualTo(plain);
                matches += plain.size();
            }
        }
        assertThat(anchored).as("patterns with an anchor").isGreaterThan(patterns.size() / 2);
        assertThat(matches).isGreaterThan(1_000);
    }

    private static String describe(Matcher m) {
        StringBuilder sb = new StringBuilder().append(m.start()).append('-').append(m.end());
        for (int g = 1; g <= m.groupCount(); g++) {
            sb.append('|').append(m.start(g)).append(':').append(m.group(g));
        }
        return sb.toString();
    }
}
