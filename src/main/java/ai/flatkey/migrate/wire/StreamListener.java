package ai.flatkey.migrate.wire;

/** Receives stream chunks as they arrive, on a network thread; must return quickly. */
@FunctionalInterface
public interface StreamListener {
    void onChunk(StreamChunk chunk);

    /**
     * Every server-sent event as it arrived, before it is decoded ({@code data: [DONE]} and events that fail to decode
     * included), with every secret redacted.
     *
     * @param event the {@code event:} name, or empty when the server sent none
     * @param data  the {@code data:} text, lines joined by newline
     */
    default void onRawEvent(String event, String data) {
    }

    /** An SSE comment line as it arrived, without its leading colon ({@code " keep-alive"}), redacted. */
    default void onRawComment(String comment) {
    }
}
