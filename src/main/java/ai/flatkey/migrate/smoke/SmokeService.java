package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.wire.Cancellation;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Derives and runs the smoke suite for a plan (the real one is {@link #of}; tests pass a fake). */
public interface SmokeService {

    List<Check> derive(MigrationPlan plan);

    /** The checks a run with {@code options} sends (selection by glob, negatives). */
    default List<Check> derive(MigrationPlan plan, SuiteOptions options) {
        return derive(plan).stream().filter(c -> options.selects(c.id())).toList();
    }

    /** Starts the run; listener callbacks arrive on network threads. */
    CompletableFuture<SmokeRun> run(MigrationPlan plan, Target target, SmokeListener listener, Cancellation cancel);

    /** Starts a run with options (repeat, compare with {@code source}, selection); {@code source} may be null. */
    default CompletableFuture<SmokeRun> run(MigrationPlan plan, Target target, Target source, SuiteOptions options,
                                            SmokeListener listener, Cancellation cancel) {
        return run(plan, target, listener, cancel);
    }

    /** Delegates to the service {@code real} supplies, created on first use (so start-up does not pay for it). */
    static SmokeService lazy(java.util.function.Supplier<SmokeService> real) {
        return new SmokeService() {
            @Override
            public List<Check> derive(MigrationPlan plan) {
                return ai.flatkey.migrate.smoke.SmokeSuite.derive(plan);
            }

            @Override
            public List<Check> derive(MigrationPlan plan, SuiteOptions options) {
                return ai.flatkey.migrate.smoke.SmokeSuite.derive(plan, options);
            }

            @Override
            public CompletableFuture<SmokeRun> run(MigrationPlan plan, Target target, SmokeListener listener, Cancellation cancel) {
                // The first run builds the runner (and its HTTP client, which reads the trust store) on the caller's
                // thread: a use case's background thread, never the UI's.
                return real.get().run(plan, target, listener, cancel);
            }

            @Override
            public CompletableFuture<SmokeRun> run(MigrationPlan plan, Target target, Target source, SuiteOptions options,
                                                   SmokeListener listener, Cancellation cancel) {
                return real.get().run(plan, target, source, options, listener, cancel);
            }
        };
    }

    /** Over the smoke package's suite and runner. */
    static SmokeService of(ai.flatkey.migrate.smoke.SmokeRunner runner) {
        return new SmokeService() {
            @Override
            public List<Check> derive(MigrationPlan plan) {
                return ai.flatkey.migrate.smoke.SmokeSuite.derive(plan);
            }

            @Override
            public List<Check> derive(MigrationPlan plan, SuiteOptions options) {
                return ai.flatkey.migrate.smoke.SmokeSuite.derive(plan, options);
            }

            @Override
            public CompletableFuture<SmokeRun> run(MigrationPlan plan, Target target, SmokeListener listener, Cancellation cancel) {
                return runner.run(plan, target, listener, cancel);
            }

            @Override
            public CompletableFuture<SmokeRun> run(MigrationPlan plan, Target target, Target source, SuiteOptions options,
                                                   SmokeListener listener, Cancellation cancel) {
                return runner.run(plan, target, source, options, listener, cancel);
            }
        };
    }
}
