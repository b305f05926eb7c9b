package ai.flatkey.migrate.ui.step.verify;

import ai.flatkey.migrate.ui.components.ChecklistRow;
import ai.flatkey.migrate.ui.components.ChecklistTable;
import ai.flatkey.migrate.ui.components.FittedColumns;
import ai.flatkey.migrate.ui.components.Forms;
import ai.flatkey.migrate.ui.components.Tips;
import ai.flatkey.migrate.ui.components.StepView;
import ai.flatkey.migrate.ui.components.Tones;
import ai.flatkey.migrate.ui.support.Tone;
import ai.flatkey.migrate.ui.support.Bind;
import ai.flatkey.migrate.ui.theme.Icons;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.function.Function;

/**
 * Step 5 view: the reconciliation with the gateway's log, quota and rate-limit readouts, the budget, the latest
 * run's requests, and manual confirmations.
 */
public final class VerifyView implements StepView {

    private final Node root;
    private final VerifyViewModel vm;

    public VerifyView(VerifyViewModel vm) {
        this.vm = vm;
        root = Forms.page("step-verify", "Verify",
                "A 200 is only the first checkpoint. Check that the gateway logged, billed and limited the smoke requests as expected.",
                Forms.messageLabel(vm.runSummaryProperty(), "step-status"),
                Forms.section("Reconciliation with the gateway's log",
                        "Each smoke request against the gateway's own record of it: the model it billed, the tokens it logged, what it charged.",
                        recSummary(), reconciliationTable(), Forms.text("Model: the one asked for, and the one billed when it differs. Tokens and cost: what the smoke run "
                                + "saw / what the gateway logged. Hover a cell to see all of it.", "field-help"), recheckActions()),
                Forms.section("Quota, cost and rate limits", null, readouts(), dropVerdict(), rateLimits(), budgetGrid()),
                Forms.section("Manual confirmations", "For what no API shows: who looked, when, and what they saw.", confirmGrid()),
                Forms.section("Checklist items", "Status and note as they appear in the exported checklist.", confirmationsTable()),
                Forms.section("Requests of the latest smoke run", null, requestsTable()));
    }

    /**
     * Each smoke request against the gateway's record of it. Columns as wide as their values (a long request ID ends in
     * "…" past 220 px); the difference takes the rest, or shows only as the status's tooltip when there is no room for
     * it (the smallest window). A cell too narrow for its value shows it whole as a tooltip.
     */
    private TableView<VerifyViewModel.RecRow> reconciliationTable() {
        TableView<VerifyViewModel.RecRow> rec = new TableView<>(vm.reconciliation());
        rec.setId("verify-reconciliation");
        rec.setPlaceholder(new Label("Nothing reconciled yet."));
        rec.setFixedCellSize(28);
        rec.prefHeightProperty().bind(ai.flatkey.migrate.ui.support.Bind.number(
                () -> 28.0 * Math.max(4, Math.min(10, vm.reconciliation().size())) + 34, vm.reconciliation()));
        rec.setMinHeight(Region.USE_PREF_SIZE);
        TableColumn<VerifyViewModel.RecRow, String> id = recCol("Request ID", 130, VerifyViewModel.RecRow::requestId);
        TableColumn<VerifyViewModel.RecRow, String> model = recCol("Model", 120, VerifyViewModel.RecRow::model);
        TableColumn<VerifyViewModel.RecRow, String> tokens = recCol("Tokens", 90, VerifyViewModel.RecRow::tokens);
        TableColumn<VerifyViewModel.RecRow, String> cost = recCol("Cost", 170, VerifyViewModel.RecRow::cost);
        TableColumn<VerifyViewModel.RecRow, String> status = recCol("Status", 175, VerifyViewModel.RecRow::status);
        status.setCellFactory(c -> new RecStatusCell());
        TableColumn<VerifyViewModel.RecRow, String> difference = recCol("Difference", 220, VerifyViewModel.RecRow::difference);
        rec.getColumns().addAll(java.util.List.of(id, model, tokens, cost, status, difference));
        FittedColumns.install(rec, java.util.List.of(
                FittedColumns.Fit.plain(id, VerifyViewModel.RecRow::requestId, 0, 220),
                FittedColumns.Fit.plain(model, VerifyViewModel.RecRow::model, 0, Double.MAX_VALUE),
                FittedColumns.Fit.plain(tokens, VerifyViewModel.RecRow::tokens, 0, Double.MAX_VALUE),
                FittedColumns.Fit.plain(cost, VerifyViewModel.RecRow::cost, 0, Double.MAX_VALUE),
                new FittedColumns.Fit<>(status, VerifyViewModel.RecRow::status, 22, 0, r -> true)), difference, 140, false);
        return rec;
    }

