package ai.flatkey.migrate.wire;

import java.util.List;

/**
 * The answer to {@code GET /models}, with its request ID, status and timing.
 *
 * @param object     the top-level {@code object} (expected {@code list}); empty when absent or a bare array came
 * @param headers    typed response headers
 * @param transcript the exchange, redacted (null when built by hand)
 */
public record ModelList(List<ModelInfo> models, String requestId, int status, long totalMs, String object,
                        ResponseHeaders headers, Transcript transcript) {
    public ModelList {
        models = List.copyOf(models);
        object = object == null ? "" : object;
        headers = headers == null ? ResponseHeaders.EMPTY : headers;
    }

    public ModelList(List<ModelInfo> models, String requestId, int status, long totalMs) {
        this(models, requestId, status, totalMs, "list", ResponseHeaders.EMPTY, null);
    }

    public boolean contains(String id) {
        return models.stream().anyMatch(m -> m.id().equals(id));
    }

    ModelList withTranscript(Transcript t) {
        return new ModelList(models, requestId, status, totalMs, object, headers, t);
    }
}
