package ai.flatkey.migrate.scan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one file's text and reports what it finds; stateless, safe to share between threads. */
final class Analyzer {

    /** Model IDs the scanner recognises on sight (a vendor prefix such as {@code openai/} is allowed). */
    static final Pattern MODEL_ID = Pattern.compile("(?:[a-z][\\w-]*/)?(?:gpt-[0-9][\\w.:-]*|gpt-image-[\\w.-]+|chatgpt-[\\w.-]+"
            + "|o[1345](?:-(?:mini|preview|pro|deep-research))?(?:-\\d{4}-\\d{2}-\\d{2})?|text-embedding-[\\w.-]+|text-davinci-\\d+"
            + "|dall-e-\\d|whisper-1|tts-1(?:-hd)?|claude-[\\w.-]+|gemini-[\\w.-]+|deepseek-[\\w.-]+|mistral-[\\w.-]+"
            + "|llama-?\\d[\\w.-]*|qwen[\\w.-]*|grok-[\\w.-]+|seedance[\\w.-]*|veo-\\d[\\w.-]*)");
    private static final Pattern QUOTED_MODEL = Pattern.compile("[\"'`](" + MODEL_ID.pattern() + ")[\"'`]");
    /** A curl multipart field naming the model: {@code -F model=whisper-1} or {@code --form "model=gpt-image-1"}. */
    private static final Pattern CURL_FORM_MODEL = Pattern.compile(
            "(?:^|\\s)(?:-F|--form)\\s+[\"']?model=([A-Za-z0-9][\\w.:/-]*)");
    private static final Pattern MODEL_KEY = Pattern.compile(
            "(?<![\\w$-])[\"']?(?:model(?:_?[Nn]ame|_?[Ii]d)?|Model|(?:azure_)?deployment(?:_?[Nn]ame)?|engine)[\"']?\\s*(?:=>|:=|[:=](?!=)|\\()\\s*");
    private static final Pattern BASE_URL_KEY = Pattern.compile(
            "(?<![\\w$-])[\"']?(?:base_url|baseURL|baseUrl|BaseURL|BaseUrl|api_base|openai_api_base|apiBase|uri_base|base_uri"
            + "|azure_endpoint|azureEndpoint|basePath)[\"']?\\s*(?:=>|:=|[:=](?!=)|\\()\\s*"
            + "|\\bWithBaseURL\\s*\\(\\s*|\\bwithBaseUri\\s*\\(\\s*|\\bEndpoint\\s*=\\s*new\\s+Uri\\s*\\(\\s*"
            + "|\\bnew\\s+AzureOpenAIClient\\s*\\(\\s*new\\s+Uri\\s*\\(\\s*|\\bDefaultAzureConfig\\s*\\(\\s*(?:[^,()]|\\([^()]*\\))+,\\s*");
    /** A call in a model argument: {@code gateway("gpt-4o")} (an AI SDK provider instance); group 1 = the name called. */
    private static final Pattern CALLEE = Pattern.compile("\\s*([A-Za-z_$][\\w$]*)(?:\\.[A-Za-z_$][\\w$]*)?\\s*\\(\\s*[\"'`]");
    /** A request passed whole: {@code **params}, {@code ...params}, or a lone argument {@code (params)}. */
    private static final Pattern REQUEST_VARIABLE = Pattern.compile("(?:\\*\\*|\\.\\.\\.)([A-Za-z_$][\\w$]*)|^\\s*([A-Za-z_$][\\w$]*)\\s*$");
    /**
     * A type annotation after {@code base_url:} ({@code str}, {@code string | undefined}, {@code Optional[str]}); group 1
     * is set when a default value follows ({@code = "…"}).
     */
    private static final Pattern TYPE_ANNOTATION = Pattern.compile("\\s*(?:str|string|String|number|boolean|any|unknown|URL|Url|HttpUrl"
            + "|AnyHttpUrl|AnyUrl|Optional\\[[^\\]\\n]*\\]|Union\\[[^\\]\\n]*\\])(?:\\s*\\|\\s*(?:str|string|None|null|undefined))*"
            + "\\s*(?:(=)(?!=)\\s*|(?=[;,)}\\n]|$))");
    /** {@code from litellm import completion, embedding as embed}; group 1 = the imported names (parenthesised or not). */
    private static final Pattern LITELLM_FROM = Pattern.compile("^[ \\t]*from\\s+litellm\\s+import\\s+(\\([^)]*\\)|[^\\n]*)", Pattern.MULTILINE);
    private static final Pattern LITELLM_ALIAS = Pattern.compile("^[ \\t]*import\\s+litellm\\s+as\\s+(\\w+)", Pattern.MULTILINE);
    /** LiteLLM's request functions and the endpoint family each calls. */
    static final Map<String, String> LITELLM_FUNCTIONS = Map.ofEntries(
            Map.entry("completion", "chat"), Map.entry("acompletion", "chat"), Map.entry("text_completion", "chat"),
            Map.entry("atext_completion", "chat"), Map.entry("embedding", "embeddings"), Map.entry("aembedding", "embeddings"),
            Map.entry("image_generation", "images"), Map.entry("aimage_generation", "images"), Map.entry("image_edit", "images"),
            Map.entry("aimage_edit", "images"), Map.entry("image_variation", "images"), Map.entry("aimage_variation", "images"),
            Map.entry("transcription", "audio"), Map.entry("atranscription", "audio"), Map.entry("speech", "audio"),
            Map.entry("aspeech", "audio"), Map.entry("responses", "responses"), Map.entry("aresponses", "responses"),
            Map.entry("moderation", "moderations"), Map.entry("amoderation", "moderations"));

    /**
     * Where an Azure client's api-version is set: {@code "api-version": …} (defaultQuery), {@code api_version=}/{@code apiVersion:}
     * (an expression follows), {@code ?api-version=2024-10-21} in a URL, {@code ServiceVersion.V2024_10_21} (.NET, Java) and
     * the Go SDK's {@code azure.WithEndpoint(endpoint, "2024-06-01")}.
     */
    private static final List<Pattern> API_VERSIONS = List.of(
            Pattern.compile("[\"']api-version[\"']\\s*:\\s*"),
            Pattern.compile("(?<![\\w$-])[\"']?(?:api_version|apiVersion|openai_api_version|ApiVersion|APIVersion)[\"']?\\s*(?:=(?!=)|:(?!:))\\s*"),
            Pattern.compile("[?&]api-version=([\\w.-]+)"),
            Pattern.compile("ServiceVersion\\.V(\\d{4})_(\\d{2})_(\\d{2})(_[Pp]review|_PREVIEW)?"),
            Pattern.compile("\\bazure\\.WithEndpoint\\(\\s*[^,()]+,\\s*\"([^\"]+)\""));
    private static final Pattern API_VERSION_VALUE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[\\w-]*|preview|latest");
    static final String AUTH_API_KEY = "api-key header";
    static final String AUTH_AZURE_AD = "Azure AD token";
    /** How the key is sent: the api-key header (a header name in a string, Azure's key credential), or (the last) an Azure AD token. */
    private static final List<Pattern> AUTHS = List.of(
            Pattern.compile("[\"'][Aa]pi-[Kk]ey(?:[\"']|:\\s)"),
            Pattern.compile("\\bAzureKeyCredential\\b"),
            Pattern.compile("\\b(?:azure_ad_token_provider|azure_ad_token|azureADTokenProvider|DefaultAzureCredential"
                    + "|get_bearer_token_provider|getBearerTokenProvider)\\b"));
    /** An Azure client's endpoint where no base URL key names it: {@code endpoint:}, {@code .endpoint(…)}, {@code resourceName:}. */
    private static final Pattern AZURE_ENDPOINT_KEY = Pattern.compile(
            "(?<![\\w$-])[\"']?(?:endpoint|Endpoint|resourceName)[\"']?\\s*(?:=>|[:=](?!=)|\\()\\s*");
    /** An upper-case constant assigned at the start of a line: {@code CHAT_MODEL = }, {@code export const CHAT_MODEL = }. */
    private static final Pattern EXPORTED_CONSTANT = Pattern.compile(
            "[ \\t]*(?:(?:export|const|let|var|final|static|public|private|readonly)\\s+)*(?:[\\w<>]+\\s+)?([A-Z][A-Z0-9_]*)\\s*(?::\\s*[\\w\\[\\]| ]+)?=(?![=>])\\s*");
    /** The AI SDK's default instance imported: {@code import { openai } from "@ai-sdk/openai"}; group 1 = its name. */
    private static final Pattern AI_SDK_INSTANCE = Pattern.compile("\\{[^}]*\\b(openai|azure)\\b");
    /** The first interpolated or concatenated part of a built URL ({@code ${ENDPOINT}/…}, {@code f"{BASE}/…"}, {@code BASE + "/…"}). */
    private static final Pattern FIRST_PART = Pattern.compile(
            "\\$?\\{([A-Za-z_][\\w.]*(?:\\[[\"'][\\w.-]+[\"']\\])?)}|#\\{([A-Za-z_]\\w*)}|^\\s*([A-Za-z_][\\w.]*)\\s*\\+");
    /** The path segment after {@link #AZURE_PATH}: an interpolation or a literal name. */
    private static final Pattern DEPLOYMENT_SEGMENT = Pattern.compile("^(?:\\$?\\{([^}]+)}|#\\{([^}]+)}|([\\w.-]+))");
    /** C#'s target-typed construction: {@code AzureOpenAIClient azure = new(}; group 1 = the variable. */
    private static final Pattern TYPED_NEW = Pattern.compile("[A-Za-z_]\\w*\\s+([A-Za-z_]\\w*)\\s*=\\s*new\\s*\\(");
    /** The deployment an Azure client is bound to. */
    private static final Pattern AZURE_DEPLOYMENT_KEY = Pattern.compile(
            "(?<![\\w$-])[\"']?(?:deployment|azure_deployment|azureDeployment|deployment_name|deploymentName)[\"']?\\s*(?:[:=](?!=)|\\()\\s*");
    /** The variable a construction on this line is assigned to: {@code const groq = }, {@code groq: }, {@code client := }. */
    private static final Pattern ASSIGNED = Pattern.compile(
            "([A-Za-z_$][\\w$]*)\\s*(?::\\s*[\\w.\\[\\]<>, |?]+?)?\\s*(?::=|=|:)\\s*(?:await\\s+)?$");

    /** A client variable whose constructions in one file name different providers. */
    static final String AMBIGUOUS = "\u0000ambiguous";
    /** The path of an Azure OpenAI deployment in a URL. */
    static final String AZURE_PATH = "/openai/deployments/";
    private static final String KEY_PREFIX = "sk-";
    private static final Pattern KEY_LITERAL = Pattern.compile("[\"'`=:\\s](" + KEY_PREFIX + "[A-Za-z0-9_\\-]{16,})");
    private static final Pattern CONSTANT = Pattern.compile(
            "^[ \\t]*(?:(?:export|const|let|var|final|static|private|public|protected|internal|readonly|val|def)\\s+)*"
            + "(?:[\\w<>\\[\\]?]+\\s+)?\\$?([A-Za-z_]\\w*)\\s*(?::\\s*[\\w<>\\[\\]?|]+\\s*)?(?::=|=(?![=>~]))\\s*", Pattern.MULTILINE);

