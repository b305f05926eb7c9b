package ai.flatkey.migrate.wire;

import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to call an endpoint. The key lives only in memory and is never printed: {@link #toString()}
 * masks it.
 *
 * @param baseUrl        base URL including the API prefix, e.g. {@code https://router.flatkey.ai/v1}
 * @param apiKey         the bearer key, or null for none
 * @param connectTimeout TCP/TLS connect budget
 * @param readTimeout    budget for the first byte and for the gap between stream events
 * @param callTimeout    budget for the whole exchange (zero = none)
 */
public record ClientConfig(String baseUrl, String apiKey, Duration connectTimeout, Duration readTimeout, Duration callTimeout) {

    public ClientConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(60) : readTimeout;
        callTimeout = callTimeout == null ? Duration.ofMinutes(3) : callTimeout;
    }

    public static ClientConfig of(String baseUrl, String apiKey) {
        return new ClientConfig(baseUrl, apiKey, null, null, null);
    }

    @Override
    public String toString() {
        return "ClientConfig[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "none" : "<redacted>")
                + ", connect=" + connectTimeout + ", read=" + readTimeout + ", call=" + callTimeout + "]";
    }
}
