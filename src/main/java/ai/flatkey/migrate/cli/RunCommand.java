package ai.flatkey.migrate.cli;

import ai.flatkey.migrate.demo.DemoConfig;
import ai.flatkey.migrate.demo.DemoGateway;
import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.Comparison;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.plan.PlanStoreException;
import ai.flatkey.migrate.plan.Reconciliation;
import ai.flatkey.migrate.plan.RepeatStats;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.Verdict;
import ai.flatkey.migrate.secrets.KeyResolver;
import ai.flatkey.migrate.smoke.Check;
import ai.flatkey.migrate.smoke.SmokeRunner;
import ai.flatkey.migrate.smoke.SmokeService;
import ai.flatkey.migrate.smoke.SuiteOptions;
import ai.flatkey.migrate.smoke.SuiteRun;
import ai.flatkey.migrate.usage.PriceTable;
import ai.flatkey.migrate.usage.UsageException;
import ai.flatkey.migrate.usage.UsageService;
import ai.flatkey.migrate.usage.Verification;
import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.OpenAiClient;
import okhttp3.OkHttpClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

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
    private final PrintStream out;
    private final PrintStream err;
    private final KeyResolver keys;
    private final PlanStore store;
    private final Clock clock;

    @Mixin
    private RunOptions parsed;

    RunCommand(PrintStream out, PrintStream err, KeyResolver keys, PlanStore store, Clock clock) {
        this.out = out;
        this.err = err;
        this.keys = keys;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Integer call() throws Cli.UsageException, PlanStoreException {
        RunOptions o = parsed;
        return run(o.planFile, o.baseUrl, o.keyEnv, o.write, !o.noVerify, o.allowOverBudget, o.pricesFile, o.junitFile,
                o.jsonFile, o.suiteOptions());
    }

    /** The run itself, as it was before the options moved to picocli (it moves into a core use case next). */
    int run(String planFile, String baseUrl, String keyEnv, boolean write, boolean verify, boolean allowOverBudget,
            String pricesFile, String junitFile, String jsonFile, SuiteOptions options) throws Cli.UsageException, PlanStoreException {
        Path path = Path.of(planFile);
        MigrationPlan plan = store.load(path);
        Endpoint target = plan.target();
        if (keyEnv != null) {
            target = target.withKeyRef("env:" + keyEnv);
        }
        DemoGateway embedded = null;
        ExecutorService pool = Executors.newFixedThreadPool(2 * options.concurrency(), Cli.named("smoke"));
        OkHttpClient http = OpenAiClient.newHttpClient();
        try {
            if (baseUrl != null) {
                target = target.withBaseUrl(baseUrl);
            } else if (target.isDemo()) {
                embedded = DemoGateway.start(DemoConfig.defaults());
                target = target.withBaseUrl(embedded.baseUrl());
                out.println("Started the embedded demo gateway at " + embedded.baseUrl());
            }
            if (target.isDemo() || "demo".equals(target.keyRef())) {
                keys.remember("demo", DemoGateway.DEMO_KEY);
            }
            SuiteRun suite = new SuiteRun(SmokeService.of(new SmokeRunner(http, pool, clock)),
                    new Verification(UsageService.of(() -> http, clock)), keys);
            SuiteRun.Sides sides = suite.resolve(plan.withTarget(target), options);
            SuiteRun.Prepared prepared = suite.prepare(sides,
                    pricesFile == null ? List.of() : PriceTable.read(Path.of(pricesFile)), verify);
            prepared.preflight().problems().forEach(p -> err.println("warning: " + p));
            Optional<String> over = prepared.preflight().overBudget();
            if (over.isPresent()) {
                if (!allowOverBudget) {
                    err.println("error: " + over.get() + " Nothing was sent. Pass --allow-over-budget to run anyway.");
                    return Cli.USAGE;
                }
                err.println("warning: " + over.get() + " Running anyway (--allow-over-budget).");
            }
            out.println("Running " + sides.checks().size() + " smoke checks of '" + plan.name() + "' against " + target.baseUrl()
                    + (options.compare() ? " and the current provider " + plan.source().baseUrl() : "")
                    + (options.repeat() > 1 ? ", " + options.repeat() + " times each" : ""));
            SuiteRun.Outcome outcome = execute(suite, prepared, sides.checks().size());
            SmokeRun run = outcome.run();
            summary(run);
            writeReports(plan, run, junitFile, jsonFile);
            if (outcome.reconciliation() != null) {
                reconciliation(outcome.reconciliation());
            }
            outcome.problems().stream().skip(prepared.preflight().problems().size()).forEach(p -> err.println("warning: " + p));
            long passed = run.count(Verdict.PASS);
            long failed = run.results().size() - passed;
            out.println(passed + " passed, " + failed + " failed");
            if (write && !outcome.cancelled()) {
                store.save(path, outcome.applyTo(plan, clock));
                out.println("Results saved into " + path);
            }
            return run.allPassed() && !outcome.cancelled() ? Cli.OK : Cli.CHECKS_FAILED;
        } catch (SuiteRun.NotStartable e) {
            throw new Cli.UsageException(hint(e, options));
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            return Cli.USAGE;
        } catch (IOException e) {
            err.println("error: could not start the embedded demo gateway: " + e.getMessage());
            return Cli.USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("Interrupted.");
            return Cli.CHECKS_FAILED;
        } catch (ExecutionException e) {
            err.println("error: the smoke run failed: " + e.getCause());
            return Cli.CHECKS_FAILED;
        } finally {
            pool.shutdownNow();
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    /** Runs the suite with a line per finished check; Ctrl+C cancels it (the shutdown hook). */
    private SuiteRun.Outcome execute(SuiteRun suite, SuiteRun.Prepared prepared, int checks)
            throws InterruptedException, ExecutionException {
        Cancellation cancel = new Cancellation();
        Thread hook = new Thread(cancel::cancel, "cli-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return suite.execute(prepared, new LineListener(checks), cancel);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting: the hook has run
            }
        }
    }

    /** The fix for a suite that cannot start, in the CLI's words (the option to pass). */
    static String hint(SuiteRun.NotStartable e, SuiteOptions options) {
        return switch (e.problem()) {
            case NO_TARGET_URL -> "the plan has no target base URL; set it in the wizard or pass --base-url URL.";
            case NO_TARGET_KEY -> e.getMessage() + " Set that variable, or name another with --key-env NAME.";
            case NO_SOURCE_URL -> "--compare needs the plan's current provider (source) base URL; set it in step 2.";
            case NO_SOURCE_KEY -> e.getMessage() + " Set that variable, or leave out --compare.";
            case NO_CHECK_SELECTED -> "no check matches --checks '" + options.checks() + "'.";
        };
    }

    /** The run as JUnit XML and as JSON, when asked; a file that cannot be written is reported, not fatal. */
    private void writeReports(MigrationPlan plan, SmokeRun run, String junitFile, String jsonFile) {
        if (junitFile != null) {
            write(Path.of(junitFile), ai.flatkey.migrate.export.JunitXml.render(plan.withSmokeRunAdded(run, 10)),
                    "JUnit XML (" + run.results().size() + " testcases)");
        }
        if (jsonFile != null) {
            String json = new com.google.gson.GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls()
                    .create().toJson(run);
            write(Path.of(jsonFile), json + "\n", "JSON results");
        }
    }

    private void write(Path file, String text, String what) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                java.nio.file.Files.createDirectories(parent);
            }
            java.nio.file.Files.writeString(file, text, java.nio.charset.StandardCharsets.UTF_8);
            out.println(what + " written to " + file);
        } catch (IOException | RuntimeException e) {
            err.println("error: could not write " + what + " to " + file + ": " + e.getMessage());
        }
    }

    private void reconciliation(Reconciliation rec) {
        if (rec.rows().isEmpty()) {
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"REQUEST", "CHECK", "MODEL ASKED → BILLED", "TOKENS SEEN/LOGGED", "COST EST/CHARGED", "STATUS"});
        for (Reconciliation.Row r : rec.rows()) {
            rows.add(new String[]{r.requestId().isBlank() ? "-" : r.requestId(), r.checkId(),
                    r.modelAsked() + " → " + (r.modelBilled().isBlank() ? "?" : r.modelBilled()),
                    num(r.tokensSeen()) + "/" + num(r.tokensLogged()),
                    usd(r.costEstimateUsd()) + "/" + usd(r.costLoggedUsd()),
                    r.status().name().toLowerCase(Locale.ROOT).replace('_', ' ') + (r.difference().isBlank() ? "" : ": " + r.difference())});
        }
        out.println("Reconciliation with the gateway's records (" + rec.source() + "):");
        table(rows);
        out.println(rec.note());
        if (!rec.rateLimits().isEmpty()) {
            out.println("Rate limits now: " + String.join("; ", rec.rateLimits()));
        }
        out.println();
    }

    private static String usd(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "$%.6f", v);
    }

    /** Prints one line per finished check, as they finish; on a terminal also a progress counter. */
    private final class LineListener implements SuiteRun.Listener {
        private final int total;
        private final AtomicInteger done = new AtomicInteger();
        private final boolean terminal = System.console() != null;

        LineListener(int targetChecks) {
            this.total = targetChecks;
        }

        @Override
        public void onFinished(Check check, CheckResult r) {
            synchronized (out) {
                out.println((check.source() ? "(current provider) " : "") + line(r));
                if (terminal && !check.source()) {
                    err.print("\r[" + done.incrementAndGet() + "/" + total + "] checks finished ");
                    err.flush();
                }
            }
        }
    }

    static String line(CheckResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-11s %-14s %-22s", r.verdict().name(), r.feature(),
                r.model().isBlank() ? "-" : r.model()));
        if (r.verdict() == Verdict.PASS) {
            if (r.ttftMs() != null) {
                sb.append(" TTFT ").append(r.ttftMs()).append(" ms,");
            }
            if (r.totalMs() != null) {
                sb.append(" total ").append(r.totalMs()).append(" ms,");
            }
            if (r.totalTokens() != null) {
                sb.append(" ").append(r.totalTokens()).append(" tokens,");
            }
            sb.append(' ').append(r.reason());
        } else {
            if (!r.ruleId().isBlank()) {
                sb.append(" [").append(r.ruleId()).append(']');
            }
            sb.append(' ').append(r.reason());
        }
        if (!r.requestId().isBlank()) {
            sb.append(" (request ").append(r.requestId()).append(')');
        }
        return sb.toString();
    }

    private void summary(SmokeRun run) {
        boolean repeated = run.results().stream().anyMatch(r -> r.stats() != null);
        List<String[]> rows = new ArrayList<>();
        rows.add(repeated
                ? new String[]{"CHECK", "VERDICT", "RULE", "p50", "p95", "TTFT p50", "TTFT p95", "PASSED", "TOKENS"}
                : new String[]{"CHECK", "VERDICT", "RULE", "TTFT", "TOTAL", "TOKENS"});
        for (CheckResult r : run.results()) {
            String tokens = r.totalTokens() == null ? "-" : String.valueOf(r.totalTokens());
            if (repeated && r.stats() != null) {
                RepeatStats s = r.stats();
                rows.add(new String[]{r.checkId(), r.verdict().name(), dash(r.ruleId()), ms(s.totalP50Ms()), ms(s.totalP95Ms()),
                        ms(s.ttftP50Ms()), ms(s.ttftP95Ms()), s.passed() + "/" + s.samples(), tokens});
            } else if (repeated) {
                rows.add(new String[]{r.checkId(), r.verdict().name(), dash(r.ruleId()), ms(r.totalMs()), "-", ms(r.ttftMs()), "-", "-", tokens});
            } else {
                rows.add(new String[]{r.checkId(), r.verdict().name(), dash(r.ruleId()), ms(r.ttftMs()), ms(r.totalMs()), tokens});
            }
        }
        out.println();
        table(rows);
        if (run.compared()) {
            List<String[]> cmp = new ArrayList<>();
            cmp.add(new String[]{"CHECK", "CURRENT → TARGET MODEL", "VERDICTS", "TOTAL ms", "TOKENS", "SHAPE"});
            for (Comparison c : run.comparisons()) {
                cmp.add(new String[]{c.checkId(),
                        (c.sourceModel().isBlank() ? "-" : c.sourceModel()) + " → " + (c.targetModel().isBlank() ? "-" : c.targetModel()),
                        c.sourceVerdict() + " → " + c.targetVerdict(),
                        ms(c.sourceTotalMs()) + " → " + ms(c.targetTotalMs()),
                        num(c.sourceTokens()) + " → " + num(c.targetTokens()),
                        c.differences().isEmpty() ? "same" : String.join("; ", c.differences())});
            }
            out.println();
            out.println("Current provider (" + run.sourceBaseUrl() + ") vs target (" + run.targetBaseUrl() + "):");
            table(cmp);
        }
        out.println();
    }

    private void table(List<String[]> rows) {
        int cols = rows.get(0).length;
        int[] w = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < cols - 1; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < cols; i++) {
                sb.append(i == cols - 1 ? r[i] : String.format(Locale.ROOT, "%-" + w[i] + "s  ", r[i]));
            }
            out.println(sb.toString().stripTrailing());
        }
    }

    private static String ms(Long v) {
        return v == null ? "-" : v + " ms";
    }

    private static String num(Integer v) {
        return v == null ? "-" : String.valueOf(v);
    }

    private static String dash(String s) {
        return s == null || s.isBlank() ? "-" : s;
    }
}
