package ai.flatkey.migrate.scan;

import java.util.Set;

/**
 * One request the code sends: where, which SDK, the endpoint family, the model (literal, or empty when it comes
 * from a variable), the features used in that call (streaming, tools, json, json_schema, vision) and the provider it
 * goes to (empty when the scan cannot tell).
 */
public record CallSite(String file, int line, String sdk, String family, String model, Set<String> features, String provider) {
    public CallSite {
        features = Set.copyOf(features);
        model = model == null ? "" : model;
        provider = provider == null ? "" : provider;
    }

    CallSite withModel(String newModel) {
        return new CallSite(file, line, sdk, family, newModel, features, provider);
    }

    CallSite withProvider(String newProvider) {
        return new CallSite(file, line, sdk, family, model, features, newProvider);
    }
}
