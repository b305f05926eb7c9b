package ai.flatkey.migrate.wire;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how to call an endpoint. The key lives only in memory and is never printed: {@link #toString()}
 * masks it.
 *
 * @param baseUrl          base URL including the API prefix, e.g. {@code https://router.flatkey.ai/v1}
 * @param apiKey           the bearer key, or null for none
 * @param connectTimeout   TCP/TLS connect budget
 * @param readTimeout      budget for the first byte and for the gap between stream events
 * @param callTimeout      budget for the whole exchange (zero = none)
 * @param endpointTimeouts budgets that differ per endpoint; an endpoint not listed uses the three above
 */
public record ClientConfig(String baseUrl, String apiKey, Duration connectTimeout, Duration readTimeout,
                           Duration callTimeout, Map<Endpoint, Timeouts> endpointTimeouts) {

    public ClientConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(60) : readTimeout;
        callTimeout = callTimeout == null ? Duration.ofMinutes(3) : callTimeout;
        endpointTimeouts = endpointTimeouts == null || endpointTimeouts.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new EnumMap<>(endpointTimeouts));
    }

    public ClientConfig(String baseUrl, String apiKey, Duration connectTimeout, Duration readTimeout,
                        Duration callTimeout) {
        this(baseUrl, apiKey, connectTimeout, readTimeout, callTimeout, Map.of());
    }

    public static ClientConfig of(String baseUrl, String apiKey) {
        return new ClientConfig(baseUrl, apiKey, null, null, null);
    }

    /** The budgets for one endpoint. */
    public Timeouts timeouts(Endpoint endpoint) {
        Timeouts t = endpointTimeouts.get(endpoint);
        return t != null ? t : new Timeouts(connectTimeout, readTimeout, readTimeout, callTimeout);
    }

    /** A copy with {@code endpoint}'s budgets replaced. */
    public ClientConfig withTimeouts(Endpoint endpoint, Timeouts timeouts) {
        Map<Endpoint, Timeouts> m = new EnumMap<>(Endpoint.class);
        m.putAll(endpointTimeouts);
        m.put(endpoint, Objects.requireNonNull(timeouts, "timeouts"));
        return new ClientConfig(baseUrl, apiKey, connectTimeout, readTimeout, callTimeout, m);
    }

    @Override
    public String toString() {
        return "ClientConfig[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "none" : "<redacted>")
                + ", connect=" + connectTimeout + ", read=" + readTimeout + ", call=" + callTimeout
                + (endpointTimeouts.isEmpty() ? "" : ", endpoints=" + endpointTimeouts) + "]";
    }
}
