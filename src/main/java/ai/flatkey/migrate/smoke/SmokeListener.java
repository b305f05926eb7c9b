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

    /**
     * One server-sent event (or comment line) of a streamed check exactly as it came over the wire, in SSE syntax
     * without the blank line that ends it: an {@code event: NAME} line when the server named the event (the Responses
     * API does), then one {@code data: …} line per data line ({@code data: [DONE]} included); a comment is
     * {@code :TEXT}. Secrets are already redacted. Only streamed checks send these.
     */
    default void onRawSse(Check check, String text) {
    }

    /**
     * The images and sounds a family check received (or sent: a transcription's clip), just before its
     * {@link #onFinished}: for a face to show for the session. They are never in the result, the plan or an export.
     *
     * @param requestId the request ID of the result that follows (to match them to it later)
     */
    default void onMedia(Check check, String requestId, java.util.List<MediaEvidence> media) {
    }

    default void onFinished(Check check, CheckResult result) {
    }

    /**
     * A check's request got no answer in time (called before its {@link #onFinished}). Many at once against one
     * target usually mean it serves fewer requests at a time than the suite sends: see
     * {@link SuiteOptions#timeoutHint}.
     */
    default void onTimedOut(Check check) {
    }

    /**
     * The catalog check ({@code GET /models}, the cheapest request) got nothing at all back within the read timeout:
     * the other checks against that endpoint are not sent, each ends as "Not sent", and nothing more should be asked
     * of it in this run (its books included). Called once per endpoint, after {@link #onTimedOut} for that check;
     * {@code catalog.source()} says which endpoint.
     */
    default void onSilent(Check catalog) {
    }
}
