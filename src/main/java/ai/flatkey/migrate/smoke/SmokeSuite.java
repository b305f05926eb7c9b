package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.plan.Inventory;
import ai.flatkey.migrate.plan.Parameters;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.RequestCheck;
import ai.flatkey.migrate.plan.ModelMapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.List;
import java.util.Map;

/**
 * Derives the checks a plan needs: the catalog and the base-URL diagnosis once per target; per mapped model the
 * features the app uses (see {@link #features}) and the replay prompts; then the person's request checks
 * ({@link RequestChecks}: {@code request:NAME} or {@code request:NAME:MODEL}); then the negative checks once per target
 * (invalid key, unknown model, unknown parameter). Check IDs are stable: {@code feature:model}.
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
        Rows rows = new Rows(plan);
        if (!models.isEmpty()) {
            checks.add(new Check(Check.BASE_URL, Check.BASE_URL, "", "Base URL path"));
        }
        for (String model : models) {
            for (String feature : features(plan, model, rows)) {
                String title = TITLES.get(feature);
                title = title != null ? title : FamilyChecks.handles(feature) ? FamilyChecks.title(feature) : feature;
                checks.add(new Check(feature + ":" + model, feature, model, title));
            }
            if (chatModel(model, rows)) {
                for (int i = 0; i < plan.replayPrompts().size(); i++) {
                    String feature = Check.REPLAY + ":" + (i + 1);
                    checks.add(new Check(feature + ":" + model, feature, model, "Replay prompt " + (i + 1)));
                }
            }
        }
        checks.addAll(FamilyChecks.perTarget(plan));
        checks.addAll(RequestChecks.derive(plan, models, (api, m) -> serves(api, m, rows)));
        if (options.negatives() && !models.isEmpty()) {
            checks.add(new Check(Check.AUTH, Check.AUTH, "", "Invalid key gets 401"));
            checks.add(new Check(Check.UNKNOWN_MODEL, Check.UNKNOWN_MODEL, "", "Unknown model is refused"));
            if (models.stream().anyMatch(m -> chatModel(m, rows))) {
                checks.add(new Check(Check.UNSUPPORTED_PARAM, Check.UNSUPPORTED_PARAM, "", "Unknown parameter is named"));
            }
        }
        java.util.function.Predicate<String> selected = options.selector();
        return checks.stream().filter(c -> selected.test(c.id())).toList();
    }

    private static final Map<String, String> TITLES = Map.ofEntries(
            Map.entry(Check.CHAT, "Chat completion"),
            Map.entry(Check.STREAMING, "Streaming chat"),
            Map.entry(Check.STREAMING_NO_USAGE, "Streaming chat without include_usage"),
            Map.entry(Check.TOOLS, "Tool call"),
            Map.entry(Check.TOOLS_STREAM, "Streamed tool call"),
            Map.entry(Check.TOOLS_PARALLEL, "Parallel tool calls"),
            Map.entry(Check.JSON, "JSON mode"),
            Map.entry(Check.JSON_SCHEMA, "Structured output (json_schema)"),
            Map.entry(Check.VISION, "Image input"),
            Map.entry(Check.RESPONSES, "Responses API"),
            Map.entry(Check.RESPONSES_STREAM, "Responses API, streamed"),
            Map.entry(Check.EMBEDDINGS, "Embeddings (float)"),
            Map.entry(Check.EMBEDDINGS_BASE64, "Embeddings (base64)"),
            Map.entry(Check.DEVELOPER_ROLE, "Developer role"),
            Map.entry(Check.MAX_TOKENS, "max_tokens"),
            Map.entry(Check.MAX_COMPLETION_TOKENS, "max_completion_tokens"));

    /**
     * The features checked for one target model, in catalog order: from the model's mapping rows (chat, streaming,
     * tools, json, json_schema, vision, responses, embeddings) and from the inventory (streaming, tools, JSON output,
     * response_format, developer messages, max tokens, the responses and embeddings endpoints). An embeddings-only
     * model gets only the embeddings checks.
     */
    static List<String> features(MigrationPlan plan, String model) {
        return features(plan, model, new Rows(plan));
    }

    private static List<String> features(MigrationPlan plan, String model, Rows rows) {
        Set<String> row = rows.features(model);
        Inventory inv = plan.inventory();
        Parameters p = inv.parameters();
        Set<String> out = new LinkedHashSet<>();
        boolean embeddings = row.contains("embeddings") || (inv.endpoints().contains("embeddings") && looksLikeEmbeddingModel(model));
        if (chatModel(model, rows)) {
            boolean stream = streams(plan, model, rows);
            out.add(Check.CHAT);
            if (stream) {
                out.add(Check.STREAMING);
                out.add(Check.STREAMING_NO_USAGE);
            }
            if (row.contains("tools") || p.tools()) {
                out.add(Check.TOOLS);
                if (stream) {
                    out.add(Check.TOOLS_STREAM);
                }
                out.add(Check.TOOLS_PARALLEL);
            }
            String format = p.responseFormat().strip().toLowerCase(Locale.ROOT);
            if (row.contains("json") || p.jsonOutput() && !format.equals("json_schema") || format.equals("json_object")) {
                out.add(Check.JSON);
            }
            if (row.contains("json_schema") || row.contains(Check.JSON_SCHEMA) || format.equals("json_schema")) {
                out.add(Check.JSON_SCHEMA);
            }
            String shape = inv.messageShape().toLowerCase(Locale.ROOT);
            if (row.contains("vision") || shape.contains("image") || shape.contains("vision") || shape.contains("multimodal")) {
                out.add(Check.VISION);
            }
            if (row.contains("developer") || shape.contains("developer")) {
                out.add(Check.DEVELOPER_ROLE);
            }
            if (p.maxTokens() != null || row.contains("max_tokens")) {
                out.add(Check.MAX_TOKENS);
                out.add(Check.MAX_COMPLETION_TOKENS);
            }
            if (row.contains("responses") || inv.endpoints().contains("responses")) {
                out.add(Check.RESPONSES);
                out.add(Check.RESPONSES_STREAM);
            }
        }
        if (embeddings) {
            out.add(Check.EMBEDDINGS);
            out.add(Check.EMBEDDINGS_BASE64);
        }
        out.addAll(FamilyChecks.features(plan, model, row));
        return List.copyOf(out);
    }

    /**
     * The plan's mapping rows by target model, built once per suite: looking them up per model was quadratic in the
     * number of mappings (20,000 rows took 22 s to list one check).
     */
    private static final class Rows {
        private final Map<String, List<ModelMapping>> byTarget = new java.util.HashMap<>();
        private final Map<String, Set<String>> features = new java.util.HashMap<>();

        /** The rows that move: a kept provider's models get no check. */
        Rows(MigrationPlan plan) {
            for (ModelMapping m : plan.migratingMappings()) {
                byTarget.computeIfAbsent(m.targetModel(), k -> new ArrayList<>()).add(m);
                Set<String> row = features.computeIfAbsent(m.targetModel(), k -> new LinkedHashSet<>());
                m.features().forEach(f -> row.add(f.strip().toLowerCase(Locale.ROOT)));
            }
        }

        Set<String> features(String model) {
            return features.getOrDefault(model, Set.of());
        }

        List<ModelMapping> of(String model) {
            return byTarget.getOrDefault(model, List.of());
        }
    }

    /** Whether a model answers chat: not when its rows name only embeddings, or it has no rows and looks like one. */
    static boolean chatModel(MigrationPlan plan, String model) {
        return chatModel(model, new Rows(plan));
    }

    private static boolean chatModel(String model, Rows rows) {
        Set<String> row = rows.features(model);
        if (!row.isEmpty()) {
            return !FamilyChecks.nonChat(row);
        }
        return !looksLikeEmbeddingModel(model) && !FamilyChecks.looksLikeMediaModel(model);
    }

    /**
     * Whether a target model serves an endpoint, for a request check whose body names no model: chat models chat and
     * Responses; image, speech, moderation and transcription models their family (by their mapping rows' features, or without
     * family features by their names, as the family checks choose them); embeddings the models that are neither.
     */
    private static boolean serves(RequestCheck.Api api, String model, Rows rows) {
        Set<String> row = rows.features(model);
        return switch (api) {
            case CHAT, RESPONSES -> chatModel(model, rows);
            case EMBEDDINGS -> !chatModel(model, rows) && FamilyChecks.serving(model, row).isEmpty();
            case IMAGES -> FamilyChecks.serving(model, row).contains(FamilyChecks.IMAGES);
            case IMAGE_EDITS -> FamilyChecks.serving(model, row).contains(FamilyChecks.IMAGE_EDITS);
            case SPEECH -> FamilyChecks.serving(model, row).contains(FamilyChecks.SPEECH);
            case MODERATIONS -> FamilyChecks.serving(model, row).contains(FamilyChecks.MODERATIONS);
            case TRANSCRIPTIONS -> FamilyChecks.serving(model, row).contains(FamilyChecks.TRANSCRIPTIONS);
            // translations: whisper-1's (the -transcribe models that stream do not translate)
            case TRANSLATIONS -> FamilyChecks.serving(model, row).contains(FamilyChecks.TRANSLATIONS)
                    || FamilyChecks.serving(model, row).contains(FamilyChecks.TRANSCRIPTIONS)
                    && !FamilyChecks.streamsTranscripts(model.toLowerCase(Locale.ROOT));
        };
    }

    private static boolean looksLikeEmbeddingModel(String model) {
        return model.toLowerCase(Locale.ROOT).contains("embed");
    }

    /**
     * For compare mode: each per-model target check paired with the same check on the current provider, asking the
     * model the mapping maps from. Per-target checks are paired with themselves on the source.
     */
    public static Map<Check, Check> sourcePairs(MigrationPlan plan, List<Check> targetChecks) {
        Map<String, String> sourceOf = new LinkedHashMap<>();
        for (ModelMapping m : plan.migratingMappings()) {
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

    /**
     * Which model {@code check} sends, in words, before it runs (the check editor's model picker): the target model
     * the plan maps its body's model to, the model as written, or — a body without one — each mapped target model that
     * serves its endpoint, chosen as the suite chooses them.
     */
    public static String requestModelNote(MigrationPlan plan, RequestCheck check) {
        String w = check.model();
        if (w.isEmpty()) {
            Rows rows = new Rows(plan);
            List<String> fit = RequestChecks.fitting(check, models(plan), (api, m) -> serves(api, m, rows));
            String kind = RequestChecks.modelKind(check.api());
            return fit.isEmpty() ? "No model in the body and no " + kind + " model mapped: map one in step 3."
                    : "No model in the body: it runs once on every mapped " + kind + " model (" + String.join(", ", fit)
                    + ").";
        }
        return RequestChecks.mapped(plan, w).map(t -> "Sent to " + t + ": the plan maps " + w + " to it.")
                .orElse("Sent as written (" + w + "): the plan does not map this model.");
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
    private static boolean streams(MigrationPlan plan, String model, Rows index) {
        if (plan.inventory().parameters().stream()) {
            return true;
        }
        List<ModelMapping> rows = index.of(model);
        return rows.isEmpty() || rows.stream().anyMatch(m -> m.features().isEmpty() || m.uses(Check.STREAMING));
    }
}