    /** Environment reads; group 1 = variable name, group 2 (optional) = default literal with quotes. */
    private static final List<Pattern> ENV_READS = List.of(
            Pattern.compile("\\bos\\.environ\\.get\\(\\s*[\"'](\\w+)[\"'](?:\\s*,\\s*([\"'][^\"'\\n]*[\"']))?"),
            Pattern.compile("\\bos\\.environ\\[\\s*[\"'](\\w+)[\"']\\s*\\]()"),
            Pattern.compile("\\bos\\.getenv\\(\\s*[\"'](\\w+)[\"'](?:\\s*,\\s*([\"'][^\"'\\n]*[\"']))?"),
            Pattern.compile("\\bprocess\\.env\\.(\\w+)(?:\\s*(?:\\|\\||\\?\\?)\\s*([\"'`][^\"'`\\n]*[\"'`]))?"),
            Pattern.compile("\\bprocess\\.env\\[\\s*[\"'](\\w+)[\"']\\s*\\](?:\\s*(?:\\|\\||\\?\\?)\\s*([\"'`][^\"'`\\n]*[\"'`]))?"),
            Pattern.compile("\\bSystem\\.getenv\\(\\s*\"(\\w+)\"\\s*\\)()"),
            Pattern.compile("\\bos\\.Getenv\\(\\s*\"(\\w+)\"\\s*\\)()"),
            Pattern.compile("\\bEnvironment\\.GetEnvironmentVariable\\(\\s*\"(\\w+)\"\\s*\\)(?:\\s*\\?\\?\\s*(\"[^\"\\n]*\"))?"),
            Pattern.compile("\\bENV\\.fetch\\(\\s*[\"'](\\w+)[\"'](?:\\s*,\\s*([\"'][^\"'\\n]*[\"']))?"),
            Pattern.compile("\\bENV\\[\\s*[\"'](\\w+)[\"']\\s*\\]()"),
            Pattern.compile("\\bgetenv\\(\\s*[\"'](\\w+)[\"']\\s*\\)()"),
            Pattern.compile("\\$_(?:ENV|SERVER)\\[\\s*[\"'](\\w+)[\"']\\s*\\]()"),
            Pattern.compile("(?<![\\w>])env\\(\\s*[\"'](\\w+)[\"'](?:\\s*,\\s*([\"'][^\"'\\n]*[\"']))?"));
    private static final Pattern SHELL_VAR = Pattern.compile("\\$\\{?([A-Za-z_]\\w*)(?::-([^}\\s]*))?\\}?");

    private record ParamRule(Pattern pattern, InventoryField field, String value) {
    }

    private static final String SEP = "[\"']?\\s*(?:=>|:=|[:=](?!=)|\\()\\s*";
    private static final List<ParamRule> PARAMS = List.of(
            new ParamRule(Pattern.compile("(?<![\\w.$-])[\"']?(?:stream|streaming|Stream)" + SEP + "(?:True|true|1\\b|proc\\b|lambda\\b|->|method\\()"),
                    InventoryField.STREAM, "true"),
            new ParamRule(Pattern.compile("\\b(?:stream_options|streamOptions|StreamOptions|include_usage|includeUsage|stream_usage|streamUsage)\\b"),
                    InventoryField.MAPPING_NOTES, "stream_options"),
            new ParamRule(Pattern.compile("(?<![\\w$-])[\"']?(?:temperature|Temperature)" + SEP + "(-?\\d+(?:\\.\\d+)?)"),
                    InventoryField.TEMPERATURE, null),
            new ParamRule(Pattern.compile("(?<![\\w$-])[\"']?(?:max_tokens|maxTokens|max_completion_tokens|maxCompletionTokens|MaxTokens|MaxCompletionTokens"
                    + "|MaxOutputTokenCount|max_output_tokens|maxOutputTokens|MaxOutputTokens)" + SEP + "(\\d+)"), InventoryField.MAX_TOKENS, null),
            new ParamRule(Pattern.compile("(?<![\\w$-])[\"']?(?:seed|Seed)" + SEP + "(-?\\d+)"), InventoryField.SEED, null),
            new ParamRule(Pattern.compile("(?<![\\w$-])[\"']?(?:timeout|request_timeout|Timeout|NetworkTimeout|timeoutSeconds)" + SEP
                    + "(?:Duration\\.ofSeconds\\(|TimeSpan\\.FromSeconds\\(|httpx\\.Timeout\\()?(\\d+(?:\\.\\d+)?)(\\s*\\*\\s*1000)?"
                    + "|\\bWithRequestTimeout\\(\\s*(\\d+)\\s*\\*\\s*time\\.Second"), InventoryField.TIMEOUT, null),
            new ParamRule(Pattern.compile("(?<![\\w$-])[\"']?(?:max_retries|maxRetries|MaxRetries|num_retries)" + SEP + "(\\d+)"
                    + "|\\bWithMaxRetries\\(\\s*(\\d+)"), InventoryField.RETRIES, null),
            new ParamRule(Pattern.compile("(?<![\\w.$-])[\"']?(?:tools|functions|tool_choice|toolChoice|function_call|Tools)[\"']?\\s*(?:=>|[:=](?!=))"
                    + "(?!\\s*(?:None|null|nil|undefined|\\[\\s*\\]))|\\.(?:bind_tools|addTool|tools|toolSpecifications|functions|addFunction)\\s*\\("
                    + "|\\.Tools\\.Add\\s*\\("), InventoryField.TOOLS, "true"),
            new ParamRule(Pattern.compile("ResponseFormatJsonSchema|CreateJsonSchemaFormat|[\"']json_schema[\"']|\\bzodResponseFormat\\b"
                    + "|\\bwith_structured_output\\b|\\bwithStructuredOutput\\b|\\b(?:response_format|text_format)\\s*=\\s*[A-Z]\\w*\\s*[,)]"),
                    InventoryField.RESPONSE_FORMAT, "json_schema"),
            new ParamRule(Pattern.compile("ResponseFormatJsonObject|CreateJsonObjectFormat|[\"']json_object[\"']|\\bJSON_OBJECT\\b"),
                    InventoryField.RESPONSE_FORMAT, "json_object"),
            new ParamRule(Pattern.compile("[\"']?role[\"']?\\s*(?:=>|[:=])\\s*[\"']developer[\"']|ChatMessageRoleDeveloper|DeveloperChatMessage"
                    + "|ChatCompletionDeveloperMessageParam|addDeveloperMessage"), InventoryField.MESSAGE_SHAPE, "developer messages"),
            new ParamRule(Pattern.compile("[\"']?role[\"']?\\s*(?:=>|[:=])\\s*[\"']system[\"']|\\bSystemMessage\\b|SystemChatMessage|ChatMessageRoleSystem"
                    + "|addSystemMessage|\\bsystem\\s*:\\s*[\"'`]|\\bSystemMessage\\s*\\("), InventoryField.MESSAGE_SHAPE, "system messages"),
            new ParamRule(Pattern.compile("[\"']?role[\"']?\\s*(?:=>|[:=])\\s*[\"']tool[\"']|\\bToolChatMessage\\b|\\bToolMessage\\b|ChatMessageRoleTool\\b"),
                    InventoryField.MESSAGE_SHAPE, "tool messages"),
            new ParamRule(Pattern.compile("[\"']image_url[\"']|\\bimage_url\\s*[:=]|[\"']input_image[\"']|CreateImagePart|\\bImageUrl\\b|\\bimageUrl\\s*[:(]"
                    + "|type\\s*:\\s*[\"']image[\"']"), InventoryField.MESSAGE_SHAPE, "image parts"),
            new ParamRule(Pattern.compile("(?<![\\w$-])[\"']?(?:encoding_format|encodingFormat|EncodingFormat)" + SEP + "[\"']?(\\w+)"),
                    InventoryField.MAPPING_NOTES, "encoding_format"));

    /** The numeric parameters as configuration keys; a temperature may also be a dotted key ({@code llm.temperature}). */
    private static final List<ParamRule> CONFIG_PARAMS = PARAMS.subList(2, 7).stream()
            .map(r -> new ParamRule(Pattern.compile(r.pattern().pattern().replace("temperature|Temperature",
                    "temperature|Temperature|[\\w.-]*\\.temperature")), r.field(), r.value()))
            .toList();

    private static final Pattern STREAM_SIGNAL = PARAMS.get(0).pattern();
    private static final Pattern TOOLS_SIGNAL = PARAMS.get(7).pattern();
    private static final Pattern SCHEMA_SIGNAL = PARAMS.get(8).pattern();
    private static final Pattern JSON_SIGNAL = PARAMS.get(9).pattern();
    private static final Pattern VISION_SIGNAL = PARAMS.get(13).pattern();
    private static final Pattern CONFIG_LINE = Pattern.compile(
            "^[ \\t]*(?:export\\s+|ENV\\s+|-\\s+)?[\"']?([A-Za-z_][\\w.\\-]*)[\"']?\\s*(?:=|:(?!//))[ \\t]*(.*?)[ \\t]*,?[ \\t]*\\r?$", Pattern.MULTILINE);

    /**
     * The literals each whole-file pattern needs (see {@link RequiredLiterals}): a pattern runs over a file only if the
     * file's lower-cased text holds one of them. Immutable after class initialisation.
     */
    static final Map<Pattern, List<String>> GATES = RequiredLiterals.table(gatedPatterns());

    /** Each distinct gate literal gets an id, so that a file is searched for it once however many patterns need it. */
    private static final Map<String, Integer> LITERAL_IDS = new HashMap<>();
    /** The ids of {@link #GATES}' literals, in the same order. */
    private static final Map<Pattern, int[]> GATE_IDS = new java.util.IdentityHashMap<>();

    static {
        GATES.forEach((p, literals) -> GATE_IDS.put(p, literals.stream()
                .mapToInt(l -> LITERAL_IDS.computeIfAbsent(l, k -> LITERAL_IDS.size())).toArray()));
    }

    private static final int LITERAL_COUNT = LITERAL_IDS.size();
    /** {@link Trigrams#of(String)} of each gate literal, by id. */
    private static final int[][] LITERAL_GRAMS = new int[LITERAL_COUNT][];

    static {
        LITERAL_IDS.forEach((literal, id) -> LITERAL_GRAMS[id] = Trigrams.of(literal));
    }

    private static final byte YES = 1;
    private static final byte NO = 2;

    /** {@link Trigrams#of(String)} of each pre-filter trigger (null for one shorter than three characters). */

    /** Where each whole-file pattern's matches can start (see {@link Anchors}); patterns without an anchor are left out. */
    static final Map<Pattern, Anchors.Anchor> ANCHORS = anchors(gatedPatterns());

    /** {@link Trigrams#of(String)} of each anchor's literals, in the same order (null for a literal shorter than three). */
    private static final Map<Pattern, int[][]> ANCHOR_GRAMS = new java.util.IdentityHashMap<>();

    static {
        ANCHORS.forEach((p, a) -> ANCHOR_GRAMS.put(p, a.literals().stream().map(Trigrams::of).toArray(int[][]::new)));
    }

