package ai.flatkey.migrate.wire;

/** Receives Responses API stream events as they arrive, on the calling thread; must return quickly. */
@FunctionalInterface
public interface ResponsesListener {
    void onEvent(ResponseEvent event);
}
