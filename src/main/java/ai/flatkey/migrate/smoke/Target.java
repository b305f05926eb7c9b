package ai.flatkey.migrate.smoke;

/** The endpoint a suite runs against, with the key resolved into memory. {@link #toString()} hides the key. */
public record Target(String baseUrl, String apiKey) {
    /** What is removed from everything this target's server says: the key and the password in the base URL. */
    public String[] secrets() {
        return new String[] {apiKey, ai.flatkey.migrate.wire.Redactor.urlPassword(baseUrl)};
    }

    @Override
    public String toString() {
        return "Target[" + ai.flatkey.migrate.wire.SafeText.scrub(baseUrl) + ", key " + (apiKey == null ? "none" : "<redacted>") + "]";
    }
}
