package ai.flatkey.migrate.ui.step.endpoints;

import ai.flatkey.migrate.plan.Endpoint;

import java.util.Arrays;

/** Target gateways the wizard knows, with their OpenAI-compatible base URL and usual key variable. */
public enum Preset {
    FLATKEY("flatkey", "Flatkey", Endpoint.FLATKEY_BASE_URL, "FLATKEY_API_KEY"),
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

    Preset(String id, String label, String baseUrl, String envVar) {
        this.id = id;
        this.label = label;
        this.baseUrl = baseUrl;
        this.envVar = envVar;
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

    public static Preset byId(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst().orElse(CUSTOM);
    }

    @Override
    public String toString() {
        return label;
    }
}
