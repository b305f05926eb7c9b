package ai.flatkey.migrate.wire;

import java.util.List;

/**
 * What polling a video job saw until it finished or the deadline passed.
 *
 * @param polls    every answer of {@code GET /videos/{id}}, in order
 * @param timedOut whether the deadline passed before the job finished
 * @param waitedMs how long the polling took
 */
public record VideoPoll(List<VideoJob> polls, boolean timedOut, long waitedMs) {
    public VideoPoll {
        polls = List.copyOf(polls);
    }

    /** The last answer, or null when none came. */
    public VideoJob last() {
        return polls.isEmpty() ? null : polls.get(polls.size() - 1);
    }

    /** The status values seen, distinct, in order. */
    public List<String> statuses() {
        return polls.stream().map(VideoJob::jobStatus).distinct().toList();
    }
}
