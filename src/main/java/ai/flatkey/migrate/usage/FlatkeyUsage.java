package ai.flatkey.migrate.usage;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import ai.flatkey.migrate.wire.KeySent;
import ai.flatkey.migrate.wire.OpenAiClient;
import ai.flatkey.migrate.wire.Redactor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Flatkey and other new-api gateways (and the embedded demo gateway, which serves the same routes):
 * {@code GET /api/usage/token} (the key's quota; on older gateways {@code /v1/dashboard/billing/subscription} and
 * {@code /usage}), {@code GET /api/log/token} (the key's request log; with the key as a Bearer header, or as
 * {@code ?key=} — new-api's documented form — when the header is refused), {@code GET /api/website/pricing} or
 * {@code /api/pricing} (public prices: USD per 1M tokens, or new-api's ratios and per-call prices), and
 * {@code GET /api/status} (the gateway's unit: {@code quota_per_unit} quota units per US dollar, new-api's default
 * {@link #QUOTA_PER_USD}).
 */
public final class FlatkeyUsage extends KeyedUsage {
    /** new-api's default unit: 500,000 quota units make one US dollar (a gateway may publish another). */
    public static final double QUOTA_PER_USD = 500_000.0;

    /**
     * The gateway's unit, from {@code GET /api/status}.
     *
     * @param quotaPerUnit   quota units per US dollar
     * @param displayType    how the gateway shows amounts: {@code USD}, {@code CNY}, {@code TOKENS} (its dashboard
     *                       billing routes answer in that unit)
     * @param usdExchangeRate the gateway's CNY per USD
     * @param published      whether the gateway published them (false: new-api's defaults are assumed)
     */
    public record Units(double quotaPerUnit, String displayType, double usdExchangeRate, boolean published) {
        static final Units DEFAULT = new Units(QUOTA_PER_USD, "USD", 1, false);

        double usd(double quota) {
            return quota / quotaPerUnit;
        }

        /** An amount as the dashboard billing routes show it, in US dollars. */
        double displayedToUsd(double amount) {
            return switch (displayType) {
                case "CNY" -> usdExchangeRate > 0 ? amount / usdExchangeRate : amount;
                case "TOKENS" -> amount / quotaPerUnit;
                default -> amount;
            };
        }
    }

    private final String name;
    private Units units;

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

    /** The gateway's unit; new-api's defaults when it does not publish {@code /api/status} (read once). */
    public synchronized Units units() {
        if (units != null) {
            return units;
        }
        Units read = Units.DEFAULT;
        try {
            JsonObject data = Json.object(get("api/status", KeySent.NONE), "data");
            Double perUnit = Json.number(data, "quota_per_unit");
            if (perUnit != null && perUnit > 0) {
                String display = Json.text(data, "quota_display_type");
                if (display == null || display.isBlank()) {
                    display = Boolean.FALSE.equals(Json.bool(data, "display_in_currency")) ? "TOKENS" : "USD";
                }
                Double rate = Json.number(data, "usd_exchange_rate");
                read = new Units(perUnit, display.toUpperCase(Locale.ROOT), rate == null ? 1 : rate, true);
            }
        } catch (UsageException e) {
            // No status route: new-api's defaults.
        }
        units = read;
        return read;
    }

    @Override
    public Optional<KeyQuota> quota() throws UsageException {
        JsonElement body = get("api/usage/token", KeySent.BEARER);
        if (body == null) {
            return dashboardQuota();
        }
        JsonObject data = Json.object(body, "data");
        if (data == null) {
            throw new UsageException("/api/usage/token answered without a data object"
                    + message(body) + ".", null);
        }
        Units u = units();
        boolean unlimited = Boolean.TRUE.equals(Json.bool(data, "unlimited_quota"));
        Double granted = usd(u, Json.number(data, "total_granted"));
        Double used = usd(u, Json.number(data, "total_used"));
        Double available = usd(u, Json.number(data, "total_available"));
        Double expires = Json.number(data, "expires_at");
        return Optional.of(new KeyQuota(Json.text(data, "name"), granted, used, available, unlimited,
                expires == null || expires < 0 ? 0 : expires.longValue()));
    }

    /**
     * Older gateways: OpenAI's former dashboard billing routes, in the gateway's display unit; an error comes as
     * HTTP 200 with an {@code error} object.
     */
    private Optional<KeyQuota> dashboardQuota() throws UsageException {
        JsonElement subscription = get("v1/dashboard/billing/subscription", KeySent.BEARER);
        if (subscription == null) {
            return Optional.empty();
        }
        refusedInBody(subscription, "/v1/dashboard/billing/subscription");
        Units u = units();
        Double limit = Json.number(subscription, "hard_limit_usd", "soft_limit_usd", "system_hard_limit_usd");
        boolean unlimited = limit != null && limit >= 100_000_000;
        Double granted = limit == null || unlimited ? null : u.displayedToUsd(limit);
        Double used = null;
        JsonElement usage = get("v1/dashboard/billing/usage", KeySent.BEARER);
        if (usage != null) {
            refusedInBody(usage, "/v1/dashboard/billing/usage");
            Double cents = Json.number(usage, "total_usage");
            used = cents == null ? null : u.displayedToUsd(cents / 100.0);
        }
        Double available = granted == null || used == null ? null : granted - used;
        Double expires = Json.number(subscription, "access_until");
        return Optional.of(new KeyQuota("", granted, used, available, unlimited,
                expires == null || expires < 0 ? 0 : expires.longValue()));
    }

    private void refusedInBody(JsonElement body, String route) throws UsageException {
        JsonObject error = Json.object(body, "error");
        if (error != null) {
            String m = Json.text(error, "message");
            throw new UsageException(route + " answered with an error" + (m == null || m.isBlank() ? ""
                    : ": " + Redactor.redact(m, key)) + ".", null);
        }
    }

    @Override
    public Optional<LoggedRequest> lookup(String requestId) throws UsageException {
        return lookupAny(List.of(requestId)).map(Found::logged);
    }

    /**
     * Reads the key's log once and finds the request by the gateway's own ID (the log's {@code request_id}, the
     * {@code X-Oneapi-Request-Id} it answered with), trying {@code ids} in order, then by the upstream's ID (newer
     * new-api also logs {@code upstream_request_id}).
     */
    @Override
    public Optional<Found> lookupAny(List<String> ids) throws UsageException {
        List<String> wanted = ids.stream().filter(id -> id != null && !id.isBlank()).toList();
        if (wanted.isEmpty() || key == null) {
            return Optional.empty();
        }
        JsonArray items = logItems();
        if (items == null) {
            return Optional.empty();
        }
        for (String field : List.of("request_id", "upstream_request_id")) {
            for (String id : wanted) {
                for (JsonElement item : items) {
                    if (id.equals(logged(item, field))) {
                        return Optional.of(new Found(id, entry(item, field)));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private JsonArray logItems() throws UsageException {
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
        JsonElement items = data == null ? null : data.isJsonArray() ? data : Json.get(data, "items");
        if (items == null || !items.isJsonArray()) {
            if (Boolean.FALSE.equals(Json.bool(body, "success"))) {
                throw new UsageException("/api/log/token refused" + message(body) + ".", null);
            }
            return null;
        }
        return items.getAsJsonArray();
    }

    /** A log field, also looked for in new-api's {@code other} (a JSON text). */
    private static String logged(JsonElement item, String field) {
        String id = Json.text(item, field);
        if (id == null || id.isBlank()) {
            JsonElement other = Json.embedded(item, "other");
            id = other == null ? null : Json.text(other, field);
        }
        return id;
    }

    private LoggedRequest entry(JsonElement item, String field) {
        Integer type = Json.integer(item, "type");
        Double quota = Json.number(item, "quota");
        return new LoggedRequest(logged(item, "request_id"), Json.text(item, "model_name", "model"),
                Json.integer(item, "prompt_tokens"), Json.integer(item, "completion_tokens"), usd(units(), quota),
                type == null ? "" : type == 2 ? "success" : type == 5 ? "error" : "type " + type,
                longOr0(Json.number(item, "created_at")), quota == null ? null : Math.round(quota), field);
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
        double groupRatio = groupRatio(Json.object(body, "group_ratio"));
        List<ModelPrice> prices = new ArrayList<>();
        for (JsonElement item : data.getAsJsonArray()) {
            String model = Json.text(item, "model_name", "model", "id");
            if (model == null) {
                continue;
            }
            Double in = Json.number(item, "input_per_1m", "input_price_per_1m", "input");
            Double out = Json.number(item, "output_per_1m", "output_price_per_1m", "output");
            Double perRequest = Json.number(item, "per_request");
            if (in != null && out != null) {
                // dollar prices, charged in the gateway's quota units (new-api rounds to a unit, at least one)
                prices.add(ModelPrice.inUnits(model, in, out, perRequest == null ? 0 : perRequest,
                        units().quotaPerUnit()));
                continue;
            }
            QuotaFormula formula = formula(item, groupRatio);
            if (formula != null) {
                prices.add(ModelPrice.of(model, formula));
            } else if (perRequest != null && perRequest > 0) {
                prices.add(ModelPrice.inUnits(model, 0, 0, perRequest, units().quotaPerUnit()));
            }
        }
        return prices;
    }

    /** new-api's price of a model: {@code quota_type} 1 with {@code model_price}, else the ratios. */
    private QuotaFormula formula(JsonElement item, double groupRatio) {
        Integer type = Json.integer(item, "quota_type");
        Double modelPrice = Json.number(item, "model_price");
        Double ratio = Json.number(item, "model_ratio");
        Double completion = Json.number(item, "completion_ratio");
        double perUnit = units().quotaPerUnit();
        boolean perCall = type != null ? type == 1 : ratio == null && modelPrice != null && modelPrice > 0;
        if (perCall && modelPrice != null) {
            return new QuotaFormula(1, 0, 0, modelPrice, groupRatio, perUnit);
        }
        if (ratio != null) {
            return new QuotaFormula(0, ratio, completion == null ? 1 : completion, 0, groupRatio, perUnit);
        }
        return null;
    }

    /**
     * The group ratio that applies to a key: new-api's {@code /api/pricing} lists the ratios of the groups the caller
     * may use; a key in the {@code default} group pays that one; a single group is the only choice; else 1.
     */
    static double groupRatio(JsonObject groups) {
        if (groups == null || groups.size() == 0) {
            return 1;
        }
        Double ratio = Json.number(groups, "default");
        if (ratio == null && groups.size() == 1) {
            Map.Entry<String, JsonElement> only = groups.entrySet().iterator().next();
            ratio = Json.number(groups, only.getKey());
        }
        return ratio == null || ratio < 0 ? 1 : ratio;
    }

    private static Double usd(Units units, Double quota) {
        return quota == null ? null : units.usd(quota);
    }

    private static long longOr0(Double d) {
        return d == null ? 0 : d.longValue();
    }

    private String message(JsonElement body) {
        String m = Json.text(body, "message");
        return m == null || m.isBlank() ? "" : ": " + Redactor.redact(m, key);
    }
}
