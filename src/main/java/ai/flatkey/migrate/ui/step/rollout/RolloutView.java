package ai.flatkey.migrate.ui.step.rollout;

import ai.flatkey.migrate.plan.ItemStatus;
import ai.flatkey.migrate.ui.components.BoundCells;
import ai.flatkey.migrate.ui.components.Forms;
import ai.flatkey.migrate.ui.components.Tones;
import ai.flatkey.migrate.ui.components.StatusConverter;
import ai.flatkey.migrate.ui.components.StepView;
import ai.flatkey.migrate.ui.support.Tone;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import ai.flatkey.migrate.ui.theme.Icons;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;

/** Step 6 view: the stage table and the rollback form. */
public final class RolloutView implements StepView {

    private final Node root;
    private final RolloutViewModel vm;

    public RolloutView(RolloutViewModel vm) {
        this.vm = vm;
        Label problems = Forms.messageLabel(vm.stageProblems, "field-error");
        problems.setId("rollout-date-problems");
        root = Forms.page("step-rollout", "Rollout & rollback",
                "Move traffic in stages, each with a gate, and keep the old configuration one environment change away.",
                Forms.section("Measurements", null, readouts(vm), Forms.messageLabel(vm.measuredFromProperty(), "field-help")),
                Forms.section("Stages", "Gate: what must hold before the next stage. Measured: what the plan's evidence says about it.",
                        Forms.messageLabel(vm.progress, "field-help"), stagesTable(), problems, stageEditor(vm)),
                rollbackSection(),
                Forms.section("Environment at a glance", "The variables the app reads after the change, and the ones that undo it.", envPreview()));
    }

