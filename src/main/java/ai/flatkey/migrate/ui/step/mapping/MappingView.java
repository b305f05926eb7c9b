package ai.flatkey.migrate.ui.step.mapping;

import ai.flatkey.migrate.ui.components.BoundCells;
import ai.flatkey.migrate.ui.components.Forms;
import ai.flatkey.migrate.ui.components.StepView;
import ai.flatkey.migrate.ui.components.Tones;
import ai.flatkey.migrate.ui.support.Tone;
import ai.flatkey.migrate.ui.theme.Icons;
import javafx.beans.property.Property;
import javafx.beans.value.ChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.controlsfx.control.textfield.TextFields;
import org.kordamp.ikonli.feather.Feather;

import java.util.Comparator;
import java.util.function.Function;

/**
 * Step 3 view: the mapping table (auto-complete of target IDs from the live catalog, feature toggles, prices,
 * filter and sort) with add / remove / seed / suggest / prices / CSV import and export.
 */
public final class MappingView implements StepView {

    private final Node root;
    private final MappingViewModel vm;

    public MappingView(MappingViewModel vm) {
        this.vm = vm;
        TableView<MappingRow> table = mappingTable();
        Label summary = Forms.messageLabel(vm.summaryProperty(), "step-status");
        summary.setId("mapping-summary");
        root = Forms.page("step-mapping", "Model mapping",
                "A compatible base URL does not mean the same model IDs. Map every model the app uses to one the target serves, per feature;"
                        + " for an Azure deployment, choose the model deployed behind it.",
                summary,
                Forms.section("Mappings", "Type in the target column to pick from the live catalog (best matches by name and vendor first). "
                                + "Each feature × target model becomes a smoke check. Prices are USD per 1M tokens.",
                        buttons(table), filterRow(), table, message()));
    }

    /** The mapping rows, filtered by the ViewModel and sorted by the table's own sort order. */
    private TableView<MappingRow> mappingTable() {
        TableView<MappingRow> table = new TableView<>();
        SortedList<MappingRow> sorted = new SortedList<>(vm.filteredRows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setId("mapping-table");
        table.setEditable(true);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.setPlaceholder(new Label("No mappings yet. Add a row, or fill in the production model in step 1 and press \"Add models from inventory\"."));
        table.setFixedCellSize(38);
        table.setPrefHeight(38 * 6 + 34);
        table.getColumns().addAll(columns());
        return table;
    }

    private java.util.List<TableColumn<MappingRow, MappingRow>> columns() {
        TableColumn<MappingRow, MappingRow> src = sortable("Current", 200, r -> r.source.get());
        src.setCellFactory(c -> new SourceCell());
        TableColumn<MappingRow, MappingRow> tgt = sortable("Target", 175, r -> r.target.get());
        tgt.setCellFactory(c -> new TargetCell(vm));
        TableColumn<MappingRow, MappingRow> feats = BoundCells.column("Features", 130);
        feats.setCellFactory(c -> new FeatureCell());
        TableColumn<MappingRow, MappingRow> in = BoundCells.column("In $", 66);
        in.setCellFactory(BoundCells.text(MappingRow::inputPriceProperty, "—"));
        TableColumn<MappingRow, MappingRow> out = BoundCells.column("Out $", 72);
        out.setCellFactory(BoundCells.text(MappingRow::outputPriceProperty, "—"));
        TableColumn<MappingRow, MappingRow> gw = BoundCells.column("Gateway $", 84);
        gw.setCellFactory(BoundCells.label(MappingRow::gatewayPriceProperty));
        TableColumn<MappingRow, MappingRow> notes = BoundCells.column("Notes", 70);
        notes.setCellFactory(BoundCells.text(MappingRow::notesProperty, ""));
        TableColumn<MappingRow, MappingRow> status = sortable("Status", 140, r -> r.status.get());
        status.setCellFactory(BoundCells.label(MappingRow::statusProperty, MappingRow::statusToneProperty));
        java.util.List<TableColumn<MappingRow, MappingRow>> columns = java.util.List.of(src, tgt, feats, in, out, gw, notes, status);
        // Short headers (the help above says the prices are USD per 1M tokens) and minimum widths that keep every
        // header whole in the smallest window (1024 px); the model IDs take the largest share of the spare width.
        double[] min = {90, 84, 96, 56, 60, 100, 64, 118};
        for (int i = 0; i < min.length; i++) {
            columns.get(i).setMinWidth(min[i]);
        }
        return columns;
    }

    /** Add / remove a row, seed from the inventory, suggest targets, load prices, CSV import and export. */
    private FlowPane buttons(TableView<MappingRow> table) {
        Button add = new Button("Add row", Icons.icon(Feather.PLUS));
        add.setId("mapping-add");
        add.setOnAction(e -> {
            vm.filterProperty().set("");
            MappingRow r = vm.addRow();
            table.getSelectionModel().select(r);
            table.scrollTo(r);
        });
        Button remove = new Button("Remove", Icons.icon(Feather.TRASH_2));
        remove.setId("mapping-remove");
        remove.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> vm.removeRow(table.getSelectionModel().getSelectedItem()));
        Button prices = button("mapping-prices", "Load gateway prices", Feather.DOLLAR_SIGN, vm::loadGatewayPrices);
        prices.disableProperty().bind(vm.pricesLoadingProperty());
        FlowPane buttons = new FlowPane(8, 8, add, remove,
                button("mapping-seed", "Add models from inventory", Icons.INVENTORY, vm::seedFromInventory),
                button("mapping-suggest", "Suggest targets", Feather.ZAP, vm::suggestTargets),
                prices,
                button("mapping-import", "Import CSV…", Feather.UPLOAD, vm::importCsv),
                button("mapping-export", "Export CSV…", Feather.DOWNLOAD, vm::exportCsv));
        for (Node n : buttons.getChildren()) {
            ((Region) n).setMinWidth(Region.USE_PREF_SIZE);
        }
        return buttons;
    }

