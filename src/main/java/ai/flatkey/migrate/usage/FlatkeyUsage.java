package ai.flatkey.migrate.usage;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import ai.flatkey.migrate.wire.KeySent;
import ai.flatkey.migrate.wire.OpenAiClient;
import ai.flatkey.migrate.wire.Redactor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Flatkey and other new-api gateways (and the embedded demo gateway, which serves the same routes):
 * {@code GET /api/usage/token} (the key's quota), {@code GET /api/log/token} (the key's request log; with the key as
 * a Bearer header, or as {@code ?key=} — new-api's documented form — when the header is refused),
 * {@code GET /api/website/pricing} or {@code /api/pricing} (public prices). new-api counts quota in units of
 * {@link #QUOTA_PER_USD} per US dollar.
 */
public final class FlatkeyUsage extends KeyedUsage {
    /** new-api's default: 500,000 quota units make one US dollar. */
    public static final double QUOTA_PER_USD = 500_000.0;

    private final String name;

    /**
     * @param client a client for the gateway (its base URL and key); the routes are read at the base URL's origin
     * @throws UsageException when the base URL is not an http(s) address
     */
    public FlatkeyUsage(String name, OpenAiClient client) throws UsageException {
        super(client);
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<KeyQuota> quota() throws UsageException {
        JsonElement body = get("api/usage/token", KeySent.BEARER);
        if (body == null) {
            return Optional.empty();
        }
        JsonObject data = Json.object(body, "data");
        if (data == null) {
            throw new UsageException("/api/usage/token answered without a data object"
                    + message(body) + ".", null);
        }
        boolean unlimited = Boolean.TRUE.equals(Json.bool(data, "unlimited_quota"));
        Double granted = usd(Json.number(data, "total_granted"));
        Double used = usd(Json.number(data, "total_used"));
        Double available = usd(Json.number(data, "total_available"));
        Double expires = Json.number(data, "expires_at");
        return Optional.of(new KeyQuota(Json.text(data, "name"), granted, used, available, unlimited,
                expires == null || expires < 0 ? 0 : expires.longValue()));
    }

    @Override
    public Optional<LoggedRequest> lookup(String requestId) throws UsageException {
        if (requestId == null || requestId.isBlank() || key == null) {
            return Optional.empty();
        }
        // Bearer first; new-api's documented form takes the key as ?key= — used only when the header is refused.
        JsonElement body;
        try {
            body = get("api/log/token", KeySent.BEARER);
            if (body != null && Boolean.FALSE.equals(Json.bool(body, "success"))) {
                body = get("api/log/token", KeySent.QUERY);
            }
        } catch (UsageException e) {
            if (!refused(e)) {
                throw e;
            }
            body = get("api/log/token", KeySent.QUERY);
        }
        if (body == null) {
            throw new UsageException("this gateway has no /api/log/token route (HTTP 404), so requests cannot be looked up"
                    + " automatically; confirm them in its dashboard.", null);
        }
        JsonElement data = Json.get(body, "data");
        JsonArray items = data == null ? null : data.isJsonArray() ? data.getAsJsonArray()
                : Json.get(data, "items") != null && Json.get(data, "items").isJsonArray() ? Json.get(data, "items").getAsJsonArray() : null;
        if (items == null) {
            if (Boolean.FALSE.equals(Json.bool(body, "success"))) {
                throw new UsageException("/api/log/token refused" + message(body) + ".", null);
            }
            return Optional.empty();
        }
        for (JsonElement item : items) {
            JsonElement other = Json.embedded(item, "other");
            String id = Json.text(item, "request_id");
            if (id == null && other != null) {
                id = Json.text(other, "request_id");
            }
            if (requestId.equals(id)) {
                Integer type = Json.integer(item, "type");
                return Optional.of(new LoggedRequest(id, Json.text(item, "model_name", "model"),
                        Json.integer(item, "prompt_tokens"), Json.integer(item, "completion_tokens"),
                        usd(Json.number(item, "quota")), type == null ? "" : type == 2 ? "success" : type == 5 ? "error" : "type " + type,
                        longOr0(Json.number(item, "created_at"))));
            }
        }
        return Optional.empty();
    }

    @Override
    public List<ModelPrice> prices() throws UsageException {
        JsonElement body = get("api/website/pricing", KeySent.NONE);
        if (body == null) {
            body = get("api/pricing", KeySent.NONE);
        }
        if (body == null) {
            return List.of();
        }
        JsonElement data = Json.get(body, "data");
        if (data == null || !data.isJsonArray()) {
            return List.of();
        }
        List<ModelPrice> prices = new ArrayList<>();
        for (JsonElement item : data.getAsJsonArray()) {
            String model = Json.text(item, "model_name", "model", "id");
            if (model == null) {
                continue;
            }
            Double in = Json.number(item, "input_per_1m", "input_price_per_1m", "input");
            Double out = Json.number(item, "output_per_1m", "output_price_per_1m", "output");
            Double perRequest = Json.number(item, "per_request", "model_price");
            if (in == null || out == null) {
                // new-api ratios: model_ratio 1 = $2 per 1M input tokens; completion_ratio multiplies it for output
                Double ratio = Json.number(item, "model_ratio");
                Double completion = Json.number(item, "completion_ratio");
                if (ratio != null) {
                    in = ratio * 2.0;
                    out = ratio * 2.0 * (completion == null ? 1.0 : completion);
                }
            }
            if (in != null && out != null) {
                prices.add(new ModelPrice(model, in, out, perRequest == null ? 0 : perRequest, "gateway"));
            } else if (perRequest != null && perRequest > 0) {
                prices.add(new ModelPrice(model, 0, 0, perRequest, "gateway"));
            }
        }
        return prices;
    }

    private static Double usd(Double quota) {
        return quota == null ? null : quota / QUOTA_PER_USD;
    }

    private static long longOr0(Double d) {
        return d == null ? 0 : d.longValue();
    }

    private String message(JsonElement body) {
        String m = Json.text(body, "message");
        return m == null || m.isBlank() ? "" : ": " + Redactor.redact(m, key);
    }
}
