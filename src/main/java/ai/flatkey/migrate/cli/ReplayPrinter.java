package ai.flatkey.migrate.cli;

import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.plan.PlanStoreException;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.scan.ScanSummary;
import ai.flatkey.migrate.smoke.SuiteRun;
import ai.flatkey.migrate.traffic.Recording;
import ai.flatkey.migrate.traffic.Replay;
import ai.flatkey.migrate.traffic.ReplayCalls;
import ai.flatkey.migrate.traffic.ReplayVerdicts;
import ai.flatkey.migrate.traffic.TrafficInventory;
import ai.flatkey.migrate.usage.PriceTable;
import ai.flatkey.migrate.wire.SafeText;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;

/** What {@code replay} prints besides the run's own lines: the inventory, the selection, recorded → target. */
final class ReplayPrinter {
    private final PrintStream out;
    private final PrintStream err;

    ReplayPrinter(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** The recording's inventory, and with a plan what it fills in (written with {@code write}). */
    int inventory(Recording recording, String name, PlanStore store, Clock clock, String planFile, boolean write)
            throws PlanStoreException {
        TrafficInventory.Outcome inv = TrafficInventory.of(recording, name);
        out.println(name + ": " + inv.calls() + " recorded calls");
        for (TrafficInventory.Observation o : inv.observations()) {
            out.println(String.format(Locale.ROOT, "  %-48s %5d call%s", SafeText.line(SafeText.scrub(o.what())), o.calls(), o.calls() == 1 ? "" : "s"));
        }
        if (planFile == null) {
            out.println("Add --plan PLAN.json to see what this fills in a plan.");
            return Cli.OK;
        }
        Path path = Path.of(planFile);
        MigrationPlan plan = Files.exists(path) ? store.load(path) : MigrationPlan.newPlan(name + " migration");
        out.println((write ? "Changes to " : "Would change ") + planFile + " (+ fills, = already set, ~ kept, ? needs review):");
        out.print(ScanSummary.diff(plan, inv.proposals(), inv.defaultAccepted()));
        if (write) {
            store.save(path, inv.applyTo(plan, inv.defaultAccepted()).plan().withUpdatedAt(clock.instant().toString()));
            out.println("Saved " + planFile);
        } else {
            out.println("Nothing written: add --write to apply these values.");
        }
        return Cli.OK;
    }

    /** What will be sent, and each call that will not be, with why. */
    void selection(Replay.Selected selected, Integer sample) {
        ReplayCalls.Selection s = selected.selection();
        selected.warnings().forEach(w -> err.println("warning: " + w));
        out.println(SafeText.line(selected.name()) + ": " + s.recorded() + " recorded calls, " + s.distinct() + " distinct; replaying "
                + s.send().size() + ".");
        for (ReplayCalls.Skipped x : s.skipped()) {
            if (x.skip() != ReplayCalls.Skip.NOT_SAMPLED) {
                out.println("  not replayed: #" + x.call().call().seq() + " " + SafeText.line(SafeText.scrub(x.why())));
            }
        }
        long notSampled = s.skipped().stream().filter(x -> x.skip() == ReplayCalls.Skip.NOT_SAMPLED).count();
        if (notSampled > 0) {
            out.println("  " + notSampled + " more distinct calls left out by --sample " + sample);
        }
        if (s.skipped().stream().anyMatch(x -> x.skip() == ReplayCalls.Skip.COSTLY)) {
            out.println("  Pass --include-costly to replay the costly ones.");
        }
    }

    /** TTFT, time, tokens and cost of each call: recorded → target. */
    void sideBySide(SmokeRun run, PriceTable prices) {
        out.println("Recorded → target:");
        out.println(String.format(Locale.ROOT, "  %-28s %-17s %-19s %-13s %s", "CALL", "TTFT ms", "TOTAL ms", "TOKENS",
                "COST"));
        for (int i = 0; i < run.results().size() && i < run.sourceResults().size(); i++) {
            CheckResult t = run.results().get(i);
            CheckResult r = run.sourceResults().get(i);
            out.println(String.format(Locale.ROOT, "  %-28s %-17s %-19s %-13s %s", t.checkId(),
                    n(r.ttftMs()) + " → " + n(t.ttftMs()), n(r.totalMs()) + " → " + n(t.totalMs()),
                    n(r.totalTokens()) + " → " + n(t.totalTokens()),
                    ReplayVerdicts.cost(r, prices) + " → " + ReplayVerdicts.cost(t, prices)));
        }
        out.println();
    }

    private static String n(Number v) {
        return v == null ? "-" : String.valueOf(v);
    }

    /** The run's line printer as a replay listener. */
    static Replay.Listener lines(SuiteRun.Listener to) {
        return new Lines(to);
    }

    /** Every event passed on to the run's printer, as {@code run} gets them. */
    private static final class Lines extends SuiteRun.Forwarding implements Replay.Listener {
        Lines(SuiteRun.Listener to) {
            super(to);
        }
    }
}