    private static Button button(String id, String text, org.kordamp.ikonli.Ikon icon, Runnable action) {
        Button b = new Button(text, Icons.icon(icon));
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }

    private HBox filterRow() {
        TextField filter = new TextField();
        filter.setId("mapping-filter");
        filter.setPromptText("Filter by model ID, feature, note or status");
        filter.textProperty().bindBidirectional(vm.filterProperty());
        filter.setAccessibleText("Filter the mapping rows");
        HBox.setHgrow(filter, Priority.ALWAYS);
        Label filterLabel = new Label(null, Icons.icon(Feather.FILTER));
        filterLabel.setLabelFor(filter);
        HBox filterRow = new HBox(8, filterLabel, filter);
        filterRow.setAlignment(Pos.CENTER_LEFT);
        return filterRow;
    }

    /** The last action's message, coloured by its outcome. */
    private Label message() {
        Label message = Forms.messageLabel(vm.messageProperty(), "field-help");
        message.setId("mapping-message");
        Tones.bind(message, vm.messageToneProperty());
        return message;
    }

    private static TableColumn<MappingRow, MappingRow> sortable(String title, double width, Function<MappingRow, String> key) {
        TableColumn<MappingRow, MappingRow> c = BoundCells.column(title, width);
        c.setSortable(true);
        c.setComparator(Comparator.comparing(key, String.CASE_INSENSITIVE_ORDER));
        return c;
    }

    @Override
    public void onShown() {
        vm.seedIfEmpty();
    }

    @Override
    public Node root() {
        return root;
    }

    /**
     * The current model ID: a text field; for an Azure deployment, a label that says so ("Deployment gpt4o-prod"): the
     * name comes from the code, and what the person chooses is the model behind it, in the target column.
     */
    private static final class SourceCell extends TableCell<MappingRow, MappingRow> {
        private final TextField field = new TextField();
        private final Label name = new Label();
        private final Label caption = new Label("Deployment");
        private final javafx.scene.layout.VBox deployment = new javafx.scene.layout.VBox(0, caption, name);
        private final ChangeListener<Boolean> kindListener = (o, was, now) -> show();
        private MappingRow row;

        SourceCell() {
            field.setPromptText("e.g. gpt-4o-mini");
            field.setAccessibleText("Current model ID");
            field.getStyleClass().add("cell-editor");
            caption.getStyleClass().add("field-help");
            deployment.setAlignment(Pos.CENTER_LEFT);
            deployment.setId("mapping-deployment");
            Tooltip.install(deployment, new Tooltip("An Azure deployment name from the code. Choose the model deployed behind it as the target."));
        }

