package ai.flatkey.migrate.ui.step.rollout;

import ai.flatkey.migrate.plan.ItemStatus;
import ai.flatkey.migrate.ui.components.BoundCells;
import ai.flatkey.migrate.ui.components.Forms;
import ai.flatkey.migrate.ui.components.StatusConverter;
import ai.flatkey.migrate.ui.components.StepView;
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

    public RolloutView(RolloutViewModel vm) {
        TableView<StageRow> table = new TableView<>(vm.stages());
        table.setId("rollout-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setFixedCellSize(52);
        table.prefHeightProperty().bind(table.fixedCellSizeProperty().multiply(8).add(36));
        table.setMinHeight(Region.USE_PREF_SIZE);
        TableColumn<StageRow, StageRow> no = BoundCells.column("#", 36);
        no.setMinWidth(36);
        no.setMaxWidth(36);
        no.setCellFactory(BoundCells.label(StageRow::numberProperty, null));
        TableColumn<StageRow, StageRow> name = BoundCells.column("Stage", 190);
        name.setCellFactory(BoundCells.label(StageRow::nameProperty, null));
        TableColumn<StageRow, StageRow> gate = BoundCells.column("Gate", 220);
        gate.setCellFactory(BoundCells.label(StageRow::gateProperty, r -> new javafx.beans.property.SimpleStringProperty("text-muted")));
        TableColumn<StageRow, StageRow> status = BoundCells.column("Status", 100);
        status.setCellFactory(BoundCells.choice(StageRow::statusProperty,
                FXCollections.observableArrayList(ItemStatus.values()), false, new StatusConverter()));
        TableColumn<StageRow, StageRow> measured = BoundCells.column("Measured", 200);
        measured.setCellFactory(BoundCells.label(StageRow::measuredProperty, StageRow::measuredStyleProperty));
        status.setMinWidth(110);
        TableColumn<StageRow, StageRow> ownerDate = BoundCells.column("Owner / date", 130);
        ownerDate.setMinWidth(110);
        ownerDate.setCellFactory(BoundCells.label(StageRow::ownerAndDateProperty, StageRow::ownerAndDateStyleProperty));
        table.getColumns().add(no);
        table.getColumns().add(name);
        table.getColumns().add(gate);
        table.getColumns().add(measured);
        table.getColumns().add(status);
        table.getColumns().add(ownerDate);
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
        Node editor = stageEditor(vm);
        Label problems = Forms.messageLabel(vm.stageProblems, "field-error");
        problems.setId("rollout-date-problems");

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
        Button rehearse = new Button("Rehearse on the demo gateway");
        rehearse.setId("rollback-rehearse-demo");
        rehearse.setOnAction(e -> vm.rehearseOnDemo());
        rehearse.visibleProperty().bind(vm.targetIsDemoProperty());
        rehearse.managedProperty().bind(rehearse.visibleProperty());
        rehearse.setMinWidth(Region.USE_PREF_SIZE);
        ProgressIndicator spin = new ProgressIndicator();
        spin.getStyleClass().add("small-spinner");
        spin.visibleProperty().bind(vm.provingProperty());
        spin.managedProperty().bind(spin.visibleProperty());
        Label proof = Forms.messageLabel(vm.proofProperty(), "step-status");
        proof.setId("rollback-proof");
        vm.proofStyleProperty().addListener((o, was, now) -> {
            proof.getStyleClass().removeAll("text-success", "text-danger", "text-warning");
            if (now != null && !now.isEmpty()) {
                proof.getStyleClass().add(now);
            }
        });
        Label proofHelp = Forms.text("Runs the basic checks (" + RolloutViewModel.PROOF_CHECKS
                + ") against the previous base URL with the previous key and model.", "field-help");
        Button fill = new Button("Fill from inventory");
        fill.setId("rollback-fill");
        fill.setOnAction(e -> vm.fillFromInventory());

        Label env = new Label();
        env.setId("rollout-env");
        env.getStyleClass().add("code-block");
        env.setMaxWidth(Double.MAX_VALUE);
        env.textProperty().bind(vm.envPreview);

        root = Forms.page("step-rollout", "Rollout & rollback",
                "Move traffic in stages, each with a gate, and keep the old configuration one environment change away.",
                Forms.section("Measurements", null, readouts(vm), Forms.messageLabel(vm.measuredFromProperty(), "field-help")),
                Forms.section("Stages", "Gate: what must hold before the next stage. Measured: what the plan's evidence says about it.",
                        Forms.messageLabel(vm.progress, "field-help"), table, problems, editor),
                Forms.section("Rollback", null, Forms.messageLabel(vm.rollbackStatus, "field-help"), actionRow(fill, rehearse), rb,
                        actionRow(prove, cancelProof, spin), proofHelp, proof),
                Forms.section("Environment at a glance", "The variables the app reads after the change, and the ones that undo it.", env));
    }

    /**
     * The selected stage's editor: status, owner, date and notes, bound to the row the table selects. Every field has
     * a label and an accessible name that says which stage it belongs to.
     */
    private static Node stageEditor(RolloutViewModel vm) {
        Label heading = new Label();
        heading.setId("stage-editor-title");
        heading.getStyleClass().add("form-label");
        javafx.scene.control.ComboBox<ItemStatus> status = new javafx.scene.control.ComboBox<>(
                FXCollections.observableArrayList(ItemStatus.values()));
        status.setId("stage-status");
        status.setConverter(new StatusConverter());
        TextField owner = new TextField();
        owner.setId("stage-owner");
        owner.setPromptText("a person or a team");
        TextField date = new TextField();
        date.setId("stage-date");
        date.setPromptText("YYYY-MM-DD");
        date.setPrefColumnCount(12);
        date.setMaxWidth(200);
        TextArea note = new TextArea();
        note.setId("stage-note");
        note.setPrefRowCount(2);
        note.setWrapText(true);
        note.setPromptText("What you saw: numbers, links, request IDs");
        javafx.beans.property.SimpleStringProperty ownerError = new javafx.beans.property.SimpleStringProperty("");
        javafx.beans.property.SimpleStringProperty dateError = new javafx.beans.property.SimpleStringProperty("");
        GridPane g = Forms.grid();
        Forms.row(g, "Status", status, null, null);
        Forms.row(g, "Owner", owner, ownerError, "Who moves this stage forward and answers for its gate.");
        Forms.row(g, "Date", date, dateError, "When it is due, or when it was done: YYYY-MM-DD, e.g. 2026-12-01.");
        Forms.row(g, "Notes / evidence", note, null, null);
        StageRow[] bound = new StageRow[1];
        java.util.function.Consumer<StageRow> bind = row -> {
            StageRow was = bound[0];
            if (was != null) {
                status.valueProperty().unbindBidirectional(was.statusProperty());
                owner.textProperty().unbindBidirectional(was.ownerProperty());
                date.textProperty().unbindBidirectional(was.dateProperty());
                note.textProperty().unbindBidirectional(was.noteProperty());
            }
            heading.textProperty().unbind();
            ownerError.unbind();
            dateError.unbind();
            bound[0] = row;
            boolean none = row == null;
            g.setDisable(none);
            if (none) {
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
        };
        vm.selectedStageProperty().addListener((o, was, now) -> bind.accept(now));
        bind.accept(vm.selectedStageProperty().get());
        javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(8, heading, g);
        box.setId("stage-editor");
        box.getStyleClass().add("stage-editor");
        return box;
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
