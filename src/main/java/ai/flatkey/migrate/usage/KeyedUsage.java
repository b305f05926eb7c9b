package ai.flatkey.migrate.usage;

import ai.flatkey.migrate.wire.ApiException;
import ai.flatkey.migrate.wire.FailureKind;
import ai.flatkey.migrate.wire.KeySent;
import ai.flatkey.migrate.wire.OpenAiClient;
import com.google.gson.JsonElement;

import java.util.Map;

/**
 * What the gateway adapters share: the key (in memory) and the one network path, {@link OpenAiClient#getJson} (its
 * timeouts, proxy, CA, redaction and plain-language failures), and "lookups need a key".
 */
abstract class KeyedUsage implements UsageAdapter {
    protected final String key;
    private final OpenAiClient client;

    /** @throws UsageException when the client's base URL is not an http(s) address */
    KeyedUsage(OpenAiClient client) throws UsageException {
        this.client = client;
        this.key = client.config().apiKey();
        try {
            client.origin();
        } catch (ApiException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    /**
     * {@code GET} a route at the gateway's origin.
     *
     * @return the JSON document, or null on 404 (the route or the record is not there)
     */
    protected JsonElement get(String path, Map<String, String> query, KeySent keySent) throws UsageException {
        try {
            return client.getJson(path, query, keySent, null).orElse(null);
        } catch (ApiException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    protected JsonElement get(String path, KeySent keySent) throws UsageException {
        return get(path, Map.of(), keySent);
    }

    /** Whether the gateway refused the request itself (the key, or its form), rather than failing to answer. */
    protected static boolean refused(UsageException e) {
        if (!(e.getCause() instanceof ApiException api)) {
            return false;
        }
        FailureKind kind = api.kind();
        return kind == FailureKind.AUTHENTICATION || kind == FailureKind.PERMISSION || kind == FailureKind.BAD_REQUEST;
    }

    @Override
    public boolean canLookUp() {
        return key != null;
    }

    @Override
    public boolean canReadQuota() {
        return key != null;
    }
}
