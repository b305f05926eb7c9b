package ai.flatkey.migrate.ui.support;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Field checks shared by the step forms. Each returns an empty string when the value is acceptable. */
public final class Validation {

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** A host on this computer or its network, served over plain http more often than not. */
    private static final Pattern LOCAL = Pattern.compile("(?i)(localhost|127\\.|0\\.0\\.0\\.0|\\[::1]|10\\.|192\\.168\\.|host\\.docker\\.internal)");

    private Validation() {
    }

    /** A base URL: blank (not set yet) or an absolute http(s) URL with a host. */
    public static String baseUrl(String value) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            return "";
        }
        if (looksLikeKey(v)) {
            return "That looks like an API key, not a URL. Keys never go in this field.";
        }
        if (!v.contains("://")) {
            // "127.0.0.1:8080/v1" would otherwise read as a URL whose scheme is "127.0.0.1" ("Illegal character in
            // scheme name"): say what to write instead.
            return "Start the URL with https:// (or http:// for a server on this computer), e.g. "
                    + (LOCAL.matcher(v).lookingAt() ? "http://" : "https://") + v + ".";
        }
        URI uri;
        try {
            uri = new URI(v);
        } catch (URISyntaxException e) {
            return "Not a valid URL: " + unallowed(v, e.getIndex()) + ", e.g. https://router.flatkey.ai/v1.";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return "Use an http:// or https:// URL, e.g. https://router.flatkey.ai/v1.";
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return "The URL needs a host name, e.g. https://router.flatkey.ai/v1.";
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            return "A base URL has no ?query or #fragment.";
        }
        if (v.endsWith("/chat/completions") || v.endsWith("/responses") || v.endsWith("/models")) {
            return "Enter the base URL only (ending in /v1), not a full endpoint path.";
        }
        return "";
    }

    /** What a URL the URI parser refused has at {@code index}, in words (not the parser's). */
    private static String unallowed(String v, int index) {
        if (v.chars().anyMatch(Character::isWhitespace)) {
            return "it contains a space; a URL has none";
        }
        if (index >= 0 && index < v.length()) {
            return "\"" + v.charAt(index) + "\" (character " + (index + 1) + ") is not allowed there";
        }
        return "write it as scheme://host/path";
    }

    /** A hint (not an error) when a base URL lacks the usual {@code /v1} prefix. */
    public static String baseUrlHint(String value) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty() || !baseUrl(v).isEmpty()) {
            return "";
        }
        String path = URI.create(v).getPath();
        if (path == null || path.isBlank() || path.equals("/")) {
            return "No path: most OpenAI-compatible gateways expect /v1 at the end (a missing /v1 often returns an HTML page).";
        }
        return "";
    }

    /** An environment variable name. */
    public static String envName(String value) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            return "Enter the name of the environment variable that holds the key.";
        }
        if (looksLikeKey(v)) {
            return "That looks like the key itself. Enter the variable's name (e.g. FLATKEY_API_KEY), or type the key under \"session\".";
        }
        if (!ENV_NAME.matcher(v).matches()) {
            return "Use letters, digits and _ only, e.g. FLATKEY_API_KEY.";
        }
        return "";
    }

    /** A key reference as stored in the plan: blank, env:NAME, session[:x], keychain:x or demo. */
    public static String keyRef(String value) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty() || v.equals("demo") || v.equals("session") || v.startsWith("session:") || v.startsWith("keychain:")) {
            return "";
        }
        if (ai.flatkey.migrate.plan.Endpoint.holdsKeyValue(v)) {
            return "That looks like a key. Enter where the key is kept (e.g. env:OPENAI_API_KEY), never the key itself.";
        }
        if (v.startsWith("env:")) {
            return ENV_NAME.matcher(v.substring(4)).matches() ? "" : "After env: put a variable name, e.g. env:OPENAI_API_KEY.";
        }
        return "Use env:NAME (an environment variable), session (typed this session) or keychain:NAME.";
    }

    /** A whole number within bounds, or blank. */
    public static String integer(String value, long min, long max) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            return "";
        }
        try {
            long n = Long.parseLong(v);
            return n < min || n > max ? "Enter a whole number from " + min + " to " + max + "." : "";
        } catch (NumberFormatException e) {
            return "Enter a whole number from " + min + " to " + max + ".";
        }
    }

    /** A decimal number within bounds, or blank. */
    public static String decimal(String value, double min, double max) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            return "";
        }
        try {
            double n = Double.parseDouble(v);
            return Double.isNaN(n) || n < min || n > max ? "Enter a number from " + fmt(min) + " to " + fmt(max) + "." : "";
        } catch (NumberFormatException e) {
            return "Enter a number from " + fmt(min) + " to " + fmt(max) + ".";
        }
    }

    /** Key-shaped text: provider prefixes, or a long token without spaces, slashes or colons. */
    public static boolean looksLikeKey(String v) {
        return ai.flatkey.migrate.plan.Endpoint.looksLikeKey(v);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
