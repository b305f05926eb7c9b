package ai.flatkey.migrate.scan;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The per-language recognition rules: SDK markers and call sites. Data only; {@link Analyzer} applies them. */
final class Rules {

    private Rules() {
    }

    /** Where a call's arguments end: the balanced bracket that ends the match, a builder's build(), or shell line continuations. */
    enum Span { BRACKET, BUILDER, SHELL }

    /** An SDK marker: an import, a client construction. {@code unless}: skip when the file matches it. */
    record SdkRule(Pattern pattern, String sdk, Confidence confidence, Pattern unless) {
    }

    /**
     * A call site. {@code requires}: only in files that match it. {@code emitsCall}: false for request builders
     * that only carry the model and parameters of a call made elsewhere. {@code feature}: implied by the method
     * (e.g. json_schema for parse()). {@code firstArgModel}: the first string argument is the model / deployment.
     */
    record CallRule(Pattern pattern, String family, String sdk, boolean stream, Span span, boolean emitsCall,
                    Pattern requires, String feature, boolean firstArgModel) {
    }

    private static Pattern p(String regex) {
        return Pattern.compile(regex, Pattern.MULTILINE);
    }

    private static SdkRule sdk(String regex, String sdk, Confidence c) {
        return new SdkRule(p(regex), sdk, c, null);
    }

    private static CallRule call(String regex, String family, String sdk) {
        return new CallRule(p(regex), family, sdk, false, Span.BRACKET, true, null, null, false);
    }

    private static CallRule stream(String regex, String family, String sdk) {
        return new CallRule(p(regex), family, sdk, true, Span.BRACKET, true, null, null, false);
    }

    private static CallRule requiring(CallRule r, String requires) {
        return new CallRule(r.pattern(), r.family(), r.sdk(), r.stream(), r.span(), r.emitsCall(), p(requires), r.feature(), r.firstArgModel());
    }

    private static CallRule feature(CallRule r, String feature) {
        return new CallRule(r.pattern(), r.family(), r.sdk(), r.stream(), r.span(), r.emitsCall(), r.requires(), feature, r.firstArgModel());
    }

    private static CallRule builder(String regex, String family, String sdk, boolean stream, boolean emitsCall) {
        return new CallRule(p(regex), family, sdk, stream, Span.BUILDER, emitsCall, null, null, false);
    }

    private static CallRule firstArg(CallRule r) {
        return new CallRule(r.pattern(), r.family(), r.sdk(), r.stream(), r.span(), r.emitsCall(), r.requires(), r.feature(), true);
    }

    /**
     * A client construction (an SDK client, a LangChain model, a provider factory): where a provider is configured. Its
     * arguments (up to the closing bracket, or a builder's build()) hold the base URL, the key and, for Azure, the
     * endpoint, the api-version and the deployment. {@code azure}: the class is an Azure OpenAI one whatever its URL.
     */
    record ClientRule(Pattern pattern, String cls, boolean azure, Span span) {
    }

    private static ClientRule client(String regex, String name, boolean azure) {
        return new ClientRule(p(regex), name, azure, Span.BRACKET);
    }

    private static ClientRule builderClient(String regex, String name, boolean azure) {
        return new ClientRule(p(regex), name, azure, Span.BUILDER);
    }

    private static final String LLAMA = "^[ \\t]*from\\s+llama_index\\.(?:llms|embeddings)\\.openai\\s+import";
    private static final String AZURE_JAVA = "^[ \\t]*import\\s+com\\.azure\\.ai\\.openai\\.";
    private static final String VERCEL_AI = "[\"'](?:ai|@ai-sdk/[\\w-]+)[\"']";

