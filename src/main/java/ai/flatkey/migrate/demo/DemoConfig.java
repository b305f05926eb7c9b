package ai.flatkey.migrate.demo;

import java.util.Set;

/**
 * How a {@link DemoGateway} listens and behaves.
 *
 * @param host            the interface to bind, normally the loopback address {@code 127.0.0.1}
 * @param port            the TCP port; 0 picks a free ephemeral port
 * @param tokensPerSecond streaming pace: {@code 1000 / tokensPerSecond} ms between tokens; 0 or less streams at once
 * @param keys            the API keys the gateway accepts (public demo keys, never real ones)
 */
public record DemoConfig(String host, int port, int tokensPerSecond, Set<String> keys) {

    public DemoConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be within 0..65535, was " + port);
        }
        if (keys == null || keys.isEmpty()) {
            throw new IllegalArgumentException("at least one key is required");
        }
        keys = Set.copyOf(keys);
        if (keys.stream().anyMatch(k -> k.isBlank() || !k.equals(k.strip()))) {
            throw new IllegalArgumentException("keys must be non-blank and carry no surrounding whitespace");
        }
    }

    /** Loopback, an ephemeral port, 40 tokens per second and the public {@link DemoGateway#DEMO_KEY}. */
    public static DemoConfig defaults() {
        return new DemoConfig("127.0.0.1", 0, 40, Set.of(DemoGateway.DEMO_KEY));
    }

    public DemoConfig withPort(int port) {
        return new DemoConfig(host, port, tokensPerSecond, keys);
    }

    public DemoConfig withTokensPerSecond(int tps) {
        return new DemoConfig(host, port, tps, keys);
    }

    public DemoConfig withKeys(Set<String> keys) {
        return new DemoConfig(host, port, tokensPerSecond, keys);
    }

    /** Names how many keys there are, never the keys themselves. */
    @Override
    public String toString() {
        return "DemoConfig[host=" + host + ", port=" + port + ", tokensPerSecond=" + tokensPerSecond
                + ", keys=" + keys.size() + " key(s)]";
    }
}
