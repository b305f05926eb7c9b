package ai.flatkey.migrate.scan;

import java.util.Set;

/**
 * One request the code sends: where, which SDK, the endpoint family, the model (literal, or empty when it comes
 * from a variable) and the features used in that call (streaming, tools, json, json_schema, vision).
 */
public record CallSite(String file, int line, String sdk, String family, String model, Set<String> features) {
    public CallSite {
        features = Set.copyOf(features);
        model = model == null ? "" : model;
    }
}
