package ai.flatkey.migrate.demo;

import com.google.gson.JsonObject;

/**
 * One model the demo gateway lists and serves.
 *
 * @param id                 the model ID clients send
 * @param ownedBy            the vendor, as {@code owned_by}
 * @param created            release time in epoch seconds, as {@code created}
 * @param chat               whether it answers chat completions (an embedding or media model does not)
 * @param vision             whether chat accepts {@code image_url} content parts
 * @param inputPerMillionUsd list price per 1M input tokens in USD (demo figures)
 * @param outputPerMillionUsd list price per 1M output tokens in USD (demo figures)
 * @param family             the endpoint family it serves
 * @param perCallUsd         a price per request in USD (images, whisper, video), or 0 for a per-token price
 */
record CatalogModel(String id, String ownedBy, long created, boolean chat, boolean vision,
                    double inputPerMillionUsd, double outputPerMillionUsd, Family family, double perCallUsd) {

    /** The endpoint family a model serves. */
    enum Family {
        CHAT, EMBEDDINGS, IMAGES, TRANSCRIPTION, SPEECH, MODERATION, VIDEO;

        /** new-api's {@code supported_endpoint_types} for the family. */
        String endpointType() {
            return switch (this) {
                case CHAT -> "openai";
                case EMBEDDINGS -> "embeddings";
                case IMAGES -> "image-generation";
                case TRANSCRIPTION, SPEECH -> "openai-audio";
                case MODERATION -> "openai-moderation";
                case VIDEO -> "openai-video";
            };
        }
    }

    /** A chat or embedding model priced per token. */
    CatalogModel(String id, String ownedBy, long created, boolean chat, boolean vision, double inputPerMillionUsd,
                 double outputPerMillionUsd) {
        this(id, ownedBy, created, chat, vision, inputPerMillionUsd, outputPerMillionUsd,
                chat ? Family.CHAT : Family.EMBEDDINGS, 0);
    }

    /** A model of another family: never chat, never vision. */
    static CatalogModel media(String id, String ownedBy, long created, Family family, double inputPerMillionUsd,
                              double outputPerMillionUsd, double perCallUsd) {
        return new CatalogModel(id, ownedBy, created, false, false, inputPerMillionUsd, outputPerMillionUsd, family,
                perCallUsd);
    }

    boolean embedding() {
        return family == Family.EMBEDDINGS;
    }

    boolean perCall() {
        return perCallUsd > 0;
    }

    JsonObject toJson() {
        JsonObject model = new JsonObject();
        model.addProperty("id", id);
        model.addProperty("object", "model");
        model.addProperty("created", created);
        model.addProperty("owned_by", ownedBy);
        JsonObject pricing = new JsonObject();
        pricing.addProperty("input_per_1m", inputPerMillionUsd);
        pricing.addProperty("output_per_1m", outputPerMillionUsd);
        if (perCall()) {
            pricing.addProperty("per_request", perCallUsd);
        }
        model.add("pricing", pricing);
        return model;
    }
}
