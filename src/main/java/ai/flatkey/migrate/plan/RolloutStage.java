package ai.flatkey.migrate.plan;

import java.util.List;

/** One stage of the staged rollout, with the gate that must hold before the next stage. */
public record RolloutStage(String name, String gate, ItemStatus status, String note) {

    public RolloutStage {
        name = Lists.text(name);
        gate = Lists.text(gate);
        status = status == null ? ItemStatus.OPEN : status;
        note = Lists.text(note);
    }

    /** The runbook's eight stages, in order. */
    public static List<RolloutStage> defaults() {
        return List.of(
                new RolloutStage("Direct curl smoke test", "The curl request answers with a usable assistant message", ItemStatus.OPEN, ""),
                new RolloutStage("SDK smoke test in local or staging", "The app's own SDK call passes against the target", ItemStatus.OPEN, ""),
                new RolloutStage("Replay known prompts", "Output shape matches the current provider for the replay set", ItemStatus.OPEN, ""),
                new RolloutStage("Streaming and advanced parameters", "Every feature in use passes its own smoke check", ItemStatus.OPEN, ""),
                new RolloutStage("Low quota on the test key", "A quota limit is set and visible", ItemStatus.OPEN, ""),
                new RolloutStage("Small share of non-critical traffic", "Error rate and p95 latency within the agreed bounds", ItemStatus.OPEN, ""),
                new RolloutStage("Compare errors, latency, tokens and cost", "Usage logs and billing match expectations", ItemStatus.OPEN, ""),
                new RolloutStage("Ramp up", "Logs and billing still match at each step", ItemStatus.OPEN, ""));
    }
}
