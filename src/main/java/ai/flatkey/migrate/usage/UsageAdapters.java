package ai.flatkey.migrate.usage;

import ai.flatkey.migrate.plan.Endpoint;
import okhttp3.OkHttpClient;

/** Chooses the usage adapter for a target by its preset. */
public final class UsageAdapters {
    private UsageAdapters() {
    }

    /**
     * Flatkey and the demo gateway → new-api routes; OpenRouter; LiteLLM; anything else → manual.
     *
     * @param key the target key, in memory, or null
     */
    public static UsageAdapter forTarget(Endpoint target, String key, OkHttpClient http) throws UsageException {
        String base = target.baseUrl();
        return switch (target.preset()) {
            case "flatkey", "newapi", "new-api" -> new FlatkeyUsage("flatkey", http, base, key);
            case "demo" -> new FlatkeyUsage("demo", http, base, key);
            case "openrouter" -> new OpenRouterUsage(http, base, key);
            case "litellm" -> new LiteLlmUsage(http, base, key);
            default -> UsageAdapter.manual();
        };
    }
}
