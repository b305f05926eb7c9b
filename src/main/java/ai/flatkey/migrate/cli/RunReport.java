package ai.flatkey.migrate.cli;

import ai.flatkey.migrate.export.JunitXml;
import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.Comparison;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.Reconciliation;
import ai.flatkey.migrate.plan.RepeatStats;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.Verdict;
import ai.flatkey.migrate.smoke.Check;
import ai.flatkey.migrate.smoke.SuiteOptions;
import ai.flatkey.migrate.smoke.SuiteRun;
import ai.flatkey.migrate.wire.Excerpts;
import com.google.gson.GsonBuilder;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/** What {@code run} prints and writes: a line per check as it finishes, the summary tables, the reports for CI. */
final class RunReport {
    private final PrintStream out;
    private final PrintStream err;

    RunReport(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** A listener that prints a line per finished check ({@code checks} of the target, for the progress counter). */
    SuiteRun.Listener lines(int checks) {
        return new LineListener(checks);
    }

    /**
     * The timeout hint naming --concurrency, when checks of the target timed out under {@code listener} — not when the
     * target answered nothing at all (then one check waited, alone, and fewer at once would not help).
     */
    void timeouts(SuiteRun.Listener listener, int concurrency) {
        if (listener instanceof LineListener l && l.timedOut.get() > 0 && !l.silent) {
            err.println("warning: " + SuiteOptions.timeoutHint(l.timedOut.get(), concurrency, "--concurrency N"));
        }
    }

    /**
     * The run as JUnit XML and as JSON, when asked. Each is attempted; false when one could not be written (said on
     * stderr): the caller makes that an error, since CI that reads a missing report sees nothing wrong.
     */
    boolean writeReports(MigrationPlan plan, SmokeRun run, String junitFile, String jsonFile) {
        boolean ok = true;
        if (junitFile != null) {
            ok &= write(Path.of(junitFile), () -> JunitXml.render(SuiteRun.withRun(plan, run)),
                    "JUnit XML (" + run.results().size() + " testcases)");
        }
        if (jsonFile != null) {
            ok &= write(Path.of(jsonFile), () -> new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls()
                    .create().toJson(run) + "\n", "JSON results");
        }
        return ok;
    }

    /**
     * Renders and writes one report. Text a server sent with half an emoji (a lone surrogate) is written as U+FFFD
     * rather than failing the whole file.
     */
    private boolean write(Path file, java.util.function.Supplier<String> render, String what) {
        if (Files.isSymbolicLink(file)) {
            err.println("error: could not write " + what + " to " + file + ": it is a symbolic link, and a report is never"
                    + " written through a link (it could overwrite the file it points to). Give a plain file path.");
            return false;
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            ai.flatkey.migrate.export.Exporter.writeAtomically(file.toAbsolutePath(),
                    Excerpts.wellFormed(render.get()).getBytes(StandardCharsets.UTF_8));
            out.println(what + " written to " + file);
            return true;
        } catch (IOException | RuntimeException e) {
            err.println("error: could not write " + what + " to " + file + ": " + e);
            return false;
        }
    }

    void reconciliation(Reconciliation rec) {
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
        private final AtomicInteger timedOut = new AtomicInteger();
        private volatile boolean silent;

        @Override
        public void onTimedOut(Check check) {
            if (!check.source()) {
                timedOut.incrementAndGet();
            }
        }

        @Override
        public void onSilent(Check catalog) {
            if (!catalog.source()) {
                silent = true;
            }
        }

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
        // a request check is named by its ID (request:NAME), not by its kind
        String what = r.feature().equals(Check.REQUEST) && !r.model().isBlank() && r.checkId().endsWith(":" + r.model())
                ? r.checkId().substring(0, r.checkId().length() - r.model().length() - 1)
                : r.feature().equals(Check.REQUEST) ? r.checkId() : r.feature();
        sb.append(String.format(Locale.ROOT, "%-11s %-14s %-22s", r.verdict().name(), what,
                r.model().isBlank() ? "-" : r.model()));
        if (r.verdict() == Verdict.PASS) {
            sb.append(figure(" TTFT ", r.ttftMs(), " ms,")).append(figure(" total ", r.totalMs(), " ms,"))
                    .append(figure(" ", r.totalTokens(), " tokens,"));
        } else if (!r.decidingRuleIds().isEmpty()) {
            sb.append(" [").append(String.join(", ", r.decidingRuleIds())).append(']');
        }
        sb.append(' ').append(r.reason());
        if (!r.requestId().isBlank()) {
            sb.append(" (request ").append(r.requestId()).append(')');
        }
        return sb.toString();
    }

    void summary(SmokeRun run) {
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

    private static String figure(String before, Number v, String after) {
        return v == null ? "" : before + v + after;
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
