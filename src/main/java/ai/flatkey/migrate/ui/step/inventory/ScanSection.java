package ai.flatkey.migrate.ui.step.inventory;

import ai.flatkey.migrate.scan.Finding;
import ai.flatkey.migrate.ui.components.FittedColumns;
import ai.flatkey.migrate.ui.components.Forms;
import ai.flatkey.migrate.ui.components.Tips;
import ai.flatkey.migrate.ui.components.Tones;
import ai.flatkey.migrate.ui.support.Tone;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.CheckBoxTableCell;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.io.File;
import java.util.List;

/** The scan card on the Inventory step: drop zone, folder picker, progress with cancel, proposals and findings tables. */
final class ScanSection {

    private ScanSection() {
    }

    static Node build(ScanViewModel vm) {
        VBox details = Forms.section("Scan results", null, progress(vm), status(vm), results(vm));
        details.setSpacing(10);
        details.visibleProperty().bind(vm.runningProperty().or(vm.statusProperty().isNotEmpty()));
        details.managedProperty().bind(details.visibleProperty());
        VBox card = new VBox(12, dropZone(vm), details);
        card.setId("scan-card");
        return card;
    }

    /** Drop a folder here or pick one; a dropped folder is scanned at once. */
    private static HBox dropZone(ScanViewModel vm) {
        Label dropText = new Label("Prefill from code: drop a project folder here, or");
        dropText.getStyleClass().add("drop-zone-text");
        dropText.setMinWidth(Region.USE_PREF_SIZE);
        Button choose = new Button("Scan a folder…");
        choose.setId("scan-choose");
        choose.getStyleClass().add("accent");
        choose.setMinWidth(Region.USE_PREF_SIZE);
        choose.disableProperty().bind(vm.runningProperty());
        choose.setOnAction(e -> vm.chooseAndScan());
        Label hint = new Label("Local only; honours .gitignore; keys masked.");
        hint.setTooltip(new Tooltip("Reads code and config files (honouring .gitignore), never sends anything anywhere, and masks every key value it shows."));
        hint.getStyleClass().add("card-description");
        hint.setMinWidth(0);
        HBox.setHgrow(hint, Priority.ALWAYS);
        HBox drop = new HBox(10, dropText, choose, hint);
        drop.setAlignment(Pos.CENTER_LEFT);
        drop.setId("scan-drop-zone");
        drop.getStyleClass().add("drop-zone"); // styled in wizard.css with the theme's colours, light and dark
        acceptFolders(drop, vm);
        return drop;
    }

    private static void acceptFolders(HBox drop, ScanViewModel vm) {
        drop.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles() && !vm.runningProperty().get()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        drop.setOnDragDropped((DragEvent e) -> {
            List<File> dropped = e.getDragboard().hasFiles() ? e.getDragboard().getFiles() : List.of();
            if (!dropped.isEmpty()) {
                vm.scanDropped(dropped.get(0).toPath());
            }
            e.setDropCompleted(!dropped.isEmpty());
            e.consume();
        });
    }

    /** While a scan runs: a progress bar, the files visited so far and cancel. */
    private static HBox progress(ScanViewModel vm) {
        ProgressBar bar = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
        bar.setId("scan-progress");
        bar.setPrefWidth(220);
        Label count = new Label();
        count.setId("scan-count");
        count.textProperty().bind(vm.filesVisitedProperty().asString("%,d files"));
        Button cancel = new Button("Cancel");
        cancel.setId("scan-cancel");
        cancel.setOnAction(e -> vm.cancel());
        HBox progress = new HBox(10, bar, count, cancel);
        progress.setAlignment(Pos.CENTER_LEFT);
        progress.visibleProperty().bind(vm.runningProperty());
        progress.managedProperty().bind(vm.runningProperty());
        return progress;
    }

