package ai.flatkey.migrate.ui.services;

import ai.flatkey.migrate.wire.ApiException;
import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.ModelList;

/** Lists a gateway's models ({@code GET /models}): the live connection check. Blocking; call off the UI thread. */
@FunctionalInterface
public interface ConnectionChecker {
    ModelList listModels(String baseUrl, String apiKey, Cancellation cancel) throws ApiException;
}
