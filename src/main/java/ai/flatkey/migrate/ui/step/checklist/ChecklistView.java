package ai.flatkey.migrate.ui.step.checklist;

import ai.flatkey.migrate.plan.ItemStatus;
import ai.flatkey.migrate.ui.components.BoundCells;
import ai.flatkey.migrate.ui.components.Forms;
import ai.flatkey.migrate.ui.components.StatusConverter;
import ai.flatkey.migrate.ui.components.StepView;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;

/** Step 7 view: checklist table, Markdown preview and export. */
public final class ChecklistView implements StepView {

    private final Node root;

    public ChecklistView(ChecklistViewModel vm) {
        TableView<ChecklistRow> table = checklistTable("checklist-table", vm.rows());
        table.prefHeightProperty().bind(table.fixedCellSizeProperty().multiply(11).add(36));
        table.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);

        TextArea preview = new TextArea();
        preview.setId("markdown-preview");
        preview.setEditable(false);
        preview.getStyleClass().add("mono");
        preview.setPrefRowCount(16);
        preview.textProperty().bind(vm.previewProperty());

        Button export = new Button("Export Markdown…");
        export.setId("export-markdown");
        export.getStyleClass().add("accent");
        export.disableProperty().bind(vm.exportingProperty());
        export.setOnAction(e -> vm.exportMarkdown());
        export.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label msg = Forms.messageLabel(vm.exportMessageProperty(), "field-help");
        msg.setId("export-message");
        vm.exportStyleProperty().addListener((o, was, now) -> {
            msg.getStyleClass().removeAll("text-success", "text-danger");
            if (now != null && !now.isEmpty()) {
                msg.getStyleClass().add(now);
            }
        });
        HBox actions = new HBox(12, export, msg);
        actions.setAlignment(Pos.CENTER_LEFT);

        root = Forms.page("step-checklist", "Checklist & export",
                "Review every item, mark what you confirmed by hand, and export the checklist for the pull request. No key is ever exported.",
                Forms.messageLabel(vm.progressProperty(), "step-status"),
                Forms.section("Export", "Markdown for the pull request. The preview below is exactly what is written.", actions),
                Forms.section("Checklist", "Status comes from the plan's evidence unless you set it. Notes are saved in the plan.", table),
                Forms.section("Markdown preview", null, preview));
    }

    /** A checklist table (status / item / evidence / note), shared with step 5. */
    public static TableView<ChecklistRow> checklistTable(String id, ObservableList<ChecklistRow> rows) {
        TableView<ChecklistRow> table = new TableView<>(rows);
        table.setId(id);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setFixedCellSize(66);
        TableColumn<ChecklistRow, ChecklistRow> status = BoundCells.column("Status", 100);
        status.setCellFactory(BoundCells.choice(ChecklistRow::statusProperty,
                FXCollections.observableArrayList(ItemStatus.values()), false, new StatusConverter()));
        TableColumn<ChecklistRow, ChecklistRow> title = BoundCells.column("Item", 230);
        title.setCellFactory(BoundCells.label(ChecklistRow::titleProperty, ChecklistRow::statusStyleProperty));
        TableColumn<ChecklistRow, ChecklistRow> evidence = BoundCells.column("Evidence", 300);
        evidence.setCellFactory(BoundCells.label(ChecklistRow::evidenceProperty, r -> new javafx.beans.property.SimpleStringProperty("text-muted")));
        TableColumn<ChecklistRow, ChecklistRow> note = BoundCells.column("Note", 200);
        note.setCellFactory(BoundCells.text(ChecklistRow::noteProperty, "your note"));
        table.getColumns().add(status);
        table.getColumns().add(title);
        table.getColumns().add(evidence);
        table.getColumns().add(note);
        return table;
    }

    @Override
    public Node root() {
        return root;
    }
}
