package ai.flatkey.migrate.secrets;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Turns a key reference into a key value, in memory only. References:
 * <ul>
 *   <li>{@code env:NAME} — the environment variable NAME;</li>
 *   <li>any other reference ({@code session}, {@code demo}, {@code session:source}, …) — a value held in memory
 *       for this process, put there by the person typing it or by the app (the demo gateway's public key).</li>
 * </ul>
 * Values are never written anywhere by this class.
 */
public final class KeyResolver {

    private final Function<String, String> environment;
    private final Map<String, String> memory = new ConcurrentHashMap<>();

    public KeyResolver(Function<String, String> environment) {
        this.environment = Objects.requireNonNull(environment);
    }

    /** A resolver over this process's environment. */
    public static KeyResolver system() {
        return new KeyResolver(System::getenv);
    }

    /** Holds a key in memory under a reference (e.g. {@code session}); a blank value forgets it. */
    public void remember(String ref, String value) {
        if (value == null || value.isBlank()) {
            memory.remove(ref);
        } else {
            memory.put(ref, value.strip());
        }
    }

    /** The key for a reference, if there is one. */
    public Optional<String> resolve(String ref) {
        if (ref == null || ref.isBlank()) {
            return Optional.empty();
        }
        String r = ref.strip();
        if (r.startsWith("env:")) {
            String v = environment.apply(r.substring(4).strip());
            return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
        }
        return Optional.ofNullable(memory.get(r));
    }

    /** Masks a key for display: the first 6 and last 2 characters at most, never more than a quarter of it. */
    public static String mask(String key) {
        if (key == null || key.isEmpty()) {
            return "";
        }
        if (key.length() < 16) {
            return "•".repeat(8);
        }
        return key.substring(0, 6) + "•".repeat(8) + key.substring(key.length() - 2);
    }
}