    private static Label status(ScanViewModel vm) {
        Label status = new Label();
        status.setId("scan-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        status.visibleProperty().bind(vm.statusProperty().isNotEmpty());
        status.managedProperty().bind(status.visibleProperty());
        return status;
    }

    /** The proposals with apply / accept all / reject all, then the findings; shown once a scan has results. */
    private static VBox results(ScanViewModel vm) {
        Label findingsTitle = new Label("Findings (risks first)");
        findingsTitle.getStyleClass().add("card-title");
        TableView<Finding> findings = findingsTable(vm);
        VBox results = new VBox(8, proposalsTable(vm), proposalActions(vm), findingsTitle, findings, findingDetail(findings));
        results.visibleProperty().bind(vm.hasResultsProperty());
        results.managedProperty().bind(vm.hasResultsProperty());
        return results;
    }

    /** The selected finding in full: where, kind, confidence, the code and the detail the table may end in "…". */
    private static Label findingDetail(TableView<Finding> findings) {
        Label detail = new Label();
        detail.setId("scan-finding-detail");
        detail.getStyleClass().add("field-help");
        detail.setWrapText(true);
        detail.setMinHeight(Region.USE_PREF_SIZE);
        findings.getSelectionModel().selectedItemProperty().addListener((o, was, f) -> detail.setText(f == null
                ? "Select a finding to read it in full here."
                : f.location() + " · " + kindText(f) + " · " + f.confidence().name().toLowerCase(java.util.Locale.ROOT)
                        + "\n" + detailText(f)));
        findings.getItems().addListener((javafx.collections.ListChangeListener<Finding>) c -> {
            if (findings.getSelectionModel().isEmpty()) {
                detail.setText("Select a finding to read it in full here.");
            }
        });
        detail.setText("Select a finding to read it in full here.");
        return detail;
    }

    private static HBox proposalActions(ScanViewModel vm) {
        Button apply = new Button();
        apply.setId("scan-apply");
        apply.getStyleClass().add("accent");
        apply.textProperty().bind(vm.applyLabelProperty());
        apply.disableProperty().bind(vm.runningProperty().or(vm.canApplyProperty().not()));
        apply.setOnAction(e -> vm.applyAccepted());
        Button all = new Button("Accept all");
        all.setId("scan-accept-all");
        all.setOnAction(e -> vm.acceptAll(true));
        Button none = new Button("Reject all");
        none.setId("scan-reject-all");
        none.setOnAction(e -> vm.acceptAll(false));
        for (Button b : List.of(apply, all, none)) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        Label note = new Label("Applying fills only empty fields and adds missing mapping rows: your own entries are kept.");
        note.getStyleClass().add("card-description");
        note.setWrapText(true);
        note.setMinWidth(0);
        HBox.setHgrow(note, Priority.ALWAYS);
        HBox actions = new HBox(8, apply, all, none, note);
        actions.setAlignment(Pos.CENTER_LEFT);
        return actions;
    }

    private static TableView<ProposalRow> proposalsTable(ScanViewModel vm) {
        return proposalsTable(vm.proposals(), "scan-proposals");
    }

    /** The proposals with a Use tick each (shared with the recording's proposals). */
    static TableView<ProposalRow> proposalsTable(javafx.collections.ObservableList<ProposalRow> rows, String id) {
        TableView<ProposalRow> t = new TableView<>(rows);
        t.setId(id);
        t.setEditable(true);
        t.setPrefHeight(280);
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<ProposalRow, Boolean> use = new TableColumn<>("Use");
        use.setCellValueFactory(c -> c.getValue().accepted);
        use.setCellFactory(CheckBoxTableCell.forTableColumn(use));
        use.setEditable(true);
        use.setMinWidth(52);
        use.setPrefWidth(52);
        use.setMaxWidth(60);
        t.getColumns().add(use);
        TableColumn<ProposalRow, String> field = text("Field", 150, r -> r.field);
        field.setMinWidth(150);
        t.getColumns().add(field);
        t.getColumns().add(text("Proposed value", 230, r -> r.value));
        t.getColumns().add(text("Evidence", 220, r -> r.evidence));
        TableColumn<ProposalRow, String> confidence = text("Confidence", 116, r -> r.confidence);
        confidence.setMinWidth(116); // wide enough for the whole header word
        t.getColumns().add(confidence);
        TableColumn<ProposalRow, String> effect = new TableColumn<>("In the plan");
        effect.setCellValueFactory(c -> c.getValue().effect);
        effect.setPrefWidth(180);
        t.getColumns().add(effect);
        t.setPlaceholder(new Label("No values to propose."));
        return t;
    }

    private static TableColumn<ProposalRow, String> text(String title, double width, java.util.function.Function<ProposalRow, String> f) {
        TableColumn<ProposalRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(v -> new ReadOnlyStringWrapper(f.apply(v.getValue())));
        c.setPrefWidth(width);
        c.setCellFactory(col -> tipCell());
        return c;
    }

    static <S> TableCell<S, String> tipCell() {
        return new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null || item.isBlank() ? null : Tips.of(item));
            }
        };
    }

    /** The finding's kind; a risk reads "risk: …" and is shown in the warning colour. */
    private static TableColumn<Finding, String> kindColumn() {
        TableColumn<Finding, String> kind = new TableColumn<>("Kind");
        kind.setCellValueFactory(c -> new ReadOnlyStringWrapper(kindText(c.getValue())));
        kind.setPrefWidth(150);
        kind.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                Tones.apply(this, !empty && item != null && item.startsWith("risk") ? Tone.WARNING : Tone.NEUTRAL);
            }
        });
        return kind;
    }

    private static String kindText(Finding f) {
        return f.kind().isRisk() ? "risk: " + f.kind().label().substring(5).replace('_', ' ') : f.kind().label().replace('_', ' ');
    }

    private static String detailText(Finding f) {
        return f.detail().isBlank() ? f.snippet() : f.snippet() + "   — " + f.detail();
    }

    /**
     * The findings: the kind and the confidence as wide as their words, where and the value as wide as theirs up to a
     * limit (a longer path starts with "…" and keeps its file and line, whole in its tooltip), the code and detail
     * take the rest (whole on hover). In a narrow window the value goes first: it is in the code beside it.
     */
    private static TableView<Finding> findingsTable(ScanViewModel vm) {
        TableView<Finding> t = new TableView<>(vm.findings());
        t.setId("scan-findings");
        t.setPrefHeight(240);
        TableColumn<Finding, String> where = new TableColumn<>("Where");
        where.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().location()));
        where.setPrefWidth(170);
        where.setCellFactory(col -> {
            TableCell<Finding, String> cell = tipCell();
            cell.setTextOverrun(javafx.scene.control.OverrunStyle.LEADING_ELLIPSIS); // a long path keeps its file and line
            return cell;
        });
        TableColumn<Finding, String> kind = kindColumn();
        TableColumn<Finding, String> value = new TableColumn<>("Value");
        value.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().value()));
        value.setPrefWidth(170);
        value.setCellFactory(col -> tipCell());
        TableColumn<Finding, Object> conf = new TableColumn<>("Conf.");
        conf.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().confidence().name().toLowerCase(java.util.Locale.ROOT)));
        conf.setPrefWidth(70);
        conf.setMinWidth(70);
        TableColumn<Finding, String> detail = new TableColumn<>("Code and detail");
        detail.setCellValueFactory(c -> new ReadOnlyStringWrapper(detailText(c.getValue())));
        detail.setPrefWidth(420);
        detail.setCellFactory(col -> tipCell());
        t.getColumns().add(where);
        t.getColumns().add(kind);
        t.getColumns().add(value);
        t.getColumns().add(conf);
        t.getColumns().add(detail);
        FittedColumns.install(t, List.of(
                FittedColumns.Fit.plain(kind, ScanSection::kindText, 0, Double.MAX_VALUE),
                FittedColumns.Fit.plain(conf, f -> f.confidence().name().toLowerCase(java.util.Locale.ROOT), 0, Double.MAX_VALUE),
                FittedColumns.Fit.plain(where, Finding::location, 0, 240),
                FittedColumns.Fit.plain(value, Finding::value, 1, 220)), detail, 200, true);
        return t;
    }
}
