package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.plan.CustomCheck;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Derives the checks a plan needs: the catalog and the negative checks once per target, then per mapped model the
 * features the app uses (chat always; streaming when the app streams), the person's custom checks and the replay
 * prompts.
 */
public final class SmokeSuite {
    private SmokeSuite() {
    }

    /** The default suite: every check, once. */
    public static List<Check> derive(MigrationPlan plan) {
        return derive(plan, SuiteOptions.defaults());
    }

    public static List<Check> derive(MigrationPlan plan, SuiteOptions options) {
        List<Check> checks = new ArrayList<>();
        checks.add(new Check(Check.MODELS, Check.MODELS, "", "Model catalog"));
        List<String> models = models(plan);
        for (String model : models) {
            checks.add(new Check(Check.CHAT + ":" + model, Check.CHAT, model, "Chat completion"));
            if (streams(plan, model)) {
                checks.add(new Check(Check.STREAMING + ":" + model, Check.STREAMING, model, "Streaming chat"));
            }
            for (CustomCheck c : plan.customChecks()) {
                if (!c.name().isBlank()) {
                    String feature = Check.CUSTOM + ":" + c.name();
                    checks.add(new Check(feature + ":" + model, feature, model, "Custom: " + c.name()));
                }
            }
            for (int i = 0; i < plan.replayPrompts().size(); i++) {
                String feature = Check.REPLAY + ":" + (i + 1);
                checks.add(new Check(feature + ":" + model, feature, model, "Replay prompt " + (i + 1)));
            }
        }
        if (options.negatives() && !models.isEmpty()) {
            checks.add(new Check(Check.AUTH, Check.AUTH, "", "Invalid key gets 401"));
            checks.add(new Check(Check.UNKNOWN_MODEL, Check.UNKNOWN_MODEL, "", "Unknown model is refused"));
        }
        return checks.stream().filter(c -> options.selects(c.id())).toList();
    }

    /**
     * For compare mode: each per-model target check paired with the same check on the current provider, asking the
     * model the mapping maps from. Per-target checks are paired with themselves on the source.
     */
    public static Map<Check, Check> sourcePairs(MigrationPlan plan, List<Check> targetChecks) {
        Map<String, String> sourceOf = new LinkedHashMap<>();
        for (ModelMapping m : plan.mappings()) {
            if (!m.targetModel().isBlank() && !m.sourceModel().isBlank()) {
                sourceOf.putIfAbsent(m.targetModel(), m.sourceModel());
            }
        }
        if (plan.mappings().isEmpty() && !plan.inventory().productionModel().isBlank()) {
            sourceOf.put(plan.inventory().productionModel().strip(), plan.inventory().productionModel().strip());
        }
        Map<Check, Check> pairs = new LinkedHashMap<>();
        for (Check c : targetChecks) {
            if (c.perTarget()) {
                pairs.put(c, c.onSource(""));
            } else if (sourceOf.containsKey(c.model())) {
                pairs.put(c, c.onSource(sourceOf.get(c.model())));
            }
        }
        return pairs;
    }

    /** The target models: the mapping's targets, or else the inventory's production model as it is. */
    public static List<String> targetModels(MigrationPlan plan) {
        return models(plan);
    }

    static List<String> models(MigrationPlan plan) {
        List<String> targets = plan.targetModels();
        if (!targets.isEmpty()) {
            return targets;
        }
        String production = plan.inventory().productionModel();
        return production.isBlank() ? List.of() : List.of(production.strip());
    }

    /** Streaming is checked when a mapping row for the model names it, when no row names features, or when the app streams. */
    private static boolean streams(MigrationPlan plan, String model) {
        if (plan.inventory().parameters().stream()) {
            return true;
        }
        List<ModelMapping> rows = plan.mappings().stream().filter(m -> m.targetModel().equals(model)).toList();
        return rows.isEmpty() || rows.stream().anyMatch(m -> m.features().isEmpty() || m.uses(Check.STREAMING));
    }
}