    private static Map<Pattern, Anchors.Anchor> anchors(List<Pattern> patterns) {
        Map<Pattern, Anchors.Anchor> m = new java.util.IdentityHashMap<>();
        for (Pattern p : patterns) {
            Anchors.Anchor a = Anchors.of(p);
            if (a != null) {
                m.put(p, a);
            }
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Every pattern the analyser runs over a whole file. */
    static List<Pattern> gatedPatterns() {
        List<Pattern> all = new ArrayList<>();
        Rules.SDKS.values().forEach(rules -> rules.forEach(r -> {
            all.add(r.pattern());
            if (r.unless() != null) {
                all.add(r.unless());
            }
        }));
        Rules.CALLS.values().forEach(rules -> rules.forEach(r -> {
            all.add(r.pattern());
            if (r.requires() != null) {
                all.add(r.requires());
            }
        }));
        Rules.CLIENTS.values().forEach(rules -> rules.forEach(r -> all.add(r.pattern())));
        all.addAll(API_VERSIONS);
        all.addAll(AUTHS);
        all.add(Rules.RAW_PATH);
        Rules.DEPENDENCIES.forEach(d -> all.add(d.pattern()));
        Rules.JSON_DEPENDENCIES.forEach(d -> all.add(d.pattern()));
        PARAMS.forEach(r -> all.add(r.pattern()));
        CONFIG_PARAMS.forEach(r -> all.add(r.pattern()));
        all.addAll(ENV_READS);
        all.addAll(List.of(SHELL_VAR, BASE_URL_KEY, QUOTED_MODEL, KEY_LITERAL));
        return all;
    }

    /** Analyses one file. {@code file} is the path relative to the scan root. */
    FileReport analyze(String file, Language lang, String text) {
        Ctx c = new Ctx(file, lang, text);
        if (lang.isConfig()) {
            c.config();
        } else {
            c.code();
        }
        return new FileReport(file, c.findings, c.calls, c.config, c.pending, c.pendingCalls, c.clientVars, c.constants);
    }

    /** A parsed right-hand side: a literal, a reference (variable, env read) or something built from variables. */
    record Expr(Type type, String text, String literal, String envName, String defaultValue) {
        enum Type { LITERAL, REFERENCE, BUILT, OTHER }
    }

    /**
     * A call's region ({@code start} to the end of its arguments), the variable it is called on, the name called in
     * its model argument ({@code gateway("gpt-4o")}), and its provider when the call itself names it (a request URL,
     * a LiteLLM prefix), else null.
     */
    private record CallInfo(int start, int end, String receiver, String modelCallee, String provider, boolean litellm,
                            int requestStart, int requestEnd) {
        CallInfo(int start, int end, String receiver, String modelCallee, String provider, boolean litellm) {
            this(start, end, receiver, modelCallee, provider, litellm, -1, -1);
        }

        /** Whether {@code offset} is in the call or in the request it passes built elsewhere ({@code **params}). */
        boolean covers(int offset) {
            return offset >= start && offset <= end || offset >= requestStart && offset <= requestEnd;
        }
    }

    /** A base URL set in the code: where, the provider it names (null when it names none), whether LiteLLM's module setting. */
    private record Site(int start, int end, String provider, String text, boolean litellmModule) {
    }

    /** A client construction: its region, the variable it is assigned to (or null), its class and provider. */
    private record Client(int start, int end, String var, String cls, String provider, boolean azure, String how) {
    }

    private static final class Ctx {
        final String file;
        final Language lang;
        final SourceText src;
        final String code;
        final List<Finding> findings = new ArrayList<>();
        final List<CallSite> calls = new ArrayList<>();
        final Map<String, FileReport.ConfigValue> config = new LinkedHashMap<>();
        final List<FileReport.PendingRef> pending = new ArrayList<>();
        final Map<String, Integer> constantAt = new HashMap<>();
        final Set<String> seen = new HashSet<>();
        final List<String> fileSdks = new ArrayList<>();
        /** The character offset of each finding, in the order of {@link #findings}. */
        final List<Integer> offsets = new ArrayList<>();
        /** What attributing a call to a provider needs, in the order of {@link #calls}. */
        final List<CallInfo> callInfos = new ArrayList<>();
        /** Where a base URL is set in this file, and the provider it names. */
        final List<Site> sites = new ArrayList<>();
        /** The client constructions in this file. */
        final List<Client> clients = new ArrayList<>();
        final List<FileReport.PendingCall> pendingCalls = new ArrayList<>();
        /** Client variables and their providers ({@link #AMBIGUOUS} when two clients of one name differ). */
        final Map<String, String> clientVars = new LinkedHashMap<>();
        final Map<String, FileReport.Constant> constants = new LinkedHashMap<>();
        /** Where the request of the call being read was built, when elsewhere ({@code params = {…}} … {@code (**params)}); else null. */
        private int[] request;
        boolean aiFile;
        boolean constantsRead;
        private String lowerCode;
        private String lowerOriginal;
        /** Per gate literal (by id): 0 not looked up yet, {@link #YES} or {@link #NO} in the code / the original text. */
        private final byte[] codeHas = new byte[LITERAL_COUNT];
        private final byte[] originalHas = new byte[LITERAL_COUNT];
        private Trigrams codeGrams;

        Ctx(String file, Language lang, String text) {
            this.file = file;
            this.lang = lang;
            this.src = new SourceText(SourceText.isMarkdown(file) ? SourceText.shellBlocks(text) : text, lang);
            this.code = src.code;
        }

        /** Whether {@code p} can match {@link #code} (or the original text): false when it lacks all of p's literals. */
        boolean may(Pattern p, boolean original) {
            List<String> literals = GATES.get(p);
            if (literals == null) {
                return true;
            }
            String lower;
            if (original) {
                if (lowerOriginal == null) {
                    lowerOriginal = foldedOriginal();
                }
                lower = lowerOriginal;
            } else {
                if (lowerCode == null) {
                    lowerCode = foldedCode();
                }
                lower = lowerCode;
            }
            byte[] known = original ? originalHas : codeHas;
            int[] ids = GATE_IDS.get(p);
            for (int k = 0; k < ids.length; k++) {
                int id = ids[k];
                if (known[id] == 0) {
                    // The original text is only asked about the key literal: one search is cheaper than a trigram set.
                    int[] grams = original ? null : LITERAL_GRAMS[id];
                    known[id] = grams != null && !codeGrams().mayContain(grams) ? NO : lower.contains(literals.get(k)) ? YES : NO;
                }
                if (known[id] == YES) {
                    return true;
                }
            }
            return false;
        }

        /** The trigram set of the folded code, made on first use. */
        private Trigrams codeGrams() {
            if (codeGrams == null) {
                if (lowerCode == null) {
                    lowerCode = foldedCode();
                }
                codeGrams = new Trigrams(lowerCode);
            }
            return codeGrams;
        }

        /** The folded original text; the same string as the folded code when stripping changed nothing. */
        private String foldedOriginal() {
            return src.original == code && lowerCode != null ? lowerCode : Anchors.fold(src.original);
        }

        private String foldedCode() {
            return src.original == code && lowerOriginal != null ? lowerOriginal : Anchors.fold(code);
        }

        /**
         * The matches of {@code p} over {@link #code} (or the original text) in order, as {@code while (m.find())}
         * gives them; a pattern with an anchor is tried only near its literal (see {@link Anchors}).
         */
        Anchors.Finder finder(Pattern p, boolean original) {
            Anchors.Anchor a = ANCHORS.get(p);
            if (a == null) {
                return new Anchors.Finder(p, null, original ? src.original : code, null, 0);
            }
            if (original) {
                if (lowerOriginal == null) {
                    lowerOriginal = foldedOriginal();
                }
                return new Anchors.Finder(p, a, src.original, lowerOriginal, 0);
            }
            if (lowerCode == null) {
                lowerCode = foldedCode();
            }
            int[][] grams = ANCHOR_GRAMS.get(p);
            long absent = 0;
            for (int k = 0; k < grams.length && k < Long.SIZE; k++) {
                if (grams[k] != null && !codeGrams().mayContain(grams[k])) {
                    absent |= 1L << k;
                }
            }
            return new Anchors.Finder(p, a, code, lowerCode, absent);
        }

        // ---------------------------------------------------------------- code

        void code() {
            keyLiterals();
            // With comments blanked out, the pre-filter again: most files that reach the analyser name the SDK only in
            // a comment. (Without a comment, the code is the text the pre-filter has passed already.)
            if (code != src.original && !Prefilter.mayMatch(code)) {
                return;
            }
            lowerCode = foldedCode();
            for (Rules.SdkRule r : Rules.SDKS.getOrDefault(lang, List.of())) {
                if (r.unless() != null && may(r.unless(), false) && finder(r.unless(), false).find() || !may(r.pattern(), false)) {
                    continue;
                }
                Anchors.Finder f = finder(r.pattern(), false);
                Matcher m = f.matcher();
                while (f.find()) {
                    add(FindingKind.SDK, InventoryField.SDK, r.sdk(), r.confidence(), m.start(), "");
                    if (!fileSdks.contains(r.sdk())) {
                        fileSdks.add(r.sdk());
                    }
                }
            }
            boolean any = !fileSdks.isEmpty();
            for (Rules.CallRule r : Rules.CALLS.getOrDefault(lang, List.of())) {
                if (r.requires() != null && !(may(r.requires(), false) && finder(r.requires(), false).find()) || !may(r.pattern(), false)) {
                    continue;
                }
                Anchors.Finder f = finder(r.pattern(), false);
                Matcher m = f.matcher();
                while (f.find()) {
                    callSite(r, m.start(), m.end());
                    any = true;
                }
            }
            any |= litellmImports();
            any |= rawHttp();
            if (any) {
                params();
                baseUrls();
                envReads();
                looseModels();
                azure();
                clients();
                attribute();
            }
        }

        private String sdkFor(Rules.CallRule r) {
            if (r.sdk() != null) {
                return r.sdk();
            }
            if (!fileSdks.isEmpty()) {
                return fileSdks.get(0);
            }
            return switch (lang) {
                case PYTHON -> "Python openai";
                case JAVASCRIPT -> "Node openai";
                case CSHARP -> ".NET OpenAI";
                default -> "OpenAI SDK";
            };
        }

        private void callSite(Rules.CallRule r, int start, int end) {
            int open = Math.max(code.lastIndexOf('(', end - 1), code.lastIndexOf('{', end - 1));
            int spanEnd = switch (r.span()) {
                case BRACKET -> open >= start ? closing(code, open) : end;
                case BUILDER -> builderEnd(start);
                case SHELL -> shellEnd(start);
            };
            String span = code.substring(end, Math.max(end, spanEnd));
            String sdk = sdkFor(r);
            if (r.emitsCall()) {
                add(FindingKind.CALL, InventoryField.ENDPOINTS, r.family(), Confidence.HIGH, start, sdk + " " + callName(start, end));
                add(FindingKind.SDK, InventoryField.SDK, sdk, Confidence.HIGH, start, "");
            }
            Set<String> features = features(span, r.family());
            if (r.stream()) {
                features.add("streaming");
                add(FindingKind.PARAMETER, InventoryField.STREAM, "true", Confidence.HIGH, start, "streaming method");
            }
            if (r.feature() != null) {
                features.add(r.feature());
                add(FindingKind.PARAMETER, InventoryField.RESPONSE_FORMAT, r.feature(), Confidence.HIGH, start, "structured output method");
            }
            String model = "";
            boolean modelGiven = false;
            String callee = null;
            if (r.firstArgModel()) {
                Expr e = parseExpr(span, 0);
                if (e.type() != Expr.Type.OTHER && !span.stripLeading().startsWith("new ")) {
                    model = model(e, end, "first argument of " + callName(start, end));
                    modelGiven = true;
                }
            }
            Matcher mk = MODEL_KEY.matcher(span);
            if (!modelGiven && mk.find()) {
                Matcher c = CALLEE.matcher(span).region(mk.end(), span.length());
                callee = c.lookingAt() ? c.group(1) : null;
                Expr e = parseExpr(span, mk.end());
                model = model(e, end + mk.start(), "model of the " + r.family() + " call");
                modelGiven = true;
            }
            request = null;
            if (!modelGiven && (lang == Language.PYTHON || lang == Language.JAVASCRIPT)) {
                model = requestVariable(span, start, r.family(), features);
            }
            calls.add(new CallSite(file, src.line(start), sdk, r.family(), model, features, ""));
            callInfos.add(new CallInfo(start, Math.max(end, spanEnd), receiver(start), callee, null, "LiteLLM".equals(sdk),
                    request == null ? -1 : request[0], request == null ? -1 : request[1]));
        }

        /**
         * A call whose request is built elsewhere: {@code completion(**params)}, {@code create({...params, stream: true})}
         * or {@code create(request)}, with {@code params = {"model": …}} (or {@code dict(model=…)}) assigned earlier in
         * the file. Reads the model (and the features) from that assignment; returns the model ID or "".
         */
        private String requestVariable(String span, int callStart, String family, Set<String> features) {
            Matcher k = REQUEST_VARIABLE.matcher(span);
            if (!k.find()) {
                return "";
            }
            String name = k.group(1) != null ? k.group(1) : k.group(2);
            Matcher def = Pattern.compile("(?<![\\w.$])" + Pattern.quote(name) + "\\s*(?::[^=\\n]{1,80})?=\\s*(\\{|dict\\s*\\()")
                    .matcher(code).region(0, callStart);
            int open = -1;
            while (def.find()) {
                open = def.end() - 1;
            }
            if (open >= 0) {
                int close = closing(code, open);
                request = new int[]{open, close};
                String body = code.substring(open, Math.max(open, close));
                features.addAll(features(body, family));
                Matcher dk = MODEL_KEY.matcher(body);
                if (dk.find()) {
                    return model(parseExpr(body, dk.end()), open + dk.start(), "model of the " + family + " call, in " + name);
                }
            }
            Matcher item = Pattern.compile("(?<![\\w.$])" + Pattern.quote(name) + "\\s*\\[\\s*[\"']model[\"']\\s*\\]\\s*=(?!=)\\s*")
                    .matcher(code).region(0, callStart);
            if (item.find()) {
                request = new int[]{item.start(), item.end()};
                return model(parseExpr(code, item.end()), item.start(), "model of the " + family + " call, set in " + name);
            }
            return "";
        }

        /** The variable a call is made on ({@code groq} in {@code this.groq.chat.completions.create(}), or null. */
        private String receiver(int start) {
            int i = start;
            while (i > 0 && (code.charAt(i - 1) == '?' || code.charAt(i - 1) == '!')) {
                i--;
            }
            int e = i;
            while (i > 0 && Character.isJavaIdentifierPart(code.charAt(i - 1))) {
                i--;
            }
            return i < e && code.charAt(start) == '.' ? code.substring(i, e) : null;
        }

        private String callName(int start, int end) {
            return code.substring(start, end).replaceAll("\\s+", "").replaceAll("[({]$", "").replaceAll("^\\.", "") + "(…)";
        }

        private Set<String> features(String span, String family) {
            Set<String> f = new LinkedHashSet<>();
            f.add(switch (family) {
                case "chat" -> "chat";
                case "responses" -> "responses";
                case "embeddings" -> "embeddings";
                default -> family;
            });
            if (STREAM_SIGNAL.matcher(span).find()) {
                f.add("streaming");
            }
            if (TOOLS_SIGNAL.matcher(span).find()) {
                f.add("tools");
            }
            if (SCHEMA_SIGNAL.matcher(span).find()) {
                f.add("json_schema");
            } else if (JSON_SIGNAL.matcher(span).find()) {
                f.add("json");
            }
            if (VISION_SIGNAL.matcher(span).find()) {
                f.add("vision");
            }
            return f;
        }

        /** Records a model finding for an expression; returns the literal model ID or "". */
        private String model(Expr e, int offset, String how) {
            switch (e.type()) {
                case LITERAL -> {
                    if (e.literal().isBlank() || e.literal().length() > 100) {
                        return "";
                    }
                    add(FindingKind.MODEL, InventoryField.MODEL, e.literal(), Confidence.HIGH, offset, how);
                    return e.literal();
                }
                case REFERENCE -> {
                    Expr resolved = resolve(e, 0);
                    if (resolved.type() == Expr.Type.LITERAL) {
                        add(FindingKind.MODEL, InventoryField.MODEL, resolved.literal(), Confidence.MEDIUM, offset,
                                how + ", via " + e.text());
                        return resolved.literal();
                    }
                    String name = resolved.envName() != null ? resolved.envName() : lastSegment(resolved.text());
                    int idx = add(FindingKind.MODEL_VARIABLE, InventoryField.NONE, e.text(), Confidence.LOW, offset,
                            how + " comes from " + e.text());
                    if (idx >= 0) {
                        pending.add(new FileReport.PendingRef(idx, name, resolved.defaultValue(), false, false));
                    }
                    return "";
                }
                case BUILT -> {
                    add(FindingKind.MODEL_VARIABLE, InventoryField.NONE, e.text(), Confidence.LOW, offset, how + " is built from variables");
                    return "";
                }
                default -> {
                    return "";
                }
            }
        }

        /** Follows constants defined in this file (a few steps); env reads stay references. */
        private Expr resolve(Expr e, int depth) {
            if (e.type() != Expr.Type.REFERENCE || depth > 4) {
                return e;
            }
            if (e.envName() != null || isDataReference(e.text())) {
                return e; // an environment read, or data the app loads (tenant.model): no constant of this file
            }
            String name = lastSegment(e.text());
            if (!constantsRead) {
                constantsRead = true;
                collectConstants();
            }
            Integer at = constantAt.get(name);
            if (at == null) {
                return e;
            }
            Expr def = parseExpr(code, at);
            if (def.type() == Expr.Type.REFERENCE && def.text().equals(e.text())) {
                return e;
            }
            return def.type() == Expr.Type.OTHER ? e : resolve(def, depth + 1);
        }

        private void collectConstants() {
            Matcher m = CONSTANT.matcher(code);
            while (m.find()) {
                constantAt.putIfAbsent(m.group(1), m.end());
            }
        }

        private boolean rawHttp() {
            boolean any = false;
            if (!may(Rules.RAW_PATH, false)) {
                return false;
            }
            Anchors.Finder f = finder(Rules.RAW_PATH, false);
            Matcher m = f.matcher();
            while (f.find()) {
                int tokenStart = m.start();
                while (tokenStart > 0 && !isTokenBreak(code.charAt(tokenStart - 1))) {
                    tokenStart--;
                }
                String prefix = code.substring(tokenStart, m.start());
                String path = m.group(1);
                boolean inString = tokenStart > 0 && "\"'`".indexOf(code.charAt(tokenStart - 1)) >= 0;
                if (!inString && lang != Language.SHELL) {
                    continue;
                }
                if (lang != Language.SHELL && (moduleSpecifier(tokenStart - 1) || fileNameAt(m.end()))) {
                    continue; // import … from "openai/resources/chat/completions.mjs": a module, not a request
                }
                if (path.equals("/embeddings") || path.equals("/chat/completions")) {
                    if (prefix.isEmpty() && !followsConcat(tokenStart - 1)) {
                        continue;
                    }
                }
                String family = path.contains("chat/") || path.equals("/v1/completions") ? "chat"
                        : path.contains("responses") ? "responses" : path.contains("embeddings") ? "embeddings"
                        : path.contains("images") ? "images" : path.contains("moderations") ? "moderations"
                        : path.contains("videos") ? "video" : "audio";
                String how = lang == Language.SHELL ? "curl" : "HTTP request";
                add(FindingKind.CALL, InventoryField.ENDPOINTS, family, Confidence.HIGH, m.start(), "Direct HTTP: " + how + " to " + path);
                add(FindingKind.SDK, InventoryField.SDK, "Direct HTTP", Confidence.HIGH, m.start(), how);
                String provider = requestBaseUrl(prefix, path, tokenStart);
                if (prefix.contains(AZURE_PATH)) {
                    provider = Providers.asAzure(provider);
                    azureDeployment(prefix, tokenStart);
                }
                int spanStart;
                int spanEnd;
                if (lang == Language.SHELL) {
                    spanStart = lineStart(m.start());
                    spanEnd = shellEnd(m.start());
                } else {
                    int open = enclosingOpen(m.start());
                    spanStart = open < 0 ? lineStart(m.start()) : open;
                    spanEnd = open < 0 ? lineEndAt(m.start()) : closing(code, open);
                }
                String span = code.substring(spanStart, Math.max(spanStart, spanEnd));
                Set<String> features = features(span, family);
                String model = "";
                Matcher mk = MODEL_KEY.matcher(span);
                Matcher form = CURL_FORM_MODEL.matcher(span);
                if (lang == Language.SHELL && form.find()) { // curl -F model=whisper-1: a multipart field, unquoted
                    model = model(new Expr(Expr.Type.LITERAL, form.group(1), form.group(1), null, null),
                            spanStart + form.start(1), "model field of the curl upload");
                } else if (mk.find()) {
                    model = model(parseExpr(span, mk.end()), spanStart + mk.start(), "model of the HTTP request");
                }
                calls.add(new CallSite(file, src.line(m.start()), "Direct HTTP", family, model, features, ""));
                callInfos.add(new CallInfo(m.start(), Math.max(m.end(), spanEnd), null, null, provider, false));
                if (provider != null) {
                    addProvider(provider, Confidence.HIGH, m.start(), "request URL " + prefix + path);
                }
                any = true;
            }
            return any;
        }

        /** The base URL a direct request's URL shows (a finding), and its provider; null when it names none. */
        private String requestBaseUrl(String prefix, String path, int tokenStart) {
            String provider = null;
            String base = prefix + (path.startsWith("/v1/") && !prefix.endsWith("/v1") ? "/v1" : "");
            if (prefix.startsWith("http://") || prefix.startsWith("https://")) {
                if (!prefix.contains("${") && !prefix.contains("{") && !prefix.contains("$")) {
                    add(FindingKind.BASE_URL, InventoryField.CURRENT_BASE_URL, trimSlash(base), Confidence.HIGH, tokenStart,
                            "request URL " + prefix + path);
                    provider = Providers.forUrl(base);
                } else {
                    add(FindingKind.BASE_URL, InventoryField.NONE, base, Confidence.LOW, tokenStart, "request URL built from variables");
                }
            } else if (!prefix.isEmpty()) {
                String resolved = prefix.contains("{") ? substitute(prefix) : null;
                if (resolved != null && isUrl(resolved)) {
                    String full = resolved + (path.startsWith("/v1/") && !resolved.endsWith("/v1") ? "/v1" : "");
                    add(FindingKind.BASE_URL, InventoryField.CURRENT_BASE_URL, trimSlash(full), Confidence.MEDIUM, tokenStart,
                            "request URL built from variables: " + prefix + path);
                    provider = Providers.forUrl(full);
                } else {
                    add(FindingKind.BASE_URL, InventoryField.NONE, base, Confidence.LOW, tokenStart, "request URL built from variables");
                }
            }
            return provider;
        }

        /** Whether the string whose opening quote is at {@code quoteAt} names a module: {@code from "…"}, {@code require("…")}. */
        private boolean moduleSpecifier(int quoteAt) {
            int i = quoteAt - 1;
            while (i >= 0 && (code.charAt(i) == ' ' || code.charAt(i) == '\t')) {
                i--;
            }
            if (i >= 0 && code.charAt(i) == '(') {
                int j = i - 1;
                while (j >= 0 && (code.charAt(j) == ' ' || code.charAt(j) == '\t')) {
                    j--;
                }
                return endsWithWord(j, "require") || endsWithWord(j, "import");
            }
            return endsWithWord(i, "from") || endsWithWord(i, "import");
        }

        private boolean endsWithWord(int last, String word) {
            int from = last - word.length() + 1;
            return from >= 0 && code.startsWith(word, from) && (from == 0 || !Character.isJavaIdentifierPart(code.charAt(from - 1)));
        }

        /** Whether a file extension and the closing quote follow at {@code at} ({@code completions.mjs"}): a file, not an endpoint. */
        private boolean fileNameAt(int at) {
            if (at >= code.length() || code.charAt(at) != '.') {
                return false;
            }
            int i = at + 1;
            while (i < code.length() && i - at <= 5 && Character.isLetter(code.charAt(i))) {
                i++;
            }
            return i > at + 1 && i < code.length() && "\"'`".indexOf(code.charAt(i)) >= 0;
        }

        private boolean followsConcat(int quoteAt) {
            int i = quoteAt - 1;
            while (i >= 0 && (code.charAt(i) == ' ' || code.charAt(i) == '\t')) {
                i--;
            }
            return i >= 0 && (code.charAt(i) == '+' || code.charAt(i) == '.');
        }

        private static boolean isTokenBreak(char ch) {
            return Character.isWhitespace(ch) || ch == '"' || ch == '\'' || ch == '`' || ch == '(' || ch == ',' || ch == '=';
        }

        private void params() {
            for (ParamRule r : PARAMS) {
                if (!may(r.pattern(), false)) {
                    continue;
                }
                Anchors.Finder f = finder(r.pattern(), false);
                Matcher m = f.matcher();
                while (f.find()) {
                    String value = r.value();
                    if (value == null || r.field() == InventoryField.MAPPING_NOTES && m.groupCount() >= 1 && m.group(1) != null) {
                        value = number(r.field(), m);
                        if (value == null) {
                            continue;
                        }
                        if (r.field() == InventoryField.MAPPING_NOTES) {
                            value = r.value() + "=" + value;
                        }
                    }
                    add(FindingKind.PARAMETER, r.field(), value, Confidence.MEDIUM, m.start(), paramName(m.group()));
                }
            }
        }

        private String number(InventoryField field, Matcher m) {
            String v = null;
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.group(g) != null && !m.group(g).isBlank() && !m.group(g).contains("*")) {
                    v = m.group(g);
                    break;
                }
            }
            if (v == null) {
                return null;
            }
            if (field == InventoryField.TIMEOUT) {
                double d = Double.parseDouble(v);
                boolean timesThousand = m.groupCount() >= 2 && m.group(2) != null;
                boolean millis = !timesThousand && lang == Language.JAVASCRIPT && d >= 1000;
                long seconds = Math.round(millis ? d / 1000 : d);
                return Long.toString(Math.max(1, seconds));
            }
            return v;
        }

        private static String paramName(String matched) {
            String s = matched.replaceAll("[\"'\\s]", "");
            int cut = s.length();
            for (String sep : new String[]{"=>", ":=", "=", ":", "("}) {
                int i = s.indexOf(sep);
                if (i > 0 && i < cut) {
                    cut = i;
                }
            }
            return s.substring(0, cut).replaceAll("^\\.", "");
        }

        private void baseUrls() {
            if (!may(BASE_URL_KEY, false)) {
                return;
            }
            Anchors.Finder f = finder(BASE_URL_KEY, false);
            Matcher m = f.matcher();
            while (f.find()) {
                int at = m.end();
                if (lang == Language.PYTHON || lang == Language.JAVASCRIPT) {
                    // base_url: str = "…" (an annotated default) is read after the '='; base_url: str alone is a type
                    Matcher t = TYPE_ANNOTATION.matcher(code).region(at, Math.min(code.length(), at + 120));
                    if (m.group().stripTrailing().endsWith(":") && t.lookingAt()) {
                        if (t.group(1) == null) {
                            continue;
                        }
                        at = t.end();
                    }
                }
                Expr e = parseExpr(code, at);
                if (e.text().matches("None|null|undefined|nil|\"\"|''")) {
                    continue;
                }
                String how = paramName(m.group());
                String provider = baseUrl(e, m.start(), how);
                boolean litellmModule = m.start() >= 8 && code.startsWith("litellm.", m.start() - 8);
                sites.add(new Site(m.start(), at + e.text().length(), provider, e.text(), litellmModule));
            }
        }

        /** Records the findings for a base URL expression; returns the provider it names (possibly a reference), or null. */
        private String baseUrl(Expr e, int offset, String how) {
            switch (e.type()) {
                case LITERAL -> {
                    if (isUrl(e.literal())) {
                        add(FindingKind.BASE_URL, InventoryField.CURRENT_BASE_URL, trimSlash(e.literal()), Confidence.HIGH, offset, how);
                        if (e.literal().contains(AZURE_PATH)) {
                            azureDeployment(e.literal(), offset);
                            return Providers.asAzure(Providers.forUrl(e.literal()));
                        }
                        return Providers.forUrl(e.literal());
                    }
                    return null;
                }
                case REFERENCE -> {
                    Expr r = resolve(e, 0);
                    if (r.type() == Expr.Type.LITERAL && isUrl(r.literal())) {
                        add(FindingKind.BASE_URL, InventoryField.CURRENT_BASE_URL, trimSlash(r.literal()), Confidence.HIGH,
                                offset, how + " via " + e.text());
                        return Providers.forUrl(r.literal());
                    }
                    if (r.defaultValue() != null && isUrl(r.defaultValue())) {
                        add(FindingKind.BASE_URL, InventoryField.CURRENT_BASE_URL, trimSlash(r.defaultValue()), Confidence.HIGH, offset,
                                how + ": default of " + r.envName());
                    }
                    if (r.envName() == null && isDataReference(r.text())) {
                        add(FindingKind.RISK_RUNTIME_BASE_URL, InventoryField.NONE, e.text(), Confidence.MEDIUM, offset,
                                runtimeDetail(e.text()));
                        return Providers.runtime(e.text());
                    }
                    String name = r.envName() != null ? r.envName() : lastSegment(r.text());
                    int idx = add(FindingKind.BASE_URL, InventoryField.NONE, e.text(), Confidence.LOW, offset,
                            how + " read from " + e.text());
                    if (idx >= 0) {
                        pending.add(new FileReport.PendingRef(idx, name, null, true, false));
                    }
                    return Providers.ref(name, r.defaultValue(), false);
                }
                case BUILT -> {
                    String resolved = substitute(e.text());
                    boolean azure = e.text().contains(AZURE_PATH);
                    if (azure) {
                        azureDeployment(e.text(), offset);
                    }
                    if (resolved != null && isUrl(resolved)) {
                        add(FindingKind.BASE_URL, InventoryField.CURRENT_BASE_URL, trimSlash(resolved), Confidence.MEDIUM, offset,
                                how + " built from variables: " + e.text());
                        String p = Providers.forUrl(resolved);
                        return azure ? Providers.asAzure(p) : p;
                    }
                    add(FindingKind.BASE_URL, InventoryField.NONE, e.text(), Confidence.LOW, offset, how + " built from variables");
                    // the provider is named by the first variable the URL starts with: ${AZURE_OPENAI_ENDPOINT}/openai/…
                    String env = firstEnvRead(e.text());
                    if (env != null || azure) {
                        return Providers.ref(env, null, azure);
                    }
                    return null;
                }
                default -> {
                    return null;
                }
            }
        }

        /** The environment variable the expression's first interpolated or concatenated part reads (directly or via a constant), or null. */
        private String firstEnvRead(String text) {
            Matcher v = FIRST_PART.matcher(text.replaceFirst("^[fF$@]?[\"'`]", ""));
            if (!v.find()) {
                return null;
            }
            String name = v.group(1) != null ? v.group(1) : v.group(2) != null ? v.group(2) : v.group(3);
            Expr r = resolve(parseExpr(name, 0), 0);
            return r.envName();
        }

        /**
         * The deployment in an Azure URL ({@code …/openai/deployments/NAME/…}): a deployment finding when it is a literal
         * or resolves to one, else a reference resolved against the tree's configuration.
         */
        private void azureDeployment(String url, int offset) {
            int at = url.indexOf(AZURE_PATH);
            String rest = url.substring(at + AZURE_PATH.length());
            Matcher seg = DEPLOYMENT_SEGMENT.matcher(rest);
            if (!seg.find()) {
                return;
            }
            String how = "Azure deployment in the base URL";
            if (seg.group(3) != null) {
                add(FindingKind.MODEL, InventoryField.DEPLOYMENT, seg.group(3), Confidence.HIGH, offset, how);
                return;
            }
            String ref = seg.group(1) != null ? seg.group(1) : seg.group(2);
            Expr r = resolve(parseExpr(ref, 0), 0);
            if (r.type() == Expr.Type.LITERAL && !r.literal().isBlank()) {
                add(FindingKind.MODEL, InventoryField.DEPLOYMENT, r.literal(), Confidence.MEDIUM, offset, how + ", via " + ref);
                return;
            }
            int idx = add(FindingKind.MODEL_VARIABLE, InventoryField.NONE, ref, Confidence.LOW, offset, how + " comes from " + ref);
            if (idx >= 0) {
                pending.add(new FileReport.PendingRef(idx, r.envName() != null ? r.envName() : lastSegment(ref), r.defaultValue(), false, true));
            }
        }

        /** Resolves f"{A}/v1", `${A}/v1`, A + "/v1" from this file's constants; null when a part is unknown. */
        private String substitute(String expr) {
            String s = expr.strip();
            StringBuilder out = new StringBuilder();
            if (s.contains("+")) {
                for (String part : s.split("\\+")) {
                    Expr p = parseExpr(part.strip(), 0);
                    String v = valueOf(p);
                    if (v == null) {
                        return null;
                    }
                    out.append(v);
                }
                return out.toString();
            }
            s = s.replaceFirst("^[fF$@]?[\"'`]", "").replaceFirst("[\"'`]$", "");
            Matcher v = Pattern.compile("\\$?\\{([A-Za-z_][\\w.]*)}|#\\{([A-Za-z_]\\w*)}").matcher(s);
            int last = 0;
            while (v.find()) {
                out.append(s, last, v.start());
                String name = v.group(1) != null ? v.group(1) : v.group(2);
                String val = valueOf(new Expr(Expr.Type.REFERENCE, name, null, null, null));
                if (val == null) {
                    return null;
                }
                out.append(val);
                last = v.end();
            }
            out.append(s.substring(last));
            return out.toString();
        }

        private String valueOf(Expr p) {
            if (p.type() == Expr.Type.LITERAL) {
                return p.literal();
            }
            if (p.type() != Expr.Type.REFERENCE) {
                return null;
            }
            Expr r = resolve(p, 0);
            if (r.type() == Expr.Type.LITERAL) {
                return r.literal();
            }
            return r.defaultValue();
        }

        // ---------------------------------------------------------------- LiteLLM's imported names

        /**
         * LiteLLM's functions called by their imported names ({@code from litellm import embedding} … {@code embedding(…)},
         * aliases included) or through a module alias ({@code import litellm as llm} … {@code llm.image_generation(…)}).
         */
        private boolean litellmImports() {
            if (lang != Language.PYTHON || !lowerCode.contains("litellm")) {
                return false;
            }
            boolean any = false;
            Matcher im = LITELLM_FROM.matcher(code);
            while (im.find()) {
                for (String part : im.group(1).replace("(", " ").replace(")", " ").replace("\\", " ").split(",")) {
                    String[] w = part.strip().split("\\s+as\\s+");
                    String fn = w[0].strip();
                    String local = w.length > 1 ? w[1].strip() : fn;
                    String family = LITELLM_FUNCTIONS.get(fn);
                    if (family != null && local.matches("[A-Za-z_]\\w*")) {
                        any |= litellmCalls(Pattern.compile("(?<![\\w.])" + local + "\\s*\\("), family);
                    }
                }
            }
            Matcher alias = LITELLM_ALIAS.matcher(code);
            while (alias.find()) {
                Matcher c = Pattern.compile("(?<![\\w.])" + alias.group(1) + "\\.(\\w+)\\s*\\(").matcher(code);
                while (c.find()) {
                    String family = LITELLM_FUNCTIONS.get(c.group(1));
                    if (family != null) {
                        callSite(new Rules.CallRule(c.pattern(), family, "LiteLLM", false, Rules.Span.BRACKET, true, null, null, false),
                                c.start(), c.end());
                        any = true;
                    }
                }
            }
            return any;
        }

        private boolean litellmCalls(Pattern p, String family) {
            boolean any = false;
            Matcher m = p.matcher(code);
            while (m.find()) {
                String before = code.substring(lineStart(m.start()), m.start());
                if (before.matches(".*\\b(?:def|class|import)\\s+") || before.contains("import ")) {
                    continue;
                }
                callSite(new Rules.CallRule(p, family, "LiteLLM", false, Rules.Span.BRACKET, true, null, null, false), m.start(), m.end());
                any = true;
            }
            return any;
        }

        // ---------------------------------------------------------------- Azure: api-version, how the key is sent

        private void azure() {
            for (Pattern p : API_VERSIONS) {
                if (!may(p, false)) {
                    continue;
                }
                Anchors.Finder f = finder(p, false);
                Matcher m = f.matcher();
                while (f.find()) {
                    String v;
                    if (m.groupCount() >= 3 && m.group(1) != null && m.group(2) != null) {
                        v = m.group(1) + "-" + m.group(2) + "-" + m.group(3) + (m.groupCount() >= 4 && m.group(4) != null ? "-preview" : "");
                    } else if (m.groupCount() >= 1 && m.group(1) != null) {
                        v = m.group(1);
                    } else {
                        Expr e = resolve(parseExpr(code, m.end()), 0);
                        v = e.envName() != null ? "env:" + e.envName() : e.type() == Expr.Type.LITERAL ? e.literal() : null;
                    }
                    if (v != null && (v.startsWith("env:") || API_VERSION_VALUE.matcher(v).matches())) {
                        add(FindingKind.PARAMETER, InventoryField.API_VERSION, v, Confidence.HIGH, m.start(),
                                "api-version query parameter (Azure OpenAI): the gateway takes none, so the client stops sending it when switched");
                    }
                }
            }
            for (int k = 0; k < AUTHS.size(); k++) {
                Pattern p = AUTHS.get(k);
                if (!may(p, false)) {
                    continue;
                }
                Anchors.Finder f = finder(p, false);
                Matcher m = f.matcher();
                boolean token = k == AUTHS.size() - 1;
                while (f.find()) {
                    if (importLine(m.start())) {
                        continue; // the credential class imported is not yet a use of it
                    }
                    add(FindingKind.PARAMETER, InventoryField.AUTH, token ? AUTH_AZURE_AD : AUTH_API_KEY, Confidence.HIGH, m.start(), token
                            ? "an Azure AD (Entra ID) token, not a key: the gateway takes a key as Authorization: Bearer, so the credential changes too"
                            : "the key is sent in the api-key header (Azure OpenAI), not as Authorization: Bearer: switching changes the key setting too, not only the base URL");
                }
            }
        }

        // ---------------------------------------------------------------- clients and providers

        /** Whether the line at {@code offset} imports something ({@code import}, {@code from … import}, {@code using}, {@code require}). */
        private boolean importLine(int offset) {
            String line = code.substring(lineStart(offset), lineEndAt(offset)).strip();
            return line.startsWith("import ") || line.startsWith("from ") && line.contains(" import ") || line.startsWith("using ")
                    || line.matches("(?:const|let|var)\\s+.*=\\s*require\\(.*");
        }

        /** The client constructions in the file, each with the provider it is configured for. */
        private void clients() {
            List<int[]> found = new ArrayList<>();
            List<Rules.ClientRule> rules = new ArrayList<>();
            for (Rules.ClientRule r : Rules.CLIENTS.getOrDefault(lang, List.of())) {
                if (!may(r.pattern(), false)) {
                    continue;
                }
                Anchors.Finder f = finder(r.pattern(), false);
                Matcher m = f.matcher();
                while (f.find()) {
                    int end = r.span() == Rules.Span.BUILDER ? builderEnd(m.start())
                            : code.charAt(m.end() - 1) == '(' ? closing(code, m.end() - 1) + 1 : m.end();
                    found.add(new int[]{m.start(), Math.max(m.end(), Math.min(end, code.length()))});
                    rules.add(r);
                }
            }
            // base URLs set outside any client (config.BaseURL = …, openai.base_url = …): what a client without its own uses
            Set<String> loose = new LinkedHashSet<>();
            for (Site st : sites) {
                if (st.provider() != null && !st.litellmModule() && found.stream().noneMatch(c -> st.start() >= c[0] && st.start() < c[1])) {
                    loose.add(st.provider());
                }
            }
            List<Client> configs = new ArrayList<>();
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < found.size(); i++) {
                order.add(i);
            }
            order.sort((a, b) -> Integer.compare(found.get(a)[0], found.get(b)[0])); // in the file's order: a config before its client
            for (int i : order) {
                int start = found.get(i)[0];
                int end = found.get(i)[1];
                Rules.ClientRule r = rules.get(i);
                String span = code.substring(start, end);
                boolean azure = r.azure() || span.contains(AZURE_PATH) || span.contains("api-version") || span.contains("\"api-key\"")
                        || span.contains("'api-key'");
                if (r.cls().equals("OpenAIClientBuilder") && span.contains("new KeyCredential(") && !span.contains(".endpoint(")) {
                    azure = false; // com.azure.ai.openai's client on openai.com
                }
                Site site = null;
                for (Site st : sites) {
                    if (st.start() >= start && st.start() < end && st.provider() != null) {
                        site = st;
                        break;
                    }
                }
                String provider;
                String how;
                if (site != null) {
                    provider = azure && !site.provider().startsWith(Providers.RUNTIME) ? Providers.asAzure(site.provider()) : site.provider();
                    how = r.cls() + " client with base URL " + site.text();
                } else if (azure) {
                    provider = azureEndpoint(start, end);
                    how = r.cls() + " client (Azure OpenAI)";
                } else if (loose.size() + configs.stream().map(Client::provider).distinct().count() == 1) {
                    provider = loose.isEmpty() ? configs.get(0).provider() : loose.iterator().next();
                    how = r.cls() + " client with the " + (loose.isEmpty() ? configs.get(0).cls() : "base URL set") + " in this file";
                } else {
                    provider = Providers.ref("OPENAI_BASE_URL", "https://api.openai.com/v1", false);
                    how = r.cls() + " client at its default base URL (OPENAI_BASE_URL, else api.openai.com)";
                }
                Client client = new Client(start, end, assignedVar(start, rules.get(i).pattern(), r.cls()), r.cls(), provider, azure, how);
                clients.add(client);
                if (r.cls().contains("Config") || r.cls().contains("WithEndpoint")) {
                    configs.add(client); // a configuration the next client is made from (Go)
                }
                if (azure) {
                    clientDeployment(start, end, r.cls());
                }
            }
        }

