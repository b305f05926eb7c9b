package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.wire.SafeText;
import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.ChecklistItem;
import ai.flatkey.migrate.plan.Checklist;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.ItemStatus;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.Rollback;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.Verdict;
import ai.flatkey.migrate.secrets.KeyResolver;
import ai.flatkey.migrate.wire.Cancellation;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * The use case "prove the rollback": the basic checks ({@value #CHECKS}) against the rollback configuration (the
 * previous base URL, key and model). A rollback that does not answer is no rollback. When they pass, the plan records
 * the proof and ticks the checklist's rollback item with the evidence. The wizard's rollout step and the CLI call this.
 * Blocking; call off a UI thread.
 */
public final class RollbackProof {

    /** The checks a proof runs: the catalog and plain chat. */
    public static final String CHECKS = "models,chat:*";

    /** Why a proof cannot start. */
    public enum Problem { NOT_READY, NO_KEY }

    /** A proof that cannot start, and why. */
    public static final class NotStartable extends Exception {
        private final Problem problem;

        NotStartable(Problem problem, String message) {
            super(message);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    /**
     * What the proof found: the rollback as proved, the run (partial when cancelled), whether every check passed, and
     * the evidence (a pass) or the first failure (with its rule), in a sentence.
     */
    public record Outcome(Rollback rollback, SmokeRun run, boolean cancelled, String evidence, String failure) {
        public boolean passed() {
            return !cancelled && run.allPassed();
        }

        /** Whether the plan's rollback settings are still the ones proved (a change meanwhile voids the proof). */
        public boolean stillCurrent(MigrationPlan plan) {
            Rollback now = plan.rollback();
            return now.baseUrl().equals(rollback.baseUrl()) && now.model().equals(rollback.model())
                    && now.keyRef().equals(rollback.keyRef());
        }

        /** {@code plan} with the proof and the checklist item recorded; unchanged unless it passed and is still current. */
        public MigrationPlan applyTo(MigrationPlan plan, Clock clock) {
            if (!passed() || !stillCurrent(plan)) {
                return plan;
            }
            String when = run.startedAt().isBlank() ? clock.instant().toString() : run.startedAt();
            return plan.withRollback(plan.rollback().provedAt(when))
                    .withChecklistItem(new ChecklistItem(Checklist.ROLLBACK, ItemStatus.DONE, evidence));
        }
    }

    private final SmokeService smoke;
    private final KeyResolver keys;

    public RollbackProof(SmokeService smoke, KeyResolver keys) {
        this.smoke = smoke;
        this.keys = keys;
    }

    /** Runs the proof against the plan's rollback settings; {@code listener} gets the runner's live events. */
    public Outcome prove(MigrationPlan plan, SmokeListener listener, Cancellation cancel)
            throws NotStartable, InterruptedException, ExecutionException {
        Rollback rb = plan.rollback();
        if (!rb.isReady()) {
            throw new NotStartable(Problem.NOT_READY, "The rollback has no previous base URL or model.");
        }
        Optional<String> key = keys.resolve(rb.keyRef());
        if (!rb.keyRef().isBlank() && key.isEmpty()) {
            throw new NotStartable(Problem.NO_KEY, "No key for " + Endpoint.describeKeyRef(rb.keyRef()) + ".");
        }
        MigrationPlan proofPlan = plan
                .withTarget(new Endpoint("custom", rb.baseUrl(), rb.keyRef()))
                .withMappings(List.of(new ModelMapping(rb.model(), rb.model(), List.of("chat"), "rollback")))
                .withRequestChecks(List.of()).withCheckFiles(List.of()).withFileChecks(List.of()).withReplayPrompts(List.of());
        SuiteOptions options = SuiteOptions.defaults().withChecks(CHECKS).withNegatives(false);
        SmokeRun run = smoke.run(proofPlan, new Target(rb.baseUrl(), key.orElse(null)), null, options, listener, cancel).get();
        if (cancel.isCancelled()) {
            return new Outcome(rb, run, true, "", "Cancelled.");
        }
        long passed = run.count(Verdict.PASS);
        String counts = passed + " of " + run.results().size() + " basic checks passed";
        if (run.allPassed()) {
            return new Outcome(rb, run, false, "Rollback proved " + run.when() + ": " + counts + " against " + SafeText.scrub(rb.baseUrl())
                    + " with " + rb.model() + ".", "");
        }
        String why = run.results().stream().filter(r -> !r.passed()).findFirst().map(RollbackProof::why).orElse("");
        return new Outcome(rb, run, false, "", "The rollback configuration did not pass (" + counts + "). " + why);
    }

    private static String why(CheckResult r) {
        return r.checkId() + ": " + (r.ruleId().isBlank() ? "" : r.ruleId() + " — ") + r.reason();
    }
}
