package ai.flatkey.migrate.ui.step.rollout;

import ai.flatkey.migrate.plan.ItemStatus;
import ai.flatkey.migrate.secrets.KeyResolver;
import ai.flatkey.migrate.smoke.RollbackProof;
import ai.flatkey.migrate.smoke.Gates;
import ai.flatkey.migrate.smoke.SmokeListener;
import ai.flatkey.migrate.smoke.SmokeService;
import ai.flatkey.migrate.ui.support.Background;
import ai.flatkey.migrate.ui.support.BackgroundTask;
import ai.flatkey.migrate.ui.support.Tone;
import ai.flatkey.migrate.ui.support.Bind;
import ai.flatkey.migrate.ui.support.Notifier;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.Rollback;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.ui.support.Validation;
import javafx.beans.Observable;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Step 6, Rollout &amp; rollback: the staged rollout (status, owner, date and note per stage) and the rollback
 * configuration (previous base URL, model, key reference, when it was proved). Writes the plan's {@code rollout} and
 * {@code rollback}.
 */
public final class RolloutViewModel {

    private final PlanDocument doc;
    private final ObservableList<StageRow> stages = FXCollections.observableArrayList(
            r -> new Observable[]{r.status, r.note, r.owner, r.date});
    private final javafx.beans.property.ObjectProperty<StageRow> selectedStage =
            new javafx.beans.property.SimpleObjectProperty<>(this, "selectedStage");
    /** Every stage whose typed date is not a date, one sentence each (empty when all are fine). */
    public final StringBinding stageProblems = Bind.text(() -> String.join(" ",
            stages.stream().filter(r -> !r.dateErrorProperty().get().isEmpty())
                    .map(r -> r.titleProperty().get() + " — " + r.dateErrorProperty().get()).toList()), stages);
    public final StringProperty rollbackBaseUrl = new SimpleStringProperty(this, "rollbackBaseUrl", "");
    public final StringProperty rollbackModel = new SimpleStringProperty(this, "rollbackModel", "");
    public final StringProperty rollbackKeyRef = new SimpleStringProperty(this, "rollbackKeyRef", "");
    public final StringProperty rollbackNotes = new SimpleStringProperty(this, "rollbackNotes", "");
    public final StringBinding rollbackBaseUrlError = Bind.text(() -> Validation.baseUrl(rollbackBaseUrl.get()), rollbackBaseUrl);
    public final StringBinding rollbackKeyRefError = Bind.text(() -> Validation.keyRef(rollbackKeyRef.get()), rollbackKeyRef);
    public final StringBinding rollbackStatus;
    public final StringBinding progress;
    public final StringBinding envPreview;
    private final StringProperty errorRate = new SimpleStringProperty(this, "errorRate", "—");
    private final StringProperty p95 = new SimpleStringProperty(this, "p95", "—");
    private final StringProperty costPer1k = new SimpleStringProperty(this, "costPer1k", "—");
    private final StringProperty measuredFrom = new SimpleStringProperty(this, "measuredFrom", "");
    private final BooleanProperty proving = new SimpleBooleanProperty(this, "proving");
    private final StringProperty proof = new SimpleStringProperty(this, "proof", "");
    private final ObjectProperty<Tone> proofTone = new SimpleObjectProperty<>(this, "proofTone", Tone.NEUTRAL);
    private final BooleanBinding targetIsDemo;
    private final RollbackProof prover;
    private final Background background;
    /** The rollback proof; one at a time. */
    private final BackgroundTask.Slot proofs;
    private final Notifier notifier;
    private boolean loading;
    /** The rollback settings a rehearsal on the demo replaced, until restored or another plan is opened. */
    private final ObjectProperty<Rollback> keptForRehearsal = new SimpleObjectProperty<>(this, "keptForRehearsal");
    private final StringProperty rehearsal = new SimpleStringProperty(this, "rehearsal", "");
    private final BooleanBinding canRestore = Bind.flag(() -> keptForRehearsal.get() != null, keptForRehearsal);