        /** The deployment an Azure client is bound to ({@code deployment: "gpt-4o"}, {@code azure_deployment=…}). */
        private void clientDeployment(int start, int end, String cls) {
            Matcher m = AZURE_DEPLOYMENT_KEY.matcher(code).region(start, end);
            m.useTransparentBounds(true);
            if (m.find() && !inAnyCall(m.start())) {
                model(parseExpr(code, m.end()), m.start(), "deployment of the " + cls + " client");
            }
        }

        /** The endpoint of an Azure client that has no base URL key: {@code endpoint:}, {@code .endpoint(…)}, {@code resourceName:}. */
        private String azureEndpoint(int start, int end) {
            Matcher m = AZURE_ENDPOINT_KEY.matcher(code).region(start, end);
            m.useTransparentBounds(true);
            if (m.find()) {
                Expr e = resolve(parseExpr(code, m.end()), 0);
                String how = paramName(m.group());
                if (e.type() == Expr.Type.LITERAL && !e.literal().isBlank()) {
                    String url = isUrl(e.literal()) ? e.literal() : m.group().contains("resourceName") && e.literal().matches("[\\w-]+")
                            ? "https://" + e.literal() + ".openai.azure.com" : null;
                    if (url != null) {
                        add(FindingKind.BASE_URL, InventoryField.CURRENT_BASE_URL, trimSlash(url), Confidence.HIGH, m.start(), "Azure " + how);
                        return Providers.asAzure(Providers.forUrl(url));
                    }
                }
                if (e.envName() != null) {
                    return Providers.ref(e.envName(), e.defaultValue(), true);
                }
            }
            return Providers.ref("AZURE_OPENAI_ENDPOINT", null, true);
        }

