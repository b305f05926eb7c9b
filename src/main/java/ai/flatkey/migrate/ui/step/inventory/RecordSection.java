package ai.flatkey.migrate.ui.step.inventory;

import ai.flatkey.migrate.ui.components.CopyButtons;
import ai.flatkey.migrate.ui.components.Forms;
import ai.flatkey.migrate.ui.components.Tones;
import ai.flatkey.migrate.ui.support.Tone;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.function.Function;

/** The "Record live traffic" card on the Inventory step: binds {@link RecordingViewModel} and forwards clicks. */
final class RecordSection {

    private RecordSection() {
    }

    static Node build(RecordingViewModel vm) {
        VBox card = Forms.section("Record live traffic",
                "Learn the inventory from the traffic itself: a local proxy forwards every call of the app unchanged (its own"
                        + " key included, never stored) and writes each one, keys removed, to a recording file.",
                settings(vm), controls(vm), baseUrl(vm), status(vm), shadow(vm), callsTable(vm), proposals(vm));
        card.setSpacing(10);
        card.setId("record-card");
        return card;
    }

    private static GridPane settings(RecordingViewModel vm) {
        GridPane g = Forms.grid();
        TextField up = new TextField();
        up.setId("record-upstream");
        up.setPromptText("the plan's current base URL (step 2)");
        up.textProperty().bindBidirectional(vm.upstream);
        Forms.row(g, "Upstream", up, null, "Where the calls go now. Empty: the current provider's base URL.");
        TextField out = new TextField();
        out.setId("record-output");
        out.setPromptText("recording-….jsonl next to the plan");
        out.setAccessibleText("Recording file");
        out.textProperty().bindBidirectional(vm.outputFile);
        HBox.setHgrow(out, Priority.ALWAYS);
        Button choose = new Button("Choose…");
        choose.setId("record-choose-output");
        choose.setMinWidth(Region.USE_PREF_SIZE);
        choose.setOnAction(e -> vm.chooseOutput());
        HBox file = new HBox(8, out, choose);
        file.setAlignment(Pos.CENTER_LEFT);
        Forms.row(g, "Recording file", file, null, null);
        CheckBox shapes = new CheckBox("Shapes only (message texts replaced by their length)");
        shapes.setId("record-shapes-only");
        shapes.selectedProperty().bindBidirectional(vm.shapesOnly);
        CheckBox shadow = new CheckBox("Shadow: also send calls to the target and compare");
        shadow.setId("record-shadow");
        shadow.selectedProperty().bindBidirectional(vm.shadow);
        TextField share = new TextField();
        share.setId("record-shadow-percent");
        share.setPrefColumnCount(3);
        share.textProperty().bindBidirectional(vm.shadowPercent);
        share.setAccessibleText("Share of calls mirrored to the target, in percent");
        Label percent = new Label("% of calls");
        HBox sample = new HBox(6, share, percent);
        sample.setAlignment(Pos.CENTER_LEFT);
        sample.visibleProperty().bind(vm.shadow);
        sample.managedProperty().bind(sample.visibleProperty());
        HBox shadowRow = new HBox(10, shadow, sample);
        shadowRow.setAlignment(Pos.CENTER_LEFT);
        VBox options = new VBox(8, shapes, shadowRow, Forms.messageLabel(vm.shadowPercentError, "field-error"));
        Forms.row(g, "Options", options, null, null);
        for (Node n : List.of(up, out, choose, shapes, shadow, share, percent)) {
            n.disableProperty().bind(vm.recordingProperty().or(vm.busyProperty()));
        }
        return g;
    }

