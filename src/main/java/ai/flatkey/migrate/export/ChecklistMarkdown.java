package ai.flatkey.migrate.export;

import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.Checklist;
import ai.flatkey.migrate.plan.Comparison;
import ai.flatkey.migrate.plan.Confirmation;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.Instants;
import ai.flatkey.migrate.plan.Inventory;
import ai.flatkey.migrate.plan.ItemStatus;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.Parameters;
import ai.flatkey.migrate.plan.Reconciliation;
import ai.flatkey.migrate.plan.RolloutStage;
import ai.flatkey.migrate.smoke.Gates;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.Verdict;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The migration checklist as GitHub-flavoured Markdown, for a pull request or a wiki page: the checklist with
 * status, evidence and notes, then the inventory, the mapping, the latest smoke run (model × feature and every check),
 * the reconciliation, the rollout and the rollback. Deterministic: the same plan gives the same bytes. Key values never
 * appear: only where each key is kept, and anything shaped like a key is removed (see {@link KeyScrubber}).
 */
public final class ChecklistMarkdown {
    private ChecklistMarkdown() {
    }

    public static String render(MigrationPlan original) {
        Report report = Report.of(original);
        MigrationPlan plan = report.plan;
        StringBuilder md = new StringBuilder(8192);
        md.append("# Migration checklist: ").append(inline(plan.name())).append("\n\n");
        md.append("Target: ").append(endpoint(plan.target())).append("  \n");
        if (!plan.source().baseUrl().isBlank()) {
            md.append("Current provider: ").append(endpoint(plan.source())).append("  \n");
        }
        if (!plan.updatedAt().isBlank()) {
            md.append("Plan last saved: ").append(inline(Instants.readable(plan.updatedAt()))).append("  \n");
        }
        List<Checklist.Entry> entries = report.entries;
        md.append("Progress: ").append(report.doneCount()).append(" of ").append(entries.size())
                .append(" items done or not applicable.  \n");
        md.append("Smoke tests: ").append(summary(report.latest)).append("\n\n");

        md.append("## Checklist\n\n| | Step | Status | Evidence | Notes |\n|---|---|---|---|---|\n");
        for (Checklist.Entry e : entries) {
            md.append("| ").append(box(e.status())).append(" | ").append(cell(e.title())).append(" | ")
                    .append(e.status().label()).append(e.fromPerson() ? " (confirmed)" : "").append(" | ")
                    .append(cell(e.evidence())).append(" | ").append(cell(e.note())).append(" |\n");
        }

        Inventory inv = plan.inventory();
        md.append("\n## Inventory\n\n| Field | Value |\n|---|---|\n");
        row(md, "SDK", inv.sdk());
        row(md, "Endpoints", String.join(", ", inv.endpoints()));
        row(md, "Current base URL", inv.currentBaseUrl());
        row(md, "Production model", inv.productionModel());
        row(md, "Fallback models", String.join(", ", inv.fallbackModels()));
        row(md, "Message shape", inv.messageShape());
        row(md, "Parameters", parameters(inv.parameters()));
        row(md, "Observability", inv.observability());
        row(md, "Rollback path", inv.rollbackPath());

        md.append("\n## Model mapping\n\n");
        if (plan.mappings().isEmpty()) {
            md.append("_No models mapped yet (step 3)._\n");
        } else {
            md.append("| Current model | Target model | Features | Notes |\n|---|---|---|---|\n");
            for (ModelMapping m : plan.mappings()) {
                md.append("| ").append(cell(m.sourceModel())).append(" | ").append(cell(Text.or(m.targetModel(), "(unmapped)")))
                        .append(" | ").append(cell(String.join(", ", m.features()))).append(" | ").append(cell(Text.mappingNotes(m))).append(" |\n");
            }
        }

        md.append("\n## Smoke tests\n\n");
        if (report.latest.isEmpty()) {
            md.append("_No smoke run yet: run step 4 (or `flatkey-migrate run`) before sign-off._\n");
        } else {
            smoke(md, report);
        }

        md.append("\n## Reconciliation with the gateway's records\n\n");
        reconciliation(md, report);

        md.append("\n## Rollout stages\n\n");
        md.append("Measured: ").append(inline(report.measurements())).append(". ").append(inline(report.gates.basis())).append("\n\n");
        md.append("| # | Stage | Gate | Measured | Status | Owner | Date | Notes |\n|---|---|---|---|---|---|---|---|\n");
        int i = 0;
        for (RolloutStage s : plan.rollout()) {
            Gates.StageGate g = report.gates.stages().get(i++).reading();
            md.append("| ").append(i).append(" | ").append(cell(s.name())).append(" | ").append(cell(s.gate())).append(" | ")
                    .append(cell(g.words())).append(" | ")
                    .append(s.status().label()).append(" | ").append(cell(s.owner())).append(" | ").append(cell(Text.stageDate(s)))
                    .append(" | ").append(cell(s.note())).append(" |\n");
        }

        md.append("\n## New configuration\n\n");
        md.append("The key is left empty on purpose: fill it from your secret store.\n\n```sh\n");
        for (Map.Entry<String, String> e : report.newEnv().entrySet()) {
            md.append(e.getKey()).append('=').append(EnvFiles.value(e.getValue())).append('\n');
        }
        md.append("```\n");

        md.append("\n## Rollback\n\n");
        if (plan.rollback().isReady()) {
            md.append("```sh\n");
            for (Map.Entry<String, String> e : report.rollbackEnv().entrySet()) {
                md.append(e.getKey()).append('=').append(EnvFiles.value(e.getValue())).append('\n');
            }
            md.append("```\n");
            if (!plan.rollback().keyRef().isBlank()) {
                md.append("\nPrevious key kept in: ").append(inline(Endpoint.describeKeyRef(plan.rollback().keyRef()))).append('\n');
            }
            md.append('\n').append(inline(Text.rollbackProof(plan.rollback()))).append('\n');
        } else {
            md.append("_Not ready: record the previous base URL and model (step 6)._\n");
        }
        if (!plan.rollback().notes().isBlank()) {
            md.append('\n').append(inline(plan.rollback().notes())).append('\n');
        }
        md.append("\n---\nGenerated by the Flatkey Migration Assistant. No key values are included in this file.\n");
        return md.toString();
    }

