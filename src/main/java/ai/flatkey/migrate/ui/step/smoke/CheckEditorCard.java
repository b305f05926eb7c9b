package ai.flatkey.migrate.ui.step.smoke;

import ai.flatkey.migrate.plan.Assertion;
import ai.flatkey.migrate.plan.RequestCheck;
import ai.flatkey.migrate.ui.components.Forms;
import ai.flatkey.migrate.ui.components.LiveOutputView;
import ai.flatkey.migrate.ui.components.Tones;
import ai.flatkey.migrate.ui.support.Bind;
import ai.flatkey.migrate.ui.theme.Icons;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.util.List;

/**
 * The smoke step's "Request checks" card: the plan's request checks on the left, the selected one's form on the right
 * (name, endpoint, model picker, body, assertions), Save / Revert / Try it, then the try's live answer and each
 * assertion's outcome. Binds {@link CheckEditorViewModel} and forwards clicks.
 */
final class CheckEditorCard {

    private CheckEditorCard() {
    }

    /** The button that opens the card (Alt+Q: "Re_quest checks…"). */
    static Button openButton(CheckEditorViewModel vm) {
        Button b = new Button("Re_quest checks…", Icons.icon(Icons.NEW));
        b.setId("checks-edit");
        b.setMnemonicParsing(true);
        b.setAccessibleText("Request checks: write and try the requests your app sends");
        b.setMinWidth(Region.USE_PREF_SIZE);
        b.setOnAction(e -> vm.open());
        return b;
    }

    static VBox build(CheckEditorViewModel vm, ReadOnlyBooleanProperty suiteRunning) {
        HBox top = new HBox(14, list(vm), form(vm, suiteRunning));
        HBox.setHgrow(top.getChildren().get(1), Priority.ALWAYS);
        VBox card = Forms.section("Request checks",
                "Requests your app sends, each with what its answer must satisfy. They are saved in the plan and run"
                        + " with the suite (check ID request:NAME). Checks of a check file the plan references are"
                        + " shown read-only: edit the file in your repository.",
                top, trial(vm));
        card.setSpacing(10);
        card.setId("checks-editor");
        card.visibleProperty().bind(vm.openProperty());
        card.managedProperty().bind(card.visibleProperty());
        return card;
    }