    /** The stages with their gates and what was measured; selecting one edits it below (kept in step with the ViewModel). */
    private TableView<StageRow> stagesTable() {
        TableView<StageRow> table = new TableView<>(vm.stages());
        table.setId("rollout-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setFixedCellSize(52);
        table.prefHeightProperty().bind(table.fixedCellSizeProperty().multiply(8).add(36));
        table.setMinHeight(Region.USE_PREF_SIZE);
        table.getColumns().addAll(stageColumns());
        table.setAccessibleText("Rollout stages. Select a stage to edit its status, owner, date and notes below the table.");
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && now != vm.selectedStageProperty().get()) {
                vm.selectedStageProperty().set(now);
            }
        });
        vm.selectedStageProperty().addListener((o, was, now) -> {
            if (now != null && table.getSelectionModel().getSelectedItem() != now) {
                table.getSelectionModel().select(now);
            }
        });
        if (vm.selectedStageProperty().get() != null) {
            table.getSelectionModel().select(vm.selectedStageProperty().get());
        }
        return table;
    }

    private static java.util.List<TableColumn<StageRow, StageRow>> stageColumns() {
        TableColumn<StageRow, StageRow> no = BoundCells.column("#", 36);
        no.setMinWidth(36);
        no.setMaxWidth(36);
        no.setCellFactory(BoundCells.label(StageRow::numberProperty));
        TableColumn<StageRow, StageRow> name = BoundCells.column("Stage", 190);
        name.setCellFactory(BoundCells.label(StageRow::nameProperty));
        TableColumn<StageRow, StageRow> gate = BoundCells.column("Gate", 220);
        gate.setCellFactory(BoundCells.label(StageRow::gateProperty, Tone.MUTED));
        TableColumn<StageRow, StageRow> status = BoundCells.column("Status", 100);
        status.setCellFactory(BoundCells.choice(StageRow::statusProperty,
                FXCollections.observableArrayList(ItemStatus.values()), false, new StatusConverter()));
        TableColumn<StageRow, StageRow> measured = BoundCells.column("Measured", 200);
        measured.setCellFactory(BoundCells.label(StageRow::measuredProperty, StageRow::measuredToneProperty));
        status.setMinWidth(110);
        TableColumn<StageRow, StageRow> ownerDate = BoundCells.column("Owner / date", 130);
        ownerDate.setMinWidth(110);
        ownerDate.setCellFactory(BoundCells.label(StageRow::ownerAndDateProperty, StageRow::ownerAndDateToneProperty));
        return java.util.List.of(no, name, gate, measured, status, ownerDate);
    }

    /** Where to roll back to, filling it in, rehearsing it on the demo gateway and proving it. */
    private Node rollbackSection() {
        Button fill = new Button("Fill from inventory");
        fill.setId("rollback-fill");
        fill.setOnAction(e -> vm.fillFromInventory());
        Label proofHelp = Forms.text("Runs the basic checks (" + RolloutViewModel.PROOF_CHECKS
                + ") against the previous base URL with the previous key and model.", "field-help");
        Label rehearsal = Forms.messageLabel(vm.rehearsalProperty(), "field-warning");
        rehearsal.setId("rollback-rehearsal");
        return Forms.section("Rollback", null, Forms.messageLabel(vm.rollbackStatus, "field-help"),
                actionRow(fill, rehearseButton(), restoreButton()), rehearsal, rollbackGrid(), proofActions(), proofHelp, proof());
    }

    private GridPane rollbackGrid() {
        GridPane rb = Forms.grid();
        Forms.row(rb, "Previous base URL", field("rollback-base-url", vm.rollbackBaseUrl, "https://api.openai.com/v1"),
                vm.rollbackBaseUrlError, "ROLLBACK_OPENAI_BASE_URL");
        Forms.row(rb, "Previous model", field("rollback-model", vm.rollbackModel, "your previous model ID"), null, "ROLLBACK_MODEL");
        Forms.row(rb, "Previous key reference", field("rollback-key-ref", vm.rollbackKeyRef, "env:OPENAI_API_KEY"),
                vm.rollbackKeyRefError, "Where the old key is kept. Never the key itself.");
        TextArea notes = new TextArea();
        notes.setId("rollback-notes");
        notes.setPrefRowCount(2);
        notes.setWrapText(true);
        notes.setPromptText("Who can flip it back, how long it takes, what to watch");
        notes.textProperty().bindBidirectional(vm.rollbackNotes);
        Forms.row(rb, "Notes", notes, null, null);
        return rb;
    }

    private Button rehearseButton() {
        Button rehearse = new Button("Rehearse on the demo gateway");
        rehearse.setId("rollback-rehearse-demo");
        rehearse.setOnAction(e -> vm.rehearseOnDemo());
        rehearse.visibleProperty().bind(vm.targetIsDemoProperty());
        rehearse.managedProperty().bind(rehearse.visibleProperty());
        rehearse.setMinWidth(Region.USE_PREF_SIZE);
        return rehearse;
    }

    /** Puts back the rollback settings a rehearsal replaced; shown while there are some. */
    private Button restoreButton() {
        Button restore = new Button("Restore my rollback settings", Icons.icon(Icons.REFRESH));
        restore.setId("rollback-restore");
        restore.setOnAction(e -> vm.restoreRollback());
        restore.visibleProperty().bind(vm.canRestoreProperty());
        restore.managedProperty().bind(restore.visibleProperty());
        restore.setMinWidth(Region.USE_PREF_SIZE);
        return restore;
    }

    /** Prove rollback and cancel, with a spinner while the proof runs. */
    private javafx.scene.layout.HBox proofActions() {
        Button prove = new Button("Prove rollback", Icons.icon(Icons.SHIELD));
        prove.setId("rollback-prove");
        prove.getStyleClass().add("accent");
        prove.disableProperty().bind(vm.provingProperty());
        prove.setOnAction(e -> vm.proveRollback());
        prove.setMinWidth(Region.USE_PREF_SIZE);
        Button cancelProof = new Button("Cancel", Icons.icon(Icons.CANCEL));
        cancelProof.setId("rollback-prove-cancel");
        cancelProof.disableProperty().bind(vm.provingProperty().not());
        cancelProof.setOnAction(e -> vm.cancelProof());
        cancelProof.setMinWidth(Region.USE_PREF_SIZE);
        ProgressIndicator spin = new ProgressIndicator();
        spin.getStyleClass().add("small-spinner");
        spin.visibleProperty().bind(vm.provingProperty());
        spin.managedProperty().bind(spin.visibleProperty());
        return actionRow(prove, cancelProof, spin);
    }

    /** What the last proof found, coloured by its outcome. */
    private Label proof() {
        Label proof = Forms.messageLabel(vm.proofProperty(), "step-status");
        proof.setId("rollback-proof");
        Tones.bind(proof, vm.proofToneProperty());
        return proof;
    }

    private Label envPreview() {
        Label env = new Label();
        env.setId("rollout-env");
        env.getStyleClass().add("code-block");
        env.setMaxWidth(Double.MAX_VALUE);
        env.textProperty().bind(vm.envPreview);
        return env;
    }

    /**
     * The selected stage's editor: status, owner, date and notes, bound to the row the table selects. Every field has
     * a label and an accessible name that says which stage it belongs to.
     */
    private static Node stageEditor(RolloutViewModel vm) {
        StageEditor editor = new StageEditor();
        vm.selectedStageProperty().addListener((o, was, now) -> editor.bind(now));
        editor.bind(vm.selectedStageProperty().get());
        javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(8, editor.heading, editor.grid);
        box.setId("stage-editor");
        box.getStyleClass().add("stage-editor");
        return box;
    }

    /** The stage editor's fields and the row they are bound to. */
    private static final class StageEditor {
        final Label heading = new Label();
        final javafx.scene.control.ComboBox<ItemStatus> status = new javafx.scene.control.ComboBox<>(
                FXCollections.observableArrayList(ItemStatus.values()));
        final TextField owner = new TextField();
        final TextField date = new TextField();
        final TextArea note = new TextArea();
        final javafx.beans.property.SimpleStringProperty ownerError = new javafx.beans.property.SimpleStringProperty("");
        final javafx.beans.property.SimpleStringProperty dateError = new javafx.beans.property.SimpleStringProperty("");
        final GridPane grid = Forms.grid();
        private StageRow bound;

        StageEditor() {
            heading.setId("stage-editor-title");
            heading.getStyleClass().add("form-label");
            status.setId("stage-status");
            status.setConverter(new StatusConverter());
            owner.setId("stage-owner");
            owner.setPromptText("a person or a team");
            date.setId("stage-date");
            date.setPromptText("YYYY-MM-DD");
            date.setPrefColumnCount(12);
            date.setMaxWidth(200);
            note.setId("stage-note");
            note.setPrefRowCount(2);
            note.setWrapText(true);
            note.setPromptText("What you saw: numbers, links, request IDs");
            Forms.row(grid, "Status", status, null, null);
            Forms.row(grid, "Owner", owner, ownerError, "Who moves this stage forward and answers for its gate.");
            Forms.row(grid, "Date", date, dateError, "When it is due, or when it was done: YYYY-MM-DD, e.g. 2026-12-01.");
            Forms.row(grid, "Notes / evidence", note, null, null);
        }

        /** Moves the fields to {@code row}; with no row, the editor is disabled and says so. */
        void bind(StageRow row) {
            unbind();
            bound = row;
            grid.setDisable(row == null);
            if (row == null) {
                heading.setText("No stage selected");
                return;
            }
            status.valueProperty().bindBidirectional(row.statusProperty());
            owner.textProperty().bindBidirectional(row.ownerProperty());
            date.textProperty().bindBidirectional(row.dateProperty());
            note.textProperty().bindBidirectional(row.noteProperty());
            heading.textProperty().bind(row.titleProperty());
            ownerError.bind(row.ownerErrorProperty());
            dateError.bind(row.dateErrorProperty());
            String which = row.titleProperty().get();
            status.setAccessibleText("Status of " + which);
            owner.setAccessibleText("Owner of " + which);
            date.setAccessibleText("Date of " + which + ", as year-month-day");
            note.setAccessibleText("Notes and evidence for " + which);
        }

        private void unbind() {
            if (bound != null) {
                status.valueProperty().unbindBidirectional(bound.statusProperty());
                owner.textProperty().unbindBidirectional(bound.ownerProperty());
                date.textProperty().unbindBidirectional(bound.dateProperty());
                note.textProperty().unbindBidirectional(bound.noteProperty());
            }
            heading.textProperty().unbind();
            ownerError.unbind();
            dateError.unbind();
        }
    }

    private static javafx.scene.layout.FlowPane readouts(RolloutViewModel vm) {
        return new javafx.scene.layout.FlowPane(10, 10,
                readout("rollout-error-rate", "Error rate", vm.errorRateProperty()),
                readout("rollout-p95", "p95 latency", vm.p95Property()),
                readout("rollout-cost-1k", "Cost per 1,000 requests", vm.costPer1kProperty()));
    }

    private static javafx.scene.layout.VBox readout(String id, String label, javafx.beans.value.ObservableValue<String> value) {
        Label v = new Label();
        v.setId(id);
        v.getStyleClass().add("readout-value");
        v.textProperty().bind(value);
        Label l = new Label(label);
        l.getStyleClass().add("readout-label");
        javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(v, l);
        box.getStyleClass().add("readout");
        return box;
    }

    private static javafx.scene.layout.HBox actionRow(Node... nodes) {
        javafx.scene.layout.HBox h = new javafx.scene.layout.HBox(10, nodes);
        h.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return h;
    }

    private static TextField field(String id, javafx.beans.property.StringProperty p, String prompt) {
        TextField t = new TextField();
        t.setId(id);
        t.setPromptText(prompt);
        t.textProperty().bindBidirectional(p);
        return t;
    }

    @Override
    public Node root() {
        return root;
    }
}