    static final Map<Language, List<SdkRule>> SDKS = Map.of(
            Language.PYTHON, List.of(
                    sdk("^[ \\t]*(?:from\\s+openai(?:\\.[\\w.]+)?\\s+import\\b|import\\s+openai\\b)", "Python openai", Confidence.MEDIUM),
                    new SdkRule(p("(?<![\\w.])(?:openai\\.)?(?:Async)?OpenAI\\s*\\("), "Python openai", Confidence.HIGH, p(LLAMA)),
                    sdk("(?<![\\w.])(?:openai\\.)?(?:Async)?AzureOpenAI\\s*\\(", "Python openai (Azure)", Confidence.HIGH),
                    sdk("^[ \\t]*from\\s+langchain(?:_openai|_community\\.chat_models|\\.chat_models|_community\\.embeddings)[\\w.]*\\s+import\\s+[^\\n]*(?:ChatOpenAI|OpenAIEmbeddings)",
                            "LangChain", Confidence.MEDIUM),
                    sdk("^[ \\t]*(?:import\\s+litellm\\b|from\\s+litellm\\s+import)", "LiteLLM", Confidence.MEDIUM),
                    sdk(LLAMA, "LlamaIndex", Confidence.MEDIUM)),
            Language.JAVASCRIPT, List.of(
                    sdk("(?:\\bfrom\\s+|\\brequire\\s*\\(\\s*|\\bimport\\s*\\(\\s*)[\"']openai(?:/[\\w/.-]*)?[\"']", "Node openai", Confidence.MEDIUM),
                    sdk("\\bnew\\s+OpenAI\\s*\\(", "Node openai", Confidence.HIGH),
                    sdk("\\bnew\\s+AzureOpenAI\\s*\\(", "Node openai (Azure)", Confidence.HIGH),
                    sdk("[\"']@ai-sdk/(?:openai(?:-compatible)?|azure)[\"']", "Vercel AI SDK", Confidence.MEDIUM),
                    sdk("\\bcreate(?:OpenAI(?:Compatible)?|Azure)\\s*\\(", "Vercel AI SDK", Confidence.HIGH),
                    sdk("[\"']@langchain/openai[\"']", "LangChain.js", Confidence.MEDIUM)),
            Language.JAVA, List.of(
                    sdk("^[ \\t]*import\\s+com\\.openai\\.", "Java openai-java", Confidence.MEDIUM),
                    sdk("\\bOpenAIOkHttpClient(?:Async)?\\s*\\.\\s*(?:builder|fromEnv)\\s*\\(", "Java openai-java", Confidence.HIGH),
                    sdk("^[ \\t]*import\\s+org\\.springframework\\.ai\\.openai\\.", "Spring AI", Confidence.MEDIUM),
                    sdk("^[ \\t]*import\\s+dev\\.langchain4j\\.model\\.openai\\.", "LangChain4j", Confidence.MEDIUM),
                    sdk("^[ \\t]*import\\s+com\\.azure\\.ai\\.openai\\.", "Java Azure OpenAI", Confidence.MEDIUM),
                    sdk("^[ \\t]*import\\s+dev\\.langchain4j\\.model\\.azure\\.AzureOpenAi", "LangChain4j", Confidence.MEDIUM)),
            Language.GO, List.of(
                    sdk("\"github\\.com/sashabaranov/go-openai\"", "Go go-openai", Confidence.MEDIUM),
                    sdk("\"github\\.com/openai/openai-go(?:/v\\d+)?(?:/azure)?\"", "Go openai-go", Confidence.MEDIUM)),
            Language.CSHARP, List.of(
                    sdk("^[ \\t]*using\\s+OpenAI(?:\\.\\w+)*\\s*;", ".NET OpenAI", Confidence.MEDIUM),
                    sdk("\\bnew\\s+OpenAIClient\\s*\\(", ".NET OpenAI", Confidence.HIGH),
                    sdk("^[ \\t]*using\\s+Azure\\.AI\\.OpenAI\\s*;", ".NET Azure.AI.OpenAI", Confidence.MEDIUM),
                    sdk("\\bnew\\s+AzureOpenAIClient\\s*\\(", ".NET Azure.AI.OpenAI", Confidence.HIGH)),
            Language.RUBY, List.of(
                    sdk("^[ \\t]*require\\s+[\"']openai[\"']", "Ruby openai", Confidence.MEDIUM),
                    sdk("\\bOpenAI::Client\\.new\\b", "Ruby openai", Confidence.HIGH)),
            Language.PHP, List.of(
                    sdk("^[ \\t]*use\\s+OpenAI\\b", "PHP openai-php", Confidence.MEDIUM),
                    sdk("\\bOpenAI::(?:client|factory)\\s*\\(", "PHP openai-php", Confidence.HIGH)),
            Language.SHELL, List.of());

