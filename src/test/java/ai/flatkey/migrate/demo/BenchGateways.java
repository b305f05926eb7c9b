package ai.flatkey.migrate.demo;

import java.io.IOException;
import java.time.Duration;

/** Demo gateways for benchmarks in other packages: one key may call as often as the machine allows. */
public final class BenchGateways {
    private BenchGateways() {
    }

    /** A demo gateway whose request rate limit (600 a minute per key by default) is out of a benchmark's reach. */
    public static DemoGateway withoutRequestLimit(DemoConfig config) throws IOException {
        return DemoGateway.start(config, GatewayOptions.defaults()
                .withRateLimit(new RateLimiter.Policy(Integer.MAX_VALUE, Duration.ofMinutes(1))));
    }
}
