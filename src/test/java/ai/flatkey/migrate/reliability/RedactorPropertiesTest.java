package ai.flatkey.migrate.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import ai.flatkey.migrate.wire.Redactor;
import com.google.gson.JsonPrimitive;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The redactor on 10,000 generated texts per property: every key form ({@code Bearer …}, {@code sk-…}, query
 * {@code ?key=}, JSON fields such as {@code "api_key"}, key headers, passwords in URLs) is removed wherever it sits in
 * arbitrary surrounding text, without being told the key; a known key of any shape is removed verbatim; and the
 * redactor never throws.
 */
class RedactorPropertiesTest {
    private static final int TRIES = 10_000;
    private static final AtomicLong INPUTS = new AtomicLong();

    /** A generated text and the secret that must not survive redaction (as it appears in the text). */
    record Case(String form, String text, String secret) {
        @Override
        public String toString() {
            return form + ": " + text;
        }
    }

    @AfterContainer
    static void count() {
        System.out.println("RedactorPropertiesTest: " + INPUTS.get() + " generated texts redacted");
    }

    @Property(tries = TRIES)
    void everyShapedKeyIsRemovedWithoutBeingKnown(@ForAll("shapedKeys") Case c) {
        INPUTS.incrementAndGet();
        String out = Redactor.redact(c.text());
        assertThat(out).as(c.toString()).doesNotContain(c.secret()).contains(Redactor.MARK);
    }

    @Property(tries = TRIES)
    void severalKeysInOneTextAreAllRemoved(@ForAll("blobs") List<Case> cases) {
        INPUTS.incrementAndGet();
        StringBuilder sb = new StringBuilder();
        for (Case c : cases) {
            sb.append(c.text()).append('\n');
        }
        String out = Redactor.redact(sb.toString());
        for (Case c : cases) {
            assertThat(out).as(c.toString()).doesNotContain(c.secret());
        }
    }

    @Property(tries = TRIES)
    void aKnownKeyOfAnyShapeIsRemovedVerbatim(@ForAll("anyKey") String key, @ForAll("noise") String before,
                                              @ForAll("noise") String after, @ForAll("noise") String between) {
        INPUTS.incrementAndGet();
        String text = before + key + between + key + after;
        String out = Redactor.redact(text, null, "", key, "ab");
        assertThat(out).doesNotContain(key);
    }

    @Property(tries = TRIES)
    void anyTextIsRedactedWithoutAnException(@ForAll("noise") String text, @ForAll("noise") String known) {
        INPUTS.incrementAndGet();
        String out = Redactor.redact(text, known);
        assertThat(out).isNotNull();
        assertThat(Redactor.redact(out, known)).as("redaction is stable").isEqualTo(out);
    }

