package ai.flatkey.migrate.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The runbook's migration checklist, derived from the plan. Each item has a stable ID; its status is what the
 * person recorded, or else what the plan's own evidence shows (for example a passing smoke run marks the
 * smoke-test items done). Nothing is ever marked done without evidence or a person saying so.
 */
public final class Checklist {

    /** One line of the checklist as shown and exported. */
    public record Entry(String id, String title, ItemStatus status, String evidence, String note, boolean fromPerson) {
    }

    private Checklist() {
    }

    public static final String INVENTORY = "inventory";
    public static final String KEY = "key";
    public static final String BASE_URL = "base-url";
    public static final String MODEL = "model";
    /**
     * Each provider the app talks to (an inventory row) has a decision: migrate it or keep it. Listed only for a plan
     * with provider rows.
     */
    public static final String PROVIDERS = "providers";
    public static final String CURL = "curl-smoke";
    public static final String SDK = "sdk-smoke";
    public static final String FEATURES = "features";
    public static final String USAGE_LOG = "usage-log";
    public static final String BILLING = "billing";
    public static final String QUOTA = "quota";
    public static final String ROLLBACK = "rollback";
    /**
     * Image, audio and video endpoints (and the other families beyond chat): the runbook's "treat image or video
     * generation as a separate endpoint migration". Listed only for a plan that uses such a family.
     */
    public static final String FAMILIES = "families";

    /**
     * Not an item of its own: the runbook's checklist has no routing line. A manual confirmation with this ID (the
     * smoke requests went through the intended gateway path, not a stale direct-provider config) is the evidence for
     * {@link #BASE_URL}: a base URL left behind in some other config layer is what sends traffic the old way.
     */
    public static final String ROUTING = "routing";

