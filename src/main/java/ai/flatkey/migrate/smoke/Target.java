package ai.flatkey.migrate.smoke;

/** The endpoint a suite runs against, with the key resolved into memory. {@link #toString()} hides the key. */
public record Target(String baseUrl, String apiKey) {
    @Override
    public String toString() {
        return "Target[" + baseUrl + ", key " + (apiKey == null ? "none" : "<redacted>") + "]";
    }
}
