package ai.flatkey.migrate.cli;

import ai.flatkey.migrate.wire.SafeText;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.plan.PlanStoreException;
import ai.flatkey.migrate.plan.Rollback;
import ai.flatkey.migrate.secrets.KeyResolver;
import ai.flatkey.migrate.smoke.RollbackProof;
import ai.flatkey.migrate.smoke.SuiteOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

/** {@code prove-rollback PLAN.json}: the basic checks against the plan's rollback configuration, as step 6 runs them. */
@Command(name = "prove-rollback", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Prove the plan's rollback configuration still answers.",
        description = {"Runs the basic checks (" + RollbackProof.CHECKS + ") against the previous base URL with the previous "
                + "key and model, as the wizard's step 6 does. A rollback that does not answer is no rollback.",
                "Exit 0 when they pass, 1 when they do not, 2 for a usage or plan error (no rollback settings, no key)."})
final class RollbackCommand implements Callable<Integer> {
    private final PrintStream out;
    private final PrintStream err;
    private final KeyResolver keys;
    private final PlanStore store;
    private final Clock clock;

    @Parameters(paramLabel = "PLAN.json", description = "the plan file")
    private String planFile;

    @Option(names = "--key-env", paramLabel = "NAME", description = "read the previous provider's key from this environment "
            + "variable instead of the plan's rollback key reference (keys are never flags)")
    private String keyEnv;

    @Option(names = "--write", description = "when the checks pass, record the proof and tick the checklist's rollback item")
    private boolean write;

    @Mixin
    private NoKeyFlags noKeyFlags;

    RollbackCommand(PrintStream out, PrintStream err, KeyResolver keys, PlanStore store, Clock clock) {
        this.out = out;
        this.err = err;
        this.keys = keys;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Integer call() throws Cli.UsageException, PlanStoreException {
        NoKeyFlags.checkKeyEnv(keyEnv);
        Path path = Path.of(planFile);
        MigrationPlan plan = store.load(path);
        Rollback rb = plan.rollback();
        MigrationPlan proving = keyEnv == null ? plan
                : plan.withRollback(new Rollback(rb.baseUrl(), rb.model(), "env:" + keyEnv, rb.notes(), rb.provedAt()));
        out.println("Proving the rollback: " + RollbackProof.CHECKS + " against " + SafeText.scrub(rb.baseUrl()) + " with " + SafeText.line(rb.model()));
        try (Wiring w = new Wiring(out, keys, clock)) {
            RollbackProof.Outcome outcome = new RollbackProof(w.smoke(SuiteOptions.DEFAULT_CONCURRENCY), keys).prove(proving, new RunReport(out, err).lines(2),
                    new ai.flatkey.migrate.wire.Cancellation());
            if (!outcome.passed()) {
                err.println("error: " + outcome.failure() + " Fix the rollback settings before ramping up.");
                return Cli.CHECKS_FAILED;
            }
            out.println(outcome.evidence());
            if (write && outcome.stillCurrent(plan)) {
                store.save(path, outcome.applyTo(plan, clock).withUpdatedAt(clock.instant().toString()));
                out.println("Proof saved into " + path);
            } else if (write) {
                err.println("warning: not recorded: the proof used --key-env " + keyEnv + ", not the plan's rollback key ("
                        + ai.flatkey.migrate.plan.Endpoint.describeKeyRef(rb.keyRef()) + ").");
            }
            return Cli.OK;
        } catch (RollbackProof.NotStartable e) {
            throw new Cli.UsageException(switch (e.problem()) {
                case NOT_READY -> "the plan has no rollback base URL or model; fill them in the wizard's step 6.";
                case NO_KEY -> e.getMessage() + " Set that variable, or name another with --key-env NAME.";
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("Interrupted.");
            return Cli.CHECKS_FAILED;
        } catch (ExecutionException e) {
            err.println("error: the rollback proof failed: " + e.getCause());
            return Cli.CHECKS_FAILED;
        }
    }
}
