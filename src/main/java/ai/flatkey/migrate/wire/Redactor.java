package ai.flatkey.migrate.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text before it is shown, logged, exported or kept: the known keys wherever they appear, and
 * anything the {@link CredentialMatcher} finds shaped like a credential ({@code Bearer …}, {@code sk-…} tokens,
 * {@code ?key=…} query values, passwords in URLs, JSON fields such as {@code "api_key": "…"}, {@code x-api-key:}
 * headers, assignments to key names, …). Each is replaced with {@value #MARK}.
 * <p>
 * A known secret is found in each form a server may echo it in: as is, base64 (standard or URL-safe, at any offset
 * in the encoded text, so {@code base64("id:" + key)} is caught too), percent-encoded and {@code \}{@code u}-escaped
 * (any mix of the three, per character, hex digits in either case).
 */
public final class Redactor {
    /** What a removed secret is replaced with. */
    public static final String MARK = "[REDACTED]";

    /** Known secrets shorter than this are not searched for: they would shred ordinary text. */
    private static final int MIN_KNOWN_SECRET = 4;

    private Redactor() {
    }

    /**
     * @param text         any text, or null
     * @param knownSecrets secrets to remove verbatim (nulls and blanks are ignored)
     * @return the text with every secret replaced by {@value #MARK}; null for null
     */
    public static String redact(String text, String... knownSecrets) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        if (knownSecrets != null && knownSecrets.length == 1) {
            String secret = knownSecrets[0] == null ? "" : knownSecrets[0].strip();
            return redactPrepared(text, secret.length() >= MIN_KNOWN_SECRET ? new String[] {secret} : NONE);
        }
        return redactPrepared(text, prepare(knownSecrets));
    }

    private static final String[] NONE = new String[0];

    /**
     * The known secrets as {@link #redactPrepared} takes them: blanks, nulls and too-short ones dropped, each stripped,
     * the longest first. For a caller that redacts many texts with the same secrets (a recorded call's every value).
     */
    public static String[] prepare(String... knownSecrets) {
        if (knownSecrets == null || knownSecrets.length == 0) {
            return NONE;
        }
        String[] out = new String[knownSecrets.length];
        int n = 0;
        for (String k : knownSecrets) {
            String s = k == null ? "" : k.strip();
            if (s.length() >= MIN_KNOWN_SECRET) {
                out[n++] = s;
            }
        }
        out = Arrays.copyOf(out, n);
        if (n > 1) {
            Arrays.sort(out, Comparator.comparingInt(String::length).reversed());
        }
        return out;
    }

    /** {@link #redact} with secrets from {@link #prepare}. */
    public static String redactPrepared(String text, String[] prepared) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : prepared) {
            out = removeKnown(out, secret);
        }
        // The matcher's cheap pre-check spares the regexes for most texts: a stream's transcript redacts every event.
        return CredentialMatcher.replace(out, MARK);
    }

    /** Secrets shorter than this are not searched for in base64: their encodings are too short to tell from text. */
    private static final int MIN_BASE64_SECRET = 12;
    /** The forms of recently used secrets (a run uses one or two keys; the bound keeps a long session small). */
    private static final Map<String, Forms> FORMS = new ConcurrentHashMap<>();

    /** The base64 pieces and the per-character escaped pattern of one secret. */
    private record Forms(List<String> base64, Pattern escaped) {
        static Forms of(String secret) {
            List<String> pieces = new ArrayList<>();
            if (secret.length() >= MIN_BASE64_SECRET) {
                byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
                for (int offset = 0; offset < 3; offset++) {
                    byte[] padded = new byte[offset + bytes.length];
                    System.arraycopy(bytes, 0, padded, offset, bytes.length);
                    String enc = Base64.getEncoder().withoutPadding().encodeToString(padded);
                    // The characters that depend on the secret's bits only, whatever comes before or after it.
                    String piece = enc.substring((8 * offset + 5) / 6, (8 * offset + 8 * bytes.length) / 6);
                    pieces.add(piece);
                    String urlSafe = piece.replace('+', '-').replace('/', '_');
                    if (!urlSafe.equals(piece)) {
                        pieces.add(urlSafe);
                    }
                }
            }
            StringBuilder re = new StringBuilder();
            for (int i = 0; i < secret.length(); i++) {
                char c = secret.charAt(i);
                String hex = String.format("%02x", (int) c & 0xff);
                re.append("(?:").append(Pattern.quote(String.valueOf(c)));
                if (c < 0x80) {
                    re.append("|%").append(hexClass(hex)).append("|\\\\u00").append(hexClass(hex));
                } else {
                    re.append("|\\\\u").append(hexClass(String.format("%04x", (int) c)));
                }
                re.append(')');
            }
            return new Forms(List.copyOf(pieces), Pattern.compile(re.toString()));
        }

        private static String hexClass(String hex) {
            StringBuilder sb = new StringBuilder();
            for (char h : hex.toCharArray()) {
                sb.append(Character.isLetter(h) ? "[" + h + Character.toUpperCase(h) + "]" : String.valueOf(h));
            }
            return sb.toString();
        }
    }

    /** {@code text} with every form of {@code secret} replaced by {@value #MARK}. */
    private static String removeKnown(String text, String secret) {
        if (text.length() < secret.length()) {
            // Every form searched for is at least as long as the secret: as is, escaped (one or more characters per
            // character) and base64 (4 characters per 3 bytes, less at most 2 at the ends, for 12 bytes or more).
            return text;
        }
        String out = text.replace(secret, MARK);
        Forms forms = FORMS.get(secret);
        if (forms == null) {
            if (FORMS.size() > 32) {
                FORMS.clear();
            }
            forms = Forms.of(secret);
            FORMS.put(secret, forms);
        }
        for (String piece : forms.base64()) {
            out = out.replace(piece, MARK);
        }
        if (out.indexOf('%') >= 0 || out.indexOf('\\') >= 0) {
            Matcher m = forms.escaped().matcher(out);
            if (m.find()) {
                out = m.replaceAll(Matcher.quoteReplacement(MARK));
            }
        }
        return out;
    }

    private static final Pattern URL_USERINFO = Pattern.compile("^\\s*[A-Za-z][A-Za-z0-9+.-]*://([^/?#@\\s]*)@");

    /**
     * The password in a URL's user info ({@code http://user:PASSWORD@host/v1}), to be removed from what that host
     * says like a key; null when the URL has none.
     */
    public static String urlPassword(String url) {
        if (url == null) {
            return null;
        }
        Matcher m = URL_USERINFO.matcher(url);
        if (!m.find()) {
            return null;
        }
        int colon = m.group(1).indexOf(':');
        return colon < 0 || colon == m.group(1).length() - 1 ? null : m.group(1).substring(colon + 1);
    }
}
