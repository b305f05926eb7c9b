package ai.flatkey.migrate.usage;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import ai.flatkey.migrate.wire.KeySent;
import ai.flatkey.migrate.wire.OpenAiClient;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A LiteLLM proxy: {@code GET /key/info} (the key's spend and max budget in USD) and {@code GET /spend/logs?request_id=}
 * (a request's model, tokens and spend). Per-response cost also arrives in the {@code x-litellm-response-cost} header.
 * LiteLLM publishes no price list for a key.
 */
public final class LiteLlmUsage extends KeyedUsage {
    /**
     * @param client a client for the proxy (its base URL and key); the routes are read at the base URL's origin
     * @throws UsageException when the base URL is not an http(s) address
     */
    public LiteLlmUsage(OpenAiClient client) throws UsageException {
        super(client);
    }

    @Override
    public String name() {
        return "litellm";
    }

    @Override
    public Optional<KeyQuota> quota() throws UsageException {
        JsonElement body = get("key/info", KeySent.BEARER);
        JsonObject info = Json.object(body, "info");
        if (info == null) {
            return Optional.empty();
        }
        Double spend = Json.number(info, "spend");
        Double max = Json.number(info, "max_budget");
        return Optional.of(new KeyQuota(Json.text(info, "key_alias", "key_name"), max, spend,
                max == null || spend == null ? null : max - spend, max == null, 0));
    }

    @Override
    public Optional<LoggedRequest> lookup(String requestId) throws UsageException {
        if (requestId == null || requestId.isBlank() || key == null) {
            return Optional.empty();
        }
        JsonElement body = get("spend/logs", Map.of("request_id", requestId), KeySent.BEARER);
        JsonElement entry = body != null && body.isJsonArray() && !body.getAsJsonArray().isEmpty() ? body.getAsJsonArray().get(0)
                : body != null && body.isJsonObject() && Json.text(body, "request_id") != null ? body : null;
        if (entry == null) {
            return Optional.empty();
        }
        return Optional.of(new LoggedRequest(Json.text(entry, "request_id"), Json.text(entry, "model"),
                Json.integer(entry, "prompt_tokens"), Json.integer(entry, "completion_tokens"), Json.number(entry, "spend"),
                Json.text(entry, "status") == null ? "" : Json.text(entry, "status"), 0));
    }

    @Override
    public List<ModelPrice> prices() {
        return List.of();
    }
}
