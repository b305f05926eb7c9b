package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.wire.Cancellation;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Derives and runs the smoke suite for a plan: the seam between the use cases and the runner. The real one is
 * {@link #of}; tests pass a fake that lists its own checks ({@link #derive(MigrationPlan)}) and runs them.
 */
public interface SmokeService {

    /** Every check of the plan's suite. */
    default List<Check> derive(MigrationPlan plan) {
        return SmokeSuite.derive(plan);
    }

    /** The checks a run with {@code options} sends (selection by glob, negatives). */
    default List<Check> derive(MigrationPlan plan, SuiteOptions options) {
        return derive(plan).stream().filter(c -> options.selects(c.id())).toList();
    }

    /** Starts a run with options (repeat, compare with {@code source}, selection); {@code source} may be null. */
    CompletableFuture<SmokeRun> run(MigrationPlan plan, Target target, Target source, SuiteOptions options,
                                    SmokeListener listener, Cancellation cancel);

    /** Starts the default run against {@code target} alone; listener callbacks arrive on network threads. */
    default CompletableFuture<SmokeRun> run(MigrationPlan plan, Target target, SmokeListener listener, Cancellation cancel) {
        return run(plan, target, null, SuiteOptions.defaults(), listener, cancel);
    }

    /**
     * Delegates to the service {@code real} supplies, created on first use (so start-up does not pay for it): the first
     * run builds the runner (and its HTTP client, which reads the trust store) on the caller's thread — a use case's
     * background thread, never the UI's.
     */
    static SmokeService lazy(Supplier<SmokeService> real) {
        return new SmokeService() {
            @Override
            public List<Check> derive(MigrationPlan plan, SuiteOptions options) {
                return SmokeSuite.derive(plan, options);
            }

            @Override
            public CompletableFuture<SmokeRun> run(MigrationPlan plan, Target target, Target source, SuiteOptions options,
                                                   SmokeListener listener, Cancellation cancel) {
                return real.get().run(plan, target, source, options, listener, cancel);
            }
        };
    }

    /** Over the smoke package's suite and runner. */
    static SmokeService of(SmokeRunner runner) {
        SmokeService direct = runner::run;
        return lazy(() -> direct);
    }
}
