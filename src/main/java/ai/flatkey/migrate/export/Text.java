package ai.flatkey.migrate.export;

import ai.flatkey.migrate.wire.Excerpts;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.Verdict;

import java.util.Locale;

/** Escaping and small formatting helpers shared by the renderers. */
final class Text {
    private Text() {
    }

    /**
     * Text for XML and (X)HTML, element content and attribute values alike: {@code & < > " '} escaped and characters
     * XML 1.0 forbids (most control characters, lone surrogates, U+FFFE/U+FFFF) dropped.
     */
    static String xml(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (allowed(c)) {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    private static boolean allowed(char c) {
        if (Character.isSurrogate(c)) {
            return false;
        }
        return c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
    }

    /** Text folded onto one line (newlines and tabs become spaces). */
    static String oneLine(String s) {
        return s == null ? "" : s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    }

    /** A stage's date as written, marked when it is not a valid YYYY-MM-DD date. */
    static String stageDate(ai.flatkey.migrate.plan.RolloutStage s) {
        return s.dateProblem().isEmpty() ? s.date() : s.date() + " (not a valid date)";
    }

    /** "Proved: the basic checks passed against it on 2026-11-25 09:48:00 UTC." or that it has not been proved. */
    static String rollbackProof(ai.flatkey.migrate.plan.Rollback rb) {
        return rb.isProved() ? "Proved: the basic checks passed against this configuration on " + rb.provedWhen() + "."
                : "Not proved yet: run \u201cProve rollback\u201d in step 6 (or check it by hand) before ramping up.";
    }

    static String or(String s, String fallback) {
        return s == null || s.isBlank() ? fallback : s;
    }

    static String verdict(Verdict v) {
        return v.name().toLowerCase(Locale.ROOT);
    }

    /** " (p50 600 / p95 700 ms over 5 runs, 5 passed)" for a repeated check; "" for a single run. */
    static String repeat(ai.flatkey.migrate.plan.RepeatStats st) {
        if (st == null || st.samples() <= 1) {
            return "";
        }
        return " (p50 " + (st.totalP50Ms() == null ? "?" : st.totalP50Ms()) + " / p95 " + (st.totalP95Ms() == null ? "?" : st.totalP95Ms())
                + " ms over " + st.samples() + " runs, " + st.passed() + " passed)";
    }

    /** The mapping's notes, with the typed target price when there is one. */
    static String mappingNotes(ai.flatkey.migrate.plan.ModelMapping m) {
        if (!m.hasPrices()) {
            return m.notes();
        }
        String price = "typed price " + Report.usd(m.inputPer1M()) + " in / " + Report.usd(m.outputPer1M()) + " out per 1M tokens";
        return m.notes().isBlank() ? price : m.notes() + " (" + price + ")";
    }

    /** A checked model: "gpt-4o (behind deployment gpt4o-prod)" when it stands in for Azure deployments, else the ID. */
    static String checkedModel(MigrationPlan plan, String model) {
        return plan.checkedModelLabel(model);
    }

    /** A model asked on the current provider: "gpt4o-prod (Azure deployment)" for a deployment, else the ID. */
    static String currentModel(MigrationPlan plan, String model) {
        return plan.inventory().currentModelLabel(model);
    }

    /** A mapping row's current side: "gpt4o-prod (Azure deployment)" for a deployment, else the model ID. */
    static String source(ai.flatkey.migrate.plan.Inventory inv, ai.flatkey.migrate.plan.ModelMapping m) {
        return inv.currentModelLabel(m.sourceModel());
    }

    /** The header of the mapping's current column: it names deployments when the plan has any. */
    static String sourceHeader(MigrationPlan plan) {
        return plan.mappings().stream().anyMatch(m -> plan.inventory().isDeployment(m.sourceModel()))
                ? "Current model or deployment" : "Current model";
    }

    /** What an unmapped row lacks: the model behind it for a deployment, a target for a model. */
    static String unmapped(ai.flatkey.migrate.plan.Inventory inv, ai.flatkey.migrate.plan.ModelMapping m) {
        return inv.isDeployment(m.sourceModel()) ? "model behind it not chosen" : "unmapped";
    }

    /** The row's notes, after "kept on Groq: not migrated, no smoke check" when its provider is kept. */
    static String mappingNotes(ai.flatkey.migrate.plan.Inventory inv, ai.flatkey.migrate.plan.ModelMapping m) {
        String notes = mappingNotes(m);
        if (!inv.isKept(m.sourceModel())) {
            return notes;
        }
        String kept = "kept on " + String.join(", ", inv.keptProviders().stream().filter(p -> p.sends(m.sourceModel()))
                .map(ai.flatkey.migrate.plan.SourceProvider::name).toList()) + ": not migrated, no smoke check";
        return notes.isBlank() ? kept : kept + "; " + notes;
    }

    /** The sentence above the providers table. */
    static final String PROVIDERS_LEAD = "Each provider the app talks to is its own decision: migrate it to the target gateway, "
            + "or keep it where it is. A kept provider's models get no mapping and no smoke check.";

    /** A provider's decision in words. */
    static String decision(ai.flatkey.migrate.plan.SourceProvider p) {
        return switch (p.decision()) {
            case ai.flatkey.migrate.plan.SourceProvider.MIGRATE -> "Migrate to the target gateway";
            case ai.flatkey.migrate.plan.SourceProvider.KEEP -> "Keep on this provider";
            default -> "Not decided (choose in step 1)";
        };
    }

    static String ms(Long v) {
        return v == null ? "" : v + " ms";
    }

    /** A file-name stem from the plan name: lower case, letters and digits joined by dashes ("migration" if none). */
    static String slug(MigrationPlan plan) {
        String base = plan.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        if (base.length() > 60) {
            base = base.substring(0, 60).replaceAll("-$", "");
        }
        return base.isEmpty() ? "migration" : base;
    }

    /** At most {@code max} characters, with an ellipsis when cut. */
    static String clip(String s, int max) {
        if (s == null) {
            return "";
        }
        return Excerpts.clip(s, max);
    }
}
