package ai.flatkey.migrate.demo;

import com.google.gson.JsonObject;

/**
 * One model the demo gateway lists and serves.
 *
 * @param id                 the model ID clients send
 * @param ownedBy            the vendor, as {@code owned_by}
 * @param created            release time in epoch seconds, as {@code created}
 * @param chat               whether it answers chat completions (an embedding model does not)
 * @param vision             whether chat accepts {@code image_url} content parts
 * @param inputPerMillionUsd list price per 1M input tokens in USD (demo figures)
 * @param outputPerMillionUsd list price per 1M output tokens in USD (demo figures)
 */
record CatalogModel(String id, String ownedBy, long created, boolean chat, boolean vision,
                    double inputPerMillionUsd, double outputPerMillionUsd) {

    JsonObject toJson() {
        JsonObject model = new JsonObject();
        model.addProperty("id", id);
        model.addProperty("object", "model");
        model.addProperty("created", created);
        model.addProperty("owned_by", ownedBy);
        JsonObject pricing = new JsonObject();
        pricing.addProperty("input_per_1m", inputPerMillionUsd);
        pricing.addProperty("output_per_1m", outputPerMillionUsd);
        model.add("pricing", pricing);
        return model;
    }
}
