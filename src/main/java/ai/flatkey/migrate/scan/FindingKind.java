package ai.flatkey.migrate.scan;

/** What a finding is. The {@code RISK_*} kinds are problems to look at, not values to fill in. */
public enum FindingKind {
    /** An SDK or wrapper in use (import, client construction, declared dependency). */
    SDK,
    /** A call site; the value is the endpoint family (chat, responses, embeddings, images, audio). */
    CALL,
    /**
     * A model ID literal (or one resolved from a constant or a config value). Its field is {@link InventoryField#DEPLOYMENT}
     * when the value names an Azure OpenAI deployment rather than a model (the mapping is then deployment → model).
     */
    MODEL,
    /** A model ID that comes from a variable the scanner could not resolve; the value is the expression. */
    MODEL_VARIABLE,
    /** A base URL: a literal, or (low confidence) the expression it is built from. */
    BASE_URL,
    /** A request parameter or message-shape feature; the detail names the parameter. */
    PARAMETER,
    /** An environment variable or config key the client reads (key reference, base URL, model). */
    ENV_VAR,
    /**
     * A provider the app talks to, told apart by host, SDK class (Azure OpenAI) or LiteLLM prefix; the value is its name.
     * Each is its own row in the inventory and its own decision (migrate or keep).
     */
    PROVIDER,
    /** The same base URL hard-coded in more than one place. */
    RISK_REPEATED_BASE_URL,
    /**
     * A base URL read from data while the app runs (a database row, a request, a per-tenant record): switching it is a
     * data change, with its own rollout and rollback, not a code or environment change. The value is the expression.
     */
    RISK_RUNTIME_BASE_URL,
    /** A key value written into a file. */
    RISK_KEY_LITERAL,
    /** A model ID used in code that the plan does not map. */
    RISK_UNMAPPED_MODEL,
    /** A feature that needs its own smoke check. */
    RISK_NEEDS_SMOKE_CHECK;

    public boolean isRisk() {
        return name().startsWith("RISK_");
    }

    /** Lower-case name for summaries and JSON. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
