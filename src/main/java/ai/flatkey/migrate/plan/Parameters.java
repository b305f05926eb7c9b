package ai.flatkey.migrate.plan;

/**
 * The request parameters the app sets today. Nullable numbers mean "not set by the app".
 */
public record Parameters(
        boolean stream,
        Double temperature,
        Integer maxTokens,
        boolean tools,
        boolean jsonOutput,
        String responseFormat,
        Integer seed,
        Integer timeoutSeconds,
        Integer retries) {

    public Parameters {
        responseFormat = Lists.text(responseFormat);
    }

    public static Parameters none() {
        return new Parameters(false, null, null, false, false, "", null, null, null);
    }
}
