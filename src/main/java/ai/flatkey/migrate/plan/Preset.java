package ai.flatkey.migrate.plan;

import java.util.Arrays;
import java.util.List;

/**
 * The gateways a plan's endpoint can name in its {@code preset} field, with their OpenAI-compatible base URL and usual
 * key variable. The one list of presets: the wizard offers them, {@code usage} picks its adapter by them. An ID the
 * list does not know reads as {@link #CUSTOM}.
 */
public enum Preset {
    /** Flatkey, or any gateway built on new-api (Flatkey is deployed from a fork of it): the IDs {@code newapi} and
     * {@code new-api} read as this preset. */
    FLATKEY("flatkey", "Flatkey", Endpoint.FLATKEY_BASE_URL, "FLATKEY_API_KEY", "newapi", "new-api"),
    OPENAI("openai", "OpenAI", "https://api.openai.com/v1", "OPENAI_API_KEY"),
    OPENROUTER("openrouter", "OpenRouter", "https://openrouter.ai/api/v1", "OPENROUTER_API_KEY"),
    LITELLM("litellm", "LiteLLM proxy", "http://localhost:4000/v1", "LITELLM_API_KEY"),
    DEEPSEEK("deepseek", "DeepSeek", "https://api.deepseek.com/v1", "DEEPSEEK_API_KEY"),
    GEMINI("gemini", "Gemini (OpenAI-compatible endpoint)", "https://generativelanguage.googleapis.com/v1beta/openai", "GEMINI_API_KEY"),
    GROQ("groq", "Groq", "https://api.groq.com/openai/v1", "GROQ_API_KEY"),
    OLLAMA("ollama", "Local server (Ollama)", "http://localhost:11434/v1", ""),
    LLAMACPP("llamacpp", "Local server (llama.cpp)", "http://localhost:8080/v1", ""),
    VLLM("vllm", "Local server (vLLM)", "http://localhost:8000/v1", ""),
    LMSTUDIO("lmstudio", "Local server (LM Studio)", "http://localhost:1234/v1", ""),
    CUSTOM("custom", "Custom gateway", "", ""),
    DEMO("demo", "Embedded demo gateway (offline)", "", "");

    private final String id;
    private final String label;
    private final String baseUrl;
    private final String envVar;
    private final List<String> aliases;

    Preset(String id, String label, String baseUrl, String envVar, String... aliases) {
        this.id = id;
        this.label = label;
        this.baseUrl = baseUrl;
        this.envVar = envVar;
        this.aliases = List.of(aliases);
    }

    /** The value stored in the plan's {@code preset} field. */
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** The fixed base URL, or empty for custom and demo (the demo's port is chosen when it starts). */
    public String baseUrl() {
        return baseUrl;
    }

    /** The environment variable that usually holds this gateway's key, or empty when no key is needed. */
    public String envVar() {
        return envVar;
    }

    /** The preset a plan's {@code preset} field names (its ID or an older alias); {@link #CUSTOM} for anything else. */
    public static Preset byId(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id) || p.aliases.contains(id)).findFirst().orElse(CUSTOM);
    }

    @Override
    public String toString() {
        return label;
    }
}
