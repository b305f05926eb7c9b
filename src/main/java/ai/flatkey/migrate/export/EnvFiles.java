package ai.flatkey.migrate.export;

import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The two {@code .env} files of the runbook: the new configuration ({@code FLATKEY_API_KEY} left empty,
 * {@code OPENAI_BASE_URL}, {@code FLATKEY_MODEL}) and the rollback configuration ({@code ROLLBACK_OPENAI_BASE_URL},
 * {@code ROLLBACK_MODEL}). Values that are not plain words are double-quoted with {@code \ " $ `} escaped, and line
 * breaks are removed, so text from a plan can never add a variable.
 */
public final class EnvFiles {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:@+-]*");

    private EnvFiles() {
    }

    /** The new configuration. */
    public static String newConfig(MigrationPlan original) {
        Report report = Report.of(original);
        MigrationPlan plan = report.plan;
        StringBuilder sb = new StringBuilder();
        sb.append("# New configuration for \"").append(comment(plan.name())).append("\" (Flatkey Migration Assistant).\n");
        sb.append("# FLATKEY_API_KEY is left empty on purpose: fill it from your secret store, never from this file's history.\n");
        if (!plan.target().keyRef().isBlank()) {
            sb.append("# The plan keeps the target key in: ").append(comment(Endpoint.describeKeyRef(plan.target().keyRef()))).append(".\n");
        }
        if (report.demoTarget()) {
            sb.append("# The target is the embedded demo gateway: its port changes each time it starts.\n");
        }
        if (report.targetBaseUrl().isBlank()) {
            sb.append("# The plan has no target base URL yet (step 2).\n");
        }
        if (report.primaryTargetModel().isBlank()) {
            sb.append("# No model is mapped yet (step 3).\n");
        }
        vars(sb, report.newEnv());
        boolean header = false;
        for (ModelMapping m : plan.mappings()) {
            if (!m.targetModel().isBlank() && !m.targetModel().equals(report.primaryTargetModel())) {
                if (!header) {
                    sb.append("# Other mapped models (fallbacks), for reference:\n");
                    header = true;
                }
                sb.append("#   ").append(comment(m.sourceModel())).append(" -> ").append(comment(m.targetModel())).append('\n');
            }
        }
        return sb.toString();
    }

    /** The rollback configuration. */
    public static String rollbackConfig(MigrationPlan original) {
        Report report = Report.of(original);
        MigrationPlan plan = report.plan;
        StringBuilder sb = new StringBuilder();
        sb.append("# Rollback configuration for \"").append(comment(plan.name())).append("\" (Flatkey Migration Assistant).\n");
        sb.append("# To roll back, point OPENAI_BASE_URL at ROLLBACK_OPENAI_BASE_URL and the model at ROLLBACK_MODEL,\n");
        sb.append("# with the previous key, and redeploy the configuration: no code change.\n");
        if (!plan.rollback().keyRef().isBlank()) {
            sb.append("# The previous key is kept in: ").append(comment(Endpoint.describeKeyRef(plan.rollback().keyRef()))).append(".\n");
        }
        if (!plan.rollback().isReady()) {
            sb.append("# Not ready: record the previous base URL and model in step 6.\n");
        }
        if (!plan.rollback().notes().isBlank()) {
            sb.append("# ").append(comment(plan.rollback().notes())).append('\n');
        }
        vars(sb, report.rollbackEnv());
        return sb.toString();
    }

    private static void vars(StringBuilder sb, Map<String, String> env) {
        env.forEach((k, v) -> sb.append(k).append('=').append(value(v)).append('\n'));
    }

    /** A value as written after {@code NAME=}: as is when plain, else double-quoted and escaped, always one line. */
    static String value(String v) {
        String s = Text.oneLine(v).strip();
        if (PLAIN.matcher(s).matches()) {
            return s;
        }
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$").replace("`", "\\`") + '"';
    }

    private static String comment(String s) {
        return Text.oneLine(s);
    }
}
