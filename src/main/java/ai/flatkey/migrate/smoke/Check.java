package ai.flatkey.migrate.smoke;

/**
 * One smoke check: a feature exercised against one model (or the endpoint itself for per-target checks).
 *
 * @param id      stable ID: {@code feature} or {@code feature:model}; source-side checks start with {@code source:}
 * @param feature what is exercised: one of the constants below, or {@code request:NAME} / {@code replay:N}
 * @param model   the model asked, empty for per-target checks
 * @param title   what a person reads
 * @param source  whether it runs against the current provider (compare mode) rather than the target
 */
public record Check(String id, String feature, String model, String title, boolean source) {
    public static final String MODELS = "models";
    public static final String CHAT = "chat";
    public static final String STREAMING = "streaming";
    /** Negative: an invalid key must get 401. */
    public static final String AUTH = "auth";
    /** Negative: an unknown model must get 404/400 naming it. */
    public static final String UNKNOWN_MODEL = "unknown-model";
    /** Per target: the base URL's path (missing /v1, doubled endpoint path). */
    public static final String BASE_URL = "base-url";
    /** Streaming without stream_options (what most apps send). */
    public static final String STREAMING_NO_USAGE = "streaming-no-usage";
    public static final String TOOLS = "tools";
    public static final String TOOLS_STREAM = "tools-stream";
    public static final String TOOLS_PARALLEL = "tools-parallel";
    public static final String JSON = "json";
    public static final String JSON_SCHEMA = "json-schema";
    public static final String VISION = "vision";
    public static final String RESPONSES = "responses";
    public static final String RESPONSES_STREAM = "responses-stream";
    public static final String EMBEDDINGS = "embeddings";
    public static final String EMBEDDINGS_BASE64 = "embeddings-base64";
    public static final String DEVELOPER_ROLE = "developer-role";
    public static final String MAX_TOKENS = "max-tokens";
    public static final String MAX_COMPLETION_TOKENS = "max-completion-tokens";
    /** Negative, per target: an unknown parameter should get 400 naming it. */
    public static final String UNSUPPORTED_PARAM = "unsupported-param";
    /** A person's request check: {@code request:NAME}, run as {@code request:NAME} or {@code request:NAME:MODEL}. */
    public static final String REQUEST = "request";
    public static final String REPLAY = "replay";

    /** A target-side check. */
    public Check(String id, String feature, String model, String title) {
        this(id, feature, model, title, false);
    }

    /** The same check against the current provider, asking {@code sourceModel}. */
    public Check onSource(String sourceModel) {
        return new Check("source:" + (model.isEmpty() ? feature : feature + ":" + sourceModel), feature, sourceModel, title, true);
    }

    /** Whether the check runs once per endpoint rather than per model. */
    public boolean perTarget() {
        return model.isEmpty();
    }

    /** The part of a request/replay feature after its kind, e.g. {@code NAME} of {@code request:NAME}. */
    public String featureArgument() {
        int i = feature.indexOf(':');
        return i < 0 ? "" : feature.substring(i + 1);
    }

    /** The kind of feature: {@code request} for {@code request:NAME}, else the feature itself. */
    public String kind() {
        int i = feature.indexOf(':');
        return i < 0 ? feature : feature.substring(0, i);
    }
}
