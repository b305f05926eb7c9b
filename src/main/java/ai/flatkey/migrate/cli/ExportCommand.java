package ai.flatkey.migrate.cli;

import ai.flatkey.migrate.export.ChecklistMarkdown;
import ai.flatkey.migrate.export.Exporter;
import ai.flatkey.migrate.export.Format;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.plan.PlanStoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code export PLAN.json}: the plan rendered as checklists, reports, JUnit XML, .env files and snippets. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Render the plan as checklists, reports, JUnit XML, .env files and snippets.",
        description = {"Markdown checklist, HTML and PDF reports, JSON (schema: plan-export.schema.json), JUnit XML of "
                + "the latest run, .env files (new and rollback) and client snippets.",
                "Files are named after PLAN.json and written atomically into DIR. Never includes a key."})
final class ExportCommand implements Callable<Integer> {
    private final PrintStream out;
    private final PrintStream err;
    private final PlanStore store;
    private final Clock clock;

    @Parameters(paramLabel = "PLAN.json", description = "the plan file")
    private String planFile;

    @Option(names = {"--format", "-f"}, paramLabel = "FORMAT",
            description = "md, html, pdf, json, junit, env, snippets or all; several may be joined with commas (default: md)")
    private String formatName = "md";

    @Option(names = {"--out", "-o"}, paramLabel = "DIR|-",
            description = "folder to write into (created if missing); without it, or with -, Markdown goes to standard output")
    private String outPath;

    ExportCommand(PrintStream out, PrintStream err, PlanStore store, Clock clock) {
        this.out = out;
        this.err = err;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Integer call() throws Cli.UsageException, PlanStoreException {
        Set<Format> formats = formats(formatName);
        MigrationPlan plan = store.load(Path.of(planFile));
        boolean markdownOnly = formats.equals(EnumSet.of(Format.MARKDOWN));
        if (outPath == null || outPath.equals("-")) {
            if (!markdownOnly) {
                throw new Cli.UsageException("only --format md can be written to standard output; give --out DIR for "
                        + formatName + ".");
            }
            out.print(ChecklistMarkdown.render(plan));
            return Cli.OK;
        }
        Path dir = Path.of(outPath);
        if (markdownOnly && outPath.endsWith(".md")) {
            return writeSingle(dir, ChecklistMarkdown.render(plan));
        }
        if (Files.isRegularFile(dir)) {
            throw new Cli.UsageException("--out " + outPath + " is a file; exports go into a folder (it is created if missing).");
        }
        return exportInto(plan, formats, dir);
    }

    private static Set<Format> formats(String names) throws Cli.UsageException {
        if (names.strip().equalsIgnoreCase("all")) {
            return Format.ALL;
        }
        Set<Format> formats = EnumSet.noneOf(Format.class);
        for (String name : names.split(",")) {
            Format f = Format.byName(name).orElse(null);
            if (f == null) {
                throw new Cli.UsageException("unknown export format '" + name.strip() + "'; use one of "
                        + Format.names() + " or all (several may be joined with commas).");
            }
            formats.add(f);
        }
        return formats;
    }

    private int exportInto(MigrationPlan plan, Set<Format> formats, Path dir) {
        Exporter exporter = new Exporter(clock, "Flatkey Migration Assistant " + Cli.version());
        try {
            List<Path> written = exporter.export(plan, formats, dir, stem(Path.of(planFile)));
            for (Path p : written) {
                out.println("Wrote " + p + " (" + Files.size(p) + " bytes)");
            }
            out.println("Exported " + written.size() + (written.size() == 1 ? " file" : " files") + " into "
                    + dir.toAbsolutePath().normalize() + ". No key values are included.");
            return Cli.OK;
        } catch (IOException e) {
            err.println("error: could not export into " + dir + ": " + describe(e) + ". Nothing was half-written: each file"
                    + " is written whole or not at all.");
            return Cli.USAGE;
        }
    }

    /** Files exported from the CLI are named after the plan file ("billing.json" gives "billing-checklist.md"). */
    private static String stem(Path planFile) {
        String n = planFile.getFileName() == null ? "" : planFile.getFileName().toString();
        return Exporter.stem(n.toLowerCase(Locale.ROOT).endsWith(".json") ? n.substring(0, n.length() - 5) : n);
    }

    private int writeSingle(Path file, String markdown) {
        try {
            Exporter.writeAtomically(file, markdown.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            err.println("error: could not write " + file + ": " + describe(e) + ".");
            return Cli.USAGE;
        }
        out.println("Wrote " + file);
        return Cli.OK;
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied (" + e.getMessage() + ")";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getFile() + ": " + f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
