package ai.flatkey.migrate.plan;

/**
 * Latency over repeated runs of one check (repeat-N), in milliseconds; TTFT figures are null for non-streamed checks.
 *
 * @param samples how many times the check ran
 * @param passed  how many of them passed
 */
public record RepeatStats(int samples, int passed, Long totalP50Ms, Long totalP95Ms, Long ttftP50Ms, Long ttftP95Ms) {
}
