package ai.flatkey.migrate.wire;

/** Receives stream chunks as they arrive, on a network thread; must return quickly. */
@FunctionalInterface
public interface StreamListener {
    void onChunk(StreamChunk chunk);
}
