package ai.flatkey.migrate.traffic;

/**
 * Live events of a recording proxy, called on the proxy's threads (a UI hands them over to its own thread). Every
 * text in them went through the recording's redaction.
 */
public interface ProxyListener {
    ProxyListener NONE = new ProxyListener() {
    };

    /** A request arrived and is being forwarded. */
    default void started(int seq, String method, String route, String model) {
    }

    /** A call ended (answer forwarded whole, client gone, upstream failed); {@code call} is what was recorded. */
    default void finished(RecordedCall call) {
    }

    /** A shadow mirror of call {@code result.seq()} was compared with the app's answer. */
    default void shadowed(ShadowResult result) {
    }
}
