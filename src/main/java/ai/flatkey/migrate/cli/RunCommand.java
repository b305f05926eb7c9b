package ai.flatkey.migrate.cli;

import ai.flatkey.migrate.wire.SafeText;
import ai.flatkey.migrate.demo.DemoConfig;
import ai.flatkey.migrate.demo.DemoGateway;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.plan.PlanStoreException;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.secrets.KeyResolver;
import ai.flatkey.migrate.smoke.SmokeRunner;
import ai.flatkey.migrate.smoke.SmokeService;
import ai.flatkey.migrate.smoke.SuiteOptions;
import ai.flatkey.migrate.smoke.SuiteRun;
import ai.flatkey.migrate.usage.PriceTable;
import ai.flatkey.migrate.usage.UsageException;
import ai.flatkey.migrate.usage.UsageService;
import ai.flatkey.migrate.usage.Verification;
import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.Transport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** {@code run PLAN.json …}: the plan's smoke suite, headless, with a line per check and a summary table. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Run the plan's smoke checks headless.",
        description = {"A line per check as it finishes, then a summary table and the reconciliation of every billable "
                + "request with the gateway's usage log. Before sending anything it estimates the cost and refuses to "
                + "run over the key's quota or the plan's budget.",
                "Exit 0 when every check passes, 1 when one does not, 2 for a usage, plan or budget error.",
                "A plan whose target is the embedded demo gateway starts one on 127.0.0.1 for the run. "
                        + "Keys are never flags: --key-env NAME, or the plan's env:NAME."})
final class RunCommand implements Callable<Integer> {
    /** How the line that says a run was stopped from outside begins. */
    static final String STOPPED = "Stopped (Ctrl+C or a termination signal)";

    private final PrintStream out;
    private final PrintStream err;
    private final KeyResolver keys;
    private final PlanStore store;
    private final Clock clock;
    private final RunReport report;
    private final Duration readTimeout;

    @Mixin
    private RunOptions parsed;

    /** @param readTimeout the checks' read timeout, from which their budgets and the run's deadline derive */
    RunCommand(PrintStream out, PrintStream err, KeyResolver keys, PlanStore store, Clock clock, Duration readTimeout) {
        this.report = new RunReport(out, err);
        this.out = out;
        this.err = err;
        this.keys = keys;
        this.store = store;
        this.clock = clock;
        this.readTimeout = readTimeout;
    }

    @Override
    public Integer call() throws Cli.UsageException, PlanStoreException {
        NoKeyFlags.checkKeyEnv(parsed.keyEnv);
        Path path = Path.of(parsed.planFile);
        // made first: its HTTP stack is built while the plan and its check files are read (see Wiring)
        try (Wiring w = new Wiring(out, keys, clock, readTimeout)) {
            PlanStore.Opened opened = store.open(path);
            if (!opened.checkProblems().isEmpty()) {
                // a suite without the checks of a broken file would look like a smaller green one: nothing is sent
                opened.checkProblems().forEach(p -> err.println("error: " + p));
                err.println("error: the plan's check files have " + opened.checkProblems().size() + " problem"
                        + (opened.checkProblems().size() == 1 ? "" : "s") + " (above); fix them and run again. Nothing was sent.");
                return Cli.USAGE;
            }
            MigrationPlan plan = opened.plan();
            SuiteOptions options = parsed.suiteOptions();
            Cancellation cancel = new Cancellation();
            // Closed after the catch clauses below, so that a stop also waits for the line saying what went wrong.
            StopOnSignal stop = StopOnSignal.install(cancel, w::cancelCalls);
            try {
                return run(w, stop, cancel, plan, path, options);
            } catch (SuiteRun.NotStartable e) {
                throw new Cli.UsageException(hint(e, options));
            } catch (UsageException e) {
                err.println("error: " + e.getMessage());
                return Cli.USAGE;
            } catch (IOException e) {
                err.println("error: could not start the embedded demo gateway: " + e.getMessage());
                return Cli.USAGE;
            } catch (InterruptedException | ExecutionException e) {
                return ended(e, err, "smoke run");
            } finally {
                stop.close();
            }
        }
    }

