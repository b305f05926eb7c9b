package ai.flatkey.migrate.ui.step.smoke;

import ai.flatkey.migrate.ui.components.BoundCells;
import ai.flatkey.migrate.ui.components.Forms;
import ai.flatkey.migrate.ui.components.LiveOutputView;
import ai.flatkey.migrate.ui.components.StepView;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.function.Function;

/** Step 4 view: run/cancel, the live check table, streamed output and the selected check's curl. */
public final class SmokeView implements StepView {

    private final Node root;

    public SmokeView(SmokeViewModel vm) {
        Button run = new Button("Run smoke tests");
        run.setId("smoke-run");
        run.getStyleClass().add("accent");
        run.disableProperty().bind(vm.runningProperty());
        run.setOnAction(e -> vm.run());
        run.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Button cancel = new Button("Cancel");
        cancel.setId("smoke-cancel");
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        ProgressIndicator spin = new ProgressIndicator();
        spin.getStyleClass().add("small-spinner");
        spin.visibleProperty().bind(vm.runningProperty());
        spin.managedProperty().bind(spin.visibleProperty());
        Label progress = new Label();
        progress.setId("smoke-progress");
        progress.getStyleClass().add("field-help");
        progress.textProperty().bind(vm.progressProperty());
        HBox actions = new HBox(10, run, cancel, spin, progress);
        actions.setAlignment(Pos.CENTER_LEFT);

        Label summary = Forms.messageLabel(vm.summaryProperty(), "step-status");
        summary.setId("smoke-summary");
        vm.summaryStyleProperty().addListener((o, was, now) -> {
            summary.getStyleClass().removeAll("text-success", "text-danger", "text-warning");
            if (now != null && !now.isEmpty()) {
                summary.getStyleClass().add(now);
            }
        });

        TableView<CheckRow> table = new TableView<>(vm.rows());
        table.setId("smoke-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No checks yet."));
        table.setFixedCellSize(30);
        table.setPrefHeight(30 * 6 + 32);
        table.getColumns().add(col("Status", 70, CheckRow::statusProperty, CheckRow::statusStyleProperty));
        table.getColumns().add(col("Check", 130, CheckRow::titleProperty, null));
        table.getColumns().add(col("Model", 120, CheckRow::modelProperty, null));
        table.getColumns().add(col("TTFT", 65, CheckRow::ttftProperty, null));
        table.getColumns().add(col("Total", 90, CheckRow::totalProperty, null));
        table.getColumns().add(col("Tokens", 100, CheckRow::tokensProperty, null));
        table.getColumns().add(col("Request ID", 140, CheckRow::requestIdProperty, null));
        table.getColumns().add(col("Rule / reason", 160, CheckRow::reasonProperty, null));
        Label tokensHelp = Forms.text("Tokens: prompt / completion / total. Times from request sent.", "field-help");
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> vm.follow(now));

        LiveOutputView output = new LiveOutputView(vm.outputLines());
        output.setId("smoke-output");
        output.setPrefHeight(200);
        output.setPlaceholder(Forms.text("Streamed text appears here as it arrives. Select a row to see that check's output.", "field-help"));
        Label outputTitle = new Label();
        outputTitle.getStyleClass().add("card-title");
        outputTitle.textProperty().bind(Bindings.createStringBinding(() -> vm.followedProperty().get() == null
                ? "Live output" : "Live output — " + vm.followedProperty().get().titleProperty().get()
                        + (vm.followedProperty().get().modelProperty().get().isBlank() ? "" : " · " + vm.followedProperty().get().modelProperty().get()),
                vm.followedProperty()));

        TextArea curl = new TextArea();
        curl.setId("smoke-curl");
        curl.setEditable(false);
        curl.setWrapText(true);
        curl.setPrefRowCount(8);
        curl.getStyleClass().add("mono");
        curl.setPromptText("Select a finished check to see its curl command.");
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            curl.textProperty().unbind();
            if (now != null) {
                curl.textProperty().bind(now.curlProperty());
            } else {
                curl.setText("");
            }
        });
        Button copy = new Button("Copy curl");
        copy.setId("smoke-copy-curl");
        copy.disableProperty().bind(curl.textProperty().isEmpty());
        Label copied = new Label();
        copied.getStyleClass().add("field-help");
        copy.setOnAction(e -> {
            ClipboardContent cc = new ClipboardContent();
            cc.putString(vm.curlFor(table.getSelectionModel().getSelectedItem()));
            Clipboard.getSystemClipboard().setContent(cc);
            copied.setText("Copied. The key is read from an environment variable, never pasted.");
        });
        HBox curlActions = new HBox(10, copy, copied);
        curlActions.setAlignment(Pos.CENTER_LEFT);

        VBox outputCard = new VBox(8, outputTitle, output);
        outputCard.getStyleClass().add("card");
        VBox.setVgrow(output, Priority.ALWAYS);
        VBox curlCard = Forms.section("Equivalent curl", "The same request by hand; the key is read from an environment variable.",
                curl, curlActions);
        curlCard.setPrefWidth(330);
        curlCard.setMinWidth(280);
        HBox.setHgrow(outputCard, Priority.ALWAYS);
        HBox details = new HBox(14, outputCard, curlCard);

        root = Forms.page("step-smoke", "Smoke tests",
                "One check per feature and mapped model, run against the target. A check passes only if the response has the OpenAI shape the app relies on.",
                actions,
                summary,
                Forms.section("Checks", "Select a row to see its output, rule and curl.", table, tokensHelp),
                details);
    }

    private static TableColumn<CheckRow, CheckRow> col(String title, double width,
                                                      Function<CheckRow, javafx.beans.value.ObservableValue<String>> text,
                                                      Function<CheckRow, javafx.beans.value.ObservableValue<String>> style) {
        TableColumn<CheckRow, CheckRow> c = BoundCells.column(title, width);
        c.setCellFactory(BoundCells.label(text, style));
        return c;
    }

    @Override
    public Node root() {
        return root;
    }
}
