package ai.flatkey.migrate.ui.step.verify;

import ai.flatkey.migrate.ui.components.Forms;
import ai.flatkey.migrate.ui.components.StepView;
import ai.flatkey.migrate.ui.step.checklist.ChecklistRow;
import ai.flatkey.migrate.ui.step.checklist.ChecklistView;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import java.util.function.Function;

/** Step 5 view: the latest run's requests and the manual confirmations. */
public final class VerifyView implements StepView {

    private final Node root;

    public VerifyView(VerifyViewModel vm) {
        TableView<VerifyViewModel.RequestRow> requests = new TableView<>(vm.requests());
        requests.setId("verify-requests");
        requests.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        requests.setPlaceholder(new Label("No smoke run yet — run step 4 first."));
        requests.setFixedCellSize(28);
        requests.setPrefHeight(28 * 6 + 32);
        requests.getColumns().add(col("Check", 170, VerifyViewModel.RequestRow::check));
        TableColumn<VerifyViewModel.RequestRow, String> verdict = col("Result", 80, VerifyViewModel.RequestRow::verdict);
        verdict.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("text-success", "text-danger", "text-warning");
                VerifyViewModel.RequestRow row = empty ? null : getTableRow().getItem();
                setText(empty ? null : item);
                if (row != null) {
                    getStyleClass().add(row.style());
                }
            }
        });
        requests.getColumns().add(verdict);
        requests.getColumns().add(col("Request ID", 250, VerifyViewModel.RequestRow::requestId));
        requests.getColumns().add(col("Usage (tokens)", 190, VerifyViewModel.RequestRow::tokens));
        requests.getColumns().add(col("Time", 160, VerifyViewModel.RequestRow::timing));

        TableView<ChecklistRow> confirm = ChecklistView.checklistTable("verify-confirmations", vm.confirmations());
        confirm.prefHeightProperty().bind(confirm.fixedCellSizeProperty().multiply(3).add(36));
        confirm.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);

        root = Forms.page("step-verify", "Verify",
                "A 200 is only the first checkpoint. Confirm that the gateway logged, billed and limited the smoke requests as expected.",
                Forms.messageLabel(vm.runSummaryProperty(), "step-status"),
                Forms.section("Requests of the latest smoke run", null, requests),
                Forms.section("Confirmations", "Check these in the gateway's dashboard; note what you saw as evidence.", confirm));
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
}
