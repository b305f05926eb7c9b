package ai.flatkey.migrate.ui;

import ai.flatkey.migrate.secrets.Keychain;
import ai.flatkey.migrate.secrets.MemoryKeychain;

import java.util.Optional;

/**
 * Stands in for the OS keychain in tests: it keeps its keys (in the test's memory) and says it does
 * ({@link #persistent()} is true), so the wizard stores {@code keychain:NAME} references to it. A {@link MemoryKeychain}
 * says it forgets its keys at exit, and the wizard then keeps a key the session's.
 */
public final class StandInOsKeychain implements Keychain {
    private final MemoryKeychain entries = new MemoryKeychain("unused");
    private final String description;

    public StandInOsKeychain(String description) {
        this.description = description;
    }

    @Override
    public Optional<String> read(String name) {
        return entries.read(name);
    }

    @Override
    public void store(String name, String key) {
        entries.store(name, key);
    }

    @Override
    public void delete(String name) {
        entries.delete(name);
    }

    @Override
    public boolean persistent() {
        return true;
    }

    @Override
    public String describe() {
        return description;
    }
}
