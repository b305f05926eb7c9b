package ai.flatkey.migrate.cli;

import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.plan.PlanStoreException;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.secrets.KeyResolver;
import ai.flatkey.migrate.smoke.SuiteOptions;
import ai.flatkey.migrate.smoke.SuiteRun;
import ai.flatkey.migrate.traffic.Recording;
import ai.flatkey.migrate.traffic.RecordingReader;
import ai.flatkey.migrate.traffic.Replay;
import ai.flatkey.migrate.traffic.ReplayCalls;
import ai.flatkey.migrate.usage.PriceTable;
import ai.flatkey.migrate.usage.UsageException;
import ai.flatkey.migrate.usage.Verification;
import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.SafeText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

/**
 * {@code replay FILE --plan PLAN}: the recorded calls sent to the plan's target and compared by structure; with
 * {@code --inventory}, what the recording shows, proposed into the plan as {@code scan} proposes.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Replay recorded calls against the plan's target and compare their answers by structure.",
        description = {"Each distinct recorded call (same method, route and body) is sent once, its model mapped "
                + "through the plan, and its answer compared with the recorded one by structure, not text: status "
                + "class, finish_reason, tool calls and their arguments, JSON output, usage, [DONE], embeddings. "
                + "Costly calls and calls this build cannot replay are listed and not sent.",
                "With --inventory nothing is sent: the endpoints, models, parameters and message shapes the recording "
                        + "shows are listed with their call counts, and with --plan proposed into that plan.",
                "Exit 0 when every replayed call passes, 1 when one does not, 2 for a usage, plan, recording or "
                        + "budget error."})
final class ReplayCommand implements Callable<Integer> {
    private final PrintStream out;
    private final PrintStream err;
    private final KeyResolver keys;
    private final PlanStore store;
    private final Clock clock;
    private final Duration readTimeout;
    private final RunReport report;
    private final ReplayPrinter printer;

    @Parameters(paramLabel = "FILE", description = "the recording (flatkey-migrate record --out FILE)")
    private String recordingFile;

    @Option(names = "--plan", paramLabel = "PLAN.json", description = "the plan: its target, mapping and prices")
    private String planFile;

    @Option(names = "--inventory", description = "send nothing: list what the recording shows and propose it into --plan")
    private boolean inventory;

    @Option(names = "--sample", paramLabel = "N", description = "replay at most N distinct calls, picked deterministically")
    private Integer sample;

    @Option(names = "--concurrency", paramLabel = "N", description = "calls sent at once (1-" + SuiteOptions.MAX_CONCURRENCY
            + ", default 4)")
    private Integer concurrency;

    @Option(names = "--include-costly", description = "also replay costly calls (more than "
            + ReplayCalls.COSTLY_TOKENS + " tokens, several answers, audio output, background jobs, image"
            + " generations, speech)")
    private boolean includeCostly;

    @Option(names = "--json", paramLabel = "FILE", description = "write the results as JSON")
    private String jsonFile;

    @Option(names = "--junit", paramLabel = "FILE", description = "write the results as JUnit XML (one testcase per call)")
    private String junitFile;

    @Option(names = "--write", description = "store the replay's run (or, with --inventory, the proposals) in the plan")
    private boolean write;

    @Option(names = "--base-url", paramLabel = "URL", description = "override the plan's target base URL")
    private String baseUrl;

    @Option(names = "--key-env", paramLabel = "NAME", description = "read the target key from this environment variable")
    private String keyEnv;

    @Option(names = "--no-verify", description = "skip reading the key's quota and reconciling with the usage log")
    private boolean noVerify;

    @Option(names = "--prices", paramLabel = "FILE", description = "model prices (CSV or JSON) where the gateway publishes none")
    private String pricesFile;

    @Option(names = "--allow-over-budget", description = "replay even when the estimate exceeds the quota or the budget")
    private boolean allowOverBudget;

    @Mixin
    private NoKeyFlags noKeyFlags;

    ReplayCommand(PrintStream out, PrintStream err, KeyResolver keys, PlanStore store, Clock clock, Duration readTimeout) {
        this.out = out;
        this.err = err;
        this.keys = keys;
        this.store = store;
        this.clock = clock;
        this.readTimeout = readTimeout;
        this.report = new RunReport(out, err);
        this.printer = new ReplayPrinter(out, err);
    }

    @Override
    public Integer call() throws Cli.UsageException, PlanStoreException {
        NoKeyFlags.checkKeyEnv(keyEnv);
        if (planFile == null && (!inventory || write)) {
            throw new Cli.UsageException(inventory ? "--write needs --plan PLAN.json: it writes the proposals into that plan."
                    : "replay needs --plan PLAN.json (its target, model mapping and prices); or pass --inventory.");
        }
        Recording recording;
        try {
            recording = RecordingReader.read(Path.of(recordingFile));
        } catch (IOException e) {
            err.println("error: cannot read the recording " + recordingFile + ": " + SafeText.scrub(String.valueOf(e.getMessage())));
            return Cli.USAGE;
        }
        String name = String.valueOf(Path.of(recordingFile).getFileName());
        recording.problems().forEach(p -> err.println("warning: " + name + ": " + p));
        return inventory ? printer.inventory(recording, name, store, clock, planFile, write) : replay(recording, name);
    }

    private int replay(Recording recording, String name) throws Cli.UsageException, PlanStoreException {
        Path path = Path.of(planFile);
        PlanStore.Opened opened = store.open(path);
        MigrationPlan plan = opened.plan();
        Replay.Options options = options();
        Replay.Selected selected;
        try {
            selected = Replay.select(recording, name, options);
        } catch (Replay.NothingToReplay e) {
            err.println("error: " + e.getMessage());
            return Cli.USAGE;
        }
        printer.selection(selected, sample);
        Cancellation cancel = new Cancellation();
        try (Wiring w = new Wiring(out, keys, clock, readTimeout)) {
            StopOnSignal stop = StopOnSignal.install(cancel, w::cancelCalls);
            try {
                return run(w, stop, cancel, plan, path, selected, options);
            } catch (SuiteRun.NotStartable e) {
                throw new Cli.UsageException(RunCommand.hint(e, SuiteOptions.defaults().withChecks(Replay.CHECKS)));
            } catch (UsageException | IOException e) {
                err.println("error: " + e.getMessage());
                return Cli.USAGE;
            } catch (InterruptedException | ExecutionException e) {
                return RunCommand.ended(e, err, "replay");
            } finally {
                stop.close();
            }
        }
    }

    private Replay.Options options() throws Cli.UsageException {
        int n = sample == null ? 0 : Ranges.check("--sample", sample, 1, Integer.MAX_VALUE);
        int c = concurrency == null ? Replay.Options.defaults().concurrency()
                : Ranges.check("--concurrency", concurrency, 1, SuiteOptions.MAX_CONCURRENCY);
        return new Replay.Options(n, c, includeCostly);
    }

    private int run(Wiring w, StopOnSignal stop, Cancellation cancel, MigrationPlan plan, Path path,
                    Replay.Selected selected, Replay.Options options) throws IOException, SuiteRun.NotStartable,
            UsageException, InterruptedException, ExecutionException, PlanStoreException {
        Endpoint target = w.target(plan.target(), baseUrl, keyEnv);
        Replay replay = new Replay(new SuiteRun(w.smoke(options.concurrency()), new Verification(w.usage()), keys));
        Replay.Prepared prepared = replay.prepare(plan.withTarget(target), selected, options,
                pricesFile == null ? List.of() : PriceTable.read(Path.of(pricesFile)), !noVerify);
        prepared.suite().preflight().problems().forEach(p -> err.println("warning: " + p));
        out.println("Estimated from the recorded tokens: " + prepared.estimate().requests() + " requests, ~"
                + prepared.estimate().tokens() + " tokens" + (prepared.estimate().costUsd() == null ? " (no prices)"
                : String.format(Locale.ROOT, ", about $%.4f", prepared.estimate().costUsd())
                + (prepared.unpriced() > 0 ? " for the priced ones (" + prepared.unpriced() + " without a price)" : "")));
        if (prepared.overBudget().isPresent()) {
            if (!allowOverBudget) {
                err.println("error: " + prepared.overBudget().get() + " Nothing was sent. Pass --allow-over-budget to"
                        + " replay anyway.");
                return Cli.USAGE;
            }
            err.println("warning: " + prepared.overBudget().get() + " Replaying anyway (--allow-over-budget).");
        }
        out.println("Replaying " + prepared.suite().sides().checks().size() + " calls against "
                + SafeText.scrub(target.baseUrl()));
        SuiteRun.Listener lines = report.lines(prepared.suite().sides().checks().size());
        Replay.Outcome outcome = replay.execute(prepared, ReplayPrinter.lines(lines), cancel);
        report.timeouts(lines, options.concurrency());
        boolean cancelled = outcome.suite().cancelled() || stop.signalled();
        return report(plan, path, outcome, prepared, cancelled);
    }

    private int report(MigrationPlan plan, Path path, Replay.Outcome outcome, Replay.Prepared prepared,
                       boolean cancelled) throws PlanStoreException {
        SmokeRun run = outcome.run();
        // the recording's and the books' problems were said before the calls were sent
        outcome.suite().problems().stream().skip(outcome.selected().unread().size() + outcome.selected().warnings().size()
                + prepared.suite().preflight().problems().size()).forEach(p -> err.println("warning: " + p));
        report.summary(run);
        printer.sideBySide(run, prepared.suite().preflight().prices());
        boolean written = report.writeReports(plan, run, junitFile, jsonFile);
        if (outcome.suite().reconciliation() != null) {
            report.reconciliation(outcome.suite().reconciliation());
        }
        out.println(run.tally());
        if (write && !cancelled) {
            store.save(path, outcome.applyTo(plan, clock));
            out.println("Results saved into " + path);
        }
        if (cancelled) {
            err.println(RunCommand.STOPPED + ": the calls that had not finished are marked cancelled above; the plan"
                    + " file was not changed.");
        }
        if (!written) {
            err.println("error: a report asked for was not written (see above); the exit code says so.");
            return Cli.USAGE;
        }
        return run.allPassed() && !cancelled ? Cli.OK : Cli.CHECKS_FAILED;
    }
}