    private static void smoke(StringBuilder md, Report report) {
        SmokeRun run = report.latest.orElseThrow();
        long passed = run.count(Verdict.PASS);
        md.append("Run of ").append(inline(run.when())).append(" against `").append(code(run.targetBaseUrl()))
                .append("`: ").append(passed).append(" passed, ").append(run.results().size() - passed).append(" not passed.\n\n");
        if (run.results().isEmpty()) {
            md.append("_The run has no checks: nothing was mapped when it ran._\n");
            return;
        }
        List<String> features = Report.features(run);
        md.append("### Model × feature\n\n| Model |");
        features.forEach(f -> md.append(' ').append(cell(f)).append(" |"));
        md.append("\n|---|");
        features.forEach(f -> md.append("---|"));
        md.append('\n');
        for (String model : Report.models(run)) {
            md.append("| ").append(cell(Text.or(model, "(per target)"))).append(" |");
            for (String f : features) {
                Verdict v = Report.cell(run, model, f);
                md.append(' ').append(v == null ? "—" : Text.verdict(v)).append(" |");
            }
            md.append('\n');
        }
        md.append("\n### Every check\n\n");
        md.append("| Check | Model | Verdict | Rule | TTFT | Total | Tokens | Request ID | Reason |\n|---|---|---|---|---|---|---|---|---|\n");
        for (CheckResult r : run.results()) {
            md.append("| ").append(cell(r.feature())).append(" | ").append(cell(r.model())).append(" | ")
                    .append(Text.verdict(r.verdict())).append(" | ").append(cell(r.ruleId())).append(" | ")
                    .append(Text.ms(r.ttftMs())).append(" | ").append(Text.ms(r.totalMs())).append(Text.repeat(r.stats())).append(" | ")
                    .append(r.totalTokens() == null ? "" : r.totalTokens()).append(" | ").append(cell(r.requestId()))
                    .append(" | ").append(cell(r.reason())).append(" |\n");
        }
        if (report.sourceRun.isPresent() && !report.sourceByCheck.isEmpty()) {
            SmokeRun src = report.sourceRun.get();
            md.append("\n### Target vs current provider\n\nCurrent provider: `").append(code(src.targetBaseUrl())).append("` (run of ")
                    .append(inline(src.when())).append(").\n\n")
                    .append("| Model | Check | Target TTFT | Target total | Current TTFT | Current total | Same verdict and shape |\n")
                    .append("|---|---|---|---|---|---|---|\n");
            for (CheckResult r : run.results()) {
                CheckResult other = report.sourceByCheck.get(r.checkId());
                if (other == null) {
                    continue;
                }
                Optional<Comparison> c = run.comparisons().stream().filter(x -> x.checkId().equals(r.checkId())).findFirst();
                md.append("| ").append(cell(Text.or(r.model(), "(per target)"))).append(" | ").append(cell(r.feature())).append(" | ")
                        .append(Text.ms(r.ttftMs())).append(" | ").append(Text.ms(r.totalMs())).append(" | ")
                        .append(Text.ms(other.ttftMs())).append(" | ").append(Text.ms(other.totalMs())).append(" | ")
                        .append(c.map(x -> x.matches() ? "yes" : cell("no: " + differences(x))).orElse(other.verdict() == r.verdict() ? "same verdict" : "no: "
                                + Text.verdict(other.verdict()) + " vs " + Text.verdict(r.verdict())))
                        .append(" |\n");
            }
        }
    }