        /** The variable a construction is assigned to ({@code groq} in {@code const groq = new OpenAI(}), or null. */
        private String assignedVar(int start, Pattern rule, String cls) {
            Matcher imp = AI_SDK_INSTANCE.matcher(code).region(start, Math.min(code.length(), start + 200));
            if (cls.startsWith("@ai-sdk/") && imp.find()) {
                return imp.group(1);
            }
            Matcher typed = TYPED_NEW.matcher(code).region(start, Math.min(code.length(), start + 200));
            if (typed.lookingAt()) {
                return typed.group(1); // C#: AzureOpenAIClient azure = new(…)
            }
            Matcher v = ASSIGNED.matcher(code.substring(lineStart(start), start));
            return v.find() ? v.group(1) : null;
        }

        /**
         * Gives each call and each finding the provider it belongs to, and records the providers as findings. A call made
         * on a variable this file does not construct ({@code groq.chat.completions.create} with {@code groq} imported) is
         * handed to {@link Scanner} with its receiver, to be matched with the client of that name in another file.
         */
        private void attribute() {
            Site module = sites.stream().filter(st -> st.litellmModule() && st.provider() != null).findFirst().orElse(null);
            String[] byCall = new String[calls.size()];
            for (int i = 0; i < calls.size(); i++) {
                byCall[i] = providerOfCall(i, module);
            }
            Set<String> named = namedProviders(byCall);
            String single = named.size() == 1 ? named.iterator().next() : null;
            for (int i = 0; i < calls.size(); i++) {
                CallInfo ci = callInfos.get(i);
                if (byCall[i] == null && !ci.litellm()) {
                    byCall[i] = single;
                }
                if (byCall[i] != null) {
                    calls.set(i, calls.get(i).withProvider(byCall[i]));
                }
            }
            List<List<Integer>> unattributed = attributeFindings(byCall, single);
            for (int i = 0; i < calls.size(); i++) {
                String receiver = callInfos.get(i).receiver() != null ? callInfos.get(i).receiver() : callInfos.get(i).modelCallee();
                if (byCall[i] == null && receiver != null) {
                    pendingCalls.add(new FileReport.PendingCall(i, receiver, unattributed.get(i)));
                }
            }
            recordProviders();
            exportConstants();
        }