    static final Map<Language, List<CallRule>> CALLS = Map.of(
            Language.PYTHON, List.of(
                    call("\\.chat\\.completions\\.create\\s*\\(", "chat", null),
                    feature(call("\\.chat\\.completions\\.parse\\s*\\(", "chat", null), "json_schema"),
                    stream("\\.chat\\.completions\\.stream\\s*\\(", "chat", null),
                    call("\\bopenai\\.ChatCompletion\\.a?create\\s*\\(", "chat", "Python openai"),
                    call("\\.responses\\.create\\s*\\(", "responses", null),
                    feature(call("\\.responses\\.parse\\s*\\(", "responses", null), "json_schema"),
                    stream("\\.responses\\.stream\\s*\\(", "responses", null),
                    call("\\.embeddings\\.create\\s*\\(", "embeddings", null),
                    call("\\.images\\.(?:generate|edit|create_variation)\\s*\\(", "images", null),
                    call("\\.audio\\.(?:transcriptions|translations|speech)(?:\\.with_streaming_response)?\\.create\\s*\\(", "audio", null),
                    call("\\.moderations\\.create\\s*\\(", "moderations", null),
                    call("\\.videos\\.(?:create|create_and_poll|remix)\\s*\\(", "video", null),
                    call("(?<![\\w.])(?:Azure)?ChatOpenAI\\s*\\(", "chat", "LangChain"),
                    call("(?<![\\w.])(?:Azure)?OpenAIEmbeddings\\s*\\(", "embeddings", "LangChain"),
                    // litellm.<function>(…); the imported-name forms (from litellm import embedding) are read from the
                    // file's imports, see Analyzer
                    call("\\blitellm\\.a?(?:completion|text_completion)\\s*\\(", "chat", "LiteLLM"),
                    call("\\blitellm\\.a?embedding\\s*\\(", "embeddings", "LiteLLM"),
                    call("\\blitellm\\.a?image_(?:generation|edit|variation)\\s*\\(", "images", "LiteLLM"),
                    call("\\blitellm\\.a?(?:transcription|speech)\\s*\\(", "audio", "LiteLLM"),
                    call("\\blitellm\\.a?responses\\s*\\(", "responses", "LiteLLM"),
                    call("\\blitellm\\.a?moderation\\s*\\(", "moderations", "LiteLLM"),
                    requiring(call("(?<![\\w.])OpenAI\\s*\\(", "chat", "LlamaIndex"), LLAMA),
                    requiring(call("(?<![\\w.])OpenAIEmbedding\\s*\\(", "embeddings", "LlamaIndex"), LLAMA)),
            Language.JAVASCRIPT, List.of(
                    call("\\.chat\\.completions\\.create\\s*\\(", "chat", null),
                    feature(call("\\.chat\\.completions\\.parse\\s*\\(", "chat", null), "json_schema"),
                    stream("\\.chat\\.completions\\.stream\\s*\\(", "chat", null),
                    call("\\.responses\\.create\\s*\\(", "responses", null),
                    stream("\\.responses\\.stream\\s*\\(", "responses", null),
                    call("\\.embeddings\\.create\\s*\\(", "embeddings", null),
                    call("\\.images\\.(?:generate|edit|createVariation)\\s*\\(", "images", null),
                    call("\\.audio\\.(?:transcriptions|translations|speech)\\.create\\s*\\(", "audio", null),
                    call("\\.moderations\\.create\\s*\\(", "moderations", null),
                    call("\\.videos\\.(?:create|createAndPoll|remix)\\s*\\(", "video", null),
                    requiring(call("\\bgenerateText\\s*\\(", "chat", "Vercel AI SDK"), VERCEL_AI),
                    requiring(stream("\\bstreamText\\s*\\(", "chat", "Vercel AI SDK"), VERCEL_AI),
                    requiring(feature(call("\\bgenerateObject\\s*\\(", "chat", "Vercel AI SDK"), "json_schema"), VERCEL_AI),
                    requiring(feature(stream("\\bstreamObject\\s*\\(", "chat", "Vercel AI SDK"), "json_schema"), VERCEL_AI),
                    requiring(call("\\bembed(?:Many)?\\s*\\(\\s*(?=\\{)", "embeddings", "Vercel AI SDK"), VERCEL_AI),
                    call("\\bnew\\s+(?:Azure)?ChatOpenAI\\s*\\(", "chat", "LangChain.js"),
                    call("\\bnew\\s+(?:Azure)?OpenAIEmbeddings\\s*\\(", "embeddings", "LangChain.js")),
            Language.JAVA, List.of(
                    call("\\.chat\\(\\)\\s*\\.completions\\(\\)\\s*\\.create\\s*\\(", "chat", "Java openai-java"),
                    stream("\\.chat\\(\\)\\s*\\.completions\\(\\)\\s*\\.createStreaming\\s*\\(", "chat", "Java openai-java"),
                    call("\\.responses\\(\\)\\s*\\.create\\s*\\(", "responses", "Java openai-java"),
                    stream("\\.responses\\(\\)\\s*\\.createStreaming\\s*\\(", "responses", "Java openai-java"),
                    call("\\.embeddings\\(\\)\\s*\\.create\\s*\\(", "embeddings", "Java openai-java"),
                    call("\\.images\\(\\)\\s*\\.(?:generate|edit|createVariation)\\s*\\(", "images", "Java openai-java"),
                    call("\\.audio\\(\\)\\s*\\.(?:transcriptions|translations|speech)\\(\\)\\s*\\.create\\s*\\(", "audio", "Java openai-java"),
                    stream("\\.audio\\(\\)\\s*\\.transcriptions\\(\\)\\s*\\.createStreaming\\s*\\(", "audio", "Java openai-java"),
                    call("\\.moderations\\(\\)\\s*\\.create\\s*\\(", "moderations", "Java openai-java"),
                    call("\\.videos\\(\\)\\s*\\.(?:create|remix|edit|extend)\\s*\\(", "video", "Java openai-java"),
                    // com.azure.ai.openai's client: the first argument is the deployment (or, on openai.com, the model)
                    requiring(firstArg(call("\\.getChatCompletions\\s*\\(", "chat", "Java Azure OpenAI")), AZURE_JAVA),
                    requiring(firstArg(stream("\\.getChatCompletionsStream\\s*\\(", "chat", "Java Azure OpenAI")), AZURE_JAVA),
                    requiring(firstArg(call("\\.getEmbeddings\\s*\\(", "embeddings", "Java Azure OpenAI")), AZURE_JAVA),
                    requiring(firstArg(call("\\.getImageGenerations\\s*\\(", "images", "Java Azure OpenAI")), AZURE_JAVA),
                    requiring(firstArg(call("\\.(?:getAudioTranscription(?:Text)?|getAudioTranslation(?:Text)?|generateSpeechFromText)\\s*\\(",
                            "audio", "Java Azure OpenAI")), AZURE_JAVA),
                    builder("\\bChatCompletionCreateParams\\s*\\.\\s*builder\\s*\\(\\s*\\)", "chat", "Java openai-java", false, false),
                    builder("\\bResponseCreateParams\\s*\\.\\s*builder\\s*\\(\\s*\\)", "responses", "Java openai-java", false, false),
                    builder("\\bEmbeddingCreateParams\\s*\\.\\s*builder\\s*\\(\\s*\\)", "embeddings", "Java openai-java", false, false),
                    builder("\\bOpenAiChatModel\\s*\\.\\s*builder\\s*\\(\\s*\\)", "chat", "LangChain4j", false, true),
                    builder("\\bOpenAiStreamingChatModel\\s*\\.\\s*builder\\s*\\(\\s*\\)", "chat", "LangChain4j", true, true),
                    builder("\\bOpenAiEmbeddingModel\\s*\\.\\s*builder\\s*\\(\\s*\\)", "embeddings", "LangChain4j", false, true),
                    builder("\\bAzureOpenAiChatModel\\s*\\.\\s*builder\\s*\\(\\s*\\)", "chat", "LangChain4j", false, true),
                    builder("\\bAzureOpenAiStreamingChatModel\\s*\\.\\s*builder\\s*\\(\\s*\\)", "chat", "LangChain4j", true, true),
                    builder("\\bAzureOpenAiEmbeddingModel\\s*\\.\\s*builder\\s*\\(\\s*\\)", "embeddings", "LangChain4j", false, true),
                    builder("\\bOpenAiChatOptions\\s*\\.\\s*builder\\s*\\(\\s*\\)", "chat", "Spring AI", false, true),
                    builder("\\bOpenAiEmbeddingOptions\\s*\\.\\s*builder\\s*\\(\\s*\\)", "embeddings", "Spring AI", false, true)),
            Language.GO, List.of(
                    call("\\.CreateChatCompletion\\s*\\(", "chat", "Go go-openai"),
                    stream("\\.CreateChatCompletionStream\\s*\\(", "chat", "Go go-openai"),
                    call("\\.CreateEmbeddings\\s*\\(", "embeddings", "Go go-openai"),
                    call("\\.CreateImage\\s*\\(", "images", "Go go-openai"),
                    call("\\.Create(?:Transcription|Translation|Speech)\\s*\\(", "audio", "Go go-openai"),
                    call("\\.Create(?:EditImage|VariImage)\\s*\\(", "images", "Go go-openai"),
                    call("\\.Moderations\\s*\\(", "moderations", "Go go-openai"),
                    call("\\.Chat\\.Completions\\.New\\s*\\(", "chat", "Go openai-go"),
                    stream("\\.Chat\\.Completions\\.NewStreaming\\s*\\(", "chat", "Go openai-go"),
                    call("\\.Responses\\.New\\s*\\(", "responses", "Go openai-go"),
                    stream("\\.Responses\\.NewStreaming\\s*\\(", "responses", "Go openai-go"),
                    call("\\.Embeddings\\.New\\s*\\(", "embeddings", "Go openai-go"),
                    call("\\.Images\\.(?:Generate|Edit|NewVariation)\\s*\\(", "images", "Go openai-go"),
                    call("\\.Audio\\.(?:Transcriptions|Translations|Speech)\\.New\\s*\\(", "audio", "Go openai-go"),
                    stream("\\.Audio\\.Transcriptions\\.NewStreaming\\s*\\(", "audio", "Go openai-go"),
                    call("\\.Moderations\\.New\\s*\\(", "moderations", "Go openai-go"),
                    call("\\.Videos\\.(?:New|NewAndPoll|Remix)\\s*\\(", "video", "Go openai-go")),
            Language.CSHARP, List.of(
                    call("\\bnew\\s+ChatClient\\s*\\(", "chat", ".NET OpenAI"),
                    firstArg(call("\\.GetChatClient\\s*\\(", "chat", null)),
                    call("\\.CompleteChat(?:Async)?\\s*\\(", "chat", null),
                    stream("\\.CompleteChatStreaming(?:Async)?\\s*\\(", "chat", null),
                    firstArg(call("\\.GetEmbeddingClient\\s*\\(", "embeddings", null)),
                    firstArg(call("\\.GetImageClient\\s*\\(", "images", null)),
                    firstArg(call("\\.GetAudioClient\\s*\\(", "audio", null)),
                    firstArg(call("\\.GetOpenAIResponseClient\\s*\\(", "responses", null)),
                    firstArg(call("\\.GetModerationClient\\s*\\(", "moderations", null)),
                    // the family clients built directly: new ImageClient("gpt-image-1", key), and their request methods
                    firstArg(call("\\bnew\\s+ImageClient\\s*\\(", "images", ".NET OpenAI")),
                    firstArg(call("\\bnew\\s+AudioClient\\s*\\(", "audio", ".NET OpenAI")),
                    firstArg(call("\\bnew\\s+ModerationClient\\s*\\(", "moderations", ".NET OpenAI")),
                    call("\\.Generate(?:Images?|ImageEdits?|ImageVariations?)(?:Async)?\\s*\\(", "images", null),
                    call("\\.(?:TranscribeAudio|TranslateAudio|GenerateSpeech)(?:Async)?\\s*\\(", "audio", null),
                    call("\\.ClassifyTexts?(?:Async)?\\s*\\(", "moderations", null),
                    new CallRule(p("\\bnew\\s+ChatCompletionOptions\\s*(?:\\(\\s*\\))?\\s*\\{"), "chat", null, false, Span.BRACKET, false, null, null, false)),
            Language.RUBY, List.of(
                    call("\\.chat\\s*\\(\\s*(?=parameters\\s*:)", "chat", "Ruby openai"),
                    call("\\.embeddings\\s*\\(\\s*(?=parameters\\s*:)", "embeddings", "Ruby openai"),
                    call("\\.images\\.generate\\s*\\(", "images", "Ruby openai"),
                    call("\\.audio\\.(?:transcribe|translate|speech)\\s*\\(", "audio", "Ruby openai"),
                    call("\\.moderations\\s*\\(\\s*(?=parameters\\s*:)", "moderations", "Ruby openai"),
                    call("\\.chat\\.completions\\.create\\s*\\(", "chat", "Ruby openai"),
                    call("\\.responses\\.create\\s*\\(", "responses", "Ruby openai")),
            Language.PHP, List.of(
                    call("->chat\\(\\)\\s*->create\\s*\\(", "chat", "PHP openai-php"),
                    stream("->chat\\(\\)\\s*->createStreamed\\s*\\(", "chat", "PHP openai-php"),
                    call("->embeddings\\(\\)\\s*->create\\s*\\(", "embeddings", "PHP openai-php"),
                    call("->images\\(\\)\\s*->create\\s*\\(", "images", "PHP openai-php"),
                    call("->audio\\(\\)\\s*->(?:transcribe|translate|speech)\\s*\\(", "audio", "PHP openai-php"),
                    call("->responses\\(\\)\\s*->create\\s*\\(", "responses", "PHP openai-php"),
                    call("->moderations\\(\\)\\s*->create\\s*\\(", "moderations", "PHP openai-php")),
            Language.SHELL, List.of());

