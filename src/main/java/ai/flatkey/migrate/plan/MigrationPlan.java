package ai.flatkey.migrate.plan;

import java.util.List;

/**
 * The whole migration plan: the spine every wizard step reads and writes, and every export renders.
 * Holds key <em>references</em> only (see {@link Endpoint#keyRef()}), never key values.
 */
public record MigrationPlan(
        int schemaVersion,
        String name,
        Inventory inventory,
        Endpoint source,
        Endpoint target,
        List<ModelMapping> mappings,
        List<SmokeRun> smokeRuns,
        List<ChecklistItem> checklist,
        List<RolloutStage> rollout,
        Rollback rollback,
        String updatedAt,
        List<RequestCheck> requestChecks,
        List<String> checkFiles,
        List<String> replayPrompts,
        Reconciliation reconciliation,
        List<Confirmation> confirmations,
        Double budgetUsd,
        List<RequestCheck> fileChecks) {

    /**
     * The schema version this build writes. 1: the first plans; 2: adds custom checks, replay prompts, the
     * reconciliation, confirmations, a budget and typed prices; 3: adds an owner and a date per rollout stage and
     * when the rollback was proved; 4: request checks (an endpoint, the body as written, assertions) kept in the plan
     * ({@code requestChecks}) or in check files it references ({@code checkFiles}), replacing the custom checks
     * (converted on load), and each check result's assertion outcomes. Older files are migrated; newer ones open
     * read-only.
     */
    public static final int SCHEMA_VERSION = 4;

    public MigrationPlan {
        name = name == null || name.isBlank() ? "Untitled migration" : name;
        inventory = inventory == null ? Inventory.empty() : inventory;
        source = source == null ? Endpoint.empty() : source;
        target = target == null ? Endpoint.flatkey() : target;
        mappings = Lists.copy(mappings);
        smokeRuns = Lists.copy(smokeRuns);
        checklist = Lists.copy(checklist);
        rollout = rollout == null ? RolloutStage.defaults() : List.copyOf(rollout);
        rollback = rollback == null ? Rollback.empty() : rollback;
        updatedAt = updatedAt == null ? "" : updatedAt;
        requestChecks = Lists.copy(requestChecks);
        checkFiles = Lists.copy(checkFiles).stream().map(String::strip).filter(f -> !f.isEmpty()).distinct().toList();
        fileChecks = Lists.copy(fileChecks);
        replayPrompts = Lists.copy(replayPrompts).stream().filter(p -> !p.isBlank()).toList();
        confirmations = Lists.copy(confirmations);
        budgetUsd = budgetUsd == null || budgetUsd.isNaN() || budgetUsd < 0 ? null : budgetUsd;
    }

    /** A plan without verification data or check files. */
    public MigrationPlan(int schemaVersion, String name, Inventory inventory, Endpoint source, Endpoint target,
                         List<ModelMapping> mappings, List<SmokeRun> smokeRuns, List<ChecklistItem> checklist,
                         List<RolloutStage> rollout, Rollback rollback, String updatedAt, List<RequestCheck> requestChecks,
                         List<String> replayPrompts) {
        this(schemaVersion, name, inventory, source, target, mappings, smokeRuns, checklist, rollout, rollback, updatedAt,
                requestChecks, List.of(), replayPrompts, null, List.of(), null, List.of());
    }

    /** A plan without request checks or replay prompts. */
    public MigrationPlan(int schemaVersion, String name, Inventory inventory, Endpoint source, Endpoint target,
                         List<ModelMapping> mappings, List<SmokeRun> smokeRuns, List<ChecklistItem> checklist,
                         List<RolloutStage> rollout, Rollback rollback, String updatedAt) {
        this(schemaVersion, name, inventory, source, target, mappings, smokeRuns, checklist, rollout, rollback, updatedAt,
                List.of(), List.of(), List.of(), null, List.of(), null, List.of());
    }

    /** A new plan that targets Flatkey, with the runbook's rollout stages. */
    public static MigrationPlan newPlan(String name) {
        return new MigrationPlan(SCHEMA_VERSION, name, Inventory.empty(), Endpoint.empty(), Endpoint.flatkey(),
                List.of(), List.of(), List.of(), RolloutStage.defaults(), Rollback.empty(), "");
    }

    public MigrationPlan withName(String value) {
        return new MigrationPlan(schemaVersion, value, inventory, source, target, mappings, smokeRuns, checklist, rollout, rollback, updatedAt, requestChecks, checkFiles, replayPrompts, reconciliation, confirmations, budgetUsd, fileChecks);
    }

    public MigrationPlan withInventory(Inventory value) {
        return new MigrationPlan(schemaVersion, name, value, source, target, mappings, smokeRuns, checklist, rollout, rollback, updatedAt, requestChecks, checkFiles, replayPrompts, reconciliation, confirmations, budgetUsd, fileChecks);
    }

    public MigrationPlan withSource(Endpoint value) {
        return new MigrationPlan(schemaVersion, name, inventory, value, target, mappings, smokeRuns, checklist, rollout, rollback, updatedAt, requestChecks, checkFiles, replayPrompts, reconciliation, confirmations, budgetUsd, fileChecks);
    }

    public MigrationPlan withTarget(Endpoint value) {
        return new MigrationPlan(schemaVersion, name, inventory, source, value, mappings, smokeRuns, checklist, rollout, rollback, updatedAt, requestChecks, checkFiles, replayPrompts, reconciliation, confirmations, budgetUsd, fileChecks);
    }

    public MigrationPlan withMappings(List<ModelMapping> value) {
        return new MigrationPlan(schemaVersion, name, inventory, source, target, value, smokeRuns, checklist, rollout, rollback, updatedAt, requestChecks, checkFiles, replayPrompts, reconciliation, confirmations, budgetUsd, fileChecks);
    }

    public MigrationPlan withSmokeRuns(List<SmokeRun> value) {
        return new MigrationPlan(schemaVersion, name, inventory, source, target, mappings, value, checklist, rollout, rollback, updatedAt, requestChecks, checkFiles, replayPrompts, reconciliation, confirmations, budgetUsd, fileChecks);
    }

    /** Appends a run, keeping the most recent {@code keep} runs so a later run can be compared with an earlier one. */
    public MigrationPlan withSmokeRunAdded(SmokeRun run, int keep) {
        List<SmokeRun> runs = new java.util.ArrayList<>(smokeRuns);
        runs.add(run);
        while (runs.size() > Math.max(1, keep)) {
            runs.remove(0);
        }
        return withSmokeRuns(runs);
    }

    public MigrationPlan withChecklist(List<ChecklistItem> value) {
        return new MigrationPlan(schemaVersion, name, inventory, source, target, mappings, smokeRuns, value, rollout, rollback, updatedAt, requestChecks, checkFiles, replayPrompts, reconciliation, confirmations, budgetUsd, fileChecks);
    }

    public MigrationPlan withRollout(List<RolloutStage> value) {
        return new MigrationPlan(schemaVersion, name, inventory, source, target, mappings, smokeRuns, checklist, value, rollback, updatedAt, requestChecks, checkFiles, replayPrompts, reconciliation, confirmations, budgetUsd, fileChecks);
    }

    public MigrationPlan withRollback(Rollback value) {
        return new MigrationPlan(schemaVersion, name, inventory, source, target, mappings, smokeRuns, checklist, rollout, value, updatedAt, requestChecks, checkFiles, replayPrompts, reconciliation, confirmations, budgetUsd, fileChecks);
    }

    public MigrationPlan withUpdatedAt(String value) {
        return new MigrationPlan(schemaVersion, name, inventory, source, target, mappings, smokeRuns, checklist, rollout, rollback, value, requestChecks, checkFiles, replayPrompts, reconciliation, confirmations, budgetUsd, fileChecks);
    }

    /** The request checks kept in the plan (imported or written in the wizard). */
    public MigrationPlan withRequestChecks(List<RequestCheck> value) {
        return new MigrationPlan(schemaVersion, name, inventory, source, target, mappings, smokeRuns, checklist, rollout, rollback,
                updatedAt, value, checkFiles, replayPrompts, reconciliation, confirmations, budgetUsd, fileChecks);
    }

    /** The check files the plan references, relative to the plan file's folder. */
    public MigrationPlan withCheckFiles(List<String> value) {
        return new MigrationPlan(schemaVersion, name, inventory, source, target, mappings, smokeRuns, checklist, rollout, rollback,
                updatedAt, requestChecks, value, replayPrompts, reconciliation, confirmations, budgetUsd, fileChecks);
    }

    /** The checks read from {@link #checkFiles()} when the plan was opened (never written into the plan). */
    public MigrationPlan withFileChecks(List<RequestCheck> value) {
        return new MigrationPlan(schemaVersion, name, inventory, source, target, mappings, smokeRuns, checklist, rollout, rollback,
                updatedAt, requestChecks, checkFiles, replayPrompts, reconciliation, confirmations, budgetUsd, value);
    }

    /** Every request check: the plan's own, then those of its check files, in file order. */
    public List<RequestCheck> allRequestChecks() {
        List<RequestCheck> all = new java.util.ArrayList<>(requestChecks);
        all.addAll(fileChecks);
        return List.copyOf(all);
    }

    public MigrationPlan withReplayPrompts(List<String> value) {
        return new MigrationPlan(schemaVersion, name, inventory, source, target, mappings, smokeRuns, checklist, rollout, rollback,
                updatedAt, requestChecks, checkFiles, value, reconciliation, confirmations, budgetUsd, fileChecks);
    }

    public MigrationPlan withReconciliation(Reconciliation value) {
        return new MigrationPlan(schemaVersion, name, inventory, source, target, mappings, smokeRuns, checklist, rollout, rollback,
                updatedAt, requestChecks, checkFiles, replayPrompts, value, confirmations, budgetUsd, fileChecks);
    }

    public MigrationPlan withConfirmations(List<Confirmation> value) {
        return new MigrationPlan(schemaVersion, name, inventory, source, target, mappings, smokeRuns, checklist, rollout, rollback,
                updatedAt, requestChecks, checkFiles, replayPrompts, reconciliation, value, budgetUsd, fileChecks);
    }

    /** Records a manual confirmation, replacing an earlier one for the same item. */
    public MigrationPlan withConfirmation(Confirmation value) {
        List<Confirmation> all = new java.util.ArrayList<>(confirmations);
        all.removeIf(c -> c.itemId().equals(value.itemId()));
        all.add(value);
        return withConfirmations(all);
    }

    public MigrationPlan withBudgetUsd(Double value) {
        return new MigrationPlan(schemaVersion, name, inventory, source, target, mappings, smokeRuns, checklist, rollout, rollback,
                updatedAt, requestChecks, checkFiles, replayPrompts, reconciliation, confirmations, value, fileChecks);
    }

    /** The reconciliation of the latest run, if it reconciles that run. */
    public java.util.Optional<Reconciliation> latestReconciliation() {
        return latestRun().filter(r -> reconciliation != null && reconciliation.runStartedAt().equals(r.startedAt()))
                .map(r -> reconciliation);
    }

    /** The most recent smoke run, if any. */
    public java.util.Optional<SmokeRun> latestRun() {
        return smokeRuns.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(smokeRuns.get(smokeRuns.size() - 1));
    }

    /** The person's status and note for a checklist item, or an open item with no note. */
    public ChecklistItem checklistItem(String id) {
        return checklist.stream().filter(i -> i.id().equals(id)).findFirst()
                .orElse(new ChecklistItem(id, ItemStatus.OPEN, ""));
    }

    /** Records the person's status and note for one checklist item. */
    public MigrationPlan withChecklistItem(ChecklistItem item) {
        List<ChecklistItem> items = new java.util.ArrayList<>(checklist);
        items.removeIf(i -> i.id().equals(item.id()));
        items.add(item);
        return withChecklist(items);
    }

    /** What is wrong with values kept as written (a rollout date that is not a date), one sentence each. */
    public List<String> problems() {
        return rollout.stream().map(RolloutStage::dateProblem).filter(p -> !p.isEmpty()).toList();
    }

    /**
     * The mapping rows that move: every row except those whose current model is sent only to providers the person
     * decided to keep (see {@link Inventory#isKept}).
     */
    public List<ModelMapping> migratingMappings() {
        return mappings.stream().filter(m -> !inventory.isKept(m.sourceModel())).toList();
    }

    /** The Azure deployments the migrating rows map to {@code targetModel}: a check on that model stands in for them. */
    public List<String> deploymentsBehind(String targetModel) {
        return migratingMappings().stream().filter(m -> m.targetModel().equals(targetModel) && inventory.isDeployment(m.sourceModel()))
                .map(ModelMapping::sourceModel).distinct().toList();
    }

    /**
     * A checked target model in words: "gpt-4o (behind deployment gpt4o-prod)" when it stands in for Azure deployments,
     * else the ID as it is.
     */
    public String checkedModelLabel(String model) {
        List<String> d = model == null || model.isBlank() ? List.of() : deploymentsBehind(model);
        return d.isEmpty() ? model : model + " (behind deployment" + (d.size() == 1 ? " " : "s ") + String.join(", ", d) + ")";
    }

    /** The target model IDs the migrating rows map to, in mapping order, without blanks or repeats. */
    public List<String> targetModels() {
        return migratingMappings().stream().map(ModelMapping::targetModel)
                .filter(m -> m != null && !m.isBlank()).distinct().toList();
    }
}