        /** The provider of call {@code i}: its own LiteLLM model or api_base, else its client's, else none yet. */
        private String providerOfCall(int i, Site module) {
            CallInfo ci = callInfos.get(i);
            String p = ci.provider();
            Site inCall = null;
            for (Site st : sites) {
                if (ci.covers(st.start()) && st.provider() != null) {
                    inCall = st; // api_base= in the call or its request, base_url= in a LangChain model
                    break;
                }
            }
            if (p == null && ci.litellm()) {
                String model = calls.get(i).model();
                String prefix = Providers.forLiteLlmModel(model);
                boolean openaiRoute = model.startsWith("openai/") || model.indexOf('/') < 0 && Providers.OPENAI.equals(prefix);
                if (inCall != null) {
                    p = Providers.isLiteLlmAzure(model) ? Providers.asAzure(inCall.provider()) : inCall.provider();
                } else if (module != null && (openaiRoute || model.isEmpty())) {
                    p = module.provider();
                } else {
                    p = prefix;
                }
                if (p != null) {
                    addProvider(p, Confidence.HIGH, ci.start(), model.isEmpty() ? "LiteLLM's api_base" : "LiteLLM model " + model);
                }
            }
            if (p == null && inCall != null) {
                p = inCall.provider();
            }
            if (p == null) {
                Client c = clientNamed(ci.receiver() != null ? ci.receiver() : ci.modelCallee(), ci.start());
                p = c == null ? null : c.provider();
            }
            if (p == null) {
                Client c = clientAt(ci.start());
                p = c == null ? null : c.provider();
            }
            return p;
        }

        /** The providers this file names: its clients', its base URLs' (outside clients and calls) and its calls'. */
        private Set<String> namedProviders(String[] byCall) {
            Set<String> named = new LinkedHashSet<>();
            clients.forEach(c -> named.add(c.provider()));
            for (Site st : sites) {
                if (st.provider() != null && clientAt(st.start()) == null && !inAnyCall(st.start())) {
                    named.add(st.provider());
                }
            }
            for (String p : byCall) {
                if (p != null) {
                    named.add(p);
                }
            }
            return named;
        }

        /**
         * Gives each finding the provider of the narrowest call around it, else of its client or base URL, else the
         * file's single provider; returns, per call, the findings left to the provider another file may name.
         */
        private List<List<Integer>> attributeFindings(String[] byCall, String single) {
            List<List<Integer>> unattributed = new ArrayList<>();
            calls.forEach(c -> unattributed.add(new ArrayList<>()));
            for (int k = 0; k < findings.size(); k++) {
                Finding f = findings.get(k);
                if (f.kind() == FindingKind.PROVIDER || !f.provider().isEmpty() || f.kind() == FindingKind.RISK_KEY_LITERAL) {
                    continue;
                }
                int o = offsets.get(k);
                int call = narrowestCallAt(o);
                String p = call >= 0 ? byCall[call] : null;
                if (p == null) {
                    Client c = clientAt(o);
                    p = c == null ? null : c.provider();
                }
                if (p == null) {
                    for (Site st : sites) {
                        if (o >= st.start() && o <= st.end() && st.provider() != null) {
                            p = st.provider();
                        }
                    }
                }
                if (p == null && call >= 0) {
                    unattributed.get(call).add(k);
                } else if (p == null) {
                    p = single;
                }
                if (p != null) {
                    findings.set(k, f.withProvider(p));
                }
            }
            return unattributed;
        }

        private int narrowestCallAt(int o) {
            int call = -1;
            for (int i = 0; i < calls.size(); i++) {
                CallInfo ci = callInfos.get(i);
                if (ci.covers(o) && (call < 0 || ci.end() - ci.start() < callInfos.get(call).end() - callInfos.get(call).start())) {
                    call = i;
                }
            }
            return call;
        }

