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

    default void onFinished(Check check, CheckResult result) {
    }
}
