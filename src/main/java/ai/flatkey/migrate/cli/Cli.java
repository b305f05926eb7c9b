package ai.flatkey.migrate.cli;

import ai.flatkey.migrate.demo.DemoConfig;
import ai.flatkey.migrate.demo.DemoGatewayServer;
import ai.flatkey.migrate.export.ChecklistMarkdown;
import ai.flatkey.migrate.export.Exporter;
import ai.flatkey.migrate.export.Format;
import ai.flatkey.migrate.plan.MigrationPlan;
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
import ai.flatkey.migrate.secrets.KeyResolver;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The command line. Exit codes: 0 all checks passed / command done, 1 a check did not pass, 2 usage or input error.
 * A key is read only from an environment variable (or the plan's key reference), never from a flag.
 */
public final class Cli {
    public static final int OK = 0;
    public static final int CHECKS_FAILED = 1;
    public static final int USAGE = 2;

    private final PrintStream out;
    private final PrintStream err;
    private final KeyResolver keys;
    private final PlanStore store;
    private final Clock clock;

    public Cli(PrintStream out, PrintStream err, KeyResolver keys, PlanStore store, Clock clock) {
        this.out = out;
        this.err = err;
        this.keys = keys;
        this.store = store;
        this.clock = clock;
    }

    public static String version() {
        String v = Cli.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }

    public int execute(String... args) {
        Deque<String> a = new ArrayDeque<>(List.of(args));
        if (a.isEmpty()) {
            usage(err);
            return USAGE;
        }
        String command = a.pop();
        try {
            return switch (command) {
                case "--version", "-V", "version" -> {
                    out.println("flatkey-migrate " + version());
                    yield OK;
                }
                case "--help", "-h", "help" -> {
                    usage(out);
                    yield OK;
                }
                case "run" -> run(a);
                case "export" -> export(a);
                case "demo-gateway" -> demoGateway(a);
                case "scan" -> scan(a);
                default -> throw new UsageException("Unknown command '" + command + "'.");
            };
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println("Run 'flatkey-migrate --help' for usage.");
            return USAGE;
        } catch (PlanStoreException e) {
            err.println("error: " + e.getMessage());
            return USAGE;
        }
    }

    private int run(Deque<String> a) throws UsageException, PlanStoreException {
        return new RunCommand(out, err, keys, store, clock).execute(a);
    }

    private int export(Deque<String> a) throws UsageException, PlanStoreException {
        String planFile = null;
        String formatName = "md";
        String outPath = null;
        while (!a.isEmpty()) {
            String arg = a.pop();
            switch (arg) {
                case "--format", "-f" -> formatName = value(a, arg);
                case "--out", "-o" -> outPath = a.isEmpty() ? null : a.peek().equals("-") ? a.pop() : value(a, arg);
                default -> {
                    if (arg.startsWith("-")) {
                        throw new UsageException("Unknown option '" + arg + "' for export.");
                    }
                    if (planFile != null) {
                        throw new UsageException("export takes one plan file; got '" + planFile + "' and '" + arg + "'.");
                    }
                    planFile = arg;
                }
            }
        }
        if (planFile == null) {
            throw new UsageException("export needs a plan file: flatkey-migrate export PLAN.json --format "
                    + Format.names() + "|all --out DIR");
        }
        Set<Format> formats;
        if (formatName.strip().equalsIgnoreCase("all")) {
            formats = Format.ALL;
        } else {
            formats = EnumSet.noneOf(Format.class);
            for (String name : formatName.split(",")) {
                Format f = Format.byName(name).orElse(null);
                if (f == null) {
                    throw new UsageException("unknown export format '" + name.strip() + "'; use one of "
                            + Format.names() + " or all (several may be joined with commas).");
                }
                formats.add(f);
            }
        }
        MigrationPlan plan = store.load(Path.of(planFile));
        Exporter exporter = new Exporter(clock, "Flatkey Migration Assistant " + version());
        if (outPath == null || outPath.equals("-")) {
            if (!formats.equals(EnumSet.of(Format.MARKDOWN))) {
                throw new UsageException("only --format md can be written to standard output; give --out DIR for "
                        + formatName + ".");
            }
            out.print(ChecklistMarkdown.render(plan));
            return OK;
        }
        Path dir = Path.of(outPath);
        if (Files.isRegularFile(dir)) {
            if (formats.equals(EnumSet.of(Format.MARKDOWN)) && outPath.endsWith(".md")) {
                return writeSingle(dir, ChecklistMarkdown.render(plan));
            }
            throw new UsageException("--out " + outPath + " is a file; exports go into a folder (it is created if missing).");
        }
        if (formats.equals(EnumSet.of(Format.MARKDOWN)) && outPath.endsWith(".md")) {
            return writeSingle(dir, ChecklistMarkdown.render(plan));
        }
        try {
            List<Path> written = exporter.export(plan, formats, dir, stem(Path.of(planFile)));
            for (Path p : written) {
                out.println("Wrote " + p + " (" + Files.size(p) + " bytes)");
            }
            out.println("Exported " + written.size() + (written.size() == 1 ? " file" : " files") + " into "
                    + dir.toAbsolutePath().normalize() + ". No key values are included.");
            return OK;
        } catch (IOException e) {
            err.println("error: could not export into " + dir + ": " + describe(e) + ". Nothing was half-written: each file"
                    + " is written whole or not at all.");
            return USAGE;
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
            return USAGE;
        }
        out.println("Wrote " + file);
        return OK;
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied (" + e.getMessage() + ")";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException f && f.getReason() != null) {
            return f.getFile() + ": " + f.getReason();
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getFile() + ": " + f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private int scan(Deque<String> a) throws UsageException, PlanStoreException {
        String dir = null;
        String planFile = null;
        String jsonFile = null;
        boolean write = false;
        while (!a.isEmpty()) {
            String arg = a.pop();
            switch (arg) {
                case "--plan" -> planFile = value(a, arg);
                case "--json" -> jsonFile = a.isEmpty() ? value(a, arg) : a.pop();
                case "--write" -> write = true;
                default -> {
                    if (arg.startsWith("-")) {
                        throw new UsageException("Unknown option '" + arg + "' for scan.");
                    }
                    if (dir != null) {
                        throw new UsageException("scan takes one folder; got '" + dir + "' and '" + arg + "'.");
                    }
                    dir = arg;
                }
            }
        }
        if (dir == null) {
            throw new UsageException("scan needs a folder: flatkey-migrate scan DIR [--plan PLAN.json] [--json FILE]");
        }
        if (write && planFile == null) {
            throw new UsageException("--write needs --plan PLAN.json: it writes the scan's values into that plan.");
        }
        Path planPath = planFile == null ? null : Path.of(planFile);
        MigrationPlan plan = planPath == null ? null
                : Files.exists(planPath) ? store.load(planPath) : MigrationPlan.newPlan(Path.of(dir).toAbsolutePath().normalize().getFileName() + " migration");
        java.util.Set<String> mapped = plan == null ? java.util.Set.of()
                : plan.mappings().stream().map(m -> m.sourceModel()).collect(java.util.stream.Collectors.toSet());
        ScanResult result;
        try {
            result = new Scanner(named("scan")).scan(Path.of(dir), ScanOptions.defaults().withMappedModels(mapped), ScanListener.NONE, () -> false);
        } catch (IOException e) {
            err.println("error: cannot scan " + dir + ": " + e.getMessage());
            return USAGE;
        } catch (ScanCancelledException e) {
            err.println("error: " + e.getMessage());
            return USAGE;
        }
        List<Proposal> proposals = Prefill.propose(result);
        if (jsonFile != null) {
            String json = new ScanJson().render(result, proposals);
            if (jsonFile.equals("-")) {
                out.print(json);
            } else {
                try {
                    Path target = Path.of(jsonFile);
                    Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), ".scan-", ".json.tmp");
                    Files.writeString(tmp, json, StandardCharsets.UTF_8);
                    Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    err.println("error: could not write " + jsonFile + ": " + e.getMessage());
                    return USAGE;
                }
            }
        }
        PrintStream report = jsonFile != null && jsonFile.equals("-") ? err : out;
        report.print(ScanSummary.render(result));
        if (jsonFile != null && !jsonFile.equals("-")) {
            report.println("Wrote " + result.findings().size() + " findings to " + jsonFile);
        }
        if (plan != null) {
            java.util.Set<String> accepted = Prefill.defaultAccepted(proposals);
            report.println((write ? "Changes to " : "Would change ") + planFile + " (+ fills, = already set, ~ kept, ? needs review):");
            report.print(ScanSummary.diff(plan, proposals, accepted));
            if (write) {
                store.save(planPath, Prefill.merge(plan, proposals, accepted).withUpdatedAt(clock.instant().toString()));
                report.println("Saved " + planFile);
            } else {
                report.println("Nothing written: add --write to apply these values.");
            }
        }
        return OK;
    }

    private int demoGateway(Deque<String> a) throws UsageException {
        int port = 8787;
        int tps = DemoConfig.defaults().tokensPerSecond();
        while (!a.isEmpty()) {
            String arg = a.pop();
            switch (arg) {
                case "--port" -> port = number(value(a, arg), arg, 0, 65535);
                case "--tps" -> tps = number(value(a, arg), arg, 0, 100_000);
                default -> throw new UsageException("Unknown option '" + arg + "' for demo-gateway.");
            }
        }
        return DemoGatewayServer.runForeground(port, tps, out);
    }

    static String value(Deque<String> a, String option) throws UsageException {
        if (a.isEmpty() || a.peek().startsWith("--")) {
            throw new UsageException(option + " needs a value.");
        }
        return a.pop();
    }

    static int number(String v, String option, int min, int max) throws UsageException {
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new UsageException(option + " must be between " + min + " and " + max + "; got " + v + ".");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be a whole number; got '" + v + "'.");
        }
    }

    static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    static void usage(PrintStream s) {
        s.println("""
                Flatkey Migration Assistant %s

                Usage:
                  flatkey-migrate                      open the wizard
                  flatkey-migrate run PLAN.json [--target-only|--compare] [--repeat N] [--checks GLOB]
                                  [--base-url URL] [--key-env VAR] [--write] [--junit FILE] [--json FILE]
                      run the plan's smoke checks headless; a line per check, then a summary table;
                      exit 0 when every check passes, 1 when one does not, 2 for a usage or configuration error.
                      --compare       also run the checks against the plan's current provider and compare shapes
                      --target-only   only the target (the default)
                      --repeat N      run each check N times; shows p50/p95 latency and TTFT
                      --checks GLOB   only checks whose ID matches (comma-separated; * and ?), e.g. 'streaming:*'
                      --concurrency N checks run at once per endpoint (default 16)
                      --base-url      override the plan's target base URL (include the /v1 prefix)
                      --key-env       read the target key from this environment variable (keys are never flags)
                      --junit FILE    write the results as JUnit XML (one testcase per check) for CI
                      --json FILE     write the results (verdicts, rules, timings, transcripts) as JSON
                      --write         store the results (and the reconciliation) in the plan file (atomically)
                      --no-verify     skip reconciling the requests with the gateway's usage log and quota
                      --prices FILE   model prices (CSV model,input_per_1m,output_per_1m or JSON) where the
                                      gateway publishes none
                      --allow-over-budget  run even when the estimated cost exceeds the key's quota or the budget
                      A plan whose target is the embedded demo gateway starts one on 127.0.0.1 for the run.
                  flatkey-migrate export PLAN.json [--format md|html|pdf|json|junit|env|snippets|all] [--out DIR|-]
                      render the plan: Markdown checklist, HTML and PDF reports, JSON (schema: plan-export.schema.json),
                      JUnit XML of the latest run, .env files (new and rollback) and client snippets; several formats
                      may be joined with commas. Files are named after PLAN.json and written atomically into DIR.
                      Without --out (or with --out -), Markdown goes to standard output. Never includes a key.
                  flatkey-migrate scan DIR [--plan PLAN.json [--write]] [--json FILE]
                      scan a source folder for OpenAI-compatible calls: SDKs, endpoints, models, base URLs,
                      parameters, key references and risks, with file:line evidence (key values are masked).
                      --json   write every finding and proposal to FILE ('-' for standard output)
                      --plan   show what the scan would fill in that plan (only empty fields, missing rows)
                      --write  with --plan: apply those values and save the plan atomically (created if missing)
                  flatkey-migrate demo-gateway [--port 8787] [--tps 40]
                      serve the OpenAI-compatible demo gateway on 127.0.0.1 until stopped (Ctrl+C)
                  flatkey-migrate --version | --help

                Exit codes: 0 success, 1 a check did not pass, 2 usage or input error.""".formatted(version()));
    }

    /** A command line that cannot be carried out; the message says what to change. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
