package ai.flatkey.migrate.demo;

import java.util.function.Consumer;

/**
 * Settings a {@link DemoGateway} takes besides its public {@link DemoConfig}: the rate-limit policy and a listener
 * told how every stream ended.
 */
record GatewayOptions(RateLimiter.Policy rateLimit, Consumer<StreamOutcome> streamListener) {

    static GatewayOptions defaults() {
        return new GatewayOptions(RateLimiter.Policy.standard(), outcome -> { });
    }

    GatewayOptions withRateLimit(RateLimiter.Policy policy) {
        return new GatewayOptions(policy, streamListener);
    }

    GatewayOptions withStreamListener(Consumer<StreamOutcome> listener) {
        return new GatewayOptions(rateLimit, listener);
    }
}
