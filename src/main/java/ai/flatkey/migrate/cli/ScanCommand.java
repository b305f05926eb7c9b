package ai.flatkey.migrate.cli;

import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.plan.PlanStoreException;
import ai.flatkey.migrate.scan.Prefill;
import ai.flatkey.migrate.scan.Proposal;
import ai.flatkey.migrate.scan.ScanCancelledException;
import ai.flatkey.migrate.scan.ScanJson;
import ai.flatkey.migrate.scan.ScanListener;
import ai.flatkey.migrate.scan.ScanOptions;
import ai.flatkey.migrate.scan.ScanResult;
import ai.flatkey.migrate.scan.ScanSummary;
import ai.flatkey.migrate.scan.Scanner;
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
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

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
        Set<String> mapped = plan == null ? Set.of()
                : plan.mappings().stream().map(ModelMapping::sourceModel).collect(Collectors.toSet());
        ScanResult result;
        try {
            result = new Scanner(Cli.named("scan")).scan(Path.of(dir), ScanOptions.defaults().withMappedModels(mapped), ScanListener.NONE, () -> false);
        } catch (IOException e) {
            err.println("error: cannot scan " + dir + ": " + e.getMessage());
            return Cli.USAGE;
        } catch (ScanCancelledException e) {
            err.println("error: " + e.getMessage());
            return Cli.USAGE;
        }
        List<Proposal> proposals = Prefill.propose(result);
        if (jsonFile != null && !writeJson(new ScanJson().render(result, proposals))) {
            return Cli.USAGE;
        }
        PrintStream report = "-".equals(jsonFile) ? err : out;
        report.print(ScanSummary.render(result));
        if (jsonFile != null && !jsonFile.equals("-")) {
            report.println("Wrote " + result.findings().size() + " findings to " + jsonFile);
        }
        if (plan != null) {
            applyToPlan(report, plan, planPath, proposals);
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
    private void applyToPlan(PrintStream report, MigrationPlan plan, Path planPath, List<Proposal> proposals) throws PlanStoreException {
        Set<String> accepted = Prefill.defaultAccepted(proposals);
        report.println((write ? "Changes to " : "Would change ") + planFile + " (+ fills, = already set, ~ kept, ? needs review):");
        report.print(ScanSummary.diff(plan, proposals, accepted));
        if (write) {
            store.save(planPath, Prefill.merge(plan, proposals, accepted).withUpdatedAt(clock.instant().toString()));
            report.println("Saved " + planFile);
        } else {
            report.println("Nothing written: add --write to apply these values.");
        }
    }
}
