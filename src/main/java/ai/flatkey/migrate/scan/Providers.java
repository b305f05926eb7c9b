package ai.flatkey.migrate.scan;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Names the provider behind a base URL, an SDK class or a LiteLLM model prefix, so that each provider an app talks to is
 * its own inventory row. Where the name depends on configuration the analyser has not read yet (a base URL from an
 * environment variable, a client left at its default), the analyser records a <em>reference</em> ({@link #ref}) that
 * {@link Scanner} resolves against the whole tree's configuration ({@link #resolve}); references never reach a result.
 */
final class Providers {

    static final String OPENAI = "OpenAI";
    static final String AZURE = "Azure OpenAI";
    /** The prefix of a provider whose base URL is read from data while the app runs. */
    static final String RUNTIME = "run-time data: ";
    /** The prefix of a provider whose base URL is read from configuration the scan did not find. */
    static final String FROM_ENV = "base URL from ";
    private static final String REF = "\u0000ref|";

    /** Known hosts (or host suffixes) and the provider each belongs to. */
    private static final List<Map.Entry<String, String>> HOSTS = List.of(
            Map.entry("api.openai.com", OPENAI),
            Map.entry("api.groq.com", "Groq"),
            Map.entry("api.mistral.ai", "Mistral"),
            Map.entry("api.deepseek.com", "DeepSeek"),
            Map.entry("openrouter.ai", "OpenRouter"),
            Map.entry("api.together.xyz", "Together AI"),
            Map.entry("api.together.ai", "Together AI"),
            Map.entry("api.fireworks.ai", "Fireworks AI"),
            Map.entry("generativelanguage.googleapis.com", "Google Gemini"),
            Map.entry("api.anthropic.com", "Anthropic"),
            Map.entry("api.x.ai", "xAI"),
            Map.entry("api.perplexity.ai", "Perplexity"),
            Map.entry("api.cohere.ai", "Cohere"),
            Map.entry("api.cohere.com", "Cohere"),
            Map.entry("api.deepinfra.com", "DeepInfra"),
            Map.entry("api.cerebras.ai", "Cerebras"),
            Map.entry("dashscope.aliyuncs.com", "Alibaba DashScope"),
            Map.entry("dashscope-intl.aliyuncs.com", "Alibaba DashScope"),
            Map.entry("api.moonshot.cn", "Moonshot"),
            Map.entry("router.flatkey.ai", "Flatkey"),
            Map.entry("console.flatkey.ai", "Flatkey"));

    /** LiteLLM model prefixes ({@code groq/llama-3.1-8b-instant}) and the provider each routes to. */
    private static final Map<String, String> LITELLM = Map.ofEntries(
            Map.entry("openai", OPENAI), Map.entry("text-completion-openai", OPENAI), Map.entry("azure", AZURE),
            Map.entry("azure_text", AZURE), Map.entry("azure_ai", "Azure AI Foundry"), Map.entry("groq", "Groq"),
            Map.entry("mistral", "Mistral"), Map.entry("deepseek", "DeepSeek"), Map.entry("openrouter", "OpenRouter"),
            Map.entry("together_ai", "Together AI"), Map.entry("fireworks_ai", "Fireworks AI"), Map.entry("gemini", "Google Gemini"),
            Map.entry("vertex_ai", "Google Vertex AI"), Map.entry("anthropic", "Anthropic"), Map.entry("bedrock", "AWS Bedrock"),
            Map.entry("xai", "xAI"), Map.entry("perplexity", "Perplexity"), Map.entry("cohere", "Cohere"),
            Map.entry("deepinfra", "DeepInfra"), Map.entry("cerebras", "Cerebras"), Map.entry("ollama", "Ollama"),
            Map.entry("ollama_chat", "Ollama"), Map.entry("huggingface", "Hugging Face"), Map.entry("replicate", "Replicate"),
            Map.entry("dashscope", "Alibaba DashScope"), Map.entry("moonshot", "Moonshot"), Map.entry("voyage", "Voyage AI"),
            Map.entry("hosted_vllm", "vLLM server"), Map.entry("lm_studio", "LM Studio"));

    /** Vendor words in environment variable names ({@code GROQ_BASE_URL}) when the variable's value is not in the tree. */
    private static final Map<String, String> ENV_WORDS = Map.of("azure", AZURE, "groq", "Groq", "mistral", "Mistral",
            "deepseek", "DeepSeek", "openrouter", "OpenRouter", "together", "Together AI", "fireworks", "Fireworks AI",
            "ollama", "Ollama", "gemini", "Google Gemini", "anthropic", "Anthropic");

    private Providers() {
    }

    /** The provider of a base URL or request URL: a known vendor, Azure OpenAI with its resource, else the host. */
    static String forUrl(String url) {
        String host = host(url);
        if (host == null) {
            return null;
        }
        if (isAzureHost(host)) {
            return AZURE + " (" + host + ")";
        }
        for (Map.Entry<String, String> e : HOSTS) {
            if (host.equals(e.getKey()) || host.endsWith("." + e.getKey())) {
                return e.getValue();
            }
        }
        int port = port(url);
        boolean local = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("0.0.0.0") || host.equals("host.docker.internal");
        if (local && port == 11434) {
            return "Ollama (" + host + ":" + port + ")";
        }
        return port > 0 ? host + ":" + port : host;
    }

    static boolean isAzureHost(String host) {
        return host.endsWith(".openai.azure.com") || host.endsWith(".cognitiveservices.azure.com")
                || host.endsWith(".services.ai.azure.com") || host.endsWith(".azure-api.net");
    }

    /** Whether a provider name is Azure OpenAI (with or without its resource). */
    static boolean isAzure(String provider) {
        return provider != null && provider.startsWith(AZURE);
    }

    /** The provider a LiteLLM model string routes to, from its prefix or (without one) from the model's name; null when unknown. */
    static String forLiteLlmModel(String model) {
        if (model == null || model.isBlank()) {
            return null;
        }
        int slash = model.indexOf('/');
        if (slash > 0) {
            return LITELLM.get(model.substring(0, slash).toLowerCase(Locale.ROOT));
        }
        String m = model.toLowerCase(Locale.ROOT);
        if (m.startsWith("gpt-") || m.matches("o[1345](?:-.*)?") || m.startsWith("text-embedding-") || m.startsWith("dall-e")
                || m.startsWith("whisper") || m.startsWith("tts-") || m.startsWith("chatgpt-") || m.startsWith("omni-moderation")
                || m.startsWith("text-moderation")) {
            return OPENAI;
        }
        if (m.startsWith("claude-")) {
            return "Anthropic";
        }
        return null;
    }

    /** Whether a LiteLLM model string names an Azure deployment ({@code azure/<deployment>}). */
    static boolean isLiteLlmAzure(String model) {
        return model != null && (model.startsWith("azure/") || model.startsWith("azure_text/"));
    }

    /** A provider read from data while the app runs. */
    static String runtime(String expression) {
        return RUNTIME + expression;
    }

    /**
     * A reference to resolve once the whole tree is read: the base URL is environment variable {@code env} (or, when
     * unset in the tree, {@code fallback}); {@code azure} when the client is an Azure one whatever its host.
     */
    static String ref(String env, String fallback, boolean azure) {
        return REF + (azure ? "azure" : "") + "|" + (env == null ? "" : env) + "|" + (fallback == null ? "" : fallback);
    }

    static boolean isRef(String s) {
        return s != null && s.startsWith(REF);
    }

    /** A reference as an Azure one (a client class or a header says Azure whatever the URL). */
    static String asAzure(String provider) {
        if (isRef(provider)) {
            String[] p = provider.substring(REF.length()).split("\\|", -1);
            return ref(p[1], p[2], true);
        }
        return provider == null ? AZURE : isAzure(provider) ? provider : AZURE;
    }

    /** The provider a reference names, given the tree's configuration ({@code config}: name → value, or null); others as they are. */
    static String resolve(String provider, Function<String, String> config) {
        if (!isRef(provider)) {
            return provider;
        }
        String[] p = provider.substring(REF.length()).split("\\|", -1);
        boolean azure = p[0].equals("azure");
        String env = p[1];
        String fallback = p[2];
        String value = env.isEmpty() ? null : config.apply(env);
        if (value == null && env.equals("OPENAI_BASE_URL")) {
            value = config.apply("OPENAI_API_BASE");
        }
        String url = value != null && Analyzer.isUrl(value) ? value : !fallback.isEmpty() ? fallback : null;
        String named = url == null ? null : forUrl(url);
        if (azure) {
            return named != null && isAzure(named) ? named : AZURE;
        }
        if (named != null) {
            return named;
        }
        for (String token : Analyzer.tokens(env)) {
            String vendor = ENV_WORDS.get(token);
            if (vendor != null) {
                return vendor;
            }
        }
        return FROM_ENV + env;
    }

    /**
     * The endpoint a base URL names, for telling "the same endpoint written in several places" from several providers:
     * scheme, host and port lower-cased, without a trailing slash or {@code /v1}.
     */
    static String endpointKey(String url) {
        String t = Analyzer.trimSlash(url);
        int scheme = t.indexOf("://");
        int slash = scheme < 0 ? -1 : t.indexOf('/', scheme + 3);
        String head = (slash < 0 ? t : t.substring(0, slash)).toLowerCase(Locale.ROOT);
        String path = slash < 0 ? "" : t.substring(slash);
        if (path.endsWith("/v1")) {
            path = path.substring(0, path.length() - 3);
        }
        return head + path;
    }

    /** The lower-case host of a URL, or null. */
    static String host(String url) {
        if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
            return null;
        }
        try {
            String h = URI.create(url.strip().replace(" ", "%20")).getHost();
            return h == null ? null : h.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int port(String url) {
        try {
            return URI.create(url.strip()).getPort();
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
