package ai.flatkey.migrate.ui.step.rollout;

import ai.flatkey.migrate.plan.ItemStatus;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.Rollback;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.ui.support.Validation;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Step 6, Rollout &amp; rollback: the staged rollout (status and note per stage) and the rollback configuration
 * (previous base URL, model, key reference). Writes the plan's {@code rollout} and {@code rollback}.
 */
public final class RolloutViewModel {

    private final PlanDocument doc;
    private final ObservableList<StageRow> stages = FXCollections.observableArrayList(r -> new Observable[]{r.status, r.note});
    public final StringProperty rollbackBaseUrl = new SimpleStringProperty(this, "rollbackBaseUrl", "");
    public final StringProperty rollbackModel = new SimpleStringProperty(this, "rollbackModel", "");
    public final StringProperty rollbackKeyRef = new SimpleStringProperty(this, "rollbackKeyRef", "");
    public final StringProperty rollbackNotes = new SimpleStringProperty(this, "rollbackNotes", "");
    public final StringBinding rollbackBaseUrlError = Bindings.createStringBinding(() -> Validation.baseUrl(rollbackBaseUrl.get()), rollbackBaseUrl);
    public final StringBinding rollbackKeyRefError = Bindings.createStringBinding(() -> Validation.keyRef(rollbackKeyRef.get()), rollbackKeyRef);
    public final StringBinding rollbackStatus;
    public final StringBinding progress;
    public final StringBinding envPreview;
    private boolean loading;

    public RolloutViewModel(PlanDocument doc) {
        this.doc = doc;
        stages.addListener((ListChangeListener<StageRow>) c -> saveStages());
        List.of(rollbackBaseUrl, rollbackModel, rollbackKeyRef, rollbackNotes).forEach(p -> p.addListener(o -> saveRollback()));
        rollbackStatus = Bindings.createStringBinding(() -> doc.plan().rollback().isReady()
                ? "Rollback is ready: restoring these values is an environment change, not a code change."
                : "Record the previous base URL and model so the old setup can be restored without code changes.", doc.planProperty());
        progress = Bindings.createStringBinding(() -> {
            long done = stages.stream().filter(s -> s.status.get() != ItemStatus.OPEN).count();
            return done + " of " + stages.size() + " stages done. Move to the next stage only when its gate holds.";
        }, stages);
        envPreview = Bindings.createStringBinding(() -> {
            MigrationPlan p = doc.plan();
            String model = p.targetModels().isEmpty() ? "(map a model in step 3)" : p.targetModels().get(0);
            return "OPENAI_BASE_URL=" + orDash(p.target().baseUrl()) + "\n"
                    + "FLATKEY_MODEL=" + model + "\n"
                    + "ROLLBACK_OPENAI_BASE_URL=" + orDash(p.rollback().baseUrl()) + "\n"
                    + "ROLLBACK_MODEL=" + orDash(p.rollback().model());
        }, doc.planProperty());
        doc.revisionProperty().addListener((o, a, b) -> load(doc.plan()));
        load(doc.plan());
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
        doc.edit(p -> p.withRollback(new Rollback(url, rollbackModel.get(), ref, rollbackNotes.get())));
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? "(not set)" : s;
    }
}
