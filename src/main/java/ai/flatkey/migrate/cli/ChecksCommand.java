package ai.flatkey.migrate.cli;

import ai.flatkey.migrate.plan.Assertion;
import ai.flatkey.migrate.plan.CheckFile;
import ai.flatkey.migrate.plan.CheckImport;
import ai.flatkey.migrate.plan.CurlImport;
import ai.flatkey.migrate.plan.ForeignChecks;
import ai.flatkey.migrate.plan.PromptfooImport;
import com.google.gson.JsonElement;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.plan.PlanStoreException;
import ai.flatkey.migrate.plan.RequestCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code checks validate FILE…} and {@code checks import FILE --plan PLAN [--reference] [--write]}: request check files
 * (docs/request-checks.md) checked by line before any run, and brought into a plan; {@code import} also reads pasted
 * curl commands and promptfoo configs ({@link CurlImport}, {@link PromptfooImport}).
 */
@Command(name = "checks", mixinStandardHelpOptions = true,
        header = "Validate request check files and bring them into a plan.",
        description = "Request checks are the app's own requests with assertions, kept in YAML or JSON files in the app's"
                + " repository (docs/request-checks.md).",
        commandListHeading = "%nCommands:%n")
final class ChecksCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Cli.USAGE;
    }

    /** One line per check: its name, endpoint, model and assertions. */
    static String line(RequestCheck c) {
        return String.format(java.util.Locale.ROOT, "  %-28s %-10s %-22s %s", "request:" + c.name(), c.api().key(),
                c.model().isEmpty() ? "(every mapped model)" : c.model(),
                c.assertions().stream().map(Assertion::describe).collect(Collectors.joining("; ")))
                .stripTrailing();
    }

    /** {@code checks validate FILE…}: every problem with its file and line; exit 2 when there is one. */
    @Command(name = "validate", mixinStandardHelpOptions = true,
            header = "Check request check files for mistakes, by line, without sending anything.",
            description = "Exit 0 when every file reads, 2 when one has a problem (each printed as FILE:LINE: what).")
    static final class Validate implements Callable<Integer> {
        private final PrintStream out;
        private final PrintStream err;

        @Parameters(paramLabel = "FILE", arity = "1..*", description = "check files (.yaml, .yml or .json)")
        private List<Path> files;

        Validate(PrintStream out, PrintStream err) {
            this.out = out;
            this.err = err;
        }

        @Override
        public Integer call() {
            int problems = 0;
            for (Path f : files) {
                CheckFile.Loaded loaded = CheckFile.read(f);
                loaded.problems().forEach(p -> err.println("error: " + p));
                problems += loaded.problems().size();
                if (loaded.ok()) {
                    out.println(f + ": " + loaded.checks().size() + " request check" + (loaded.checks().size() == 1 ? "" : "s")
                            + ", " + loaded.checks().stream().mapToInt(c -> c.assertions().size()).sum() + " assertions");
                    loaded.checks().forEach(c -> out.println(line(c)));
                }
            }
            return problems == 0 ? Cli.OK : Cli.USAGE;
        }
    }

    /** {@code checks import FILE --plan PLAN [--reference] [--write]}. */
    @Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
            header = "Bring the request checks of a check file, curl commands or a promptfoo config into a plan.",
            description = {"Copies the file's checks into the plan (a check of the same name is replaced), or with"
                    + " --reference adds the file to the plan's checkFiles (a path relative to the plan), so the checks stay"
                    + " in the app's repository and every run reads the current file.",
                    "A file of pasted curl commands or a promptfoo config (promptfooconfig.yaml) is recognised and"
                            + " converted: its report names every credential dropped and everything not importable.",
                    "Without --write it shows what it would do; nothing is saved."})
    static final class Import implements Callable<Integer> {
        private final PrintStream out;
        private final PrintStream err;
        private final PlanStore store;
        private final Clock clock;

        @Parameters(paramLabel = "FILE", description = "a check file (.yaml, .yml or .json), curl commands or a promptfoo config")
        private Path file;

        @Option(names = "--plan", paramLabel = "PLAN.json", required = true, description = "the plan to bring them into")
        private Path planFile;

        @Option(names = "--reference", description = "reference the file from the plan instead of copying its checks")
        private boolean reference;

        @Option(names = "--write", description = "save the plan atomically (without it, only show what would change)")
        private boolean write;

        /** The file read by the importer of its format (curl, promptfoo), or null when it is a check file. */
        private ForeignChecks foreign() {
            String text;
            try {
                if (!Files.isRegularFile(file) || Files.size(file) > CheckFile.MAX_BYTES) {
                    return null;
                }
                text = Files.readString(file);
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                return null;
            }
            Path dir = file.toAbsolutePath().normalize().getParent();
            String name = file.getFileName() + "";
            if (CurlImport.looksLikeCurl(text)) {
                return CurlImport.read(text, name, dir);
            }
            try {
                JsonElement root = CheckFile.document(text, name);
                return PromptfooImport.looksLikePromptfoo(root) ? PromptfooImport.read(root, name, dir) : null;
            } catch (IllegalArgumentException notYaml) {
                return null;
            }
        }

        Import(PrintStream out, PrintStream err, PlanStore store, Clock clock) {
            this.out = out;
            this.err = err;
            this.store = store;
            this.clock = clock;
        }

        @Override
        public Integer call() throws PlanStoreException {
            ForeignChecks foreign = foreign();
            CheckFile.Loaded loaded;
            if (foreign != null) {
                out.println(file + " reads as " + (foreign.format().equals("curl") ? "curl commands" : "a promptfoo config")
                        + ": " + foreign.checks().size() + " request check" + (foreign.checks().size() == 1 ? "" : "s")
                        + ", " + foreign.notImported().size() + " not importable.");
                foreign.notes().forEach(n -> out.println("  note: " + n));
                foreign.notImported().forEach(n -> out.println("  not imported: " + n));
                if (reference) {
                    err.println("error: --reference keeps a check file in the app's repository; " + file + " is "
                            + (foreign.format().equals("curl") ? "curl commands" : "a promptfoo config")
                            + ": import it without --reference (or write its checks to a check file first).");
                    return Cli.USAGE;
                }
                if (foreign.checks().isEmpty()) {
                    err.println("error: " + file + " gave no request check; nothing was changed.");
                    return Cli.USAGE;
                }
                loaded = new CheckFile.Loaded(file.getFileName() + "", foreign.checks(), List.of());
            } else {
                loaded = CheckFile.read(file);
            }
            if (!loaded.ok()) {
                loaded.problems().forEach(p -> err.println("error: " + p));
                err.println("error: " + file + " was not imported: fix the problems above. Nothing was changed.");
                return Cli.USAGE;
            }
            MigrationPlan plan = Files.exists(planFile) ? store.load(planFile)
                    : MigrationPlan.newPlan(planFile.getFileName() + "");
            CheckImport result = reference ? CheckImport.reference(plan, planFile, file, loaded.checks())
                    : CheckImport.copy(plan, planFile, loaded.checks());
            result.refused().forEach(r -> err.println("error: " + r));
            if (!result.refused().isEmpty() && (reference || result.added().isEmpty() && result.replaced().isEmpty())) {
                err.println("error: nothing was imported.");
                return Cli.USAGE;
            }
            out.println((write ? "" : "Would ") + (reference ? (write ? "Referenced " : "reference ") + file + " from "
                    + planFile + " (" + result.plan().checkFiles().get(result.plan().checkFiles().size() - 1) + "):"
                    : (write ? "Imported into " : "import into ") + planFile + ":"));
            for (RequestCheck c : loaded.checks()) {
                String how = result.replaced().contains(c.name()) ? "~ replace" : result.added().contains(c.name())
                        ? "+ add    " : "  skip   ";
                out.println(how + line(c));
            }
            if (!write) {
                out.println("Nothing written: add --write to save the plan.");
                return result.refused().isEmpty() ? Cli.OK : Cli.USAGE;
            }
            store.save(planFile, result.plan().withUpdatedAt(clock.instant().toString()));
            out.println("Saved " + planFile + ".");
            return result.refused().isEmpty() ? Cli.OK : Cli.USAGE;
        }
    }
}
