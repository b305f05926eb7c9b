package ai.flatkey.migrate.export;

import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.Checklist;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.Inventory;
import ai.flatkey.migrate.plan.ItemStatus;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.Parameters;
import ai.flatkey.migrate.plan.RolloutStage;
import ai.flatkey.migrate.plan.SmokeRun;

import java.util.List;
import java.util.Locale;

/**
 * The migration checklist as GitHub-flavoured Markdown, for a pull request or a wiki page: the checklist with
 * status, evidence and notes, then the inventory, the mapping, the latest smoke run, the rollout and the rollback.
 * Key values never appear: only where each key is kept.
 */
public final class ChecklistMarkdown {
    private ChecklistMarkdown() {
    }

    public static String render(MigrationPlan plan) {
        StringBuilder md = new StringBuilder(4096);
        md.append("# Migration checklist: ").append(inline(plan.name())).append("\n\n");
        md.append("Target: ").append(endpoint(plan.target())).append("  \n");
        if (!plan.source().baseUrl().isBlank()) {
            md.append("Current provider: ").append(endpoint(plan.source())).append("  \n");
        }
        List<Checklist.Entry> entries = Checklist.derive(plan);
        md.append("Progress: ").append(Checklist.doneCount(entries)).append(" of ").append(entries.size())
                .append(" items done or not applicable.\n\n");

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
                md.append("| ").append(cell(m.sourceModel())).append(" | ").append(cell(or(m.targetModel(), "(unmapped)")))
                        .append(" | ").append(cell(String.join(", ", m.features()))).append(" | ").append(cell(m.notes())).append(" |\n");
            }
        }

        md.append("\n## Smoke tests\n\n");
        if (plan.latestRun().isEmpty()) {
            md.append("_No smoke run yet: run step 4 (or `flatkey-migrate run`) before sign-off._\n");
        } else {
            SmokeRun run = plan.latestRun().get();
            md.append("Run of ").append(inline(run.when())).append(" against `").append(code(run.targetBaseUrl()))
                    .append("`: ").append(run.count(ai.flatkey.migrate.plan.Verdict.PASS)).append(" passed, ")
                    .append(run.results().size() - run.count(ai.flatkey.migrate.plan.Verdict.PASS)).append(" not passed.\n\n");
            md.append("| Check | Model | Verdict | Rule | TTFT | Total | Tokens | Request ID | Reason |\n|---|---|---|---|---|---|---|---|---|\n");
            for (CheckResult r : run.results()) {
                md.append("| ").append(cell(r.feature())).append(" | ").append(cell(r.model())).append(" | ")
                        .append(r.verdict().name().toLowerCase(Locale.ROOT)).append(" | ").append(cell(r.ruleId())).append(" | ")
                        .append(ms(r.ttftMs())).append(" | ").append(ms(r.totalMs())).append(" | ")
                        .append(r.totalTokens() == null ? "" : r.totalTokens()).append(" | ").append(cell(r.requestId()))
                        .append(" | ").append(cell(r.reason())).append(" |\n");
            }
        }

        md.append("\n## Rollout stages\n\n| # | Stage | Gate | Status | Notes |\n|---|---|---|---|---|\n");
        int i = 1;
        for (RolloutStage s : plan.rollout()) {
            md.append("| ").append(i++).append(" | ").append(cell(s.name())).append(" | ").append(cell(s.gate())).append(" | ")
                    .append(s.status().label()).append(" | ").append(cell(s.note())).append(" |\n");
        }

        md.append("\n## Rollback\n\n");
        if (plan.rollback().isReady()) {
            md.append("```sh\nROLLBACK_OPENAI_BASE_URL=").append(plan.rollback().baseUrl()).append("\nROLLBACK_MODEL=")
                    .append(plan.rollback().model()).append("\n```\n");
            if (!plan.rollback().keyRef().isBlank()) {
                md.append("\nPrevious key kept in: ").append(inline(Endpoint.describeKeyRef(plan.rollback().keyRef()))).append('\n');
            }
        } else {
            md.append("_Not ready: record the previous base URL and model (step 6)._\n");
        }
        if (!plan.rollback().notes().isBlank()) {
            md.append('\n').append(inline(plan.rollback().notes())).append('\n');
        }
        md.append("\n---\nGenerated by the Flatkey Migration Assistant. No key values are included in this file.\n");
        return md.toString();
    }

    private static String endpoint(Endpoint e) {
        return "`" + code(or(e.baseUrl(), "(not set)")) + "` (" + inline(e.preset()) + "; key: " + inline(Endpoint.describeKeyRef(e.keyRef())) + ")";
    }

    private static String parameters(Parameters p) {
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
        md.append("| ").append(field).append(" | ").append(cell(or(value, "—"))).append(" |\n");
    }

    private static String box(ItemStatus s) {
        return s == ItemStatus.OPEN ? "[ ]" : "[x]";
    }

    private static String ms(Long v) {
        return v == null ? "" : v + " ms";
    }

    private static String or(String s, String fallback) {
        return s == null || s.isBlank() ? fallback : s;
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
        for (char c : s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').toCharArray()) {
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
        return s == null ? "" : s.replace("`", "'").replace('\n', ' ');
    }
}
