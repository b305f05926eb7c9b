package ai.flatkey.migrate.wire;

/**
 * One entry of {@code GET /models}.
 *
 * @param created the {@code created} field, 0 when absent
 * @param object  the {@code object} field (expected {@code model}), empty when absent
 */
public record ModelInfo(String id, String ownedBy, long created, String object) {
    public ModelInfo {
        object = object == null ? "" : object;
    }

    public ModelInfo(String id, String ownedBy, long created) {
        this(id, ownedBy, created, "model");
    }
}
