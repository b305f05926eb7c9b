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
        TableColumn<StageRow, StageRow> note = BoundCells.column("Note / evidence", 160);
        note.setCellFactory(BoundCells.text(StageRow::noteProperty, "what you saw"));
        table.getColumns().add(no);
        table.getColumns().add(name);
        table.getColumns().add(gate);
        table.getColumns().add(measured);
        table.getColumns().add(status);
        table.getColumns().add(note);

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
                        Forms.messageLabel(vm.progress, "field-help"), table),
                Forms.section("Rollback", null, Forms.messageLabel(vm.rollbackStatus, "field-help"), actionRow(fill, rehearse), rb,
                        actionRow(prove, cancelProof, spin), proofHelp, proof),
                Forms.section("Environment at a glance", "The variables the app reads after the change, and the ones that undo it.", env));
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
