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
