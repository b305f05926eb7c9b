package ai.flatkey.migrate.plan;

import java.util.List;

/**
 * One row of the model-mapping table: the model ID the app uses today, the target model ID, and the features
 * the app uses with it (chat, streaming, tools, json, vision, responses, embeddings), and optionally the target
 * model's price typed in by the person (USD per 1M input / output tokens) where the gateway publishes none.
 */
public record ModelMapping(String sourceModel, String targetModel, List<String> features, String notes,
                           Double inputPer1M, Double outputPer1M) {

    /** A row without typed prices. */
    public ModelMapping(String sourceModel, String targetModel, List<String> features, String notes) {
        this(sourceModel, targetModel, features, notes, null, null);
    }

    public ModelMapping {
        inputPer1M = price(inputPer1M);
        outputPer1M = price(outputPer1M);
        sourceModel = Lists.text(sourceModel).strip();
        targetModel = Lists.text(targetModel).strip();
        features = Lists.copy(features);
        notes = Lists.text(notes);
    }

    private static Double price(Double v) {
        return v == null || v.isNaN() || v.isInfinite() || v < 0 ? null : v;
    }

    /** Whether the person typed prices (USD per 1M input and output tokens) for the target model. */
    public boolean hasPrices() {
        return inputPer1M != null && outputPer1M != null;
    }

    public boolean uses(String feature) {
        return features.contains(feature);
    }
}
