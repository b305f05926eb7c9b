package ai.flatkey.migrate.ui.step.inventory;

import ai.flatkey.migrate.traffic.RecordedCall;
import ai.flatkey.migrate.wire.SafeText;

/**
 * One call through the recording proxy, as the live table shows it: while in flight its status reads "…".
 *
 * @param seq      the call's number in the recording
 * @param endpoint method and route, e.g. {@code POST /v1/chat/completions}
 * @param model    the model asked for, "-" when none
 * @param status   the HTTP status (with "stream" when streamed), or what went wrong
 * @param tokens   total tokens the answer reported, "" when none
 * @param time     total time, e.g. {@code 412 ms}, "" while in flight
 * @param ok       false for an HTTP error, an upstream failure or a client disconnect
 * @param shadow   how the target's mirror compared ("same structure", the differences), "" when not mirrored
 */
public record CallRow(int seq, String endpoint, String model, String status, String tokens, String time, boolean ok,
                      String shadow) {

    /** This row with the shadow's comparison. */
    CallRow withShadow(ai.flatkey.migrate.traffic.ShadowResult r) {
        String text = r.failure() != null ? "no answer: " + SafeText.scrub(r.failure())
                : r.differences().isEmpty() ? "same structure"
                : "differs: " + SafeText.scrub(String.join("; ", r.differences()));
        return new CallRow(seq, endpoint, model, status, tokens, time, ok, text);
    }

    static CallRow started(int seq, String method, String route, String model) {
        return new CallRow(seq, method + " " + route, model == null || model.isBlank() ? "-" : SafeText.scrub(model),
                "…", "", "", true, "");
    }

    static CallRow finished(RecordedCall c) {
        boolean complete = RecordedCall.COMPLETE.equals(c.outcome());
        String status = c.status() > 0 ? c.status() + (c.streamed() ? " stream" : "") : "no answer";
        if (!complete) {
            status += RecordedCall.CLIENT_DISCONNECTED.equals(c.outcome()) ? " (app left)" : " (upstream failed)";
        }
        String tokens = c.usage() == null || c.usage().totalTokens() == null ? "" : String.valueOf(c.usage().totalTokens());
        String time = c.timing() == null || c.timing().totalMs() == null ? "" : c.timing().totalMs() + " ms";
        return new CallRow(c.seq(), c.method() + " " + c.route(), c.model() == null ? "-" : SafeText.scrub(c.model()),
                status, tokens, time, complete && c.status() < 400, "");
    }
}
