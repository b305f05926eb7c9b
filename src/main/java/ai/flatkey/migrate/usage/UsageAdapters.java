package ai.flatkey.migrate.usage;

import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.Preset;
import okhttp3.OkHttpClient;

/** Chooses the usage adapter for a target by its preset. */
public final class UsageAdapters {
    private UsageAdapters() {
    }

    /**
     * Flatkey (and other new-api gateways) and the demo gateway → new-api routes; OpenRouter; LiteLLM; every other
     * preset → manual.
     *
     * @param key the target key, in memory, or null
     */
    public static UsageAdapter forTarget(Endpoint target, String key, OkHttpClient http) throws UsageException {
        String base = target.baseUrl();
        return switch (Preset.byId(target.preset())) {
            case FLATKEY -> new FlatkeyUsage("flatkey", http, base, key);
            case DEMO -> new FlatkeyUsage("demo", http, base, key);
            case OPENROUTER -> new OpenRouterUsage(http, base, key);
            case LITELLM -> new LiteLlmUsage(http, base, key);
            case OPENAI, DEEPSEEK, GEMINI, GROQ, OLLAMA, LLAMACPP, VLLM, LMSTUDIO, CUSTOM -> UsageAdapter.manual();
        };
    }
}
