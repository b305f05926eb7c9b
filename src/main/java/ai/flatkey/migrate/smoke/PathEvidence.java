package ai.flatkey.migrate.smoke;

/**
 * What {@code GET {base}/models} gave at the base URL a check used: the evidence that decides whether a 404 on
 * another route puts the base URL's path in doubt. When the list answered, the path is proven right, and a 404 on
 * {@code /chat/completions} or {@code /responses} is the model, the route or the gateway's own refusal.
 *
 * @param state  what the list call gave
 * @param models how many models it listed (when it answered)
 */
record PathEvidence(State state, int models) {
    enum State {
        /** {@code GET {base}/models} answered a model list: the path is right. */
        ANSWERED,
        /** It failed too (404, a web page, not the API): the path is in doubt. */
        FAILED,
        /** Not asked, or it failed for another reason (key, network): nothing is known about the path. */
        UNKNOWN
    }

    static final PathEvidence UNKNOWN = new PathEvidence(State.UNKNOWN, 0);
    static final PathEvidence FAILED = new PathEvidence(State.FAILED, 0);

    static PathEvidence answered(int models) {
        return new PathEvidence(State.ANSWERED, models);
    }

    boolean answered() {
        return state == State.ANSWERED;
    }

    boolean failed() {
        return state == State.FAILED;
    }
}
