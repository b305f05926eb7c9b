package ai.flatkey.migrate.wire;

/** Receives Responses API stream events as they arrive, on the calling thread; must return quickly. */
@FunctionalInterface
public interface ResponsesListener {
    void onEvent(ResponseEvent event);

    /**
     * Every server-sent event as it arrived, before it is decoded, with every secret redacted.
     *
     * @param event the {@code event:} name ({@code response.output_text.delta}, …), or empty
     * @param data  the {@code data:} text, lines joined by newline
     */
    default void onRawEvent(String event, String data) {
    }

    /** An SSE comment line as it arrived, without its leading colon, redacted. */
    default void onRawComment(String comment) {
    }
}
