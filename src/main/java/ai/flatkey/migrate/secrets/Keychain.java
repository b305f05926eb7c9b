package ai.flatkey.migrate.secrets;

import java.util.Optional;

/**
 * A place that keeps keys outside the plan: the OS keychain ({@link OsKeychain}) or, where none runs (CI, a bare
 * Linux box), this process's memory ({@link MemoryKeychain}). The plan refers to an entry as {@code keychain:NAME}.
 * Calls may block (the OS keychain can prompt); call them off the UI thread.
 */
public interface Keychain {

    /** The key stored under {@code name}, if any. */
    Optional<String> read(String name) throws KeychainException;

    /** Stores (or replaces) the key under {@code name}. */
    void store(String name, String key) throws KeychainException;

    /** Removes the entry; nothing happens when there is none. */
    void delete(String name) throws KeychainException;

    /** Whether entries survive a restart (true for the OS keychain, false for memory). */
    boolean persistent();

    /** Where the keys are kept, for people: "the OS keychain (Secret Service)", "memory (no keychain on this system)". */
    String describe();

    /** The OS keychain when one answers, else memory; {@link #describe()} says which. */
    static Keychain best() {
        return OsKeychain.open().map(k -> (Keychain) k).orElseGet(() -> new MemoryKeychain(
                "memory only: no OS keychain answered on this system, so keys are forgotten when the app quits"));
    }
}