        /** Records each client's and each free base URL's provider as a finding, and the clients' variables. */
        private void recordProviders() {
            for (Client c : clients) {
                addProvider(c.provider(), confidence(c.provider()), c.start(), c.how());
                if (c.var() != null) {
                    clientVars.merge(c.var(), c.provider(), (a, b) -> a.equals(b) ? a : AMBIGUOUS);
                }
            }
            for (Site st : sites) {
                if (st.provider() != null && clientAt(st.start()) == null && !inAnyCall(st.start())) {
                    addProvider(st.provider(), confidence(st.provider()), st.start(), "base URL " + st.text());
                }
            }
        }

        private boolean inAnyCall(int offset) {
            return callInfos.stream().anyMatch(ci -> ci.covers(offset));
        }

        /**
         * The file's upper-case constants that hold a model or deployment name — a model ID literal or an environment read
         * the scan already found ({@code CHAT_DEPLOYMENT = os.environ["AZURE_OPENAI_CHAT_DEPLOYMENT"]}) — for another
         * file that imports them to resolve its model against. Read from those findings' lines only: no pass over the file.
         */
        private void exportConstants() {
            for (int k = 0; k < findings.size(); k++) {
                Finding f = findings.get(k);
                boolean model = f.kind() == FindingKind.MODEL || f.kind() == FindingKind.ENV_VAR && role(f.value()) == Role.MODEL;
                if (!model) {
                    continue;
                }
                int from = lineStart(offsets.get(k));
                Matcher m = EXPORTED_CONSTANT.matcher(code).region(from, lineEndAt(from));
                if (!m.lookingAt() || constants.containsKey(m.group(1))) {
                    continue;
                }
                Expr e = parseExpr(code, m.end());
                if (e.type() == Expr.Type.LITERAL && !e.literal().isBlank() && e.literal().length() <= 100 && !e.literal().contains(" ")) {
                    constants.put(m.group(1), new FileReport.Constant(m.group(1), e.literal(), null, null, file, f.line()));
                } else if (e.type() == Expr.Type.REFERENCE && e.envName() != null) {
                    constants.put(m.group(1), new FileReport.Constant(m.group(1), null, e.envName(), e.defaultValue(), file, f.line()));
                }
            }
        }

        private static Confidence confidence(String provider) {
            return Providers.isRef(provider) || provider.startsWith(Providers.RUNTIME) ? Confidence.MEDIUM : Confidence.HIGH;
        }

        private void addProvider(String provider, Confidence conf, int offset, String how) {
            int idx = add(FindingKind.PROVIDER, InventoryField.PROVIDERS, provider, conf, offset, how);
            if (idx >= 0) {
                findings.set(idx, findings.get(idx).withProvider(provider));
            }
        }

        /** The innermost client construction around {@code offset}, or null. */
        private Client clientAt(int offset) {
            Client best = null;
            for (Client c : clients) {
                if (offset >= c.start() && offset < c.end() && (best == null || c.end() - c.start() < best.end() - best.start())) {
                    best = c;
                }
            }
            return best;
        }

        /** The client assigned to {@code var}: the last one before {@code offset}, else the first after it; null when none. */
        private Client clientNamed(String var, int offset) {
            if (var == null) {
                return null;
            }
            Client before = null;
            Client after = null;
            for (Client c : clients) {
                if (var.equals(c.var())) {
                    if (c.start() < offset) {
                        before = c;
                    } else if (after == null) {
                        after = c;
                    }
                }
            }
            return before != null ? before : after;
        }

        private void envReads() {
            List<Pattern> reads = lang == Language.SHELL ? List.of(SHELL_VAR) : ENV_READS;
            for (Pattern p : reads) {
                if (!may(p, false)) {
                    continue;
                }
                Anchors.Finder f = finder(p, false);
                Matcher m = f.matcher();
                while (f.find()) {
                    String name = m.group(1);
                    Role role = role(name);
                    if (role == Role.KEY) {
                        add(FindingKind.ENV_VAR, InventoryField.SOURCE_KEY_REF, "env:" + name, Confidence.MEDIUM, m.start(),
                                "key read from environment variable " + name);
                    } else if (role == Role.BASE_URL || role == Role.MODEL) {
                        add(FindingKind.ENV_VAR, InventoryField.NONE, name, Confidence.MEDIUM, m.start(),
                                (role == Role.MODEL ? tokens(name).contains("deployment") ? "Azure deployment" : "model" : "base URL")
                                        + " read from environment variable " + name);
                    } else if (role == Role.API_VERSION) {
                        add(FindingKind.PARAMETER, InventoryField.API_VERSION, "env:" + name, Confidence.MEDIUM, m.start(),
                                "api-version (Azure OpenAI) read from environment variable " + name);
                    }
                }
            }
        }

        /** Model ID literals anywhere in a file that uses an SDK (e.g. a constant or a list of fallbacks). */
        private void looseModels() {
            if (!may(QUOTED_MODEL, false)) {
                return;
            }
            Anchors.Finder f = finder(QUOTED_MODEL, false);
            Matcher m = f.matcher();
            while (f.find()) {
                int line = src.line(m.start());
                String v = m.group(1);
                if (seen.contains(FindingKind.MODEL + "|" + line + "|" + v)) {
                    continue;
                }
                add(FindingKind.MODEL, InventoryField.MODEL, v, Confidence.MEDIUM, m.start(1), "model ID literal");
            }
        }

        private void keyLiterals() {
            // The key pattern is case-sensitive: an exact search of the text spares folding it (the gate below is
            // case-blind, and would need the folded text).
            if (!src.original.contains(KEY_PREFIX) || !may(KEY_LITERAL, true)) {
                return;
            }
            Anchors.Finder f = finder(KEY_LITERAL, true);
            Matcher m = f.matcher();
            while (f.find()) {
                add(FindingKind.RISK_KEY_LITERAL, InventoryField.NONE, KeyMask.mask(m.group(1)), Confidence.HIGH, m.start(1),
                        lang.isConfig() ? "an API key value is written in this file; keep keys out of the repository"
                                : "an API key is written in the source code; read it from the environment instead");
            }
        }

        // ---------------------------------------------------------------- configuration

        void config() {
            keyLiterals();
            String name = file.substring(file.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
            if (lang == Language.MANIFEST || name.equals("pyproject.toml")) {
                dependencies(Rules.DEPENDENCIES);
            }
            if (name.equals("package.json") || name.equals("composer.json")) {
                dependencies(Rules.JSON_DEPENDENCIES);
                return;
            }
            if (lang == Language.MANIFEST) {
                return;
            }
            lowerCode = foldedCode();
            aiFile = lowerCode.contains("openai") || lowerCode.contains("llm") || lowerCode.contains("litellm");
            Matcher m = CONFIG_LINE.matcher(code);
            String pendingName = null;
            while (m.find()) {
                String key = m.group(1);
                String value = unquote(m.group(2));
                if (key.equals("name") && !value.isEmpty()) {
                    pendingName = value;
                    continue;
                }
                if (key.equals("value") && pendingName != null) {
                    key = pendingName;
                }
                pendingName = null;
                if (value.isEmpty() || value.equals("|") || value.equals(">") || value.startsWith("{") || value.startsWith("[")) {
                    continue;
                }
                configEntry(key, value, m.start(1));
            }
            boolean mentionsClient = lowerCode.contains("openai") || !findings.isEmpty();
            if (mentionsClient) {
                for (ParamRule r : CONFIG_PARAMS) {
                    if (!may(r.pattern(), false)) {
                        continue;
                    }
                    Anchors.Finder f = finder(r.pattern(), false);
                    Matcher pm = f.matcher();
                    while (f.find()) {
                        String v = number(r.field(), pm);
                        if (v != null) {
                            add(FindingKind.PARAMETER, r.field(), v, Confidence.MEDIUM, pm.start(), paramName(pm.group()));
                        }
                    }
                }
            }
        }

        private void dependencies(List<Rules.Dependency> deps) {
            for (Rules.Dependency d : deps) {
                if (!may(d.pattern(), false)) {
                    continue;
                }
                Anchors.Finder f = finder(d.pattern(), false);
                Matcher m = f.matcher();
                if (f.find()) {
                    add(FindingKind.SDK, InventoryField.SDK, d.sdk(), Confidence.LOW, m.start(), "declared dependency");
                }
            }
        }

        private void configEntry(String key, String rawValue, int offset) {
            String value = rawValue;
            String reference = null;
            Matcher ref = Pattern.compile("^\\$\\{([A-Za-z_]\\w*)(?::-?([^}]*))?}$").matcher(value);
            if (ref.matches()) {
                reference = ref.group(1);
                value = ref.group(2) == null ? "" : ref.group(2);
            }
            Role role = role(key);
            if (role == Role.OTHER && aiFile && tokens(key).equals(List.of("api", "version"))) {
                role = Role.API_VERSION; // api_version: in a file about an LLM client (a LiteLLM proxy's model list)
            }
            int line = src.line(offset);
            if (!value.isEmpty()) {
                config.putIfAbsent(key, new FileReport.ConfigValue(key, value, file, line));
            }
            switch (role) {
                case KEY -> {
                    String envName = envName(key);
                    if (envName != null) {
                        add(FindingKind.ENV_VAR, InventoryField.SOURCE_KEY_REF, "env:" + envName, Confidence.MEDIUM, offset,
                                "key set in configuration");
                    } else if (reference != null) {
                        add(FindingKind.ENV_VAR, InventoryField.SOURCE_KEY_REF, "env:" + reference, Confidence.MEDIUM, offset,
                                "key read from environment variable " + reference);
                    }
                }
                case BASE_URL -> {
                    if (!aiFile && !aiContext(key)) {
                        return;
                    }
                    if (isUrl(value)) {
                        String provider = Providers.forUrl(value);
                        int idx = add(FindingKind.BASE_URL, InventoryField.CURRENT_BASE_URL, trimSlash(value), Confidence.HIGH, offset,
                                key + " in configuration");
                        if (idx >= 0 && provider != null) {
                            findings.set(idx, findings.get(idx).withProvider(provider));
                            int p = add(FindingKind.PROVIDER, InventoryField.PROVIDERS, provider, Confidence.HIGH, offset, key + " in configuration");
                            if (p >= 0) {
                                findings.set(p, findings.get(p).withProvider(provider));
                            }
                        }
                    } else if (reference != null) {
                        add(FindingKind.ENV_VAR, InventoryField.NONE, reference, Confidence.MEDIUM, offset,
                                "base URL read from environment variable " + reference);
                    }
                }
                case MODEL -> {
                    String litellm = aiFile && value.indexOf('/') > 0 ? Providers.forLiteLlmModel(value) : null;
                    if (!value.isEmpty() && !value.contains(" ") && !isUrl(value) && value.length() <= 100
                            && (MODEL_ID.matcher(value).matches() || aiContext(key) || litellm != null)) {
                        boolean deployment = tokens(key).contains("deployment");
                        add(FindingKind.MODEL, deployment ? InventoryField.DEPLOYMENT : InventoryField.MODEL, value, Confidence.HIGH, offset,
                                key + " in configuration" + (deployment ? " (an Azure deployment name)" : ""));
                        if (litellm != null && !Providers.isAzure(litellm)) {
                            // a LiteLLM model list names the provider by prefix (an Azure entry names its resource by api_base)
                            int p = add(FindingKind.PROVIDER, InventoryField.PROVIDERS, litellm, Confidence.HIGH, offset, "LiteLLM model " + value);
                            if (p >= 0) {
                                findings.set(p, findings.get(p).withProvider(litellm));
                            }
                        }
                    }
                }
                case API_VERSION -> {
                    if (API_VERSION_VALUE.matcher(value).matches()) {
                        add(FindingKind.PARAMETER, InventoryField.API_VERSION, value, Confidence.HIGH, offset,
                                key + " in configuration: the api-version query parameter (Azure OpenAI)");
                    } else if (reference != null) {
                        add(FindingKind.PARAMETER, InventoryField.API_VERSION, "env:" + reference, Confidence.MEDIUM, offset,
                                "api-version (Azure OpenAI) read from environment variable " + reference);
                    }
                }
                default -> {
                }
            }
        }

        // ---------------------------------------------------------------- helpers

        /** Adds a finding unless the same kind/field/value is already recorded on that line; returns its index or -1. */
        int add(FindingKind kind, InventoryField field, String value, Confidence conf, int offset, String detail) {
            int line = src.line(offset);
            String key = kind + "|" + field + "|" + line + "|" + value;
            if (!seen.add(key)) {
                return -1;
            }
            seen.add(kind + "|" + line + "|" + value);
            findings.add(new Finding("", file, line, src.lineText(line), conf, kind, field, value, detail));
            offsets.add(offset);
            return findings.size() - 1;
        }

        private int lineStart(int offset) {
            int i = offset;
            while (i > 0 && code.charAt(i - 1) != '\n') {
                i--;
            }
            return i;
        }

        private int lineEndAt(int offset) {
            int i = code.indexOf('\n', offset);
            return i < 0 ? code.length() : i;
        }

        private int shellEnd(int offset) {
            int end = lineEndAt(offset);
            while (end < code.length() && end > 0 && code.charAt(end - 1) == '\\' || end > 0 && end < code.length()
                    && code.substring(lineStart(end - 1), end).stripTrailing().endsWith("\\")) {
                end = lineEndAt(end + 1);
            }
            return end;
        }

        private int builderEnd(int start) {
            int limit = Math.min(code.length(), start + 4000);
            int b = code.indexOf(".build()", start);
            if (b >= 0 && b < limit) {
                return b;
            }
            int semi = code.indexOf(';', start);
            return semi < 0 ? limit : Math.min(semi, limit);
        }

        /** The '(' or '{' that encloses {@code offset}, looking back at most 300 characters, or -1. */
        private int enclosingOpen(int offset) {
            int depth = 0;
            for (int i = offset - 1; i >= 0 && i >= offset - 300; i--) {
                char ch = code.charAt(i);
                if (ch == ')' || ch == '}') {
                    depth++;
                } else if (ch == '(' || ch == '{') {
                    if (depth == 0) {
                        return ch == '(' ? i : -1;
                    }
                    depth--;
                }
            }
            return -1;
        }
    }

