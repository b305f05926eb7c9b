package ai.flatkey.migrate.traffic;

/**
 * A shadow's running tally.
 *
 * @param mirrored    mirrors sent and compared
 * @param agreed      mirrors whose answer had the app's structure
 * @param differed    mirrors whose answer differed (status class, finish_reason, tool calls, usage, [DONE])
 * @param failed      mirrors the target did not answer
 * @param dropped     calls not mirrored because the queue was full
 * @param notSampled  calls left out by the sample rate
 * @param unsupported calls not mirrored because their body was not JSON (audio, images by reference)
 */
public record ShadowSummary(int mirrored, int agreed, int differed, int failed, int dropped, int notSampled,
                            int unsupported) {
    public String line() {
        return "shadow: " + mirrored + " mirrored, " + agreed + " agreed, " + differed + " differed, " + failed
                + " failed, " + dropped + " dropped (queue full), " + notSampled + " not sampled"
                + (unsupported > 0 ? ", " + unsupported + " not mirrored (not JSON)" : "");
    }
}