    /** Derives every checklist entry from the plan. */
    public static List<Entry> derive(MigrationPlan plan) {
        Optional<SmokeRun> run = plan.latestRun();
        List<Entry> entries = new ArrayList<>();
        Inventory inv = plan.inventory();

        entries.add(entry(plan, INVENTORY, "Current SDK and endpoint are documented",
                inv.isDocumented() ? ItemStatus.DONE : ItemStatus.OPEN,
                inv.isDocumented() ? inv.sdk() + "; " + String.join(", ", inv.endpoints()) + "; model " + inv.productionModel()
                        : "Fill in the SDK, endpoint families and production model in step 1."));
        boolean hasKeyRef = !plan.target().keyRef().isBlank();
        entries.add(entry(plan, KEY, "Target key is created (a separate test key where possible)",
                hasKeyRef && run.map(SmokeRun::allPassed).orElse(false) ? ItemStatus.DONE : ItemStatus.OPEN,
                hasKeyRef ? "Key kept in " + Endpoint.describeKeyRef(plan.target().keyRef()) + " (never in this plan)" : "No key reference set in step 2."));
        boolean routed = confirmation(plan, ROUTING).isPresent();
        entries.add(entry(plan, BASE_URL, "Base URL is centralized in one config layer",
                routed ? ItemStatus.DONE : ItemStatus.OPEN,
                confirmed(plan, ROUTING, "Target base URL: " + or(plan.target().baseUrl(), "(not set)")
                        + ". Put it in OPENAI_BASE_URL, not in code."
                        + (routed ? " Routing through the intended gateway path was checked in step 5." : ""))));
        if (!inv.providers().isEmpty()) {
            entries.add(providers(plan));
        }
        entries.add(model(plan));
        // The chat check runs through the app's HTTP client; the curl line is only generated, so the item claims no curl run.
        entries.add(entry(plan, CURL, "Direct HTTP smoke test passes",
                run.map(r -> anyPassed(r, "chat")).orElse(false) ? ItemStatus.DONE : ItemStatus.OPEN,
                run.isEmpty() ? runEvidence(run, "chat") : "Chat check with the app's HTTP client: " + runEvidence(run, "chat")
                        + ". The equivalent curl command is saved with the check (JSON export); it was not run."));
        entries.add(entry(plan, SDK, "SDK smoke test passes with the SDK the app runs",
                ItemStatus.OPEN, "Run the app's own client against the target with the new environment."));
        entries.add(entry(plan, FEATURES, "Streaming / tools / JSON / vision features are tested",
                run.map(r -> anyPassed(r, "streaming") && !hasFailure(r)).orElse(false) ? ItemStatus.DONE : ItemStatus.OPEN,
                featureEvidence(run)));
        if (usesFamilies(inv, run)) {
            boolean allPassed = run.map(r -> {
                List<CheckResult> fam = r.results().stream().filter(x -> FAMILY_FEATURES.contains(x.feature())).toList();
                return !fam.isEmpty() && fam.stream().allMatch(CheckResult::passed);
            }).orElse(false);
            entries.add(entry(plan, FAMILIES, "Image, audio and video endpoints are migrated as separate endpoints",
                    allPassed ? ItemStatus.DONE : ItemStatus.OPEN, confirmed(plan, FAMILIES, familyEvidence(run))));
        }
        Optional<Reconciliation> rec = plan.latestReconciliation();
        boolean allMatch = rec.map(r -> !r.rows().isEmpty() && r.count(Reconciliation.Status.MATCH) == r.rows().size()).orElse(false);
        boolean costsLogged = rec.map(r -> !r.rows().isEmpty() && r.rows().stream().allMatch(x -> x.costLoggedUsd() != null
                && x.status() == Reconciliation.Status.MATCH)).orElse(false);
        boolean quotaBounded = rec.map(r -> r.quotaAfter() != null).orElse(false);
        Optional<String> dropDiffers = rec.flatMap(Checklist::dropDiffers);
        entries.add(entry(plan, USAGE_LOG, "Usage log is visible (model, status, tokens, errors)",
                allMatch ? ItemStatus.DONE : ItemStatus.OPEN,
                confirmed(plan, USAGE_LOG, rec.map(r -> r.count(Reconciliation.Status.MATCH) + " of " + r.rows().size()
                        + " smoke requests found in the gateway's log (" + r.source() + ")"
                        + mismatches(r)).orElse("Confirm the smoke requests appear in the gateway's usage log (step 5)."))));
        entries.add(entry(plan, BILLING, "Billing and pricing unit are reviewed",
                costsLogged && dropDiffers.isEmpty() ? ItemStatus.DONE : ItemStatus.OPEN,
                confirmed(plan, BILLING, rec.filter(r -> r.suiteCostUsd() != null || r.quotaDrop() != null)
                        .map(r -> money("Our estimate for the suite", r.suiteCostUsd()) + "; " + money("quota drop", r.quotaDrop())
                                + dropDiffers.orElse(""))
                        .orElse("Compare the cost the gateway shows with the expected model price."))));
        entries.add(entry(plan, QUOTA, "Quota limit is set on the test key",
                ItemStatus.OPEN,
                confirmed(plan, QUOTA, quotaBounded ? String.format(java.util.Locale.ROOT, "The key has $%.6f left after the suite;", rec.get().quotaAfter())
                        + " confirm a small limit is set before traffic ramps up." : "Set a small quota before traffic ramps up.")));
        Rollback rb = plan.rollback();
        entries.add(entry(plan, ROLLBACK, "Rollback env vars are ready",
                rb.isReady() ? ItemStatus.DONE : ItemStatus.OPEN,
                rb.isReady() ? "ROLLBACK_OPENAI_BASE_URL=" + rb.baseUrl() + ", ROLLBACK_MODEL=" + rb.model()
                        + (rb.isProved() ? "; proved (basic checks passed) on " + rb.provedWhen() : "; not proved yet (step 6)")
                        : "Record the previous base URL and model in step 6."));
        return entries;
    }

    /**
     * The providers item: done when every provider row has a decision; its evidence names the providers that move, the
     * ones kept out of the move (their models stay on them and get no mapping or smoke check) and the undecided ones.
     */
    private static Entry providers(MigrationPlan plan) {
        List<SourceProvider> all = plan.inventory().providers();
        List<String> parts = new ArrayList<>();
        List<SourceProvider> moving = all.stream().filter(p -> p.decision().equals(SourceProvider.MIGRATE)).toList();
        List<SourceProvider> kept = all.stream().filter(SourceProvider::isKept).toList();
        List<SourceProvider> open = all.stream().filter(p -> p.decision().isEmpty()).toList();
        if (!moving.isEmpty()) {
            parts.add("Migrate to the target: " + names(moving) + ".");
        }
        if (!kept.isEmpty()) {
            parts.add("Kept out of the move: " + names(kept) + ". " + (kept.size() == 1
                    ? "It keeps its own base URL and key, and its models get no mapping and no smoke check."
                    : "They keep their own base URLs and keys, and their models get no mapping and no smoke check."));
        }
        if (!open.isEmpty()) {
            parts.add("Not decided: " + names(open) + ". Choose migrate or keep for each in step 1.");
        }
        return entry(plan, PROVIDERS, "Each provider has a decision: migrate or keep",
                open.isEmpty() ? ItemStatus.DONE : ItemStatus.OPEN, String.join(" ", parts));
    }

