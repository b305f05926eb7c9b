package ai.flatkey.migrate.scan;

/** The plan field a finding fills. */
public enum InventoryField {
    SDK("sdk"),
    ENDPOINTS("endpoints"),
    CURRENT_BASE_URL("currentBaseUrl"),
    MODEL("productionModel / fallbackModels"),
    MESSAGE_SHAPE("messageShape"),
    STREAM("parameters.stream"),
    TEMPERATURE("parameters.temperature"),
    MAX_TOKENS("parameters.maxTokens"),
    TOOLS("parameters.tools"),
    RESPONSE_FORMAT("parameters.responseFormat"),
    SEED("parameters.seed"),
    TIMEOUT("parameters.timeoutSeconds"),
    RETRIES("parameters.retries"),
    SOURCE_KEY_REF("source.keyRef"),
    MAPPING_NOTES("mappings[].notes"),
    /** An Azure OpenAI deployment name: a mapping row whose target is the model behind the deployment. */
    DEPLOYMENT("mappings[] (deployment → model)"),
    /** A provider row of the inventory. */
    PROVIDERS("providers"),
    /** The {@code api-version} query parameter an Azure OpenAI client sends. */
    API_VERSION("providers[].apiVersion"),
    /** How the key is sent when it is not {@code Authorization: Bearer} (the {@code api-key} header, an Azure AD token). */
    AUTH("providers[].auth"),
    /** Risks and unresolved references fill nothing. */
    NONE("");

    private final String path;

    InventoryField(String path) {
        this.path = path;
    }

    /** Where in the plan the value goes, e.g. {@code parameters.stream}. */
    public String path() {
        return path;
    }
}
