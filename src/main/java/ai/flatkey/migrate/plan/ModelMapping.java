package ai.flatkey.migrate.plan;

import java.util.List;

/**
 * One row of the model-mapping table: the model ID the app uses today, the target model ID, and the features
 * the app uses with it (chat, streaming, tools, json, vision, responses, embeddings).
 */
public record ModelMapping(String sourceModel, String targetModel, List<String> features, String notes) {

    public ModelMapping {
        sourceModel = Lists.text(sourceModel).strip();
        targetModel = Lists.text(targetModel).strip();
        features = Lists.copy(features);
        notes = Lists.text(notes);
    }

    public boolean uses(String feature) {
        return features.contains(feature);
    }
}
