package ai.flatkey.migrate.demo;

import java.util.Set;

/**
 * How a {@link DemoGateway} listens and behaves.
 *
 * @param host              the interface to bind, normally the loopback address {@code 127.0.0.1}
 * @param port              the TCP port; 0 picks a free ephemeral port
 * @param tokensPerSecond   streaming pace: {@code 1000 / tokensPerSecond} ms between tokens; 0 or less streams at once
 * @param keys              the API keys the gateway accepts (public demo keys, never real ones). The documented
 *                          demo keys keep their own quota and limits ({@link DemoGateway#DEMO_KEY_LOW_QUOTA},
 *                          {@link DemoGateway#DEMO_KEY_RATE_LIMITED}); any other key gets the generous plan of
 *                          {@link DemoGateway#DEMO_KEY}
 * @param firstTokenDelayMs time from the request to the first generated token, in streams (after the role chunk)
 *                          and in plain answers alike; 0 means the streaming pace alone decides
 * @param listFaultModels   whether {@code /v1/models} also lists the fault models ({@code demo-truncate},
 *                          {@code demo-429}, ...); they are served either way (see {@link DemoGateway#FAULT_MODELS})
 * @param personality       which gateway it answers as: {@link Personality#FLATKEY} (the default) or
 *                          {@link Personality#NEW_API}
 * @param closeIdleAfterMs  0, or close a client connection this long after the last bytes of an answer when no new
 *                          request came, as a server's {@code Keep-Alive: timeout=N} does (llama-server, Node: 5 s):
 *                          the socket is closed while the client's pool still holds it. The front that does it sees
 *                          bytes, not answers: keep it longer than any pause inside a streamed answer
 */
public record DemoConfig(String host, int port, int tokensPerSecond, Set<String> keys, int firstTokenDelayMs,
                         boolean listFaultModels, Personality personality, int closeIdleAfterMs) {

    /** Which gateway the demo answers as. */
    public enum Personality {
        /**
         * Flatkey's routes: {@code x-request-id} on every answer (the ID its log records), prices in USD at
         * {@code /api/website/pricing}, 500,000 quota units per dollar, 404 for an unknown model.
         */
        FLATKEY,
        /**
         * new-api as it really answers: an upstream-like {@code x-request-id: req_…} copied through on relayed
         * answers plus its own {@code X-Oneapi-Request-Id} (the only ID its log records); {@code /api/status} with a
         * non-default {@code quota_per_unit}; {@code /api/pricing} with {@code group_ratio}, {@code quota_type},
         * {@code model_ratio}, {@code completion_ratio} and {@code model_price}, charged by new-api's formula; HTTP
         * 503 {@code model_not_found} ("No available channel for model …") for an unknown model.
         */
        NEW_API
    }

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
        if (firstTokenDelayMs < 0 || firstTokenDelayMs > 600_000) {
            throw new IllegalArgumentException("firstTokenDelayMs must be within 0..600000, was " + firstTokenDelayMs);
        }
        personality = personality == null ? Personality.FLATKEY : personality;
        if (closeIdleAfterMs < 0 || closeIdleAfterMs > 3_600_000) {
            throw new IllegalArgumentException("closeIdleAfterMs must be within 0..3600000, was " + closeIdleAfterMs);
        }
    }

    /** The Flatkey personality, idle connections kept. */
    public DemoConfig(String host, int port, int tokensPerSecond, Set<String> keys, int firstTokenDelayMs,
                      boolean listFaultModels) {
        this(host, port, tokensPerSecond, keys, firstTokenDelayMs, listFaultModels, Personality.FLATKEY, 0);
    }

    /** No first-token delay and the fault models unlisted. */
    public DemoConfig(String host, int port, int tokensPerSecond, Set<String> keys) {
        this(host, port, tokensPerSecond, keys, 0, false);
    }

    /**
     * Loopback, an ephemeral port, 40 tokens per second, no extra first-token delay, and the three public demo keys
     * ({@link DemoGateway#DEMO_KEY}, {@link DemoGateway#DEMO_KEY_LOW_QUOTA}, {@link DemoGateway#DEMO_KEY_RATE_LIMITED}).
     */
    public static DemoConfig defaults() {
        return new DemoConfig("127.0.0.1", 0, 40, DemoGateway.DEMO_KEYS, 0, false, Personality.FLATKEY, 0);
    }

    public DemoConfig withPort(int port) {
        return new DemoConfig(host, port, tokensPerSecond, keys, firstTokenDelayMs, listFaultModels, personality, closeIdleAfterMs);
    }

    public DemoConfig withTokensPerSecond(int tps) {
        return new DemoConfig(host, port, tps, keys, firstTokenDelayMs, listFaultModels, personality, closeIdleAfterMs);
    }

    public DemoConfig withKeys(Set<String> keys) {
        return new DemoConfig(host, port, tokensPerSecond, keys, firstTokenDelayMs, listFaultModels, personality, closeIdleAfterMs);
    }

    /** A fixed delay before the first token of every answer (benchmarks use 200 ms). */
    public DemoConfig withFirstTokenDelayMs(int millis) {
        return new DemoConfig(host, port, tokensPerSecond, keys, millis, listFaultModels, personality, closeIdleAfterMs);
    }

    /** Whether {@code /v1/models} lists the fault models too (for demos of failure handling). */
    public DemoConfig withFaultModelsListed(boolean listed) {
        return new DemoConfig(host, port, tokensPerSecond, keys, firstTokenDelayMs, listed, personality, closeIdleAfterMs);
    }

    /** The gateway it answers as. */
    public DemoConfig withPersonality(Personality value) {
        return new DemoConfig(host, port, tokensPerSecond, keys, firstTokenDelayMs, listFaultModels, value, closeIdleAfterMs);
    }

    /**
     * Closes a client connection left idle {@code millis} after an answer (0: never), the way a server with a short
     * keep-alive timeout does.
     */
    public DemoConfig withCloseIdleAfterMs(int millis) {
        return new DemoConfig(host, port, tokensPerSecond, keys, firstTokenDelayMs, listFaultModels, personality, millis);
    }

    /** Names how many keys there are, never the keys themselves. */
    @Override
    public String toString() {
        return "DemoConfig[host=" + host + ", port=" + port + ", tokensPerSecond=" + tokensPerSecond
                + ", keys=" + keys.size() + " key(s), firstTokenDelayMs=" + firstTokenDelayMs
                + ", listFaultModels=" + listFaultModels + ", personality=" + personality
                + (closeIdleAfterMs == 0 ? "" : ", closeIdleAfterMs=" + closeIdleAfterMs) + "]";
    }
}
