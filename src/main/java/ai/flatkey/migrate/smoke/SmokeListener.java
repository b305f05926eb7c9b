package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.plan.CheckResult;

/** Live events of a suite run. Called on worker and network threads: return quickly, hand off to the UI thread. */
public interface SmokeListener {
    SmokeListener NONE = new SmokeListener() {
    };

    default void onStarted(Check check) {
    }

    /** A piece of streamed text, as it arrives. */
    default void onToken(Check check, String text) {
    }

    /**
     * A streamed tool-call fragment, as it arrives.
     *
     * @param index     the fragment's {@code index}, or null when the server left it out
     * @param name      the function name (first fragment only), or null
     * @param arguments the arguments text this fragment adds, or empty
     */
    default void onToolCallFragment(Check check, Integer index, String name, String arguments) {
    }

    default void onFinished(Check check, CheckResult result) {
    }
}