    private Label recSummary() {
        Label recSummary = Forms.messageLabel(vm.reconciliationSummaryProperty(), "field-help");
        recSummary.setId("verify-rec-summary");
        return recSummary;
    }

    /** Check the gateway's log again, with a spinner and what the last check found. */
    private HBox recheckActions() {
        Button again = new Button("Check the gateway's log again", Icons.icon(Icons.REFRESH));
        again.setId("verify-recheck");
        again.disableProperty().bind(vm.recheckingProperty());
        again.setOnAction(e -> vm.recheck());
        again.setMinWidth(Region.USE_PREF_SIZE);
        ProgressIndicator spin = new ProgressIndicator();
        spin.getStyleClass().add("small-spinner");
        spin.visibleProperty().bind(vm.recheckingProperty());
        spin.managedProperty().bind(spin.visibleProperty());
        Button stop = new Button("Stop");
        stop.setId("verify-recheck-stop");
        stop.setOnAction(e -> vm.cancelRecheck());
        stop.visibleProperty().bind(vm.recheckingProperty());
        stop.managedProperty().bind(stop.visibleProperty());
        stop.setMinWidth(Region.USE_PREF_SIZE);
        Label recheckMsg = Forms.messageLabel(vm.recheckMessageProperty(), "field-help");
        recheckMsg.setId("verify-recheck-message");
        HBox recActions = new HBox(10, again, spin, stop, recheckMsg);
        recActions.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(recheckMsg, Priority.ALWAYS);
        return recActions;
    }

    private FlowPane readouts() {
        return new FlowPane(10, 10,
                readout("verify-quota-before", "Quota before the suite", vm.quotaBeforeProperty()),
                readout("verify-quota-after", "Quota after", vm.quotaAfterProperty()),
                readout("verify-quota-drop", "Drop", vm.quotaDropProperty()),
                readout("verify-suite-cost", "Suite's estimated cost", vm.suiteCostProperty()));
    }

    private Label dropVerdict() {
        Label dropVerdict = Forms.messageLabel(vm.dropVerdictProperty(), "field-help");
        dropVerdict.setId("verify-drop-verdict");
        return dropVerdict;
    }

    /** The rate-limit headers seen, hidden while there are none. */
    private Label rateLimits() {
        Label limits = new Label();
        limits.setId("verify-rate-limits");
        limits.getStyleClass().add("code-block");
        limits.setMaxWidth(Double.MAX_VALUE);
        limits.setWrapText(true);
        limits.textProperty().bind(vm.rateLimitsProperty());
        limits.visibleProperty().bind(vm.rateLimitsProperty().isNotEmpty());
        limits.managedProperty().bind(limits.visibleProperty());
        return limits;
    }

    private GridPane budgetGrid() {
        TextField budget = new TextField();
        budget.setId("verify-budget");
        budget.setPromptText("no budget");
        budget.setPrefColumnCount(8);
        budget.textProperty().bindBidirectional(vm.budget);
        GridPane budgetGrid = Forms.grid();
        Forms.row(budgetGrid, "Budget for smoke runs (USD)", budget, vm.budgetError,
                "Before a run, the wizard estimates its cost and asks first if it would go over this budget or the key's quota.");
        return budgetGrid;
    }

    /** The latest run's requests: check, result, request ID, usage and time. */
    private TableView<VerifyViewModel.RequestRow> requestsTable() {
        TableView<VerifyViewModel.RequestRow> requests = new TableView<>(vm.requests());
        requests.setId("verify-requests");
        requests.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        requests.setPlaceholder(new Label("No smoke run yet — run step 4 first."));
        requests.setFixedCellSize(28);
        requests.setPrefHeight(28 * 5 + 32);
        requests.getColumns().add(col("Check", 170, VerifyViewModel.RequestRow::check));
        TableColumn<VerifyViewModel.RequestRow, String> verdict = col("Result", 90, VerifyViewModel.RequestRow::verdict);
        verdict.setCellFactory(c -> new VerdictCell());
        requests.getColumns().add(verdict);
        requests.getColumns().add(col("Request ID", 230, VerifyViewModel.RequestRow::requestId));
        requests.getColumns().add(col("Usage (tokens)", 190, VerifyViewModel.RequestRow::tokens));
        requests.getColumns().add(col("Time", 160, VerifyViewModel.RequestRow::timing));
        return requests;
    }

