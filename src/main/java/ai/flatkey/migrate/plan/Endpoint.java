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
        preset = preset == null || preset.isBlank() ? "custom" : preset;
        baseUrl = Lists.text(baseUrl).strip();
        keyRef = Lists.text(keyRef).strip();
    }

    public static Endpoint flatkey() {
        return new Endpoint("flatkey", FLATKEY_BASE_URL, "env:FLATKEY_API_KEY");
    }

    public static Endpoint empty() {
        return new Endpoint("custom", "", "");
    }

    /** The embedded demo gateway; its base URL is filled in when it starts (its port is chosen then). */
    public static Endpoint demo(String baseUrl) {
        return new Endpoint("demo", baseUrl, "demo");
    }

    public boolean isDemo() {
        return "demo".equals(preset);
    }

    public Endpoint withBaseUrl(String value) {
        return new Endpoint(preset, value, keyRef);
    }

    public Endpoint withKeyRef(String value) {
        return new Endpoint(preset, baseUrl, value);
    }

    /** Where a key reference points, in words, without any value. */
    public static String describeKeyRef(String ref) {
        if (ref == null || ref.isBlank()) {
            return "no key";
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