    /** What a config key or env variable name is about. */
    enum Role { KEY, BASE_URL, MODEL, API_VERSION, OTHER }

    static Role role(String key) {
        List<String> t = tokens(key);
        for (int i = 0; i + 1 < t.size(); i++) {
            String a = t.get(i);
            String b = t.get(i + 1);
            if (a.equals("base") && (b.equals("url") || b.equals("uri")) || a.equals("api") && b.equals("base")
                    || a.equals("uri") && b.equals("base")) {
                return Role.BASE_URL;
            }
        }
        boolean ai = aiContext(key);
        if (t.contains("endpoint") && ai) {
            return Role.BASE_URL;
        }
        if (t.contains("key") && (t.contains("api") || ai)) {
            return Role.KEY;
        }
        if (t.contains("version") && ai && (t.contains("api") || t.contains("openai"))) {
            return Role.API_VERSION;
        }
        if (t.contains("model") || (t.contains("deployment") && ai)) {
            return Role.MODEL;
        }
        return Role.OTHER;
    }

    static boolean aiContext(String key) {
        List<String> t = tokens(key);
        return t.contains("openai") || t.contains("llm") || t.contains("ai") || t.contains("gpt") || t.contains("chat")
                || t.contains("azure") || t.contains("litellm") || t.contains("embedding") || t.contains("completion");
    }

    static List<String> tokens(String key) {
        String spaced = key.replaceAll("OpenAI|OpenAi|Openai", " openai ").replaceAll("([a-z0-9])([A-Z])", "$1 $2");
        List<String> out = new ArrayList<>();
        for (String s : spaced.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    private static String envName(String key) {
        return key.matches("[A-Z][A-Z0-9_]*") ? key : null;
    }

    static boolean isUrl(String s) {
        return s != null && (s.startsWith("http://") || s.startsWith("https://")) && s.length() > 10 && !s.contains(" ")
                && !s.contains("{") && !s.contains("$");
    }

    static String trimSlash(String s) {
        String t = s.strip();
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }

    /**
     * Whether a reference reads data the app loads while it runs ({@code customModel.base_url}, {@code row["api_base"]},
     * {@code tenant.endpoint}) rather than configuration ({@code settings.base_url}, {@code config.baseURL}, a constant,
     * a parameter): an attribute or item of an object whose name does not say configuration.
     */
    static boolean isDataReference(String text) {
        String t = text.strip().replaceFirst("\\(\\)$", "");
        List<String> parts = new ArrayList<>(List.of(t.split("\\.|->|::|\\[")));
        if (!parts.isEmpty() && (parts.get(0).equals("self") || parts.get(0).equals("this") || parts.get(0).equals("cls"))) {
            parts.remove(0);
        }
        if (parts.size() < 2) {
            return false;
        }
        String root = parts.get(0);
        if (root.matches("[A-Z][A-Z0-9_]*")) {
            return false; // a constant or a module-level setting
        }
        String r = root.toLowerCase(Locale.ROOT);
        if (Set.of("app", "os", "env", "cfg", "conf", "opts", "args", "argv", "process", "system", "current_app", "st").contains(r)) {
            return false;
        }
        for (String word : new String[]{"config", "setting", "option", "propert", "const", "param", "flag", "secret", "environ"}) {
            if (r.contains(word)) {
                return false;
            }
        }
        return true;
    }

    /** What a base URL read from data at run time means for the migration. */
    static String runtimeDetail(String expression) {
        return "base URL read at run time from " + expression + " (data the app loads, such as a database row or a request), not "
                + "from code or the environment: switching it to the gateway is a data change — roll out by updating those records "
                + "(a few at a time, as the rollout stages), and roll back by restoring their previous values (keep a copy before the "
                + "switch); a code or .env change does not move it";
    }

    private static String lastSegment(String text) {
        Matcher m = Pattern.compile("([A-Za-z_]\\w*)[\"'\\]]*\\)?$").matcher(text.strip());
        return m.find() ? m.group(1) : text.strip();
    }

    private static String unquote(String v) {
        String s = v.strip();
        if (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'') && s.charAt(s.length() - 1) == s.charAt(0)) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    /** The index of the bracket that closes the one at {@code open} (skipping strings), or a bounded fallback. */
    static int closing(String s, int open) {
        char o = s.charAt(open);
        char close = o == '(' ? ')' : o == '{' ? '}' : o == '[' ? ']' : 0;
        if (close == 0) {
            return Math.min(s.length(), open + 1);
        }
        int depth = 0;
        int limit = Math.min(s.length(), open + 6000);
        for (int i = open; i < limit; i++) {
            char ch = s.charAt(i);
            if (ch == '"' || ch == '\'' || ch == '`') {
                i = skipLiteral(s, i, limit) - 1;
                continue;
            }
            if (ch == '(' || ch == '{' || ch == '[') {
                depth++;
            } else if (ch == ')' || ch == '}' || ch == ']') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return limit;
    }

    private static int skipLiteral(String s, int at, int limit) {
        char q = s.charAt(at);
        for (int i = at + 1; i < limit; i++) {
            char ch = s.charAt(i);
            if (ch == '\\') {
                i++;
            } else if (ch == q) {
                return i + 1;
            } else if (ch == '\n' && q != '`') {
                return i;
            }
        }
        return limit;
    }

    private static final Pattern SDK_CONSTANT = Pattern.compile(
            "(?:openai\\.F\\()?(?:openai\\.(?:ChatModel|EmbeddingModel)?|ChatModel\\.|OpenAiChatModelName\\.|OpenAiApi\\.ChatModel\\.|EmbeddingModel\\.)"
            + "((?:GPT|O[1-9]|TEXT_EMBEDDING|TextEmbedding|Gpt)[A-Za-z0-9_]*)\\)?");

    /** Parses the expression that starts at {@code pos} (after skipping blanks). */
    static Expr parseExpr(String s, int pos) {
        int i = pos;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\n' || s.charAt(i) == '\r')) {
            i++;
        }
        int end = exprEnd(s, i);
        String text = s.substring(i, end).strip();
        if (text.isEmpty()) {
            return new Expr(Expr.Type.OTHER, "", null, null, null);
        }
        for (Pattern p : ENV_READS) {
            Matcher m = p.matcher(text);
            if (m.lookingAt()) {
                String def = m.groupCount() >= 2 && m.group(2) != null && !m.group(2).isEmpty() ? unquote(m.group(2).replace('`', '"')) : null;
                return new Expr(Expr.Type.REFERENCE, text, null, m.group(1), def);
            }
        }
        String unwrapped = text.replaceFirst("^(?:new\\s+Uri|URI\\.create|URI|URL|new\\s+URL|httpx\\.URL|String)\\s*\\(\\s*", "");
        if (!unwrapped.equals(text)) {
            text = unwrapped.replaceFirst("\\)\\s*$", "");
        }
        text = text.replaceFirst("^\\w+(?:\\.\\w+)?\\(\\s*(?=[\"'])", "");
        char c0 = text.charAt(0);
        boolean prefixed = text.length() > 1 && "fFrRbB$@".indexOf(c0) >= 0 && "\"'`".indexOf(text.charAt(1)) >= 0;
        if (c0 == '"' || c0 == '\'' || c0 == '`' || prefixed) {
            int q = prefixed ? 1 : 0;
            char quote = text.charAt(q);
            int close = skipLiteral(text, q, text.length()) - 1;
            String body = close > q ? text.substring(q + 1, Math.min(close, text.length())) : "";
            String rest = close + 1 < text.length() ? text.substring(close + 1).strip() : "";
            boolean interpolated = (c0 == 'f' || c0 == 'F') && body.contains("{") || quote == '`' && body.contains("${")
                    || c0 == '$' && body.contains("{") || quote == '"' && body.contains("#{") || body.contains("%s");
            if (interpolated || rest.startsWith("+") || rest.startsWith(".") && !rest.startsWith(".build") || rest.startsWith("%")) {
                return new Expr(Expr.Type.BUILT, text, null, null, null);
            }
            return new Expr(Expr.Type.LITERAL, text, body, null, null);
        }
        Matcher k = SDK_CONSTANT.matcher(text);
        if (k.matches()) {
            return new Expr(Expr.Type.LITERAL, text, constantModel(k.group(1)), null, null);
        }
        if (text.matches("[A-Za-z_$][\\w$]*(?:(?:\\.|->|::)[A-Za-z_]\\w*|\\[[\"'][\\w.-]+[\"']\\])*(?:\\(\\))?")) {
            return new Expr(Expr.Type.REFERENCE, text, null, null, null);
        }
        if (text.contains("+") || text.contains("Sprintf") || text.contains("format(")) {
            return new Expr(Expr.Type.BUILT, text, null, null, null);
        }
        return new Expr(Expr.Type.OTHER, text, null, null, null);
    }

    /** GPT4oMini, GPT_4O_MINI, ChatModelGPT4o, GPT3Dot5Turbo → gpt-4o-mini, gpt-4o, gpt-3.5-turbo. */
    static String constantModel(String c) {
        String s = c.replace("Dot", ".");
        s = s.replaceAll("(?<=\\d)_(?=\\d)", ".");
        s = s.replaceAll("([a-z0-9.])([A-Z])", "$1-$2").replaceAll("([A-Za-z])(\\d)", "$1-$2").replace('_', '-');
        s = s.toLowerCase(Locale.ROOT).replaceAll("-+", "-");
        s = s.replaceAll("(\\d)-o\\b", "$1o");
        return s.replaceFirst("^o-(\\d)", "o$1");
    }

    /** End of an expression: the first top-level ',', ')', '}', ']', ';' or line end. */
    private static int exprEnd(String s, int from) {
        int depth = 0;
        for (int i = from; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"' || ch == '\'' || ch == '`') {
                i = skipLiteral(s, i, s.length()) - 1;
                continue;
            }
            if (ch == '(' || ch == '[' || ch == '{') {
                depth++;
            } else if (ch == ')' || ch == ']' || ch == '}') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            } else if ((ch == ',' || ch == ';' || ch == '\n') && depth == 0) {
                return i;
            }
        }
        return s.length();
    }
}
