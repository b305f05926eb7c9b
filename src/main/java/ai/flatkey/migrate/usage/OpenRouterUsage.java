package ai.flatkey.migrate.usage;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import ai.flatkey.migrate.wire.KeySent;
import ai.flatkey.migrate.wire.OpenAiClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * OpenRouter: {@code GET /api/v1/key} (usage and limit in USD), {@code GET /api/v1/generation?id=} (a request's
 * model, native token counts and cost; it appears a few seconds after the request, so callers poll with a bound),
 * and prices from {@code GET /api/v1/models} (USD per token, as strings).
 */
public final class OpenRouterUsage extends KeyedUsage {
    private static final String API = "api/v1/";

    /**
     * @param client a client for OpenRouter (its base URL and key); the routes are read under the origin's /api/v1
     * @throws UsageException when the base URL is not an http(s) address
     */
    public OpenRouterUsage(OpenAiClient client) throws UsageException {
        super(client);
    }

    @Override
    public String name() {
        return "openrouter";
    }

    @Override
    public Optional<KeyQuota> quota() throws UsageException {
        JsonObject data = Json.object(get(API + "key", KeySent.BEARER), "data");
        if (data == null) {
            return Optional.empty();
        }
        Double limit = Json.number(data, "limit");
        Double usage = Json.number(data, "usage");
        Double remaining = Json.number(data, "limit_remaining");
        if (remaining == null && limit != null && usage != null) {
            remaining = limit - usage;
        }
        return Optional.of(new KeyQuota(Json.text(data, "label"), limit, usage, remaining, limit == null, 0));
    }

    @Override
    public Optional<LoggedRequest> lookup(String requestId) throws UsageException {
        if (requestId == null || requestId.isBlank() || key == null) {
            return Optional.empty();
        }
        JsonObject data = Json.object(get(API + "generation", Map.of("id", requestId), KeySent.BEARER), "data");
        if (data == null) {
            return Optional.empty();
        }
        Integer prompt = Json.integer(data, "tokens_prompt", "native_tokens_prompt");
        Integer completion = Json.integer(data, "tokens_completion", "native_tokens_completion");
        String finish = Json.text(data, "finish_reason");
        return Optional.of(new LoggedRequest(Json.text(data, "id") == null ? requestId : Json.text(data, "id"),
                Json.text(data, "model"), prompt, completion, Json.number(data, "total_cost", "usage"),
                finish == null ? "" : finish, 0));
    }

    @Override
    public List<ModelPrice> prices() throws UsageException {
        JsonElement body = get(API + "models", KeySent.NONE);
        JsonElement data = Json.get(body, "data");
        List<ModelPrice> prices = new ArrayList<>();
        if (data == null || !data.isJsonArray()) {
            return prices;
        }
        for (JsonElement m : data.getAsJsonArray()) {
            JsonObject pricing = Json.object(m, "pricing");
            String id = Json.text(m, "id");
            Double prompt = Json.number(pricing, "prompt");
            Double completion = Json.number(pricing, "completion");
            Double request = Json.number(pricing, "request");
            if (id != null && prompt != null && completion != null) {
                prices.add(new ModelPrice(id, prompt * 1_000_000, completion * 1_000_000, request == null ? 0 : request, "gateway"));
            }
        }
        return prices;
    }
}
