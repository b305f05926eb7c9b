package ai.flatkey.migrate.plan;

import java.util.List;

/**
 * Step 1: what the current client actually sends (the runbook's inventory).
 *
 * @param sdk              the client library or wrapper (Python openai, Node openai, raw HTTP, LangChain, …)
 * @param endpoints        endpoint families in use: chat, responses, embeddings, images, audio, video
 * @param currentBaseUrl   the base URL the app uses today
 * @param productionModel  the exact model ID used in production
 * @param fallbackModels   fallback model IDs
 * @param messageShape     system / developer / tool messages, multimodal content, or plain text
 * @param parameters       the request parameters the app sets
 * @param observability    where latency, tokens, request IDs, errors and cost are seen today
 * @param rollbackPath     how the old key / base URL / model is restored
 * @param providers        each provider the app talks to, with its models, calls and the decision for it (optional:
 *                         empty in plans written before it existed)
 */
public record Inventory(
        String sdk,
        List<String> endpoints,
        String currentBaseUrl,
        String productionModel,
        List<String> fallbackModels,
        String messageShape,
        Parameters parameters,
        String observability,
        String rollbackPath,
        List<SourceProvider> providers) {

    /** An inventory without provider rows. */
    public Inventory(String sdk, List<String> endpoints, String currentBaseUrl, String productionModel, List<String> fallbackModels,
                     String messageShape, Parameters parameters, String observability, String rollbackPath) {
        this(sdk, endpoints, currentBaseUrl, productionModel, fallbackModels, messageShape, parameters, observability, rollbackPath,
                List.of());
    }

    public Inventory {
        sdk = Lists.text(sdk);
        endpoints = Lists.copy(endpoints);
        currentBaseUrl = Lists.text(currentBaseUrl);
        productionModel = Lists.text(productionModel);
        fallbackModels = Lists.copy(fallbackModels);
        messageShape = Lists.text(messageShape);
        parameters = parameters == null ? Parameters.none() : parameters;
        observability = Lists.text(observability);
        rollbackPath = Lists.text(rollbackPath);
        providers = Lists.copy(providers);
    }

    public Inventory withProviders(List<SourceProvider> value) {
        return new Inventory(sdk, endpoints, currentBaseUrl, productionModel, fallbackModels, messageShape, parameters, observability,
                rollbackPath, value);
    }

    /** Whether {@code model} is an Azure deployment name according to the provider rows (the mapping is deployment → model). */
    public boolean isDeployment(String model) {
        return providers.stream().anyMatch(p -> p.isDeployment(model));
    }

    /** The provider row whose deployments include {@code model}, if any. */
    public java.util.Optional<SourceProvider> deploymentOwner(String model) {
        return providers.stream().filter(p -> p.isDeployment(model)).findFirst();
    }

    /**
     * Whether {@code model} stays where it is: the provider rows send it only to providers the person decided to keep.
     * Such a model gets no mapping row proposed and no smoke check. A model no provider row names is not kept.
     */
    public boolean isKept(String model) {
        List<SourceProvider> senders = providers.stream().filter(p -> p.sends(model)).toList();
        return !senders.isEmpty() && senders.stream().allMatch(SourceProvider::isKept);
    }

    /** The provider rows the person decided to keep. */
    public List<SourceProvider> keptProviders() {
        return providers.stream().filter(SourceProvider::isKept).toList();
    }

    /** How a current model reads in a sentence: "deployment gpt4o-prod" for an Azure deployment, else the model ID. */
    public String sourceLabel(String model) {
        return isDeployment(model) ? "deployment " + model : model;
    }

    /** A model asked on the current provider in words: "gpt4o-prod (Azure deployment)" for a deployment, else the ID. */
    public String currentModelLabel(String model) {
        return model != null && !model.isBlank() && isDeployment(model) ? model + " (Azure deployment)" : model;
    }

    public static Inventory empty() {
        return new Inventory("", List.of(), "", "", List.of(), "", Parameters.none(), "", "");
    }

    /** The production model followed by the fallbacks, without blanks or repeats. */
    public List<String> allModels() {
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>();
        if (!productionModel.isBlank()) {
            all.add(productionModel.strip());
        }
        fallbackModels.stream().filter(m -> !m.isBlank()).map(String::strip).forEach(all::add);
        return List.copyOf(all);
    }

    /** Whether the inventory has been filled in enough to be called documented. */
    public boolean isDocumented() {
        return !sdk.isBlank() && !endpoints.isEmpty() && !productionModel.isBlank();
    }
}
