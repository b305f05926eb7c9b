package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.RequestCheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * Which model each request check sends, and the suite's checks for them. A body that names a model the plan maps is
 * sent to the target model it maps to ({@code request:NAME}); a body naming a model the plan does not map is sent as
 * written; a body without a model runs once per mapped target model that serves its endpoint
 * ({@code request:NAME:MODEL}). The check says which model it sent and why ({@link #sentAs}).
 */
final class RequestChecks {
    private RequestChecks() {
    }

    /**
     * The checks for the plan's request checks (its own and its check files'), in their order.
     *
     * @param models the plan's target models
     * @param serves whether a model serves an endpoint (chat models chat and Responses, embedding models
     *               embeddings, image models images, …)
     */
    static List<Check> derive(MigrationPlan plan, List<String> models, BiPredicate<RequestCheck.Api, String> serves) {
        List<Check> out = new ArrayList<>();
        for (RequestCheck rc : plan.allRequestChecks()) {
            String feature = rc.feature();
            String title = "Request: " + rc.name();
            if (!rc.model().isEmpty()) {
                out.add(new Check(feature, feature, mapped(plan, rc.model()).orElse(rc.model()), title));
                continue;
            }
            List<String> fit = fitting(rc, models, serves);
            if (fit.isEmpty()) {
                out.add(new Check(feature, feature, "", title));
            }
            for (String m : fit) {
                out.add(new Check(feature + ":" + m, feature, m, title));
            }
        }
        return out;
    }

    /** The target models a check whose body names no model runs on: those that serve its endpoint. */
    static List<String> fitting(RequestCheck rc, List<String> models, BiPredicate<RequestCheck.Api, String> serves) {
        return models.stream().filter(m -> serves.test(rc.api(), m)).toList();
    }

    /** The kind of model that serves an endpoint, in words: {@code chat}, {@code embeddings}, {@code image}, …. */
    static String modelKind(RequestCheck.Api api) {
        return switch (api) {
            case CHAT, RESPONSES -> "chat";
            case EMBEDDINGS -> "embeddings";
            case IMAGES -> "image";
            case SPEECH -> "speech";
            case MODERATIONS -> "moderation";
            case TRANSCRIPTIONS, TRANSLATIONS -> "transcription";
            case IMAGE_EDITS -> "image";
        };
    }

    /**
     * A transcription or translation check's upload as it is sent to {@code model}: the body's {@code file} read
     * now (from the check file's folder, {@link RequestCheck#filePath()}), its type by its extension; the other
     * fields as form fields as written ({@code timestamp_granularities} one {@code timestamp_granularities[]} each).
     *
     * @throws java.io.IOException in words naming the file and where it was looked for, when it cannot be sent
     */
    static ai.flatkey.migrate.wire.TranscriptionRequest upload(RequestCheck rc, String model)
            throws java.io.IOException {
        ai.flatkey.migrate.wire.Upload clip = read(rc, rc.file());
        com.google.gson.JsonObject body = rc.body();
        List<java.util.Map.Entry<String, String>> fields = new ArrayList<>();
        for (String name : List.of("prompt", "temperature", "timestamp_granularities")) {
            com.google.gson.JsonElement v = body.get(name);
            if (v != null && v.isJsonArray()) {
                v.getAsJsonArray().forEach(e -> fields.add(java.util.Map.entry(name + "[]", e.getAsString())));
            } else if (v != null && v.isJsonPrimitive()) {
                fields.add(java.util.Map.entry(name.equals("timestamp_granularities") ? name + "[]" : name,
                        v.getAsString()));
            }
        }
        return new ai.flatkey.migrate.wire.TranscriptionRequest(model, clip, text(body, "response_format"),
                text(body, "language"), rc.api() == RequestCheck.Api.TRANSLATIONS, fields);
    }

    /**
     * An image edit check's upload as it is sent to {@code model}: its images ({@code image}: one, or a list sent as
     * {@code image[]}) and {@code mask} read now; {@code prompt}, {@code size}, {@code response_format} and the other
     * fields as form fields as written.
     *
     * @throws java.io.IOException in words naming the file and where it was looked for, when it cannot be sent
     */
    static ai.flatkey.migrate.wire.ImageEditRequest edit(RequestCheck rc, String model) throws java.io.IOException {
        com.google.gson.JsonObject body = rc.body();
        List<ai.flatkey.migrate.wire.Upload> images = new ArrayList<>();
        com.google.gson.JsonElement image = body.get("image");
        List<String> written = rc.files();
        String mask = text(body, "mask");
        for (int i = 0; i < written.size() - (mask == null ? 0 : 1); i++) {
            images.add(read(rc, written.get(i)));
        }
        List<java.util.Map.Entry<String, String>> fields = new ArrayList<>();
        for (java.util.Map.Entry<String, com.google.gson.JsonElement> e : body.entrySet()) {
            if (!List.of("model", "prompt", "image", "mask", "size", "response_format").contains(e.getKey())
                    && e.getValue().isJsonPrimitive()) {
                fields.add(java.util.Map.entry(e.getKey(), e.getValue().getAsString()));
            }
        }
        return new ai.flatkey.migrate.wire.ImageEditRequest(model, text(body, "prompt") == null ? ""
                : text(body, "prompt"), images, image != null && image.isJsonArray(), text(body, "size"),
                text(body, "response_format"), mask == null ? null : read(rc, mask), fields);
    }

    /** One file an upload names, read now: at most 25 MB, its type by its extension. */
    private static ai.flatkey.migrate.wire.Upload read(RequestCheck rc, String written) throws java.io.IOException {
        java.nio.file.Path path = rc.resolve(written);
        String problem = rc.uploadProblem(written);
        if (problem != null) {
            throw new java.io.IOException(problem + " (looked for at " + path + ")");
        }
        try {
            String fileName = path.getFileName().toString();
            return new ai.flatkey.migrate.wire.Upload(fileName, mediaType(fileName),
                    java.nio.file.Files.readAllBytes(path));
        } catch (java.io.IOException e) {
            throw new java.io.IOException("file " + written + " (looked for at " + path + ") could not be read: "
                    + e.getMessage(), e);
        }
    }

    private static String text(com.google.gson.JsonObject body, String name) {
        com.google.gson.JsonElement v = body.get(name);
        return v != null && v.isJsonPrimitive() ? v.getAsString() : null;
    }

    /**
     * An upload's content type by its extension (audio as the OpenAI SDKs name it, images too); octet-stream when
     * unknown.
     */
    static String mediaType(String fileName) {
        String ext = fileName.substring(fileName.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT);
        return switch (ext) {
            case "wav" -> "audio/wav";
            case "mp3", "mpga", "mpeg" -> "audio/mpeg";
            case "m4a", "mp4" -> "audio/mp4";
            case "ogg", "oga" -> "audio/ogg";
            case "webm" -> "audio/webm";
            case "flac" -> "audio/flac";
            case "png" -> "image/png";
            case "jpg", "jpeg" -> "image/jpeg";
            case "webp" -> "image/webp";
            default -> "application/octet-stream";
        };
    }

    /** The target model the plan maps {@code written} to (the first row that maps it), if any. */
    static Optional<String> mapped(MigrationPlan plan, String written) {
        return plan.mappings().stream().filter(m -> m.sourceModel().equals(written) && !m.targetModel().isBlank())
                .map(ModelMapping::targetModel).findFirst();
    }

    /** The request check a check runs, by its name. */
    static Optional<RequestCheck> find(MigrationPlan plan, Check check) {
        String name = check.featureArgument();
        return plan.allRequestChecks().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** Which model was sent, and why: as written, through the mapping, or once per mapped model. */
    static String sentAs(RequestCheck rc, String sent, boolean source) {
        String written = rc.model();
        if (written.isEmpty()) {
            return "sent to " + sent + " (the body names no model: it runs on every mapped " + (source
                    ? "model of the current provider" : "target model") + ")";
        }
        if (written.equals(sent)) {
            return "sent to " + sent + " as written";
        }
        return "sent to " + sent + (source ? " on the current provider" : "") + " (the body says " + written
                + "; the plan maps it)";
    }
}
