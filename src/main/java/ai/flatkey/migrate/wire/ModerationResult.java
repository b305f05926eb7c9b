package ai.flatkey.migrate.wire;

import java.util.List;
import java.util.Map;

/**
 * A moderation answer ({@code POST /moderations}).
 *
 * @param results one per input
 */
public record ModerationResult(String id, String model, List<Verdict> results, String requestId, int status,
                               Timing timing, ResponseHeaders headers, Transcript transcript) {
    /**
     * One input's verdict.
     *
     * @param flagged        {@code flagged}, or null when absent or not a boolean
     * @param categories     {@code categories} (name → flagged), or null when absent or not an object
     * @param categoryScores {@code category_scores} (name → score), or null when absent or not an object
     * @param malformed      names of the categories or scores whose values are not booleans or numbers
     */
    public record Verdict(Boolean flagged, Map<String, Boolean> categories, Map<String, Double> categoryScores,
                          List<String> malformed) {
        public Verdict {
            malformed = List.copyOf(malformed);
        }
    }

    public ModerationResult {
        id = id == null ? "" : id;
        model = model == null ? "" : model;
        results = List.copyOf(results);
        headers = headers == null ? ResponseHeaders.EMPTY : headers;
    }

    ModerationResult withTranscript(Transcript t) {
        return new ModerationResult(id, model, results, requestId, status, timing, headers, t);
    }

    String summary() {
        return "moderation: " + results.size() + " result" + (results.size() == 1 ? "" : "s")
                + (results.isEmpty() || results.get(0).categories() == null ? ""
                : ", " + results.get(0).categories().size() + " categories");
    }
}
