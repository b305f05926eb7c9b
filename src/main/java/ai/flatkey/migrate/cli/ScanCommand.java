package ai.flatkey.migrate.cli;

import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.plan.PlanStoreException;
import ai.flatkey.migrate.scan.PlanScan;
import ai.flatkey.migrate.scan.Proposal;
import ai.flatkey.migrate.scan.ScanCancelledException;
import ai.flatkey.migrate.scan.ScanJson;
import ai.flatkey.migrate.scan.ScanListener;
import ai.flatkey.migrate.scan.ScanResult;
import ai.flatkey.migrate.scan.ScanSummary;
import ai.flatkey.migrate.scan.Scanner;
import ai.flatkey.migrate.wire.Cancellation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code scan DIR}: finds a project's OpenAI-compatible calls and shows (or writes) what they fill in a plan. */
@Command(name = "scan", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Scan a source folder for OpenAI-compatible calls and fill a plan's inventory from them.",
        description = "Finds SDKs, endpoints, models, base URLs, parameters, key references and risks, with file:line "
                + "evidence (key values are masked).")
final class ScanCommand implements Callable<Integer> {
    private final PrintStream out;
    private final PrintStream err;
    private final PlanStore store;
    private final Clock clock;

    @Parameters(paramLabel = "DIR", description = "the source folder")
    private String dir;

    @Option(names = "--plan", paramLabel = "PLAN.json",
            description = "show what the scan would fill in that plan (only empty fields, missing rows)")
    private String planFile;

    @Option(names = "--json", paramLabel = "FILE", description = "write every finding and proposal to FILE ('-' for standard output)")
    private String jsonFile;

    @Option(names = "--write", description = "with --plan: apply those values and save the plan atomically (created if missing)")
    private boolean write;

    ScanCommand(PrintStream out, PrintStream err, PlanStore store, Clock clock) {
        this.out = out;
        this.err = err;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Integer call() throws Cli.UsageException, PlanStoreException {
        if (write && planFile == null) {
            throw new Cli.UsageException("--write needs --plan PLAN.json: it writes the scan's values into that plan.");
        }
        Path planPath = planFile == null ? null : Path.of(planFile);
        MigrationPlan plan = planPath == null ? null
                : Files.exists(planPath) ? store.load(planPath) : MigrationPlan.newPlan(Path.of(dir).toAbsolutePath().normalize().getFileName() + " migration");
        PlanScan.Outcome scan;
        try {
            scan = new PlanScan(new Scanner(Cli.named("scan"))).run(Optional.ofNullable(plan), Path.of(dir), ScanListener.NONE, new Cancellation());
        } catch (IOException e) {
            err.println("error: cannot scan " + dir + ": " + e.getMessage());
            return Cli.USAGE;
        } catch (ScanCancelledException e) {
            err.println("error: " + e.getMessage());
            return Cli.USAGE;
        }
        ScanResult result = scan.result();
        List<Proposal> proposals = scan.proposals();
        if (jsonFile != null && !writeJson(new ScanJson().render(result, proposals))) {
            return Cli.USAGE;
        }
        PrintStream report = "-".equals(jsonFile) ? err : out;
        report.print(ScanSummary.render(result));
        if (jsonFile != null && !jsonFile.equals("-")) {
            report.println("Wrote " + result.findings().size() + " findings to " + jsonFile);
        }
        if (plan != null) {
            applyToPlan(report, plan, planPath, scan);
        }
        return Cli.OK;
    }

    /** The findings as JSON on standard output or into {@code --json FILE} (atomically); false when it cannot be written. */
    private boolean writeJson(String json) {
        if (jsonFile.equals("-")) {
            out.print(json);
            return true;
        }
        try {
            Path target = Path.of(jsonFile);
            Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), ".scan-", ".json.tmp");
            Files.writeString(tmp, json, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            err.println("error: could not write " + jsonFile + ": " + e.getMessage());
            return false;
        }
    }

    /** What the scan fills in the plan: shown as a diff, and saved with {@code --write}. */
    private void applyToPlan(PrintStream report, MigrationPlan plan, Path planPath, PlanScan.Outcome scan) throws PlanStoreException {
        report.println((write ? "Changes to " : "Would change ") + planFile + " (+ fills, = already set, ~ kept, ? needs review):");
        report.print(ScanSummary.diff(plan, scan.proposals(), scan.defaultAccepted()));
        if (write) {
            store.save(planPath, scan.applyDefaultsTo(plan).plan().withUpdatedAt(clock.instant().toString()));
            report.println("Saved " + planFile);
        } else {
            report.println("Nothing written: add --write to apply these values.");
        }
    }
}