    /** "Groq (llama-3.3-70b), Azure OpenAI (deployment: gpt4o-prod)". */
    private static String names(List<SourceProvider> rows) {
        return String.join(", ", rows.stream().map(p -> p.name() + " (" + p.sentText() + ")").toList());
    }

    /**
     * The model item: done when every migrating row has a target. An Azure deployment's row is named as a deployment,
     * and what is missing for it is the model behind it.
     */
    private static Entry model(MigrationPlan plan) {
        Inventory inv = plan.inventory();
        List<ModelMapping> rows = plan.migratingMappings();
        List<ModelMapping> open = rows.stream().filter(m -> m.targetModel().isBlank()).toList();
        boolean allMapped = !rows.isEmpty() && open.isEmpty();
        String evidence;
        if (allMapped) {
            evidence = String.join(", ", rows.stream().map(m -> inv.isDeployment(m.sourceModel())
                    ? "deployment " + m.sourceModel() + " \u2192 " + m.targetModel() : m.targetModel()).distinct().toList());
        } else {
            List<String> deployments = open.stream().map(ModelMapping::sourceModel).filter(inv::isDeployment).toList();
            evidence = deployments.isEmpty() ? "Map every current model ID in step 3."
                    : "Map every current model ID in step 3, and choose the model behind each Azure deployment: "
                    + String.join(", ", deployments) + ".";
        }
        return entry(plan, MODEL, "Model ID is selected from the target catalog", allMapped ? ItemStatus.DONE : ItemStatus.OPEN, evidence);
    }

    /** The evidence text, followed by the person's confirmation for the item if there is one. */
    private static String confirmed(MigrationPlan plan, String id, String evidence) {
        return confirmation(plan, id)
                .map(c -> evidence + " Confirmed by " + (c.who().isBlank() ? "someone" : c.who())
                        + (c.when().isBlank() ? "" : " on " + Instants.readable(c.when())) + (c.evidence().isBlank() ? "" : ": " + c.evidence()) + ".")
                .orElse(evidence);
    }

    private static Optional<Confirmation> confirmation(MigrationPlan plan, String id) {
        return plan.confirmations().stream().filter(c -> c.itemId().equals(id)).findFirst();
    }

    /**
     * When the key's quota dropped by more (or less) than the suite was estimated to cost, beyond 5 %: what to review
     * before the billing item can be called done (the billing unit, a model's price). Empty when they agree or either
     * is unknown.
     */
    private static Optional<String> dropDiffers(Reconciliation r) {
        Double drop = r.quotaDrop();
        Double est = r.suiteCostUsd();
        if (drop == null || est == null || Math.abs(drop - est) <= Math.max(0.000_01, est * 0.05)) {
            return Optional.empty();
        }
        long percent = est == 0 ? 100 : Math.round(Math.abs(drop - est) / est * 100);
        return Optional.of(String.format(java.util.Locale.ROOT, "; the quota dropped %d %% %s than estimated: review the"
                + " billing unit and each model's price before calling this done", percent, drop > est ? "more" : "less"));
    }

    private static String mismatches(Reconciliation r) {
        long m = r.count(Reconciliation.Status.MISMATCH);
        long nv = r.count(Reconciliation.Status.NOT_VISIBLE_YET);
        return (m > 0 ? "; " + m + " differ" : "") + (nv > 0 ? "; " + nv + " not visible yet" : "") + ".";
    }

    private static String money(String what, Double usd) {
        return usd == null ? what + ": unknown" : String.format(java.util.Locale.ROOT, "%s: $%.6f", what, usd);
    }

    /** How many entries are done (or not applicable) out of all. */
    public static long doneCount(List<Entry> entries) {
        return entries.stream().filter(e -> e.status() != ItemStatus.OPEN).count();
    }

    private static Entry entry(MigrationPlan plan, String id, String title, ItemStatus derived, String evidence) {
        ChecklistItem mine = plan.checklist().stream().filter(i -> i.id().equals(id)).findFirst().orElse(null);
        boolean fromPerson = mine != null && mine.status() != ItemStatus.OPEN;
        ItemStatus status = fromPerson ? mine.status() : derived;
        return new Entry(id, title, status, evidence, mine == null ? "" : mine.note(), fromPerson);
    }

    private static boolean anyPassed(SmokeRun run, String feature) {
        return run.results().stream().anyMatch(r -> feature.equals(r.feature()) && r.passed());
    }

    private static boolean hasFailure(SmokeRun run) {
        return run.results().stream().anyMatch(r -> !r.passed());
    }

