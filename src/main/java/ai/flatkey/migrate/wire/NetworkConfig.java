package ai.flatkey.migrate.wire;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to reach the network: proxy variables ({@code HTTPS_PROXY}, {@code HTTP_PROXY}, {@code ALL_PROXY},
 * {@code NO_PROXY}, upper or lower case; lower case wins as in curl) and an optional custom CA bundle (a PEM file of
 * one or more certificates) trusted in addition to the system's. TLS is always verified. Loopback addresses never
 * go through a proxy (the embedded demo gateway lives there).
 *
 * @param env      the environment to read proxy variables from (injected; tests pass their own)
 * @param caBundle a PEM file of extra trusted certificates, or null
 */
public record NetworkConfig(Map<String, String> env, Path caBundle) {
    public NetworkConfig {
        env = env == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(env));
    }

    /** This process's environment, no custom CA. */
    public static NetworkConfig fromEnvironment() {
        return new NetworkConfig(System.getenv(), null);
    }

    /** No proxy, no custom CA. */
    public static NetworkConfig direct() {
        return new NetworkConfig(Map.of(), null);
    }

    public NetworkConfig withCaBundle(Path pem) {
        return new NetworkConfig(env, pem);
    }

    /** The proxy a URL would use, as {@code host:port}, or empty for a direct connection: for display. */
    public String proxyFor(String url) {
        return new EnvProxySelector(env).describe(java.net.URI.create(url));
    }
}
