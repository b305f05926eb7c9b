package ai.flatkey.migrate.plan;

import java.util.List;
import java.util.Locale;

/**
 * One provider the app talks to today (an inventory row): a provider is told apart by its host, its SDK class (Azure
 * OpenAI) or its LiteLLM prefix, and each is its own migration decision — move it to the target gateway, or keep it.
 *
 * @param name        the provider as the scan names it: "Groq", "Azure OpenAI (contoso.openai.azure.com)", a host, or
 *                    "run-time data: customModel.base_url" when the base URL is read from data while the app runs
 * @param baseUrl     its base URL when known (a literal or one resolved from configuration), else how it is read
 * @param sdk         the SDK or wrapper that reaches it
 * @param models      the model IDs sent to it
 * @param deployments the Azure deployment names sent to it: the mapping for these is deployment → model, and the
 *                    model behind each is not in the code
 * @param endpoints   the endpoint families called on it (chat, embeddings, images, audio, …)
 * @param calls       how many call sites reach it
 * @param keyEnv      the environment variable its key is read from (a name only, never a value)
 * @param auth        how the key is sent when it is not {@code Authorization: Bearer} ("api-key header", "Azure AD token")
 * @param apiVersion  the {@code api-version} query parameter (Azure), a literal or {@code env:NAME}
 * @param decision    {@link #MIGRATE}, {@link #KEEP} or empty (not decided)
 * @param notes       what a migration of this provider must know (e.g. where the switch happens)
 */
public record SourceProvider(String name, String baseUrl, String sdk, List<String> models, List<String> deployments,
                             List<String> endpoints, int calls, String keyEnv, String auth, String apiVersion, String decision,
                             String notes) {

    public static final String MIGRATE = "migrate";
    public static final String KEEP = "keep";

    public SourceProvider {
        name = Lists.text(name).strip();
        baseUrl = Lists.text(baseUrl).strip().replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\\s]*@", "$1");
        sdk = Lists.text(sdk).strip();
        models = Lists.copy(models);
        deployments = Lists.copy(deployments);
        endpoints = Lists.copy(endpoints);
        calls = Math.max(0, calls);
        keyEnv = Lists.text(keyEnv).strip();
        keyEnv = keyEnv.matches("[A-Za-z_][A-Za-z0-9_]{0,100}") && !Endpoint.looksLikeKey(keyEnv) ? keyEnv : "";
        auth = Lists.text(auth).strip();
        apiVersion = Lists.text(apiVersion).strip();
        decision = Lists.text(decision).strip().toLowerCase(Locale.ROOT);
        decision = decision.equals(MIGRATE) || decision.equals(KEEP) ? decision : "";
        notes = Lists.text(notes);
    }

    /** Whether {@code model} is one of this provider's deployment names. */
    public boolean isDeployment(String model) {
        return deployments.contains(model);
    }

    /** Whether {@code model} is sent to this provider, as a model ID or as a deployment name. */
    public boolean sends(String model) {
        return models.contains(model) || deployments.contains(model);
    }

    /** Whether the person decided to keep this provider as it is (its models are not moved). */
    public boolean isKept() {
        return decision.equals(KEEP);
    }

    /** The decision in words: "migrate", "keep" or "not decided". */
    public String decisionLabel() {
        return decision.isEmpty() ? "not decided" : decision;
    }

    /** Its model IDs and deployment names in words: "gpt-4o-mini; deployments: gpt4o-prod", or "none found". */
    public String sentText() {
        String m = String.join(", ", models);
        String d = deployments.isEmpty() ? "" : (deployments.size() == 1 ? "deployment: " : "deployments: ") + String.join(", ", deployments);
        return m.isEmpty() && d.isEmpty() ? "none found" : m.isEmpty() ? d : d.isEmpty() ? m : m + "; " + d;
    }

    /** The host of its base URL; the base URL as written when it is not a URL (env:NAME, data); or "—" when unknown. */
    public String host() {
        if (baseUrl.isBlank()) {
            return "\u2014";
        }
        try {
            String h = java.net.URI.create(baseUrl).getHost();
            return h == null || h.isBlank() ? baseUrl : h;
        } catch (IllegalArgumentException e) {
            return baseUrl;
        }
    }

    public SourceProvider withDecision(String value) {
        return new SourceProvider(name, baseUrl, sdk, models, deployments, endpoints, calls, keyEnv, auth, apiVersion, value, notes);
    }
}
