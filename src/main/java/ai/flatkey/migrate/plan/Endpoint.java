package ai.flatkey.migrate.plan;

/**
 * An OpenAI-compatible endpoint: a preset name, its base URL (with the {@code /v1} prefix) and a reference to
 * where its key is kept. The reference is never the key: {@code env:FLATKEY_API_KEY}, {@code keychain:NAME},
 * {@code session} (typed in and held in memory only), {@code demo} (the embedded demo gateway's public demo key),
 * or empty for no key.
 */
public record Endpoint(String preset, String baseUrl, String keyRef) {

    public static final String FLATKEY_BASE_URL = "https://router.flatkey.ai/v1";

    public Endpoint {
        preset = preset == null || preset.isBlank() ? Preset.CUSTOM.id() : preset;
        baseUrl = Lists.text(baseUrl).strip();
        keyRef = Lists.text(keyRef).strip();
    }

    public static Endpoint flatkey() {
        return new Endpoint(Preset.FLATKEY.id(), FLATKEY_BASE_URL, "env:" + Preset.FLATKEY.envVar());
    }

    public static Endpoint empty() {
        return new Endpoint(Preset.CUSTOM.id(), "", "");
    }

    /** The embedded demo gateway; its base URL is filled in when it starts (its port is chosen then). */
    public static Endpoint demo(String baseUrl) {
        return new Endpoint(Preset.DEMO.id(), baseUrl, "demo");
    }

    public boolean isDemo() {
        return Preset.byId(preset) == Preset.DEMO;
    }

    public Endpoint withBaseUrl(String value) {
        return new Endpoint(preset, value, keyRef);
    }

    public Endpoint withKeyRef(String value) {
        return new Endpoint(preset, baseUrl, value);
    }

    /**
     * The one rule for "this is a key, not a reference to one" (the wizard's fields, the plan store, the CLI's
     * {@code --key-env}): an {@code sk-}/{@code sk_}/{@code gsk_} token, a {@code Bearer} value, or 32+ characters of
     * letters, digits, {@code -} and {@code _} with a digit and a lower-case letter (a hex key without a prefix).
     */
    public static boolean looksLikeKey(String value) {
        String s = value == null ? "" : value.strip();
        return s.startsWith("sk-") || s.startsWith("sk_") || s.startsWith("gsk_") || s.startsWith("Bearer ")
                || (s.length() >= 32 && s.matches("[A-Za-z0-9_\\-]+") && s.chars().anyMatch(Character::isDigit)
                && s.chars().anyMatch(Character::isLowerCase));
    }

    /** Whether a key reference holds a key value: as a whole, or after its {@code env:} / {@code keychain:} prefix. */
    public static boolean holdsKeyValue(String ref) {
        if (ref == null || ref.isBlank()) {
            return false;
        }
        String r = ref.strip();
        int colon = r.indexOf(':');
        return looksLikeKey(r) || colon > 0 && looksLikeKey(r.substring(colon + 1));
    }

    /** What a key value pasted into {@code field} is called in messages, never repeating it. */
    public static String keyValueProblem(String field) {
        return field + " holds what looks like a key itself, not a reference to where the key is kept (it is not"
                + " shown here). Replace it with env:NAME (an environment variable), session or keychain:NAME; if the"
                + " file was shared, revoke that key.";
    }

    /** Where a key reference points, in words, without any value. */
    public static String describeKeyRef(String ref) {
        if (ref == null || ref.isBlank()) {
            return "no key";
        }
        if (holdsKeyValue(ref)) {
            return "a key value pasted where a key reference belongs (not shown)";
        }
        if (ref.startsWith("env:")) {
            return "environment variable " + ref.substring(4);
        }
        if (ref.equals("demo")) {
            return "the demo gateway's public demo key";
        }
        if (ref.startsWith("session")) {
            return "typed in for this session, kept in memory only";
        }
        if (ref.startsWith("keychain:")) {
            return "OS keychain entry " + ref.substring(9);
        }
        return ref;
    }
}
