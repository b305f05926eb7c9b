package ai.flatkey.migrate.ui.step.endpoints;

/** Where the target key comes from. The plan stores only the reference, never the key. */
public enum KeyMode {
    ENV("Environment variable"),
    SESSION("Type a key for this session (kept in memory only)"),
    KEYCHAIN("OS keychain"),
    NONE("No key (local server)"),
    DEMO("Demo gateway's public key");

    private final String label;

    KeyMode(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
