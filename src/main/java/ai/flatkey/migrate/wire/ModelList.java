package ai.flatkey.migrate.wire;

import java.util.List;

/** The answer to {@code GET /models}, with its request ID, status and timing. */
public record ModelList(List<ModelInfo> models, String requestId, int status, long totalMs) {
    public ModelList {
        models = List.copyOf(models);
    }

    public boolean contains(String id) {
        return models.stream().anyMatch(m -> m.id().equals(id));
    }
}