        private void show() {
            if (row == null) {
                setGraphic(null);
            } else if (row.deployment.get()) {
                name.setText(row.source.get());
                deployment.setAccessibleText("Azure deployment " + row.source.get());
                setGraphic(deployment);
            } else {
                setGraphic(field);
            }
        }

        @Override
        protected void updateItem(MappingRow item, boolean empty) {
            super.updateItem(item, empty);
            if (row != null) {
                field.textProperty().unbindBidirectional(row.source);
                row.deployment.removeListener(kindListener);
            }
            row = empty ? null : item;
            if (row != null) {
                field.textProperty().bindBidirectional(row.source);
                row.deployment.addListener(kindListener);
            }
            show();
        }
    }

    /** The target ID: a text field with auto-complete from the catalog, ranked for the row's current model. */
    private static final class TargetCell extends TableCell<MappingRow, MappingRow> {
        private final TextField field = new TextField();
        private final ChangeListener<Tone> toneListener = (o, was, now) -> Tones.apply(field, now);
        private final ChangeListener<Boolean> kindListener = (o, was, now) -> describe();
        private Property<String> bound;
        private MappingRow row;

        TargetCell(MappingViewModel vm) {
            field.setPromptText("pick from the catalog");
            field.setAccessibleText("Target model ID");
            field.getStyleClass().add("cell-editor");
            TextFields.bindAutoCompletion(field, req -> vm.suggestionsFor(row, req.getUserText()));
        }

        /** For an Azure deployment the field asks for the model behind it. */
        private void describe() {
            boolean deployment = row != null && row.deployment.get();
            field.setPromptText(deployment ? "model behind it?" : "pick from the catalog");
            String source = row == null ? "" : row.source.get().strip();
            field.setAccessibleText(source.isEmpty() ? "Target model ID"
                    : deployment ? "Model behind deployment " + source : "Target model ID for " + source);
        }

        @Override
        protected void updateItem(MappingRow item, boolean empty) {
            super.updateItem(item, empty);
            if (bound != null) {
                field.textProperty().unbindBidirectional(bound);
                bound = null;
            }
            if (row != null) {
                row.targetTone.removeListener(toneListener);
                row.deployment.removeListener(kindListener);
            }
            row = empty ? null : item;
            if (row == null) {
                setGraphic(null);
                return;
            }
            bound = row.target;
            field.textProperty().bindBidirectional(bound);
            row.targetTone.addListener(toneListener);
            Tones.apply(field, row.targetTone.get());
            row.deployment.addListener(kindListener);
            describe();
            setGraphic(field);
        }
    }

    /** Feature toggles: a menu of check items; the button shows the chosen features. */
    private static final class FeatureCell extends TableCell<MappingRow, MappingRow> {
        private final MenuButton menu = new MenuButton();
        private final ChangeListener<String> textListener = (o, was, now) -> sync();
        private MappingRow row;

        FeatureCell() {
            menu.getStyleClass().add("cell-editor");
            menu.setMaxWidth(Double.MAX_VALUE);
            for (String f : MappingViewModel.FEATURES) {
                CheckMenuItem item = new CheckMenuItem(f);
                item.setId("feature-" + f);
                item.setOnAction(e -> {
                    if (row != null) {
                        row.setFeature(f, item.isSelected());
                    }
                });
                menu.getItems().add(item);
            }
        }

        private void sync() {
            if (row == null) {
                return;
            }
            java.util.List<String> on = row.featureList();
            menu.setText(on.isEmpty() ? "choose…" : String.join(" · ", on.stream().map(FeatureCell::shortName).toList()));
            menu.setTooltip(new javafx.scene.control.Tooltip(on.isEmpty() ? "No features chosen" : String.join(", ", on)));
            menu.getItems().forEach(i -> ((CheckMenuItem) i).setSelected(on.contains(i.getText())));
        }

        static String shortName(String f) {
            return switch (f) {
                case "streaming" -> "stream";
                case "json_schema" -> "schema";
                case "responses" -> "resp";
                case "embeddings" -> "embed";
                default -> f;
            };
        }

        @Override
        protected void updateItem(MappingRow item, boolean empty) {
            super.updateItem(item, empty);
            if (row != null) {
                row.features.removeListener(textListener);
            }
            row = empty ? null : item;
            if (row == null) {
                setGraphic(null);
                return;
            }
            row.features.addListener(textListener);
            sync();
            menu.setAccessibleText("Features used with " + row.source.get());
            setGraphic(menu);
        }
    }
}