    private static VBox list(CheckEditorViewModel vm) {
        ListView<CheckDraft> list = new ListView<>(vm.checks());
        list.setId("checks-list");
        list.setAccessibleText("Request checks");
        list.setPrefWidth(250);
        list.setMinWidth(200);
        list.setPrefHeight(200);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(CheckDraft item, boolean empty) {
                super.updateItem(item, empty);
                textProperty().unbind();
                if (empty || item == null) {
                    setText(null);
                } else {
                    textProperty().bind(item.labelProperty());
                }
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && now != vm.selected.get()) {
                vm.selected.set(now);
            }
        });
        vm.selected.addListener((o, was, now) -> list.getSelectionModel().select(now));
        list.getSelectionModel().select(vm.selected.get());
        Button add = button("checks-add", "Add", "Add a request check", vm::add);
        Button dup = button("checks-duplicate", "Duplicate", "Duplicate the selected check", vm::duplicate);
        Button del = button("checks-delete", "Delete", "Delete the selected check (Undo brings it back)", vm::delete);
        Button undo = button("checks-undo", "Undo", "Undo the last delete", vm::undoDelete);
        dup.disableProperty().bind(vm.selected.isNull());
        del.disableProperty().bind(vm.selected.isNull().or(vm.readOnlyProperty()));
        undo.disableProperty().bind(vm.canUndoProperty().not());
        GridPane buttons = new GridPane();
        buttons.setHgap(6);
        buttons.setVgap(6);
        buttons.addRow(0, add, dup);
        buttons.addRow(1, del, undo);
        VBox box = new VBox(8, list, buttons);
        VBox.setVgrow(list, Priority.ALWAYS);
        return box;
    }

    private static VBox form(CheckEditorViewModel vm, ReadOnlyBooleanProperty suiteRunning) {
        Label readOnly = Forms.text("From a check file: shown read-only. Edit it in your repository; the wizard does not"
                + " change your files. Try it still runs it.", "field-help");
        readOnly.setId("checks-read-only");
        readOnly.visibleProperty().bind(vm.readOnlyProperty());
        readOnly.managedProperty().bind(readOnly.visibleProperty());
        Tones.apply(readOnly, ai.flatkey.migrate.ui.support.Tone.WARNING);

        TextField name = new TextField();
        name.setId("checks-name");
        ComboBox<RequestCheck.Api> api = new ComboBox<>(FXCollections.observableArrayList(RequestCheck.Api.values()));
        api.setId("checks-api");
        api.setConverter(converter(CheckEditorViewModel::apiLabel));
        ComboBox<String> model = new ComboBox<>();
        model.setId("checks-model");
        model.setItems(vm.models());
        model.setPromptText("none: every mapped model");
        model.setValue(vm.modelProperty().get().isEmpty() ? null : vm.modelProperty().get());
        vm.modelProperty().addListener((o, was, now) -> model.setValue(now.isEmpty() ? null : now));
        model.setOnAction(e -> vm.pickModel(model.getValue()));
        Label modelNote = Forms.messageLabel(vm.modelNoteProperty(), "field-help");
        modelNote.setId("checks-model-note");
        TextArea body = new TextArea();
        body.setId("checks-body");
        body.getStyleClass().add("mono");
        body.setPrefRowCount(9);
        body.setWrapText(false);
        Label problems = Forms.messageLabel(vm.problemsProperty(), "field-error");
        problems.setId("checks-problems");

        GridPane grid = Forms.grid();
        Forms.row(grid, "Name", name, null, "Letters, digits and . _ - (the check ID is request:NAME).");
        Forms.row(grid, "Endpoint", api, null, null);
        Forms.row(grid, "Model", new VBox(4, model, modelNote), null, null);
        Label bodyLabel = new Label("Request body (JSON)");
        bodyLabel.getStyleClass().add("form-label");
        bodyLabel.setLabelFor(body);
        model.setAccessibleText("Model: the app's model ID in the body");
        VBox assertions = assertions(vm);
        VBox form = new VBox(8, readOnly, grid, bodyLabel, body, problems, assertions, actions(vm, suiteRunning));
        form.setMinWidth(360);
        bindSelected(vm, name, api, body);
        for (javafx.scene.control.Control c : List.of(name, body)) {
            ((javafx.scene.control.TextInputControl) c).editableProperty().bind(vm.readOnlyProperty().not());
        }
        api.disableProperty().bind(vm.readOnlyProperty().or(vm.selected.isNull()));
        model.disableProperty().bind(vm.readOnlyProperty().or(vm.selected.isNull()));
        return form;
    }

    /** The name, endpoint and body follow the selected check (two-way). */
    private static void bindSelected(CheckEditorViewModel vm, TextField name, ComboBox<RequestCheck.Api> api, TextArea body) {
        Runnable[] unbind = {() -> { }};
        java.util.function.Consumer<CheckDraft> bind = d -> {
            unbind[0].run();
            if (d == null) {
                name.setText("");
                body.setText("");
                unbind[0] = () -> { };
                return;
            }
            name.textProperty().bindBidirectional(d.name);
            api.valueProperty().bindBidirectional(d.api);
            body.textProperty().bindBidirectional(d.body);
            unbind[0] = () -> {
                name.textProperty().unbindBidirectional(d.name);
                api.valueProperty().unbindBidirectional(d.api);
                body.textProperty().unbindBidirectional(d.body);
            };
        };
        vm.selected.addListener((o, was, now) -> bind.accept(now));
        bind.accept(vm.selected.get());
    }

    /** The selected check's assertions, one row each, and the kind picker with "Add assertion". */
    private static VBox assertions(CheckEditorViewModel vm) {
        Label title = new Label("Assertions");
        title.getStyleClass().add("form-label");
        VBox rows = new VBox(6);
        rows.setId("checks-assertions");
        ListChangeListener<AssertionDraft> structural = c -> {
            while (c.next()) {
                if (c.wasAdded() || c.wasRemoved()) {
                    fill(vm, rows);
                    return;
                }
            }
        };
        vm.selected.addListener((o, was, now) -> {
            if (was != null) {
                was.assertions().removeListener(structural);
            }
            if (now != null) {
                now.assertions().addListener(structural);
            }
            fill(vm, rows);
        });
        if (vm.selected.get() != null) {
            vm.selected.get().assertions().addListener(structural);
        }
        fill(vm, rows);
        ComboBox<Assertion.Kind> kind = new ComboBox<>(FXCollections.observableArrayList(Assertion.Kind.values()));
        kind.setId("checks-assertion-kind");
        kind.setAccessibleText("Kind of assertion to add");
        kind.setConverter(converter(k -> k.key() + "  (" + k.ruleId() + ")"));
        kind.setValue(Assertion.Kind.CONTAINS);
        Button add = button("checks-assertion-add", "Add assertion", "Add an assertion of the chosen kind",
                () -> vm.addAssertion(kind.getValue()));
        add.disableProperty().bind(vm.readOnlyProperty().or(vm.selected.isNull()));
        kind.disableProperty().bind(add.disableProperty());
        HBox adder = new HBox(8, kind, add);
        adder.setAlignment(Pos.CENTER_LEFT);
        return new VBox(6, title, rows, adder);
    }

    private static void fill(CheckEditorViewModel vm, VBox rows) {
        rows.getChildren().clear();
        CheckDraft d = vm.selected.get();
        if (d == null) {
            return;
        }
        if (d.assertions().isEmpty()) {
            rows.getChildren().add(Forms.text("No assertions: only the conformance rules apply.", "field-help"));
        }
        int i = 0;
        for (AssertionDraft a : d.assertions()) {
            rows.getChildren().add(assertionRow(vm, a, ++i, d.readOnly()));
        }
    }

    private static HBox assertionRow(CheckEditorViewModel vm, AssertionDraft a, int n, boolean readOnly) {
        ComboBox<Assertion.Kind> kind = new ComboBox<>(FXCollections.observableArrayList(Assertion.Kind.values()));
        kind.setConverter(converter(Assertion.Kind::key));
        kind.valueProperty().bindBidirectional(a.kind);
        kind.setAccessibleText("Assertion " + n + ": kind");
        kind.setMinWidth(Region.USE_PREF_SIZE);
        TextField value = new TextField();
        value.textProperty().bindBidirectional(a.value);
        value.promptTextProperty().bind(Bind.text(a::valuePrompt, a.kind));
        value.accessibleTextProperty().bind(Bind.text(() -> "Assertion " + n + ": " + a.valuePrompt(), a.kind));
        value.disableProperty().bind(Bind.flag(() -> a.kind.get().arg() == Assertion.Arg.NONE, a.kind));
        HBox.setHgrow(value, Priority.ALWAYS);
        CheckBox caseless = new CheckBox("any case");
        caseless.selectedProperty().bindBidirectional(a.ignoreCase);
        caseless.setAccessibleText("Assertion " + n + ": ignore case");
        caseless.visibleProperty().bind(Bind.flag(a::caseless, a.kind));
        caseless.managedProperty().bind(caseless.visibleProperty());
        TextField count = new TextField();
        count.textProperty().bindBidirectional(a.count);
        count.setPromptText("count");
        count.setPrefColumnCount(4);
        count.setAccessibleText("Assertion " + n + ": number of calls (blank: at least one)");
        count.visibleProperty().bind(Bind.flag(() -> a.kind.get() == Assertion.Kind.TOOL_CALL, a.kind));
        count.managedProperty().bind(count.visibleProperty());
        Button remove = button(null, "Remove", "Remove assertion " + n, () -> vm.removeAssertion(a));
        HBox row = new HBox(6, kind, value, caseless, count, remove);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("assertion-row");
        if (readOnly) {
            for (javafx.scene.Node c : List.of(kind, caseless, count, remove)) {
                c.setDisable(true);
            }
            value.disableProperty().unbind();
            value.setEditable(false);
        }
        return row;
    }

    private static VBox actions(CheckEditorViewModel vm, ReadOnlyBooleanProperty suiteRunning) {
        CheckTrial trial = vm.trial();
        Button save = button("checks-save", "Save", "Save the check in the plan", vm::save);
        save.getStyleClass().add("accent");
        Button revert = button("checks-revert", "Revert", "Drop the unsaved edits of this check", vm::revert);
        Button tryIt = button("checks-try", "Try it", "Try it: send this check alone to the target", vm::tryIt);
        tryIt.setGraphic(Icons.icon(Icons.RUN));
        Button cancel = button("checks-try-cancel", "Cancel", "Cancel the try", trial::cancel);
        Button close = button("checks-close", "Close", "Close the request checks editor", vm::close);
        save.disableProperty().bind(vm.selected.isNull().or(vm.readOnlyProperty()));
        revert.disableProperty().bind(save.disableProperty());
        tryIt.disableProperty().bind(vm.selected.isNull().or(trial.runningProperty()).or(suiteRunning));
        cancel.disableProperty().bind(trial.runningProperty().not());
        HBox buttons = new HBox(8, save, revert, tryIt, cancel, close);
        buttons.setAlignment(Pos.CENTER_LEFT);
        Label status = Forms.messageLabel(vm.statusProperty(), "step-status");
        status.setId("checks-status");
        Tones.bind(status, vm.statusToneProperty());
        return new VBox(6, buttons, status);
    }

    /** The try: its summary, the answer as it streams, then each assertion's outcome. */
    private static VBox trial(CheckEditorViewModel vm) {
        CheckTrial trial = vm.trial();
        Label summary = Forms.messageLabel(trial.summaryProperty(), "step-status");
        summary.setId("checks-try-summary");
        Tones.bind(summary, trial.summaryToneProperty());
        LiveOutputView output = new LiveOutputView(trial.outputLines());
        output.setId("checks-try-output");
        output.setAccessibleText("Try it: the answer as it streams");
        output.setPrefHeight(84);
        output.visibleProperty().bind(Bindings.isNotEmpty(trial.outputLines()));
        output.managedProperty().bind(output.visibleProperty());
        VBox results = AssertionList.of(trial.results());
        results.setId("checks-try-results");
        Label title = new Label("Try it");
        title.getStyleClass().add("form-label");
        return new VBox(6, title, summary, output, results);
    }

    private static Button button(String id, String text, String accessible, Runnable action) {
        Button b = new Button(text);
        if (id != null) {
            b.setId(id);
        }
        b.setMnemonicParsing(false);
        b.setAccessibleText(accessible);
        b.setMinWidth(Region.USE_PREF_SIZE);
        b.setOnAction(e -> action.run());
        return b;
    }

    private static <T> StringConverter<T> converter(java.util.function.Function<T, String> label) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : label.apply(t);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        };
    }
}
