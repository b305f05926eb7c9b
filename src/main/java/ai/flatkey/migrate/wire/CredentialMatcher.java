package ai.flatkey.migrate.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one credential matcher: finds what looks like a secret in any text, for the client's {@link Redactor}, the
 * export's key scrubber and the scanner's key mask alike. It knows shapes, not values (the redactor also removes the
 * known keys verbatim):
 * <ul>
 *   <li>whole tokens: {@code sk-…} (also {@code sk-proj-}, {@code sk-or-v1-}, {@code sk-ant-}), other vendors' key
 *       prefixes ({@code gsk_}, {@code AIza}, {@code ghp_}, {@code xox?-}, {@code AKIA}, {@code hf_}) and JSON web
 *       tokens ({@code eyJ….….…});</li>
 *   <li>the value after an auth scheme ({@code Bearer …}; {@code Basic …} only when base64-shaped, so "basic checks"
 *       stays), a credential header ({@code x-api-key:}, {@code api-key:}, {@code authorization:}), a credential
 *       query parameter ({@code ?key=}, {@code &access_token=}), a JSON field ({@code "api_key": "…"}), an
 *       assignment to a key name ({@code OPENAI_API_KEY=…}, {@code password: …}), 32+ hex digits after a key word,
 *       and the password in a URL's user info;</li>
 * </ul>
 * A reference is not a secret and is kept: a shell variable ({@code $FLATKEY_API_KEY}, {@code ${KEY}}), an
 * environment-variable name, a dotted name ({@code os.environ}), a call, a placeholder such as {@code [REDACTED]}.
 * <p>
 * {@link #mayContain} is a cheap one-pass pre-check: when it says no, no pattern can match, and callers on a hot path
 * (the scanner, stream transcripts) skip the regexes. {@link #find} uses the same pre-check per pattern group.
 */
public final class CredentialMatcher {

    /** One secret's place in the text: {@code [start, end)}. */
    public record Span(int start, int end) {
    }

    // ---------------------------------------------------------------- the patterns; group "v" is the secret

    /** Tokens that are secrets by their shape alone. Case-sensitive. */
    private static final Pattern TOKENS = Pattern.compile("(?<![A-Za-z0-9_-])(?<v>"
            + "sk-[A-Za-z0-9_-]{8,}"
            + "|gsk_[A-Za-z0-9]{10,}"
            + "|AIza[0-9A-Za-z_-]{20,}"
            + "|(?:ghp|gho|ghs|github_pat)_[A-Za-z0-9_]{16,}"
            + "|xox[abposr]-[A-Za-z0-9-]{10,}"
            + "|AKIA[0-9A-Z]{16}(?![0-9A-Z])"
            + "|hf_[A-Za-z0-9]{16,}"
            + "|eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{4,})");

    /** {@code Bearer <token>}. */
    private static final Pattern BEARER = Pattern.compile("(?i)\\bBearer\\s+(?<v>[^\\s\"',;<>]+)");
    /** {@code Basic <base64>}: only a base64-shaped value, so that "basic checks" is a phrase, not a credential. */
    private static final Pattern BASIC = Pattern.compile(
            "(?i)\\bBasic\\s+(?<v>[A-Za-z0-9+/]{8,}+={0,2})(?![A-Za-z0-9+/=])");

    /** Credential query parameters. */
    private static final Pattern QUERY = Pattern.compile(
            "(?i)[?&](?:key|api_key|api-key|apikey|access_token|token|auth|secret)=(?<v>[^&\\s#\"'<>]+)");
    /**
     * Credential fields in JSON text (the value must be a string). The value runs to its closing quote, or to the end
     * of the line when it has none (a clipped body): the quote is not consumed, so an unterminated value cannot
     * swallow the opening quote of the next field. Written as an unrolled possessive loop: an alternation inside
     * {@code (…)*} recurses once per character in {@link java.util.regex}, and overflows the stack on a value of a
     * few thousand characters.
     */
    private static final Pattern JSON_FIELD = Pattern.compile(
            "(?i)\"(?:api_key|apikey|api-key|key|secret|secret_key|token|access_token|refresh_token|password"
                    + "|authorization)\"\\s*:\\s*\"(?<v>[^\"\\\\\r\n]*+(?:\\\\.[^\"\\\\\r\n]*+)*+)");
    /** Credential headers written as {@code name: value}; an auth scheme before the value is skipped (possessively). */
    private static final Pattern HEADER = Pattern.compile(
            "(?i)\\b(?:x-api-key|api-key|x-goog-api-key|authorization)\\s*[:=]\\s*"
                    + "(?:(?:Bearer|Basic|Token|Bot|Digest)\\s++)?+(?<v>[^\\s\"',;<>]+)");
    /**
     * An assignment to a key name, in code, config or env files: {@code OPENAI_API_KEY=…}, {@code api_key: "…"},
     * {@code TOKEN => '…'}. The value is taken whole (possessive), and is not a call.
     */
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "(?i)(?:api[_-]?key|access[_-]?key|private[_-]?key|secret|token|passw(?:or)?d)[\"']?\\s*(?:[:=]|=>)\\s*[\"']?"
                    + "(?<v>[A-Za-z0-9_\\-+/=.~]{8,}+)(?!\\()");
    /** 32 or more hex digits after a key word ({@code key: 0123…}, {@code Azure key 0123…}). */
    private static final Pattern HEX_AFTER_WORD = Pattern.compile(
            "(?i)(?:key|secret|token)[\"']?[\\s:=>\"']{0,6}(?<v>[0-9a-f]{32,}+)(?![0-9a-z])");
    /** A password in a URL's user info ({@code http://user:secret@proxy:8080}). */
    private static final Pattern USERINFO = Pattern.compile(
            "(?i)\\b[a-z][a-z0-9+.-]*://[^/\\s:@\"'<>]+:(?<v>[^@/\\s\"'<>]+)@");

    /** How a match's value is judged before it counts as a secret. */
    private enum Judge {
        /** The shape says it all (only a placeholder such as {@code [REDACTED]} is not a secret). */
        ANY,
        /** Not a reference ({@code $VAR}) nor a placeholder ({@code [REDACTED]}). */
        NOT_REFERENCE,
        /** As {@link #NOT_REFERENCE}, and not an ordinary word: 8+ characters, or a digit or symbol in it. */
        TOKEN_LIKE,
        /** base64 of {@code user:password}: a length that is a multiple of 4, and a digit, symbol or inner capital. */
        BASE64,
        /** As {@link #TOKEN_LIKE}, and no name of a variable or property, no number, no short identifier. */
        ASSIGNED
    }

    private record Rule(Pattern pattern, int hint, Judge judge) {
    }

    private static final int TOKEN_HINT = 1;
    private static final int SCHEME_HINT = 2;
    private static final int KEYWORD_HINT = 4;
    private static final int USERINFO_HINT = 8;

    private static final List<Rule> RULES = List.of(
            new Rule(TOKENS, TOKEN_HINT, Judge.ANY),
            new Rule(BEARER, SCHEME_HINT, Judge.TOKEN_LIKE),
            new Rule(BASIC, SCHEME_HINT, Judge.BASE64),
            new Rule(QUERY, KEYWORD_HINT, Judge.NOT_REFERENCE),
            new Rule(JSON_FIELD, KEYWORD_HINT, Judge.NOT_REFERENCE),
            new Rule(HEADER, KEYWORD_HINT, Judge.TOKEN_LIKE),
            new Rule(ASSIGNMENT, KEYWORD_HINT, Judge.ASSIGNED),
            new Rule(HEX_AFTER_WORD, KEYWORD_HINT, Judge.ANY),
            new Rule(USERINFO, USERINFO_HINT, Judge.ANY));

    private static final Pattern ENV_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern DOTTED_NAME = Pattern.compile("[A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)+");
    private static final Pattern SCHEME_WORD = Pattern.compile("(?i)Bearer|Basic|Token|Bot|Digest");
    /**
     * A variable as a shell, PowerShell, PHP or Perl writes one, the whole value: {@code $KEY}, {@code ${KEY:-x}},
     * {@code $(cat key.txt)}, {@code $env:KEY}, {@code $_ENV['KEY']}, {@code $this->key}. Not any text after a
     * {@code $}: a secret may begin with one.
     */
    private static final Pattern REFERENCE = Pattern.compile("\\$(?:\\{[^}\\p{Cntrl}]{1,256}}|\\([^)\\p{Cntrl}]{1,256}\\)"
            + "|[A-Za-z_][A-Za-z0-9_]*(?:(?:->|::|[.:])[A-Za-z_][A-Za-z0-9_]*|\\[[^\\]\\p{Cntrl}]{0,128}])*)");
    /** Punctuation after a reference in prose or code ({@code $KEY.}, {@code "$KEY",}). */
    private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[.,;!?)\\]\"'`]+$");
    /**
     * What an earlier pass left, {@code [REDACTED]}, {@code [key removed]}, {@code [40 characters not recorded]}, or the
     * start of one where the value ends at a space ({@code Bearer [key removed]} reads {@code [key}): words in brackets.
     */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\[[A-Za-z0-9][A-Za-z0-9 _-]{0,40}(?:]|$)");

    private CredentialMatcher() {
    }

    /**
     * A cheap pre-check, one pass over the text: false means {@link #find} finds nothing, so the caller may skip it.
     * True means a literal some pattern needs is there ({@code sk-}, a key word, {@code Bearer}, …).
     */
    public static boolean mayContain(CharSequence text) {
        return text != null && hints(text) != 0;
    }

    /** Where the secrets are, in order and not overlapping (overlapping matches are merged); empty for null. */
    public static List<Span> find(CharSequence text) {
        return text == null || text.length() == 0 ? List.of() : find(text, hints(text));
    }

    /** Every secret replaced with {@code mark}; null for null. */
    public static String replace(String text, String mark) {
        return replace(text, secret -> mark);
    }

    /**
     * Every secret replaced with what {@code mask} makes of it (the scanner keeps a short prefix); null for null.
     * The text itself is returned when it holds no secret.
     */
    public static String replace(String text, UnaryOperator<String> mask) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        List<Span> spans = find(text);
        if (spans.isEmpty()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        int at = 0;
        for (Span s : spans) {
            sb.append(text, at, s.start()).append(mask.apply(text.substring(s.start(), s.end())));
            at = s.end();
        }
        return sb.append(text, at, text.length()).toString();
    }

    /** {@link #find} with every pattern run, whatever the pre-check says (tests compare the two). */
    static List<Span> findWithoutPrecheck(CharSequence text) {
        return find(text, -1);
    }

    private static List<Span> find(CharSequence text, int hints) {
        if (hints == 0) {
            return List.of();
        }
        List<Span> found = new ArrayList<>();
        for (Rule rule : RULES) {
            if ((hints & rule.hint()) == 0) {
                continue;
            }
            Matcher m = rule.pattern().matcher(text);
            while (m.find()) {
                int start = m.start("v");
                int end = m.end("v");
                if (end > start && accepts(rule.judge(), text.subSequence(start, end).toString())) {
                    found.add(new Span(start, end));
                }
            }
        }
        return merged(found);
    }

    private static List<Span> merged(List<Span> spans) {
        if (spans.size() < 2) {
            return spans;
        }
        spans.sort((a, b) -> a.start() != b.start() ? Integer.compare(a.start(), b.start())
                : Integer.compare(b.end(), a.end()));
        List<Span> out = new ArrayList<>(spans.size());
        Span cur = spans.get(0);
        for (int i = 1; i < spans.size(); i++) {
            Span s = spans.get(i);
            if (s.start() < cur.end()) {
                cur = new Span(cur.start(), Math.max(cur.end(), s.end()));
            } else {
                out.add(cur);
                cur = s;
            }
        }
        out.add(cur);
        return out;
    }

    private static boolean accepts(Judge judge, String v) {
        return switch (judge) {
            case ANY -> !placeholder(v);
            case NOT_REFERENCE -> !reference(v);
            case TOKEN_LIKE -> !reference(v) && !SCHEME_WORD.matcher(v).matches() && tokenLike(v, 8);
            case BASE64 -> v.length() % 4 == 0 && (hasDigitOrSymbol(v) || hasInnerCapital(v));
            case ASSIGNED -> !reference(v) && !ENV_NAME.matcher(v).matches() && !DOTTED_NAME.matcher(v).matches()
                    && !v.chars().allMatch(c -> c >= '0' && c <= '9') && tokenLike(v, 12);
        };
    }

    private static boolean reference(String v) {
        return REFERENCE.matcher(v).matches()
                || REFERENCE.matcher(TRAILING_PUNCTUATION.matcher(v).replaceFirst("")).matches() || placeholder(v);
    }

    /** What an earlier pass left ({@code [REDACTED]}, {@code [key removed]}), and whatever follows it. */
    private static boolean placeholder(String v) {
        return PLACEHOLDER.matcher(v).lookingAt();
    }

    /**
     * Long enough to be random, or holding a digit or symbol (not counting {@code _}) as keys do and words do not.
     * Punctuation that ends a sentence ("a Bearer token.") does not count.
     */
    private static boolean tokenLike(String v, int lettersOnlyMin) {
        String t = v.replaceFirst("[.,:;!?)\\]]+$", "");
        return t.length() >= lettersOnlyMin || hasDigitOrSymbol(t);
    }

    private static boolean hasDigitOrSymbol(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c != '_' && !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z')) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasInnerCapital(String v) {
        for (int i = 1; i < v.length(); i++) {
            if (v.charAt(i) >= 'A' && v.charAt(i) <= 'Z') {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- the pre-check

    /**
     * Which pattern groups could match: each needs a literal. Tokens: {@code sk-}, {@code gsk_}, {@code AIza},
     * {@code gh?_}, {@code github_pat_}, {@code xox}, {@code AKIA}, {@code hf_}, {@code eyJ} (case-sensitive, as the
     * pattern). Schemes: {@code bearer}, {@code basic}. Key words: {@code key}, {@code secret}, {@code token},
     * {@code passw}, {@code auth} (every query, JSON, header, assignment and hex pattern names one of them). User info:
     * {@code ://} and {@code @}. Key words and schemes in any ASCII case, as the patterns are case-blind in ASCII only.
     */
    private static int hints(CharSequence s) {
        int hints = 0;
        boolean at = false;
        boolean scheme = false;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '@' -> at = true;
                case ':' -> scheme |= at(s, i + 1, "//", false);
                case 's' -> {
                    if (at(s, i, "sk-", false)) {
                        hints |= TOKEN_HINT;
                    }
                    if (at(s, i, "secret", true)) {
                        hints |= KEYWORD_HINT;
                    }
                }
                case 'S' -> hints |= at(s, i, "secret", true) ? KEYWORD_HINT : 0;
                case 'k', 'K' -> hints |= at(s, i, "key", true) ? KEYWORD_HINT : 0;
                case 't', 'T' -> hints |= at(s, i, "token", true) ? KEYWORD_HINT : 0;
                case 'p', 'P' -> hints |= at(s, i, "passw", true) ? KEYWORD_HINT : 0;
                case 'a' -> hints |= at(s, i, "auth", true) ? KEYWORD_HINT : 0;
                case 'A' -> {
                    if (at(s, i, "auth", true)) {
                        hints |= KEYWORD_HINT;
                    }
                    if (at(s, i, "AIza", false) || at(s, i, "AKIA", false)) {
                        hints |= TOKEN_HINT;
                    }
                }
                case 'b', 'B' -> hints |= at(s, i, "bearer", true) || at(s, i, "basic", true) ? SCHEME_HINT : 0;
                case 'e' -> hints |= at(s, i, "eyJ", false) ? TOKEN_HINT : 0;
                case 'g' -> hints |= at(s, i, "gsk_", false) || at(s, i, "github_pat_", false)
                        || (at(s, i, "gh", false) && i + 3 < n && s.charAt(i + 3) == '_') ? TOKEN_HINT : 0;
                case 'x' -> hints |= at(s, i, "xox", false) ? TOKEN_HINT : 0;
                case 'h' -> hints |= at(s, i, "hf_", false) ? TOKEN_HINT : 0;
                default -> {
                }
            }
        }
        return at && scheme ? hints | USERINFO_HINT : hints;
    }

    /** Whether {@code word} (lower-case ASCII when {@code ignoreCase}) starts at {@code i}. */
    private static boolean at(CharSequence s, int i, String word, boolean ignoreCase) {
        if (i + word.length() > s.length()) {
            return false;
        }
        for (int j = 0; j < word.length(); j++) {
            char c = s.charAt(i + j);
            char w = word.charAt(j);
            if (c != w && !(ignoreCase && c >= 'A' && c <= 'Z' && (char) (c + 32) == w)) {
                return false;
            }
        }
        return true;
    }
}
