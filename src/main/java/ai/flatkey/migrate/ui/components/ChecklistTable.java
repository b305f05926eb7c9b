package ai.flatkey.migrate.ui.components;

import ai.flatkey.migrate.plan.ItemStatus;
import ai.flatkey.migrate.ui.support.Tone;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** The checklist's table: status (editable), item, evidence and note (editable). */
public final class ChecklistTable {
    private ChecklistTable() {
    }

    /** A checklist table (status / item / evidence / note), shared by steps 5 and 7. */
    public static TableView<ChecklistRow> of(String id, ObservableList<ChecklistRow> rows) {
        TableView<ChecklistRow> table = new TableView<>(rows);
        table.setId(id);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setFixedCellSize(66);
        TableColumn<ChecklistRow, ChecklistRow> status = BoundCells.column("Status", 100);
        status.setCellFactory(BoundCells.choice(ChecklistRow::statusProperty,
                FXCollections.observableArrayList(ItemStatus.values()), false, new StatusConverter()));
        TableColumn<ChecklistRow, ChecklistRow> title = BoundCells.column("Item", 230);
        title.setCellFactory(BoundCells.label(ChecklistRow::titleProperty, ChecklistRow::statusToneProperty));
        TableColumn<ChecklistRow, ChecklistRow> evidence = BoundCells.column("Evidence", 300);
        evidence.setCellFactory(BoundCells.label(ChecklistRow::evidenceProperty, Tone.MUTED));
        TableColumn<ChecklistRow, ChecklistRow> note = BoundCells.column("Note", 200);
        note.setCellFactory(BoundCells.text(ChecklistRow::noteProperty, "your note"));
        table.getColumns().add(status);
        table.getColumns().add(title);
        table.getColumns().add(evidence);
        table.getColumns().add(note);
        return table;
    }
}