    private static String runEvidence(Optional<SmokeRun> run, String feature) {
        if (run.isEmpty()) {
            return "No smoke run yet (step 4).";
        }
        List<CheckResult> rs = run.get().results().stream().filter(r -> feature.equals(r.feature())).toList();
        if (rs.isEmpty()) {
            return "No " + feature + " check in the latest run.";
        }
        return results(run.get(), feature) + " — run of " + run.get().when();
    }

    /** "m: pass (request r); n: fail" for the checks of one feature. */
    private static String results(SmokeRun run, String feature) {
        List<CheckResult> rs = run.results().stream().filter(r -> feature.equals(r.feature())).toList();
        StringBuilder sb = new StringBuilder();
        for (CheckResult r : rs) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(r.model()).append(": ").append(r.verdict().name().toLowerCase(java.util.Locale.ROOT));
            if (!r.requestId().isBlank()) {
                sb.append(" (request ").append(r.requestId()).append(')');
            }
        }
        return sb.toString();
    }

    /** The features this item names. */
    private static final List<String> FEATURE_NAMES = List.of("streaming", "tools", "json", "vision");

    /**
     * Each feature's results ("streaming: m: pass (request r)"), then the features the run did not check — the
     * item names four, and says which of them were tested.
     */
    private static String featureEvidence(Optional<SmokeRun> run) {
        if (run.isEmpty()) {
            return runEvidence(run, "streaming");
        }
        List<String> parts = new ArrayList<>();
        List<String> unchecked = new ArrayList<>();
        for (String feature : FEATURE_NAMES) {
            if (run.get().results().stream().anyMatch(r -> feature.equals(r.feature()))) {
                parts.add(feature + ": " + results(run.get(), feature));
            } else {
                unchecked.add(feature);
            }
        }
        String checked = parts.isEmpty() ? "None of these features was checked" : String.join("; ", parts);
        return checked + (unchecked.isEmpty() || parts.isEmpty() ? "" : "; not checked: " + String.join(", ", unchecked))
                + " — run of " + run.get().when();
    }

    /** The check features of the endpoint families beyond chat, in the order the evidence names them. */
    private static final List<String> FAMILY_FEATURES = List.of("images", "image-edits", "transcriptions",
            "transcription-formats", "transcription-stream", "translations", "speech", "moderations", "video", "files",
            "fine-tuning", "batches");
    /** Inventory endpoints that put the families item on the checklist. */
    private static final List<String> FAMILY_ENDPOINTS = List.of("images", "image-edits", "audio", "speech",
            "transcriptions", "translations", "video", "videos", "moderations", "files", "fine-tuning", "batches");

    private static boolean usesFamilies(Inventory inv, Optional<SmokeRun> run) {
        return inv.endpoints().stream().anyMatch(e -> FAMILY_ENDPOINTS.contains(e.strip().toLowerCase(java.util.Locale.ROOT)))
                || run.map(r -> r.results().stream().anyMatch(x -> FAMILY_FEATURES.contains(x.feature()))).orElse(false);
    }

    /**
     * Each family's verdicts ("images: gpt-image-1: pass (request r)"), and for a family the gateway lacks or gets
     * wrong, what to do: keep those calls on the current provider, with their own base URL and key.
     */
    private static String familyEvidence(Optional<SmokeRun> run) {
        if (run.isEmpty()) {
            return "No smoke run yet (step 4): the image, audio and video checks run there.";
        }
        List<String> parts = new ArrayList<>();
        boolean notPassed = false;
        for (String feature : FAMILY_FEATURES) {
            List<CheckResult> rs = run.get().results().stream().filter(r -> feature.equals(r.feature())).toList();
            if (rs.isEmpty()) {
                continue;
            }
            notPassed |= rs.stream().anyMatch(r -> !r.passed());
            parts.add(feature + ": " + (rs.get(0).model().isBlank()
                    ? rs.get(0).verdict().name().toLowerCase(java.util.Locale.ROOT) + (rs.get(0).ruleId().isBlank() ? ""
                    : " (" + rs.get(0).ruleId() + ")") : results(run.get(), feature)));
        }
        if (parts.isEmpty()) {
            return "The latest run checked none of the app's image, audio or video endpoints: map their models with "
                    + "these features in step 3 and run step 4. — run of " + run.get().when();
        }
        return String.join("; ", parts) + (notPassed ? ". Keep the families that did not pass on the current provider"
                + " (their own base URL and key), or move them to a gateway that has them" : "")
                + " — run of " + run.get().when();
    }

    private static String or(String s, String fallback) {
        return s == null || s.isBlank() ? fallback : s;
    }
}