    /** What / who / evidence headings, then one row per confirmation with its state below it. */
    private GridPane confirmGrid() {
        GridPane confirmGrid = new GridPane();
        confirmGrid.getStyleClass().add("form");
        confirmGrid.setId("verify-confirm-grid");
        int r = 0;
        Label h1 = new Label("What");
        Label h2 = new Label("Who");
        Label h3 = new Label("Evidence (note, link or request ID)");
        for (Label h : new Label[]{h1, h2, h3}) {
            h.getStyleClass().add("form-label");
        }
        confirmGrid.addRow(r++, h1, h2, h3);
        for (VerifyViewModel.ConfirmRow row : vm.confirmRows()) {
            confirmGrid.addRow(r++, confirmWhat(row), confirmWho(row), confirmEvidence(row), confirmButton(row));
            Label state = Forms.messageLabel(row.stateProperty(), "field-help");
            state.setId("confirm-state-" + row.itemId());
            confirmGrid.add(state, 1, r++, 3, 1);
        }
        return confirmGrid;
    }

    private static Label confirmWhat(VerifyViewModel.ConfirmRow row) {
        Label what = new Label(row.title());
        what.setWrapText(true);
        what.setMaxWidth(260);
        return what;
    }

    private static TextField confirmWho(VerifyViewModel.ConfirmRow row) {
        TextField who = new TextField();
        who.setId("confirm-who-" + row.itemId());
        who.setPromptText("name");
        who.setPrefColumnCount(8);
        who.textProperty().bindBidirectional(row.who);
        who.setAccessibleText("Who confirmed: " + row.title());
        return who;
    }

    private static TextField confirmEvidence(VerifyViewModel.ConfirmRow row) {
        TextField ev = new TextField();
        ev.setId("confirm-evidence-" + row.itemId());
        ev.setPromptText("e.g. req_… visible in the log at 10:42");
        ev.textProperty().bindBidirectional(row.evidence);
        ev.setAccessibleText("Evidence: " + row.title());
        GridPane.setHgrow(ev, Priority.ALWAYS);
        return ev;
    }

    private static Button confirmButton(VerifyViewModel.ConfirmRow row) {
        Button confirm = new Button("Confirm", Icons.icon(org.kordamp.ikonli.feather.Feather.CHECK));
        confirm.setId("confirm-" + row.itemId());
        confirm.setOnAction(e -> row.confirm());
        confirm.setMinWidth(Region.USE_PREF_SIZE);
        return confirm;
    }

    /** The checklist items the confirmations feed, as they appear in the export. */
    private TableView<ChecklistRow> confirmationsTable() {
        TableView<ChecklistRow> confirm = ChecklistTable.of("verify-confirmations", vm.confirmations());
        confirm.prefHeightProperty().bind(confirm.fixedCellSizeProperty().multiply(Math.max(1, vm.confirmations().size())).add(36));
        confirm.setMinHeight(Region.USE_PREF_SIZE);
        return confirm;
    }

    private static VBox readout(String id, String label, ObservableValue<String> value) {
        Label v = new Label();
        v.setId(id);
        v.getStyleClass().add("readout-value");
        v.textProperty().bind(value);
        Label l = new Label(label);
        l.getStyleClass().add("readout-label");
        VBox box = new VBox(v, l);
        box.getStyleClass().add("readout");
        return box;
    }

    private static TableColumn<VerifyViewModel.RecRow, String> recCol(String title, double width,
                                                                      Function<VerifyViewModel.RecRow, String> value) {
        TableColumn<VerifyViewModel.RecRow, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(value.apply(f.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null || item.isBlank() ? null : Tips.of(item));
            }
        });
        return c;
    }

    private static TableColumn<VerifyViewModel.RequestRow, String> col(String title, double width,
                                                                      Function<VerifyViewModel.RequestRow, String> value) {
        TableColumn<VerifyViewModel.RequestRow, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(value.apply(f.getValue())));
        return c;
    }

    @Override
    public Node root() {
        return root;
    }

    /** A reconciliation status with its icon and colour; the difference, if any, as a tooltip. */
    private static final class RecStatusCell extends TableCell<VerifyViewModel.RecRow, String> {
        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            VerifyViewModel.RecRow row = empty ? null : getTableRow().getItem();
            setText(empty ? null : item);
            setGraphic(row == null ? null : Icons.icon(Icons.forStatus(item), row.tone().styleClass()));
            Tones.apply(this, row == null ? Tone.NEUTRAL : row.tone());
            if (row != null) {
                setTooltip(row.difference().isBlank() ? null : Tips.of(row.difference()));
            }
        }
    }

    /** A check's result with its icon and colour. */
    private static final class VerdictCell extends TableCell<VerifyViewModel.RequestRow, String> {
        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            VerifyViewModel.RequestRow row = empty ? null : getTableRow().getItem();
            setText(empty ? null : item);
            setGraphic(row == null ? null : Icons.icon(Icons.forStatus(item), row.tone().styleClass()));
            Tones.apply(this, row == null ? Tone.NEUTRAL : row.tone());
        }
    }
}
