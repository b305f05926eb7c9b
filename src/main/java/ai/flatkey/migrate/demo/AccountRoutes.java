package ai.flatkey.migrate.demo;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The Flatkey (new-api) key-scoped routes, read from the {@link Ledger}:
 * <ul>
 *   <li>{@code GET /v1/credits}: the key's balance in US dollars;</li>
 *   <li>{@code GET /v1/status}: whether the key is active or out of quota, with its limits;</li>
 *   <li>{@code GET /api/usage/token}: new-api's token usage, in quota units;</li>
 *   <li>{@code GET /api/log/token}: new-api's log of the key's requests;</li>
 *   <li>{@code GET /api/website/pricing} (public): every model's price, per 1M tokens and as new-api ratios.</li>
 * </ul>
 */
final class AccountRoutes {

    /** new-api's price unit: a model ratio of 1 costs $2 per 1M input tokens. */
    private static final BigDecimal USD_PER_MILLION_AT_RATIO_ONE = BigDecimal.valueOf(2);

    private AccountRoutes() {
    }

    static JsonObject credits(Ledger.Balance balance, Tariff tariff) {
        JsonObject root = new JsonObject();
        root.addProperty("object", "credits");
        root.addProperty("currency", "USD");
        root.addProperty("total_granted", tariff.usd(balance.granted()));
        root.addProperty("total_used", tariff.usd(balance.used()));
        root.addProperty("total_available", tariff.usd(balance.available()));
        root.addProperty("unlimited_quota", balance.unlimited());
        return root;
    }

    static JsonObject status(Ledger.Balance balance, KeyPlan plan, List<String> models, Tariff tariff) {
        JsonObject root = new JsonObject();
        root.addProperty("object", "key_status");
        root.addProperty("status", balance.unlimited() || balance.available() > 0 ? "active" : "exhausted");
        root.addProperty("name", balance.name());
        root.addProperty("unlimited_quota", balance.unlimited());
        root.addProperty("total_available", tariff.usd(balance.available()));
        root.addProperty("expires_at", 0);
        JsonObject limits = new JsonObject();
        limits.addProperty("requests_per_minute", perMinute(plan.requests()));
        limits.addProperty("tokens_per_minute", perMinute(plan.tokens()));
        root.add("rate_limits", limits);
        JsonArray ids = new JsonArray();
        models.forEach(ids::add);
        root.add("models", ids);
        return root;
    }

    static JsonObject usageToken(Ledger.Balance balance) {
        JsonObject data = new JsonObject();
        data.addProperty("object", "token_usage");
        data.addProperty("name", balance.name());
        data.addProperty("total_granted", balance.granted());
        data.addProperty("total_used", balance.used());
        data.addProperty("total_available", balance.available());
        data.addProperty("unlimited_quota", balance.unlimited());
        data.add("model_limits", new JsonObject());
        data.addProperty("model_limits_enabled", false);
        data.addProperty("expires_at", 0);
        JsonObject root = new JsonObject();
        root.addProperty("code", true);
        root.addProperty("message", "ok");
        root.add("data", data);
        return root;
    }

    static JsonObject logToken(String tokenName, List<Ledger.Entry> entries, Tariff tariff, Catalog catalog) {
        JsonArray data = new JsonArray();
        for (Ledger.Entry entry : entries) {
            JsonObject log = new JsonObject();
            log.addProperty("id", entry.id());
            log.addProperty("created_at", entry.createdAt());
            log.addProperty("type", entry.status() == 200 ? 2 : 5);
            log.addProperty("content", entry.content());
            log.addProperty("username", "demo");
            log.addProperty("token_name", tokenName);
            log.addProperty("model_name", entry.model());
            log.addProperty("quota", entry.quota());
            if (!tariff.newApi()) {
                log.addProperty("cost_usd", tariff.usd(entry.quota()));
            }
            log.addProperty("prompt_tokens", entry.promptTokens());
            log.addProperty("completion_tokens", entry.completionTokens());
            log.addProperty("use_time", 0);
            log.addProperty("is_stream", entry.stream());
            log.addProperty("channel", 1);
            log.addProperty("group", "default");
            log.addProperty("request_id", entry.requestId());
            if (tariff.newApi()) {
                // new-api keeps the prices it charged by in "other", a JSON text.
                JsonObject other = new JsonObject();
                catalog.find(entry.model()).ifPresent(model -> {
                    other.addProperty("model_ratio", tariff.modelRatio(model));
                    other.addProperty("completion_ratio", tariff.completionRatio(model));
                    other.addProperty("model_price", tariff.quotaType(model) == 1 ? tariff.modelPrice(model) : -1);
                });
                other.addProperty("group_ratio", tariff.groupRatio());
                log.addProperty("other", Json.write(other));
            } else {
                log.addProperty("endpoint", entry.endpoint());
                log.addProperty("status", entry.status());
            }
            data.add(log);
        }
        JsonObject root = new JsonObject();
        root.addProperty("success", true);
        root.addProperty("message", "");
        root.add("data", data);
        return root;
    }

