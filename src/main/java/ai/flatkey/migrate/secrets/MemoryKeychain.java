package ai.flatkey.migrate.secrets;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Keys held in this process's memory only: the fallback where no OS keychain runs, and the tests' keychain. */
public final class MemoryKeychain implements Keychain {

    private final Map<String, String> entries = new ConcurrentHashMap<>();
    private final String description;

    public MemoryKeychain(String description) {
        this.description = description;
    }

    @Override
    public Optional<String> read(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    @Override
    public void store(String name, String key) {
        if (key == null || key.isBlank()) {
            entries.remove(name);
        } else {
            entries.put(name, key.strip());
        }
    }

    @Override
    public void delete(String name) {
        entries.remove(name);
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public String describe() {
        return description;
    }
}