    /** The basic checks a rollback proof runs: the catalog and a chat completion. */
    public static final String PROOF_CHECKS = RollbackProof.CHECKS;

    public RolloutViewModel(PlanDocument doc, KeyResolver keys, SmokeService smoke, Background background) {
        this(doc, new RollbackProof(smoke, keys), background, new Notifier());
    }

    public RolloutViewModel(PlanDocument doc, RollbackProof prover, Background background, Notifier notifier) {
        this.notifier = notifier;
        this.doc = doc;
        this.prover = prover;
        this.background = background;
        this.proofs = new BackgroundTask.Slot(background);
        stages.addListener((ListChangeListener<StageRow>) c -> {
            if (!stages.contains(selectedStage.get())) {
                selectedStage.set(stages.isEmpty() ? null : stages.get(0));
            }
        });
        targetIsDemo = Bind.flag(() -> doc.plan().target().isDemo()
                && !doc.plan().target().baseUrl().isBlank(), doc.planProperty());
        doc.planProperty().addListener((o, a, b) -> {
            measure(b);
            if (a != null && a.rollback().isProved() && !b.rollback().isProved() && !proving.get()) {
                sayProof("The rollback settings changed after they were proved: prove the rollback again.", Tone.WARNING);
            }
        });
        stages.addListener((ListChangeListener<StageRow>) c -> saveStages());
        List.of(rollbackBaseUrl, rollbackModel, rollbackKeyRef, rollbackNotes).forEach(p -> p.addListener(o -> saveRollback()));
        rollbackStatus = Bind.text(() -> doc.plan().rollback().isReady()
                ? "Rollback is ready: restoring these values is an environment change, not a code change."
                : "Record the previous base URL and model so the old setup can be restored without code changes.", doc.planProperty());
        progress = Bind.text(() -> {
            long done = stages.stream().filter(s -> s.status.get() != ItemStatus.OPEN).count();
            return done + " of " + stages.size() + " stages done. Move to the next stage only when its gate holds.";
        }, stages);
        envPreview = Bind.text(() -> {
            MigrationPlan p = doc.plan();
            String model = p.targetModels().isEmpty() ? "(map a model in step 3)" : p.targetModels().get(0);
            return "OPENAI_BASE_URL=" + orDash(p.target().baseUrl()) + "\n"
                    + "FLATKEY_MODEL=" + model + "\n"
                    + "ROLLBACK_OPENAI_BASE_URL=" + orDash(p.rollback().baseUrl()) + "\n"
                    + "ROLLBACK_MODEL=" + orDash(p.rollback().model());
        }, doc.planProperty());
        doc.openedProperty().addListener((o, a, b) -> {
            keptForRehearsal.set(null);
            rehearsal.set("");
        });
        doc.revisionProperty().addListener((o, a, b) -> {
            load(doc.plan());
            showStoredProof(doc.plan().rollback());
        });
        load(doc.plan());
        showStoredProof(doc.plan().rollback());
    }

    /** The stage shown in the editor under the table (the first one after a load). */
    public javafx.beans.property.ObjectProperty<StageRow> selectedStageProperty() {
        return selectedStage;
    }

    public ReadOnlyStringProperty errorRateProperty() {
        return errorRate;
    }

    public ReadOnlyStringProperty p95Property() {
        return p95;
    }

    public ReadOnlyStringProperty costPer1kProperty() {
        return costPer1k;
    }

    /** Which run the figures come from. */
    public ReadOnlyStringProperty measuredFromProperty() {
        return measuredFrom;
    }

    public ReadOnlyBooleanProperty provingProperty() {
        return proving;
    }

    /** The outcome of the last rollback proof, in a sentence. */
    public ReadOnlyStringProperty proofProperty() {
        return proof;
    }

    /** How the proof's outcome reads. */
    public ReadOnlyObjectProperty<Tone> proofToneProperty() {
        return proofTone;
    }