    static JsonObject pricing(List<CatalogModel> models) {
        JsonArray data = new JsonArray();
        for (CatalogModel model : models) {
            BigDecimal input = BigDecimal.valueOf(model.inputPerMillionUsd());
            BigDecimal output = BigDecimal.valueOf(model.outputPerMillionUsd());
            JsonObject price = new JsonObject();
            price.addProperty("model_name", model.id());
            price.addProperty("owner_by", model.ownedBy());
            price.addProperty("quota_type", model.perCall() ? 1 : 0);
            price.addProperty("model_ratio", input.divide(USD_PER_MILLION_AT_RATIO_ONE, 6, RoundingMode.HALF_UP)
                    .stripTrailingZeros());
            price.addProperty("completion_ratio", input.signum() == 0 ? BigDecimal.ONE
                    : output.divide(input, 6, RoundingMode.HALF_UP).stripTrailingZeros());
            price.addProperty("model_price", model.perCall() ? (Number) model.perCallUsd() : (Number) 0);
            price.addProperty("input_price_per_1m", input);
            price.addProperty("output_price_per_1m", output);
            if (model.perCall()) {
                price.addProperty("per_request", model.perCallUsd());
            }
            price.addProperty("currency", "USD");
            JsonArray endpoints = new JsonArray();
            if (model.chat()) {
                endpoints.add("openai");
                endpoints.add("openai-response");
            } else {
                endpoints.add(model.family().endpointType());
            }
            price.add("supported_endpoint_types", endpoints);
            data.add(price);
        }
        JsonObject root = new JsonObject();
        root.addProperty("success", true);
        root.addProperty("message", "");
        root.add("data", data);
        return root;
    }

    /**
     * new-api's {@code GET /api/pricing}: per model {@code quota_type} (0 per token, 1 per call), {@code model_ratio},
     * {@code completion_ratio}, {@code model_price}, {@code enable_groups}; at the top, {@code group_ratio} and
     * {@code usable_group}.
     */
    static JsonObject newApiPricing(List<CatalogModel> models, Tariff tariff) {
        JsonArray data = new JsonArray();
        for (CatalogModel model : models) {
            JsonObject price = new JsonObject();
            price.addProperty("model_name", model.id());
            price.addProperty("quota_type", tariff.quotaType(model));
            price.addProperty("model_ratio", tariff.quotaType(model) == 1 ? BigDecimal.ZERO : tariff.modelRatio(model));
            price.addProperty("model_price", tariff.modelPrice(model));
            price.addProperty("owner_by", model.ownedBy());
            price.addProperty("completion_ratio", tariff.quotaType(model) == 1 ? BigDecimal.ZERO
                    : tariff.completionRatio(model));
            JsonArray groups = new JsonArray();
            groups.add("default");
            price.add("enable_groups", groups);
            JsonArray endpoints = new JsonArray();
            endpoints.add(model.family().endpointType());
            price.add("supported_endpoint_types", endpoints);
            data.add(price);
        }
        JsonObject groupRatio = new JsonObject();
        groupRatio.addProperty("default", tariff.groupRatio());
        JsonObject usable = new JsonObject();
        usable.addProperty("default", "default group");
        JsonObject root = new JsonObject();
        root.addProperty("success", true);
        root.add("data", data);
        root.add("group_ratio", groupRatio);
        root.add("usable_group", usable);
        return root;
    }

    /** new-api's public {@code GET /api/status}: the site's unit and how it displays amounts. */
    static JsonObject newApiStatus(Tariff tariff) {
        JsonObject data = new JsonObject();
        data.addProperty("version", "v0.9.0-demo");
        data.addProperty("system_name", "New API (demo)");
        data.addProperty("quota_per_unit", tariff.quotaPerUsd());
        data.addProperty("display_in_currency", true);
        data.addProperty("quota_display_type", "USD");
        data.addProperty("usd_exchange_rate", 7.3);
        data.addProperty("price", 7.3);
        JsonObject root = new JsonObject();
        root.addProperty("success", true);
        root.addProperty("message", "");
        root.add("data", data);
        return root;
    }

    /** A new-api style error: {@code {"success": false, "message": ...}} at top level, not OpenAI's shape. */
    static JsonObject failure(String message) {
        JsonObject root = new JsonObject();
        root.addProperty("success", false);
        root.addProperty("message", message);
        return root;
    }

    private static long perMinute(RateLimiter.Policy policy) {
        return Math.round(policy.requests() * 60_000.0 / policy.window().toMillis());
    }
}
