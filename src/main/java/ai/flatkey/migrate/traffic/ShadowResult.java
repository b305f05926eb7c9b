package ai.flatkey.migrate.traffic;

import java.util.List;

/**
 * One shadow mirror compared with the app's answer.
 *
 * @param seq          the app's call in the recording
 * @param route        its path without the query
 * @param model        the model the app asked for
 * @param targetModel  the model the mirror asked the target for
 * @param appStatus    the status the app got
 * @param targetStatus the target's status, 0 when it did not answer
 * @param differences  what differs, in words (empty: the same structure)
 * @param targetMs     the target's total time
 * @param failure      why the target gave no answer, else null
 */
public record ShadowResult(int seq, String route, String model, String targetModel, int appStatus, int targetStatus,
                           List<String> differences, long targetMs, String failure) {
    public ShadowResult {
        differences = List.copyOf(differences);
    }

    public boolean agrees() {
        return failure == null && differences.isEmpty();
    }
}