    private static HBox controls(RecordingViewModel vm) {
        Button start = new Button("Start recording");
        start.setId("record-start");
        start.getStyleClass().add("accent");
        start.disableProperty().bind(vm.recordingProperty().or(vm.busyProperty()));
        start.setOnAction(e -> vm.start());
        Button stop = new Button("Stop");
        stop.setId("record-stop");
        stop.disableProperty().bind(vm.recordingProperty().not().or(vm.busyProperty()));
        stop.setOnAction(e -> vm.stop());
        Button use = new Button("Use this recording for the inventory");
        use.setId("record-use");
        use.disableProperty().bind(vm.recordingProperty().or(vm.busyProperty()).or(vm.hasRecordingProperty().not()));
        use.setOnAction(e -> vm.useForInventory());
        for (Button b : List.of(start, stop, use)) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox box = new HBox(8, start, stop, use);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    /** While recording: the address to give the app, with a Copy button. */
    private static HBox baseUrl(RecordingViewModel vm) {
        Label name = new Label("OPENAI_BASE_URL=");
        name.getStyleClass().add("mono");
        name.setMinWidth(Region.USE_PREF_SIZE);
        TextField url = new TextField();
        url.setId("record-base-url");
        url.setEditable(false);
        url.getStyleClass().add("mono");
        url.textProperty().bind(vm.baseUrlProperty());
        HBox.setHgrow(url, Priority.ALWAYS);
        Button copy = CopyButtons.copy("record-copy-base-url", "Copy",
                () -> "OPENAI_BASE_URL=" + vm.baseUrlProperty().get());
        HBox box = new HBox(8, name, url, copy);
        box.setAlignment(Pos.CENTER_LEFT);
        box.visibleProperty().bind(vm.baseUrlProperty().isNotEmpty());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private static Label status(RecordingViewModel vm) {
        Label l = Forms.messageLabel(vm.statusProperty(), "step-status");
        l.setId("record-status");
        Tones.bind(l, vm.statusToneProperty());
        return l;
    }

    private static TableView<CallRow> callsTable(RecordingViewModel vm) {
        TableView<CallRow> t = new TableView<>(vm.calls());
        t.setId("record-calls");
        t.setPrefHeight(220);
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.getColumns().add(column("#", 48, r -> String.valueOf(r.seq())));
        t.getColumns().add(column("Endpoint", 260, CallRow::endpoint));
        t.getColumns().add(column("Model", 170, CallRow::model));
        TableColumn<CallRow, String> status = column("Status", 150, CallRow::status);
        status.setCellFactory(c -> statusCell());
        t.getColumns().add(status);
        t.getColumns().add(column("Tokens", 80, CallRow::tokens));
        t.getColumns().add(column("Time", 90, CallRow::time));
        TableColumn<CallRow, String> shadow = column("Shadow", 200, CallRow::shadow);
        shadow.visibleProperty().bind(vm.shadow);
        t.getColumns().add(shadow);
        vm.shadow.addListener((o, was, now) -> t.refresh()); // cells made while it was hidden are laid out again
        t.setPlaceholder(new Label("No calls yet: start recording, then use the app."));
        t.visibleProperty().bind(vm.recordingProperty().or(javafx.beans.binding.Bindings.isNotEmpty(vm.calls())));
        t.managedProperty().bind(t.visibleProperty());
        return t;
    }

    private static TableColumn<CallRow, String> column(String title, double width, Function<CallRow, String> f) {
        TableColumn<CallRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(v -> new ReadOnlyStringWrapper(f.apply(v.getValue())));
        c.setPrefWidth(width);
        c.setMinWidth(Math.min(width, 60));
        c.setCellFactory(col -> ScanSection.tipCell());
        return c;
    }

    /** A status in the danger colour when the call failed. */
    private static TableCell<CallRow, String> statusCell() {
        return new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                CallRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                Tones.apply(this, row == null || row.ok() ? Tone.NEUTRAL : Tone.DANGER);
            }
        };
    }

    private static VBox shadow(RecordingViewModel vm) {
        Label summary = Forms.messageLabel(vm.shadowSummaryProperty(), "step-status");
        summary.setId("record-shadow-summary");
        Tones.bind(summary, vm.shadowToneProperty());
        Label latest = Forms.messageLabel(vm.shadowLatestProperty(), "card-description");
        latest.setId("record-shadow-latest");
        VBox box = new VBox(4, summary, latest);
        box.visibleProperty().bind(vm.shadowSummaryProperty().isNotEmpty());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    /** The recording's proposals, applied like the scan's. */
    private static VBox proposals(RecordingViewModel vm) {
        TableView<ProposalRow> table = ScanSection.proposalsTable(vm.proposals(), "record-proposals");
        table.setPrefHeight(240);
        Button apply = new Button();
        apply.setId("record-apply");
        apply.getStyleClass().add("accent");
        apply.textProperty().bind(vm.applyLabelProperty());
        apply.disableProperty().bind(vm.canApplyProperty().not());
        apply.setOnAction(e -> vm.applyAccepted());
        Button all = new Button("Accept all");
        all.setOnAction(e -> vm.acceptAll(true));
        Button none = new Button("Reject all");
        none.setOnAction(e -> vm.acceptAll(false));
        for (Button b : List.of(apply, all, none)) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox actions = new HBox(8, apply, all, none);
        actions.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(8, table, actions);
        box.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(vm.proposals()));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }
}