    static final Map<Language, List<ClientRule>> CLIENTS = Map.of(
            Language.PYTHON, List.of(
                    client("(?<![\\w.])(?:openai\\.)?(?:Async)?OpenAI\\s*\\(", "OpenAI", false),
                    client("(?<![\\w.])(?:openai\\.)?(?:Async)?AzureOpenAI\\s*\\(", "AzureOpenAI", true),
                    client("(?<![\\w.])ChatOpenAI\\s*\\(", "ChatOpenAI", false),
                    client("(?<![\\w.])AzureChatOpenAI\\s*\\(", "AzureChatOpenAI", true),
                    client("(?<![\\w.])OpenAIEmbeddings?\\s*\\(", "OpenAIEmbeddings", false),
                    client("(?<![\\w.])AzureOpenAIEmbeddings?\\s*\\(", "AzureOpenAIEmbeddings", true)),
            Language.JAVASCRIPT, List.of(
                    client("\\bnew\\s+OpenAI\\s*\\(", "OpenAI", false),
                    client("\\bnew\\s+AzureOpenAI\\s*\\(", "AzureOpenAI", true),
                    client("\\bnew\\s+(?:ChatOpenAI|OpenAIEmbeddings)\\s*\\(", "LangChain.js OpenAI", false),
                    client("\\bnew\\s+(?:AzureChatOpenAI|AzureOpenAIEmbeddings)\\s*\\(", "LangChain.js Azure OpenAI", true),
                    client("\\bcreateOpenAI(?:Compatible)?\\s*\\(", "createOpenAI", false),
                    client("\\bcreateAzure\\s*\\(", "createAzure", true),
                    // the AI SDK's default instances: import { openai } from "@ai-sdk/openai"
                    client("\\bimport\\s*\\{[^}]*\\bopenai\\b[^}]*\\}\\s*from\\s*[\"']@ai-sdk/openai[\"']", "@ai-sdk/openai", false),
                    client("\\bimport\\s*\\{[^}]*\\bazure\\b[^}]*\\}\\s*from\\s*[\"']@ai-sdk/azure[\"']", "@ai-sdk/azure", true)),
            Language.JAVA, List.of(
                    builderClient("\\bOpenAIOkHttpClient(?:Async)?\\s*\\.\\s*builder\\s*\\(\\s*\\)", "OpenAIOkHttpClient", false),
                    builderClient("\\bnew\\s+OpenAIClientBuilder\\s*\\(\\s*\\)", "OpenAIClientBuilder", true),
                    builderClient("\\bOpenAi(?:Streaming)?(?:Chat|Embedding)Model\\s*\\.\\s*builder\\s*\\(\\s*\\)", "LangChain4j OpenAi model", false),
                    builderClient("\\bAzureOpenAi(?:Streaming)?(?:Chat|Embedding)Model\\s*\\.\\s*builder\\s*\\(\\s*\\)", "LangChain4j AzureOpenAi model", true)),
            Language.GO, List.of(
                    client("\\bopenai\\.NewClient(?:WithConfig)?\\s*\\(", "openai.NewClient", false),
                    client("\\bopenai\\.DefaultAzureConfig\\s*\\(", "openai.DefaultAzureConfig", true),
                    client("\\bazure\\.WithEndpoint\\s*\\(", "azure.WithEndpoint", true)),
            Language.CSHARP, List.of(
                    client("\\bnew\\s+OpenAIClient\\s*\\(", "OpenAIClient", false),
                    client("\\bnew\\s+AzureOpenAIClient\\s*\\(", "AzureOpenAIClient", true),
                    // target-typed: AzureOpenAIClient azure = new(…)
                    client("\\bOpenAIClient\\s+\\w+\\s*=\\s*new\\s*\\(", "OpenAIClient", false),
                    client("\\bAzureOpenAIClient\\s+\\w+\\s*=\\s*new\\s*\\(", "AzureOpenAIClient", true)),
            Language.RUBY, List.of(client("\\bOpenAI::Client\\.new\\s*\\(", "OpenAI::Client", false)),
            Language.PHP, List.of(client("\\bOpenAI::(?:client|factory)\\s*\\(", "OpenAI::client", false)),
            Language.SHELL, List.of());

