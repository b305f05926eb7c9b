package ai.flatkey.migrate.ui.step.mapping;

import ai.flatkey.migrate.ui.components.BoundCells;
import ai.flatkey.migrate.ui.components.Forms;
import ai.flatkey.migrate.ui.components.StepView;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;

/** Step 3 view: the editable mapping table with add / remove / seed. */
public final class MappingView implements StepView {

    private final Node root;
    private final MappingViewModel vm;

    public MappingView(MappingViewModel vm) {
        this.vm = vm;
        TableView<MappingRow> table = new TableView<>(vm.rows());
        table.setId("mapping-table");
        table.setEditable(true);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No mappings yet. Add a row, or fill in the production model in step 1 and press \"Add models from inventory\"."));
        table.setPrefHeight(240);

        TableColumn<MappingRow, MappingRow> src = BoundCells.column("Current model ID", 170);
        src.setCellFactory(BoundCells.text(MappingRow::sourceProperty, "e.g. gpt-4o-mini"));
        TableColumn<MappingRow, MappingRow> tgt = BoundCells.column("Target model ID", 190);
        tgt.setCellFactory(BoundCells.choice(MappingRow::targetProperty, vm.catalogIds(), true, null));
        TableColumn<MappingRow, MappingRow> feats = BoundCells.column("Features used", 170);
        feats.setCellFactory(BoundCells.text(MappingRow::featuresProperty, "chat, streaming, tools…"));
        TableColumn<MappingRow, MappingRow> notes = BoundCells.column("Notes", 130);
        notes.setCellFactory(BoundCells.text(MappingRow::notesProperty, ""));
        TableColumn<MappingRow, MappingRow> status = BoundCells.column("Status", 180);
        status.setCellFactory(BoundCells.label(MappingRow::statusProperty, MappingRow::statusStyleProperty));
        table.getColumns().add(src);
        table.getColumns().add(tgt);
        table.getColumns().add(feats);
        table.getColumns().add(notes);
        table.getColumns().add(status);

        Button add = new Button("Add row");
        add.setId("mapping-add");
        add.setOnAction(e -> {
            MappingRow r = vm.addRow();
            table.getSelectionModel().select(r);
            table.scrollTo(r);
        });
        Button remove = new Button("Remove selected");
        remove.setId("mapping-remove");
        remove.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> vm.removeRow(table.getSelectionModel().getSelectedItem()));
        Button seed = new Button("Add models from inventory");
        seed.setId("mapping-seed");
        seed.setOnAction(e -> vm.seedFromInventory());
        HBox buttons = new HBox(10, add, remove, seed);
        buttons.setAlignment(Pos.CENTER_LEFT);

        root = Forms.page("step-mapping", "Model mapping",
                "A compatible base URL does not mean the same model IDs. Map every model the app uses to one the target serves, per feature.",
                Forms.messageLabel(vm.summaryProperty(), "step-status"),
                Forms.section("Mappings", "Features: " + String.join(", ", MappingViewModel.FEATURES)
                        + ". Each feature × target model becomes a smoke check.", buttons, table));
    }

    @Override
    public void onShown() {
        vm.seedIfEmpty();
    }

    @Override
    public Node root() {
        return root;
    }
}