    /** Whether the plan targets the embedded demo gateway (the rollback can then be rehearsed on it). */
    public BooleanBinding targetIsDemoProperty() {
        return targetIsDemo;
    }

    /**
     * For a demo: points the rollback at the embedded demo gateway with the previous model, so the proof can be
     * rehearsed offline. Rollback settings of a real provider already there are not lost: they are kept, the step says
     * so, and {@link #restoreRollback()} puts them back. A message about an earlier proof is replaced (it was about the
     * settings just replaced).
     */
    public void rehearseOnDemo() {
        MigrationPlan p = doc.plan();
        String demoUrl = p.target().baseUrl();
        Rollback now = p.rollback();
        if (keptForRehearsal.get() == null && !now.baseUrl().isBlank() && !now.baseUrl().equals(demoUrl)) {
            keptForRehearsal.set(now);
        }
        rollbackBaseUrl.set(demoUrl);
        rollbackKeyRef.set("demo");
        if (rollbackModel.get().isBlank()) {
            rollbackModel.set(p.inventory().productionModel());
        }
        Rollback kept = keptForRehearsal.get();
        rehearsal.set(kept == null ? "" : "Rehearsing on the demo gateway. Your rollback settings (" + kept.baseUrl()
                + (kept.keyRef().isBlank() ? "" : ", key " + kept.keyRef()) + ") are kept: Restore puts them back. Until then"
                + " the plan holds the demo's.");
        if (!proving.get()) {
            sayProof("The rollback now points at the demo gateway: Prove rollback to rehearse it.", Tone.NEUTRAL);
        }
    }

    /** Puts back the rollback settings a rehearsal on the demo replaced; nothing when there are none. */
    public void restoreRollback() {
        Rollback kept = keptForRehearsal.get();
        if (kept == null) {
            return;
        }
        keptForRehearsal.set(null);
        rehearsal.set("");
        rollbackBaseUrl.set(kept.baseUrl());
        rollbackModel.set(kept.model());
        rollbackKeyRef.set(kept.keyRef());
        if (!proving.get()) {
            sayProof("Your rollback settings are back (" + kept.baseUrl() + "): prove them when that provider can be reached.",
                    Tone.NEUTRAL);
        }
    }

    /** What a rehearsal on the demo did with the rollback settings it replaced ("" when it replaced none). */
    public ReadOnlyStringProperty rehearsalProperty() {
        return rehearsal;
    }

    /** Whether rollback settings replaced by a rehearsal can be put back. */
    public BooleanBinding canRestoreProperty() {
        return canRestore;
    }

    /**
     * Proves the rollback configuration still answers: runs the basic checks ({@value #PROOF_CHECKS}) against the
     * rollback base URL with the rollback key and model. Marks the checklist's rollback item done with the evidence.
     */
    public void proveRollback() {
        if (proving.get()) {
            return;
        }
        MigrationPlan plan = doc.plan();
        Rollback rb = plan.rollback();
        proving.set(true);
        sayProof("Running the basic checks against " + rb.baseUrl() + " with " + rb.model() + "…", Tone.NEUTRAL);
        proofs.start(BackgroundTask.of(c -> prover.prove(plan, SmokeListener.NONE, c)).onSuccess(this::proved)
                .onCancelled(() -> sayProof("Rollback proof cancelled.", Tone.WARNING))
                .onError(RollbackProof.NotStartable.class, e -> proofFailed(switch (e.problem()) {
                    case NOT_READY -> "Fill in the previous base URL and model first.";
                    case NO_KEY -> e.getMessage() + " Set that variable (or use the keychain), then prove again.";
                }))
                .onError(error -> {
                    proofFailed("The rollback proof stopped: " + error.getMessage());
                    notifier.error("The rollback proof stopped", error.getMessage() + " Check the previous base URL and key in step 6.");
                })
                .andFinally(() -> proving.set(false)));
    }