    // ------------------------------------------------------------------ generators

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(40),
                Arbitraries.of("", " ", "\n", "curl -sS https://gw.example/v1 ", "{\"a\":1}", "error: ", "é你🙂"));
    }

    /** A character that ends a word: what precedes a credential in real text. */
    private static Arbitrary<String> separator() {
        return Arbitraries.of(" ", "\n", "\t", "\"", "'", "(", "[", "{", ",", ";", "=", ":", "> ", " -H '", "`");
    }

    private static Arbitrary<String> token(String alphabet, int min, int max) {
        return Arbitraries.strings().withChars(alphabet).ofMinLength(min).ofMaxLength(max);
    }

    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String BASE64URL = ALNUM + "_-";

    @Provide
    Arbitrary<String> anyKey() {
        return Arbitraries.oneOf(token(BASE64URL + ".~+/=", 4, 60),
                Arbitraries.strings().all().ofMinLength(4).ofMaxLength(30).filter(s -> !s.isBlank()
                        && s.strip().equals(s)));
    }

    @Provide
    Arbitrary<Case> shapedKeys() {
        return Arbitraries.oneOf(bearer(), skToken(), query(), jsonField(), header(), urlPassword());
    }

    @Provide
    Arbitrary<List<Case>> blobs() {
        return shapedKeys().list().ofMinSize(2).ofMaxSize(6);
    }

    private Arbitrary<Case> around(String form, Arbitrary<String[]> core) {
        return Combinators.combine(noise(), separator(), core, separator(), noise())
                .as((pre, sep, c, sep2, post) -> new Case(form, pre + sep + c[0] + sep2 + post, c[1]));
    }

    private Arbitrary<Case> bearer() {
        Arbitrary<String> lead = Arbitraries.of("Authorization: Bearer", "authorization=Bearer", "Bearer", "bearer",
                "BEARER", "\"Authorization\":\"Bearer", "Proxy-Authorization: Bearer");
        Arbitrary<String> gap = Arbitraries.of(" ", "  ", "\t", " \t");
        // a token as the matcher defines one: 8 characters or more once sentence punctuation at its end is set aside
        // ("a Bearer token." is prose), or holding a digit or symbol
        Arbitrary<String> secret = token(BASE64URL + ".~+/=", 8, 64).filter(RedactorPropertiesTest::tokenShaped);
        return around("bearer", Combinators.combine(lead, gap, secret).as((l, g, s) -> new String[] {l + g + s, s}));
    }

    private Arbitrary<Case> skToken() {
        Arbitrary<String> kind = Arbitraries.of("sk-", "sk-proj-", "sk-or-v1-", "sk-ant-api03-", "sk-test-", "sk-live-");
        return around("sk", Combinators.combine(kind, token(BASE64URL, 8, 64))
                .as((k, s) -> new String[] {k + s, k + s}));
    }

    private Arbitrary<Case> query() {
        Arbitrary<String> name = Arbitraries.of("key", "api_key", "api-key", "apikey", "access_token", "token", "auth",
                "secret", "KEY", "Api_Key");
        Arbitrary<String> value = Combinators.combine(token(BASE64URL + ".~", 8, 50),
                Arbitraries.of("", "%2B", "%3D%3D", "%2F")).as((v, pct) -> v + pct);
        Arbitrary<String> url = Arbitraries.of("https://gw.example.com/v1/models", "http://127.0.0.1:8080/api/log/token",
                "/api/usage/token", "https://generativelanguage.googleapis.com/v1beta/models");
        Arbitrary<String> tail = Arbitraries.of("", "&page=2", "#top", " HTTP/1.1", "\"");
        return around("query", Combinators.combine(url, Arbitraries.of("?", "?p=1&"), name, value, tail)
                .as((u, q, n, v, t) -> new String[] {u + q + n + "=" + v + t, v}));
    }

    private Arbitrary<Case> jsonField() {
        Arbitrary<String> name = Arbitraries.of("api_key", "apiKey", "api-key", "apikey", "key", "secret", "secret_key",
                "token", "access_token", "refresh_token", "password", "authorization", "Authorization", "API_KEY");
        Arbitrary<String> value = Arbitraries.frequencyOf(
                Tuple.of(10, token(BASE64URL, 8, 50)),
                Tuple.of(10, Arbitraries.strings().all().ofMinLength(8).ofMaxLength(40)
                        .filter(s -> s.chars().noneMatch(ch -> Character.isSurrogate((char) ch)))),
                // Long values: a regex that recurses per character overflows the stack on these.
                Tuple.of(1, token(BASE64URL + "\"\\ ", 2_000, 20_000)));
        Arbitrary<String> ws = Arbitraries.of("", " ", "  ", "\n  ");
        // Clipped bodies end inside the value: no closing quote.
        Arbitrary<Boolean> terminated = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(true)),
                Tuple.of(1, Arbitraries.just(false)));
        return around("json", Combinators.combine(name, ws, ws, value, terminated).as((n, w1, w2, v, end) -> {
            String quoted = new JsonPrimitive(v).toString();
            String inner = quoted.substring(1, quoted.length() - 1);
            String field = "{\"" + n + "\"" + w1 + ":" + w2 + (end ? quoted + ",\"x\":1}" : "\"" + inner + "\n");
            return new String[] {field, inner};
        }).filter(c -> c[1].length() >= 8));
    }

    /**
     * A value after a scheme or a key header is a token as the credential matcher defines one: 8 characters or more
     * once sentence punctuation at its end is set aside ("a Bearer token." is prose), or holding a digit or symbol.
     */
    private static boolean tokenShaped(String t) {
        String core = t.replaceFirst("[.,:;!?)\\]]+$", "");
        return core.length() >= 8 || core.chars().anyMatch(c -> c != '_' && !Character.isLetter(c));
    }

    private Arbitrary<Case> header() {
        Arbitrary<String> name = Arbitraries.of("x-api-key: ", "X-Api-Key:", "api-key: ", "x-goog-api-key: ", "api-key=");
        return around("header", Combinators.combine(name, token(BASE64URL + ".~+/=", 8, 50).filter(RedactorPropertiesTest::tokenShaped))
                .as((n, s) -> new String[] {n + s, s}));
    }

    private Arbitrary<Case> urlPassword() {
        Arbitrary<String> scheme = Arbitraries.of("http", "https", "socks5", "postgres", "redis");
        Arbitrary<String> user = token(ALNUM + "._-", 1, 12);
        // RFC 3986 userinfo: unreserved, percent-encoded and sub-delims (and ':').
        Arbitrary<String> password = Combinators.combine(token(ALNUM + "-._~!$&()*+,;=:", 8, 30),
                Arbitraries.of("", "%40", "%2F", "%25")).as((p, pct) -> p + pct);
        Arbitrary<String> host = Arbitraries.of("proxy.corp:8080", "10.0.0.1:3128", "127.0.0.1", "db.internal/app");
        return around("userinfo", Combinators.combine(scheme, user, password, host)
                .as((s, u, p, h) -> new String[] {s + "://" + u + ":" + p + "@" + h, p}));
    }
}