    /** Reads the books, runs the suite, prints and writes what it gave; the exit code. */
    private int run(Wiring w, StopOnSignal stop, Cancellation cancel, MigrationPlan plan, Path path,
                    SuiteOptions options) throws IOException, SuiteRun.NotStartable, UsageException,
            InterruptedException, ExecutionException, PlanStoreException {
        Endpoint target = w.target(plan.target(), parsed.baseUrl, parsed.keyEnv);
        SuiteRun suite = new SuiteRun(w.smoke(options.concurrency()), new Verification(w.usage()), keys);
        SuiteRun.Sides sides = suite.resolve(plan.withTarget(target), options);
        SuiteRun.Prepared prepared = suite.prepare(sides,
                parsed.pricesFile == null ? List.of() : PriceTable.read(Path.of(parsed.pricesFile)), !parsed.noVerify);
        if (stop.signalled()) {
            err.println(STOPPED + " before any check was sent; the plan file was not changed.");
            return Cli.CHECKS_FAILED;
        }
        prepared.preflight().problems().forEach(p -> err.println("warning: " + p));
        if (!withinBudget(prepared)) {
            return Cli.USAGE;
        }
        out.println("Running " + sides.checks().size() + " smoke checks of '" + plan.name() + "' against " + SafeText.scrub(target.baseUrl())
                + (options.compare() ? " and the current provider " + SafeText.scrub(plan.source().baseUrl()) : "")
                + (options.repeat() > 1 ? ", " + options.repeat() + " times each" : ""));
        SuiteRun.Outcome outcome = execute(suite, prepared, sides.checks().size(), cancel);
        if (stop.signalled() && !outcome.cancelled()) {
            // asked to stop during the reconciliation: the run is not saved either
            outcome = new SuiteRun.Outcome(outcome.run(), outcome.reconciliation(), true, outcome.problems());
        }
        outcome.problems().stream().skip(prepared.preflight().problems().size()).forEach(p -> err.println("warning: " + p));
        int code = report(plan, path, outcome);
        if (outcome.cancelled()) {
            err.println(STOPPED + ": the checks that had not finished are marked cancelled above; the plan file "
                    + "was not changed.");
        }
        return code;
    }

    /** False (and says why) when the estimate is over the quota or budget and --allow-over-budget was not given. */
    private boolean withinBudget(SuiteRun.Prepared prepared) {
        Optional<String> over = prepared.preflight().overBudget();
        if (over.isPresent()) {
            if (!parsed.allowOverBudget) {
                err.println("error: " + over.get() + " Nothing was sent. Pass --allow-over-budget to run anyway.");
                return false;
            }
            err.println("warning: " + over.get() + " Running anyway (--allow-over-budget).");
        }
        return true;
    }

    /** Prints the tables, writes the reports (and with --write the plan); the exit code. */
    private int report(MigrationPlan plan, Path path, SuiteRun.Outcome outcome) throws PlanStoreException {
        SmokeRun run = outcome.run();
        report.summary(run);
        boolean written = report.writeReports(plan, run, parsed.junitFile, parsed.jsonFile);
        if (outcome.reconciliation() != null) {
            report.reconciliation(outcome.reconciliation());
        }
        out.println(run.tally());
        if (parsed.write && !outcome.cancelled()) {
            store.save(path, outcome.applyTo(plan, clock));
            out.println("Results saved into " + path);
        }
        if (!written) {
            err.println("error: a report asked for was not written (see above); the exit code says so even when every"
                    + " check passed.");
            return Cli.USAGE;
        }
        return run.allPassed() && !outcome.cancelled() ? Cli.OK : Cli.CHECKS_FAILED;
    }

    /** Runs the suite with a line per finished check; Ctrl+C or SIGTERM cancels it ({@link StopOnSignal}). */
    private SuiteRun.Outcome execute(SuiteRun suite, SuiteRun.Prepared prepared, int checks, Cancellation cancel)
            throws InterruptedException, ExecutionException {
        SuiteRun.Listener lines = report.lines(checks);
        SuiteRun.Outcome outcome = suite.execute(prepared, lines, cancel);
        report.timeouts(lines, prepared.sides().options().concurrency());
        return outcome;
    }

    /** The fix for a suite that cannot start, in the CLI's words (the option to pass). */
    /** A run that ended by an interrupt or by its own failure: said on {@code err}, exit code "checks failed". */
    static int ended(Exception e, PrintStream err, String what) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            err.println("Interrupted.");
        } else {
            err.println("error: the " + what + " failed: " + e.getCause());
        }
        return Cli.CHECKS_FAILED;
    }

        static String hint(SuiteRun.NotStartable e, SuiteOptions options) {
        return switch (e.problem()) {
            case NO_TARGET_URL -> "the plan has no target base URL; set it in the wizard or pass --base-url URL.";
            case NO_TARGET_KEY -> e.getMessage() + " Set that variable, or name another with --key-env NAME.";
            case NO_SOURCE_URL -> "--compare needs the plan's current provider (source) base URL; set it in step 2.";
            case NO_SOURCE_KEY -> e.getMessage() + " Set that variable, or leave out --compare.";
            case NO_CHECK_SELECTED -> "no check matches --checks '" + options.checks() + "'.";
        };
    }
}