    /** Raw HTTP: an endpoint path inside a string or a curl argument. Group 1: the path. */
    static final Pattern RAW_PATH = p("(/v1/chat/completions|/chat/completions|/v1/completions|/v1/responses|/v1/embeddings|/embeddings"
            + "|/v1/images/(?:generations|edits|variations)|/v1/audio/(?:transcriptions|translations|speech)|/v1/moderations"
            + "|/v1/videos)(?![\\w/-])");

    /** Dependency declarations in manifests (requirements, package.json, go.mod, pom.xml, …). */
    record Dependency(Pattern pattern, String sdk) {
    }

    static final List<Dependency> DEPENDENCIES = List.of(
            new Dependency(p("(?i)^[ \\t]*[\"']?openai[\"']?\\s*(?:[=<>~!^]|$|\\[|:|,)"), "Python openai"),
            new Dependency(p("(?i)^[ \\t]*[\"']?langchain-openai\\b"), "LangChain"),
            new Dependency(p("(?i)^[ \\t]*[\"']?litellm\\b"), "LiteLLM"),
            new Dependency(p("(?i)^[ \\t]*[\"']?llama-index-llms-openai\\b"), "LlamaIndex"),
            new Dependency(p("github\\.com/sashabaranov/go-openai\\b"), "Go go-openai"),
            new Dependency(p("github\\.com/openai/openai-go\\b"), "Go openai-go"),
            new Dependency(p("<artifactId>openai-java[\\w-]*</artifactId>|com\\.openai:openai-java"), "Java openai-java"),
            new Dependency(p("spring-ai-(?:starter-model-)?openai"), "Spring AI"),
            new Dependency(p("langchain4j-open-ai"), "LangChain4j"),
            new Dependency(p("Include=\"OpenAI\""), ".NET OpenAI"),
            new Dependency(p("Include=\"Azure\\.AI\\.OpenAI\""), ".NET Azure.AI.OpenAI"),
            new Dependency(p("^[ \\t]*gem\\s+[\"'](?:ruby-)?openai[\"']"), "Ruby openai"));

    /** package.json / composer.json dependency keys. */
    static final List<Dependency> JSON_DEPENDENCIES = List.of(
            new Dependency(p("\"openai\"\\s*:\\s*\"[\\^~>=<\\d*]"), "Node openai"),
            new Dependency(p("\"@ai-sdk/openai(?:-compatible)?\"\\s*:"), "Vercel AI SDK"),
            new Dependency(p("\"@langchain/openai\"\\s*:"), "LangChain.js"),
            new Dependency(p("\"openai-php/(?:client|laravel)\"\\s*:"), "PHP openai-php"));
}