    /** What differs between the two sides of a comparison, in words. */
    static String differences(Comparison c) {
        StringBuilder sb = new StringBuilder();
        if (c.sourceVerdict() != c.targetVerdict()) {
            sb.append(Text.verdict(c.sourceVerdict())).append(" on the current provider, ").append(Text.verdict(c.targetVerdict()))
                    .append(" on the target");
        }
        for (String d : c.differences()) {
            sb.append(sb.length() == 0 ? "" : "; ").append(d);
        }
        return sb.toString();
    }

    private static void reconciliation(StringBuilder md, Report report) {
        if (report.reconciliation.isPresent()) {
            Reconciliation r = report.reconciliation.get();
            md.append("Checked ").append(inline(Instants.readable(r.checkedAt()))).append(" against the gateway's records (")
                    .append(inline(Text.or(r.source(), "unknown source"))).append("): ")
                    .append(r.count(Reconciliation.Status.MATCH)).append(" match, ")
                    .append(r.count(Reconciliation.Status.MISMATCH)).append(" mismatch, ")
                    .append(r.count(Reconciliation.Status.NOT_VISIBLE_YET)).append(" not visible yet, ")
                    .append(r.count(Reconciliation.Status.NOT_CHECKABLE)).append(" not checkable.\n");
            if (!r.note().isBlank()) {
                md.append("\n").append(inline(r.note())).append('\n');
            }
            money(md, report, r);
            if (r.rows().isEmpty()) {
                md.append("\n_No request rows were recorded._\n");
            } else {
                md.append("\n| Request ID | Check | Model asked | Model billed | Tokens seen | Tokens logged | Cost estimate | Cost logged | Status | Difference |\n")
                        .append("|---|---|---|---|---|---|---|---|---|---|\n");
                for (Reconciliation.Row w : r.rows()) {
                    md.append("| ").append(cell(w.requestId())).append(" | ").append(cell(w.checkId())).append(" | ")
                            .append(cell(w.modelAsked())).append(" | ").append(cell(w.modelBilled())).append(" | ")
                            .append(w.tokensSeen() == null ? "" : w.tokensSeen()).append(" | ")
                            .append(w.tokensLogged() == null ? "" : w.tokensLogged()).append(" | ")
                            .append(Report.usd(w.costEstimateUsd())).append(" | ").append(Report.usd(w.costLoggedUsd())).append(" | ")
                            .append(Report.status(w.status()).replace('-', ' ')).append(" | ").append(cell(w.difference())).append(" |\n");
                }
            }
            if (!r.rateLimits().isEmpty()) {
                md.append("\nRate limits seen:\n\n");
                r.rateLimits().forEach(l -> md.append("- ").append(inline(l)).append('\n'));
            }
        } else {
            md.append("**Not verified yet.** The smoke requests have not been matched with the gateway's usage log and billing "
                    + "records. Until they are, confirm by hand in the gateway's console that each request below appears with "
                    + "its model, status and tokens, and that the cost matches the model's price.\n");
            report.staleReconciliation().ifPresent(old -> md.append("\n_The reconciliation on file is for the run of ")
                    .append(inline(Instants.readable(old.runStartedAt()))).append(", not the latest run._\n"));
            if (report.plan.budgetUsd() != null) {
                md.append("\nBudget for the test key: ").append(Report.usd(report.plan.budgetUsd())).append(".\n");
            }
            if (report.latest.isEmpty()) {
                md.append("\n_No smoke run yet, so there are no requests to look for._\n");
            } else {
                List<CheckResult> withIds = report.latest.get().results().stream().filter(x -> !x.requestId().isBlank()).toList();
                if (withIds.isEmpty()) {
                    md.append("\n_The latest run recorded no request IDs (the gateway sent no `x-request-id`)._\n");
                } else {
                    md.append("\n| Request ID | Model | Check | Tokens (as the gateway answered) | Usage log | Cost |\n|---|---|---|---|---|---|\n");
                    for (CheckResult x : withIds) {
                        md.append("| ").append(cell(x.requestId())).append(" | ").append(cell(x.model())).append(" | ").append(cell(x.feature()))
                                .append(" | ").append(x.totalTokens() == null ? "" : x.totalTokens()).append(" | not checked | not checked |\n");
                    }
                }
            }
        }
        if (!report.plan.confirmations().isEmpty()) {
            md.append("\n### Manual confirmations\n\n| Item | Confirmed by | When | Evidence |\n|---|---|---|---|\n");
            for (Confirmation c : report.plan.confirmations()) {
                md.append("| ").append(cell(c.itemId())).append(" | ").append(cell(c.who())).append(" | ").append(cell(Instants.readable(c.when())))
                        .append(" | ").append(cell(c.evidence())).append(" |\n");
            }
        }
    }

