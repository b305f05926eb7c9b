package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.RequestCheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * Which model each request check sends, and the suite's checks for them. A body that names a model the plan maps is
 * sent to the target model it maps to ({@code request:NAME}); a body naming a model the plan does not map is sent as
 * written; a body without a model runs once per mapped target model that serves its endpoint
 * ({@code request:NAME:MODEL}). The check says which model it sent and why ({@link #sentAs}).
 */
final class RequestChecks {
    private RequestChecks() {
    }

    /**
     * The checks for the plan's request checks (its own and its check files'), in their order.
     *
     * @param models the plan's target models
     * @param serves whether a model serves an endpoint (chat models chat and Responses, embedding models
     *               embeddings, image models images, …)
     */
    static List<Check> derive(MigrationPlan plan, List<String> models, BiPredicate<RequestCheck.Api, String> serves) {
        List<Check> out = new ArrayList<>();
        for (RequestCheck rc : plan.allRequestChecks()) {
            String feature = rc.feature();
            String title = "Request: " + rc.name();
            if (!rc.model().isEmpty()) {
                out.add(new Check(feature, feature, mapped(plan, rc.model()).orElse(rc.model()), title));
                continue;
            }
            List<String> fit = fitting(rc, models, serves);
            if (fit.isEmpty()) {
                out.add(new Check(feature, feature, "", title));
            }
            for (String m : fit) {
                out.add(new Check(feature + ":" + m, feature, m, title));
            }
        }
        return out;
    }

    /** The target models a check whose body names no model runs on: those that serve its endpoint. */
    static List<String> fitting(RequestCheck rc, List<String> models, BiPredicate<RequestCheck.Api, String> serves) {
        return models.stream().filter(m -> serves.test(rc.api(), m)).toList();
    }

    /** The kind of model that serves an endpoint, in words: {@code chat}, {@code embeddings}, {@code image}, …. */
    static String modelKind(RequestCheck.Api api) {
        return switch (api) {
            case CHAT, RESPONSES -> "chat";
            case EMBEDDINGS -> "embeddings";
            case IMAGES -> "image";
            case SPEECH -> "speech";
            case MODERATIONS -> "moderation";
        };
    }

    /** The target model the plan maps {@code written} to (the first row that maps it), if any. */
    static Optional<String> mapped(MigrationPlan plan, String written) {
        return plan.mappings().stream().filter(m -> m.sourceModel().equals(written) && !m.targetModel().isBlank())
                .map(ModelMapping::targetModel).findFirst();
    }

    /** The request check a check runs, by its name. */
    static Optional<RequestCheck> find(MigrationPlan plan, Check check) {
        String name = check.featureArgument();
        return plan.allRequestChecks().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** Which model was sent, and why: as written, through the mapping, or once per mapped model. */
    static String sentAs(RequestCheck rc, String sent, boolean source) {
        String written = rc.model();
        if (written.isEmpty()) {
            return "sent to " + sent + " (the body names no model: it runs on every mapped " + (source
                    ? "model of the current provider" : "target model") + ")";
        }
        if (written.equals(sent)) {
            return "sent to " + sent + " as written";
        }
        return "sent to " + sent + (source ? " on the current provider" : "") + " (the body says " + written
                + "; the plan maps it)";
    }
}
