package ai.flatkey.migrate.ui.services;

import ai.flatkey.migrate.wire.ApiException;
import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.ClientConfig;
import ai.flatkey.migrate.wire.ModelList;
import ai.flatkey.migrate.wire.OpenAiClient;
import ai.flatkey.migrate.wire.Transport;

import java.time.Duration;

/** The connection check over the app's OpenAI-compatible client. */
public final class WireConnectionChecker implements ConnectionChecker {

    private final Transport http;

    public WireConnectionChecker(Transport http) {
        this.http = http;
    }

    @Override
    public ModelList listModels(String baseUrl, String apiKey, Cancellation cancel) throws ApiException {
        ClientConfig cfg = new ClientConfig(baseUrl, apiKey, Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(30));
        return http.client(cfg).listModels(cancel);
    }
}