    private void proved(RollbackProof.Outcome outcome) {
        if (!outcome.passed()) {
            proofFailed(outcome.failure() + " Fix it before ramping up: a rollback that does not answer is no rollback.");
            notifier.error("The rollback did not answer", outcome.failure() + " Fix the rollback settings in step 6 before ramping up.");
        } else if (!outcome.stillCurrent(doc.plan())) {
            sayProof("The basic checks passed against " + outcome.rollback().baseUrl() + " with " + outcome.rollback().model()
                    + ", but the rollback settings changed meanwhile: prove the rollback again.", Tone.WARNING);
        } else {
            sayProof(outcome.evidence(), Tone.SUCCESS);
            doc.edit(p -> outcome.applyTo(p, java.time.Clock.systemUTC()));
        }
    }

    /** Cancels a running rollback proof. */
    public void cancelProof() {
        proofs.cancel();
    }

    private void showStoredProof(Rollback rb) {
        if (rb.isProved()) {
            sayProof("Rollback proved " + rb.provedWhen() + ": the basic checks passed against " + rb.baseUrl() + " with "
                    + rb.model() + ".", Tone.SUCCESS);
        } else {
            sayProof("", Tone.NEUTRAL);
        }
    }

    private void proofFailed(String message) {
        sayProof(message, Tone.DANGER);
    }

    private void sayProof(String message, Tone tone) {
        proof.set(message);
        proofTone.set(tone);
    }

    private void measure(MigrationPlan plan) {
        Gates.Evaluation gates = Gates.evaluate(plan);
        Gates.Measurements m = gates.measurements();
        errorRate.set(m.errorRateText());
        p95.set(m.p95Text());
        costPer1k.set(m.costText());
        measuredFrom.set(gates.basis());
        for (int i = 0; i < stages.size() && i < gates.stages().size(); i++) {
            stages.get(i).gate(gates.stages().get(i).reading());
        }
    }

    public ObservableList<StageRow> stages() {
        return stages;
    }

    /** Fills empty rollback fields from the inventory and the source endpoint. */
    public void fillFromInventory() {
        MigrationPlan p = doc.plan();
        if (rollbackBaseUrl.get().isBlank()) {
            rollbackBaseUrl.set(!p.inventory().currentBaseUrl().isBlank() ? p.inventory().currentBaseUrl() : p.source().baseUrl());
        }
        if (rollbackModel.get().isBlank()) {
            rollbackModel.set(p.inventory().productionModel());
        }
        if (rollbackKeyRef.get().isBlank()) {
            rollbackKeyRef.set(p.source().keyRef());
        }
    }

    private void load(MigrationPlan plan) {
        loading = true;
        try {
            stages.setAll(IntStream.range(0, plan.rollout().size()).mapToObj(i -> new StageRow(i, plan.rollout().get(i))).toList());
            selectedStage.set(stages.isEmpty() ? null : stages.get(0));
            measure(plan);
            Rollback rb = plan.rollback();
            rollbackBaseUrl.set(rb.baseUrl());
            rollbackModel.set(rb.model());
            rollbackKeyRef.set(rb.keyRef());
            rollbackNotes.set(rb.notes());
        } finally {
            loading = false;
        }
    }

    private void saveStages() {
        if (!loading) {
            doc.edit(p -> p.withRollout(stages.stream().map(StageRow::toStage).toList()));
        }
    }

    private void saveRollback() {
        if (loading) {
            return;
        }
        Rollback old = doc.plan().rollback();
        String url = rollbackBaseUrlError.get().isEmpty() ? rollbackBaseUrl.get() : old.baseUrl();
        String ref = rollbackKeyRefError.get().isEmpty() ? rollbackKeyRef.get() : old.keyRef();
        doc.edit(p -> p.withRollback(p.rollback().edited(url, rollbackModel.get(), ref, rollbackNotes.get())));
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? "(not set)" : s;
    }
}
