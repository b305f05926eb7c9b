package ai.flatkey.migrate.wire;

/** One entry of {@code GET /models}. */
public record ModelInfo(String id, String ownedBy, long created) {
}
