package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.plan.MigrationPlan;

import java.util.ArrayList;
import java.util.List;

/** Derives the checks a plan needs: the catalog once per target, then chat and streaming per mapped model. */
public final class SmokeSuite {
    private SmokeSuite() {
    }

    public static List<Check> derive(MigrationPlan plan) {
        List<Check> checks = new ArrayList<>();
        checks.add(new Check(Check.MODELS, Check.MODELS, "", "Model catalog"));
        for (String model : models(plan)) {
            checks.add(new Check(Check.CHAT + ":" + model, Check.CHAT, model, "Chat completion"));
            checks.add(new Check(Check.STREAMING + ":" + model, Check.STREAMING, model, "Streaming chat"));
        }
        return List.copyOf(checks);
    }

    /** The target models: the mapping's targets, or else the inventory's production model as it is. */
    static List<String> models(MigrationPlan plan) {
        List<String> targets = plan.targetModels();
        if (!targets.isEmpty()) {
            return targets;
        }
        String production = plan.inventory().productionModel();
        return production.isBlank() ? List.of() : List.of(production.strip());
    }
}