    private static void money(StringBuilder md, Report report, Reconciliation r) {
        StringBuilder sb = new StringBuilder();
        if (r.suiteCostUsd() != null) {
            sb.append("suite cost (estimate) ").append(Report.usd(r.suiteCostUsd())).append("; ");
        }
        if (r.quotaBefore() != null) {
            sb.append("quota before ").append(Report.usd(r.quotaBefore())).append("; ");
        }
        if (r.quotaAfter() != null) {
            sb.append("after ").append(Report.usd(r.quotaAfter())).append("; ");
        }
        if (r.quotaDrop() != null) {
            sb.append("drop ").append(Report.usd(r.quotaDrop())).append("; ");
        }
        if (report.plan.budgetUsd() != null) {
            sb.append("budget ").append(Report.usd(report.plan.budgetUsd())).append("; ");
        }
        if (sb.length() > 0) {
            md.append("\nMoney: ").append(inline(sb.substring(0, sb.length() - 2))).append(".\n");
        }
    }

    static String summary(Optional<SmokeRun> latest) {
        if (latest.isEmpty()) {
            return "not run yet.";
        }
        SmokeRun run = latest.get();
        return run.count(Verdict.PASS) + " passed, " + run.count(Verdict.FAIL) + " failed, " + run.count(Verdict.UNSUPPORTED)
                + " unsupported, " + errors(run.count(Verdict.ERROR)) + " (run of " + inline(run.when()) + ").";
    }

    /** "1 error", "2 errors". */
    static String errors(long n) {
        return n + (n == 1 ? " error" : " errors");
    }

    private static String endpoint(Endpoint e) {
        return "`" + code(Text.or(e.baseUrl(), "(not set)")) + "` (" + inline(e.preset()) + "; key: " + inline(Endpoint.describeKeyRef(e.keyRef())) + ")";
    }

    /** The parameters the app sets, in words ("stream; temperature 0.3; …"), "" if none. */
    static String parameters(Parameters p) {
        StringBuilder sb = new StringBuilder();
        if (p.stream()) {
            sb.append("stream; ");
        }
        if (p.tools()) {
            sb.append("tools; ");
        }
        if (p.jsonOutput()) {
            sb.append("JSON output; ");
        }
        if (!p.responseFormat().isBlank()) {
            sb.append("response_format ").append(p.responseFormat()).append("; ");
        }
        if (p.temperature() != null) {
            sb.append("temperature ").append(p.temperature()).append("; ");
        }
        if (p.maxTokens() != null) {
            sb.append("max tokens ").append(p.maxTokens()).append("; ");
        }
        if (p.seed() != null) {
            sb.append("seed ").append(p.seed()).append("; ");
        }
        if (p.timeoutSeconds() != null) {
            sb.append("timeout ").append(p.timeoutSeconds()).append(" s; ");
        }
        if (p.retries() != null) {
            sb.append("retries ").append(p.retries()).append("; ");
        }
        return sb.length() == 0 ? "" : sb.substring(0, sb.length() - 2);
    }

    private static void row(StringBuilder md, String field, String value) {
        md.append("| ").append(field).append(" | ").append(cell(Text.or(value, "—"))).append(" |\n");
    }

    private static String box(ItemStatus s) {
        return s == ItemStatus.OPEN ? "[ ]" : "[x]";
    }

    /** Text inside a table cell: one line, pipes and Markdown/HTML specials escaped. */
    static String cell(String s) {
        return inline(s).replace("|", "\\|");
    }

    /** Text in running prose: newlines folded, characters that would start Markdown or HTML escaped. */
    static String inline(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : Text.oneLine(s).toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '`', '*', '[', ']', '\\' -> sb.append('\\').append(c);
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String code(String s) {
        return s == null ? "" : s.replace("`", "'").replace('\n', ' ').replace('\r', ' ');
    }
}
