package ai.flatkey.migrate.usage;

import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.Preset;
import ai.flatkey.migrate.wire.OpenAiClient;

/** Chooses the usage adapter for a target by its preset. */
public final class UsageAdapters {
    private UsageAdapters() {
    }

    /**
     * Flatkey (and other new-api gateways) and the demo gateway → new-api routes; OpenRouter; LiteLLM; every other
     * preset → manual.
     *
     * @param target the plan's target: its preset chooses the adapter
     * @param client a client for the target (its base URL, key, timeouts, proxy and CA): every usage read goes through
     *               it, {@link OpenAiClient#getJson}
     * @throws UsageException when the client's base URL is not an http(s) address
     */
    public static UsageAdapter forTarget(Endpoint target, OpenAiClient client) throws UsageException {
        return switch (Preset.byId(target.preset())) {
            case FLATKEY -> new FlatkeyUsage("flatkey", client);
            case DEMO -> new FlatkeyUsage("demo", client);
            case OPENROUTER -> new OpenRouterUsage(client);
            case LITELLM -> new LiteLlmUsage(client);
            case OPENAI, DEEPSEEK, GEMINI, GROQ, OLLAMA, LLAMACPP, VLLM, LMSTUDIO, CUSTOM -> UsageAdapter.manual();
        };
    }
}
