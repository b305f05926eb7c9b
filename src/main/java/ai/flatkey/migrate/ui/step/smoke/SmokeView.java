package ai.flatkey.migrate.ui.step.smoke;

import ai.flatkey.migrate.ui.components.Tones;
import ai.flatkey.migrate.ui.components.BoundCells;
import ai.flatkey.migrate.ui.components.Forms;
import ai.flatkey.migrate.ui.components.FittedColumns;
import ai.flatkey.migrate.ui.components.ListDetail;
import ai.flatkey.migrate.ui.components.LiveOutputView;
import ai.flatkey.migrate.ui.components.StepView;
import ai.flatkey.migrate.ui.support.Bind;
import ai.flatkey.migrate.ui.support.Tone;
import ai.flatkey.migrate.ui.theme.Icons;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;

import java.util.function.Function;

/**
 * Step 4 view: run all / run one / cancel with repeat, compare and selection; the checks grouped by side and model
 * with status icons and figures; the selected check's live output, evidence, curl, Python and Node; latency charts.
 */
public final class SmokeView implements StepView {

    private final Node root;
    private final SmokeViewModel vm;
    private final ReplayViewModel replay;
    private final CheckEditorViewModel editor;
    private final TableView<CheckRow> table;

    public SmokeView(SmokeViewModel vm) {
        this(vm, null);
    }

    /** With {@code replay}: a "Replay recorded calls…" button and its card. */
    public SmokeView(SmokeViewModel vm, ReplayViewModel replay) {
        this(vm, replay, null);
    }

    /** With {@code editor}: a "Request checks…" button and the check editor's card. */
    public SmokeView(SmokeViewModel vm, ReplayViewModel replay, CheckEditorViewModel editor) {
        this.vm = vm;
        this.replay = replay;
        this.editor = editor;
        this.table = checksTable();
        root = Forms.page("step-smoke", "Smoke tests",
                "One check per feature and mapped model, run against the target. A check passes only if the response has the OpenAI shape the app relies on.",
                actions(),
                options(),
                replay == null ? new Region() : ReplayCard.build(replay, vm.runningProperty()),
                editor == null ? new Region() : CheckEditorCard.build(editor, vm.runningProperty()),
                Forms.messageLabel(vm.repeatError, "field-error"),
                budgetWarning(),
                summary(),
                checksAndDetails(),
                latencySection());
    }

    /**
     * The page width from which the checks and the selected check's detail sit side by side (a window of about
     * 1,350 px and wider); below it the detail is under the table, where the table has the whole width for the names.
     */
    static final double SIDE_BY_SIDE_FROM = 1040;

    /** The checks and the selected check's detail: side by side in a split pane when wide enough, else stacked. */
    private Node checksAndDetails() {
        VBox checks = Forms.section("Checks", "Grouped by side and model. Select a row for its output, evidence and client code.",
                table, tokensHelp());
        checks.setId("smoke-checks-card");
        checks.setMinWidth(420);
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox details = details();
        details.setMinWidth(360);
        return new ListDetail("smoke-list-detail", checks, details, SIDE_BY_SIDE_FROM, 0.62, 14).root();
    }

    /** Run all, run the selected check, cancel; a spinner and the progress while a run or its reconciliation goes on. */
    private FlowPane actions() {
        Button run = new Button("Run all", Icons.icon(Icons.RUN));
        run.setId("smoke-run");
        run.getStyleClass().add("accent");
        run.disableProperty().bind(vm.runningProperty());
        run.setOnAction(e -> vm.run());
        run.setMinWidth(Region.USE_PREF_SIZE);
        Button runOne = new Button("Run selected", Icons.icon(Icons.REFRESH));
        runOne.setId("smoke-run-one");
        runOne.disableProperty().bind(vm.runningProperty().or(Bind.flag(() -> {
            CheckRow r = table.getSelectionModel().getSelectedItem();
            return r == null || r.isGroup() || r.isSource();
        }, table.getSelectionModel().selectedItemProperty())));
        runOne.setOnAction(e -> vm.runOne(table.getSelectionModel().getSelectedItem()));
        runOne.setMinWidth(Region.USE_PREF_SIZE);
        Button cancel = new Button("Cancel", Icons.icon(Icons.CANCEL));
        cancel.setId("smoke-cancel");
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        cancel.setMinWidth(Region.USE_PREF_SIZE);
        HBox running = new HBox(10, run, runOne, cancel, spinner(), progress());
        running.setAlignment(Pos.CENTER_LEFT);
        HBox cards = new HBox(10); // the cards' buttons: beside the run's, or under them in a narrow window
        cards.setAlignment(Pos.CENTER_LEFT);
        if (editor != null) {
            cards.getChildren().add(CheckEditorCard.openButton(editor));
        }
        if (replay != null) {
            cards.getChildren().add(ReplayCard.openButton(replay, vm.runningProperty()));
        }
        FlowPane actions = new FlowPane(24, 8, running, cards);
        actions.setAlignment(Pos.CENTER_LEFT);
        return actions;
    }

    private ProgressIndicator spinner() {
        ProgressIndicator spin = new ProgressIndicator();
        spin.getStyleClass().add("small-spinner");
        spin.visibleProperty().bind(vm.runningProperty().or(vm.reconcilingProperty()));
        spin.managedProperty().bind(spin.visibleProperty());
        return spin;
    }

    private Label progress() {
        Label progress = new Label();
        progress.setId("smoke-progress");
        progress.getStyleClass().add("field-help");
        progress.textProperty().bind(Bind.text(() -> vm.progressProperty().get()
                + (vm.reconcilingProperty().get() ? " · checking the gateway's log…" : ""), vm.progressProperty(), vm.reconcilingProperty()));
        progress.setMinWidth(Region.USE_PREF_SIZE);
        return progress;
    }

    /** Repeat count, compare with the current provider, and which checks to run. */
    private HBox options() {
        TextField repeat = new TextField();
        repeat.setId("smoke-repeat");
        repeat.setPrefColumnCount(3);
        repeat.textProperty().bindBidirectional(vm.repeat);
        repeat.setAccessibleText("Repeat each check N times");
        repeat.setTooltip(new Tooltip("Runs each check N times and shows p50 / p95 latency."));
        Label repeatLabel = new Label("Repeat");
        repeatLabel.setLabelFor(repeat);
        CheckBox compare = new CheckBox("Compare with the current provider");
        compare.setId("smoke-compare");
        compare.selectedProperty().bindBidirectional(vm.compare);
        TextField checks = new TextField();
        checks.setId("smoke-checks");
        checks.setPromptText("all checks (or e.g. chat:*,streaming:*)");
        checks.setPrefColumnCount(18);
        checks.textProperty().bindBidirectional(vm.checks);
        Label checksLabel = new Label("Checks");
        checksLabel.setLabelFor(checks);
        HBox.setHgrow(checks, Priority.ALWAYS);
        HBox options = new HBox(10, repeatLabel, repeat, compare, checksLabel, checks);
        options.setAlignment(Pos.CENTER_LEFT);
        return options;
    }

    /** The warning shown before a run that may go over the budget or the quota, with its two answers. */
    private HBox budgetWarning() {
        Label warning = new Label();
        warning.setWrapText(true);
        warning.textProperty().bind(vm.budgetWarningProperty());
        warning.setGraphic(Icons.icon(org.kordamp.ikonli.feather.Feather.ALERT_TRIANGLE, "text-warning"));
        HBox.setHgrow(warning, Priority.ALWAYS);
        warning.setMaxWidth(Double.MAX_VALUE);
        Button anyway = new Button("Run anyway");
        anyway.setId("smoke-run-anyway");
        anyway.setOnAction(e -> vm.runAnyway());
        anyway.setMinWidth(Region.USE_PREF_SIZE);
        Button dont = new Button("Don't run");
        dont.setId("smoke-dont-run");
        dont.setOnAction(e -> vm.dismissBudgetWarning());
        dont.setMinWidth(Region.USE_PREF_SIZE);
        HBox budget = new HBox(10, warning, anyway, dont);
        budget.setId("smoke-budget-warning");
        budget.getStyleClass().addAll("step-status", "text-warning");
        budget.setAlignment(Pos.CENTER_LEFT);
        budget.visibleProperty().bind(vm.budgetWarningProperty().isNotEmpty());
        budget.managedProperty().bind(budget.visibleProperty());
        return budget;
    }

    private Label summary() {
        Label summary = Forms.messageLabel(vm.summaryProperty(), "step-status");
        summary.setId("smoke-summary");
        Tones.bind(summary, vm.summaryToneProperty());
        return summary;
    }

    /**
     * The checks grouped by side and model; selecting a row follows that check's output. A check's name is never cut:
     * it wraps and its row grows when the column is too narrow for it on one line.
     */
    private TableView<CheckRow> checksTable() {
        TableView<CheckRow> t = new TableView<>(vm.groupedRows());
        t.setId("smoke-table");
        t.setPlaceholder(new Label("No checks yet. Press Run all."));
        t.prefHeightProperty().bind(Bind.number(
                () -> ROW * Math.max(6, Math.min(16, vm.groupedRows().size())) + 46, vm.groupedRows()));
        // Beside the detail the table gives up height to the lines under it; stacked on the page it has its preferred one.
        t.setMinHeight(ROW * 6 + 46);
        t.setRowFactory(v -> new GroupRow());
        fit(t);
        t.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> vm.follow(now));
        keepSelection(t);
        return t;
    }

    /**
     * The check a person selected stays selected, and its output in the live pane, while a run replaces and regroups
     * the rows (a new run lists new rows; a repeat adds some): the row with its ID is selected again. A run with
     * nothing selected ends with the check the pane followed selected, so the pane's title, the selection and the copy
     * buttons agree.
     */
    private void keepSelection(TableView<CheckRow> t) {
        String[] picked = new String[1];
        t.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && !now.isGroup()) {
                picked[0] = now.id();
            }
        });
        // A click on nothing (or Ctrl+click on the selected row) clears the selection by the person's will.
        t.addEventHandler(javafx.scene.input.MouseEvent.MOUSE_RELEASED, e -> {
            if (t.getSelectionModel().getSelectedItem() == null) {
                picked[0] = null;
            }
        });
        vm.groupedRows().addListener((ListChangeListener<CheckRow>) c -> {
            CheckRow selected = t.getSelectionModel().getSelectedItem();
            if (picked[0] == null || (selected != null && picked[0].equals(selected.id()))) {
                return;
            }
            vm.groupedRows().stream().filter(r -> !r.isGroup() && r.id().equals(picked[0])).findFirst()
                    .ifPresent(r -> t.getSelectionModel().select(r));
        });
        vm.runningProperty().addListener((o, was, now) -> {
            CheckRow followed = vm.followedProperty().get();
            CheckRow selected = t.getSelectionModel().getSelectedItem();
            if (!now && followed != null && (selected == null || selected.isGroup()) && vm.groupedRows().contains(followed)) {
                t.getSelectionModel().select(followed);
            }
        });
    }

    /** The height of a row whose check name fits on one line. */
    private static final double ROW = 30;

    /**
     * Every column as wide as its header or its widest value, so no check name is cut and no column of dashes takes
     * the room; the reason takes the rest (whole in its tooltip and in the Evidence tab). When the table is narrow the
     * figures that matter least go first (Tok/s, then TTFT, Tokens, Cost): the selected check's detail lists them all.
     */
    private void fit(TableView<CheckRow> t) {
        TableColumn<CheckRow, CheckRow> status = BoundCells.column("Status", 95);
        status.setCellFactory(c -> new StatusCell());
        TableColumn<CheckRow, CheckRow> name = BoundCells.column("Check", 160);
        name.setCellFactory(NameCell::new);
        TableColumn<CheckRow, CheckRow> ttft = figure("TTFT", CheckRow::ttftProperty);
        TableColumn<CheckRow, CheckRow> latency = figure("Latency", CheckRow::totalProperty);
        TableColumn<CheckRow, CheckRow> tps = figure("Tok/s", CheckRow::tpsProperty);
        TableColumn<CheckRow, CheckRow> tokens = figure("Tokens", CheckRow::tokensProperty);
        TableColumn<CheckRow, CheckRow> cost = figure("Cost", CheckRow::costProperty);
        TableColumn<CheckRow, CheckRow> reason = col("Reason", 150, CheckRow::reasonProperty, null);
        t.getColumns().addAll(java.util.List.of(status, name, ttft, latency, tps, tokens, cost, reason));
        Function<CheckRow, Boolean> bold = CheckRow::isGroup;
        FittedColumns<CheckRow> fitted = FittedColumns.install(t, java.util.List.of(
                new FittedColumns.Fit<>(status, r -> r.statusProperty().get(), 22, 0, bold),
                new FittedColumns.Fit<>(name, r -> r.titleProperty().get(), 0, 0, bold),
                new FittedColumns.Fit<>(latency, r -> r.totalProperty().get(), 0, 1, bold),
                new FittedColumns.Fit<>(cost, r -> r.costProperty().get(), 0, 2, bold),
                new FittedColumns.Fit<>(tokens, r -> r.tokensProperty().get(), 0, 3, bold),
                new FittedColumns.Fit<>(ttft, r -> r.ttftProperty().get(), 0, 4, bold),
                new FittedColumns.Fit<>(tps, r -> r.tpsProperty().get(), 0, 5, bold)), reason, 120, false);
        // A check's status and figures change in place as it runs and finishes.
        vm.progressProperty().addListener((o, was, now) -> fitted.refitLater());
        vm.runningProperty().addListener((o, was, now) -> fitted.refitLater());
    }

    private static Label tokensHelp() {
        Label help = Forms.text("Tokens: total (prompt+completion). Latency from request sent to last byte "
                + "(p50 / p95 with Repeat). Cost from the gateway's prices, or the ones typed in step 3.", "field-help");
        help.setMinHeight(Region.USE_PREF_SIZE); // wraps whole beside the detail; the table gives up the height
        return help;
    }

    /**
     * The selected check: its title, copy buttons, its images and sounds (thumbnails, a player) when it has them, and
     * the tabs with live output, evidence and client code.
     */
    private VBox details() {
        TextArea evidence = code("smoke-evidence", "Select a check to see its verdict, rule and evidence.");
        TextArea curl = code("smoke-curl", "Select a finished check to see its curl command.");
        TextArea python = code("smoke-python", "Select a check to see it as Python.");
        TextArea node = code("smoke-node", "Select a check to see it as Node.js.");
        followSelection(evidence, curl, python, node);
        VBox assertions = assertionsOfSelection();
        TabPane tabs = tabs(evidence, curl, python, node);
        Button copyCurl = copyButton("smoke-copy-curl", "Copy curl", () -> vm.curlFor(table.getSelectionModel().getSelectedItem()));
        Button copyPy = copyButton("smoke-copy-python", "Copy Python", () -> vm.pythonFor(table.getSelectionModel().getSelectedItem()));
        Button copyNode = copyButton("smoke-copy-node", "Copy Node", () -> vm.nodeFor(table.getSelectionModel().getSelectedItem()));
        copyCurl.disableProperty().bind(curl.textProperty().isEmpty());
        copyPy.disableProperty().bind(python.textProperty().isEmpty());
        copyNode.disableProperty().bind(python.textProperty().isEmpty());
        Label copyHelp = Forms.text("Keys come from FLATKEY_API_KEY, never from the snippet.", "field-help");
        copyHelp.setWrapText(true);
        HBox.setHgrow(copyHelp, Priority.ALWAYS);
        FlowPane copyBar = new FlowPane(8, 8, copyCurl, copyPy, copyNode);
        VBox details = new VBox(8, outputTitle(), figures(), assertions, copyBar, new MediaPane(vm).root(), tabs, copyHelp);
        details.setId("smoke-detail");
        details.getStyleClass().add("card");
        VBox.setVgrow(tabs, Priority.ALWAYS);
        return details;
    }

    /** The selected request check's assertions, one line each with held / failed, rule ID and evidence. */
    private VBox assertionsOfSelection() {
        javafx.collections.ObservableList<AssertionLine> shown = javafx.collections.FXCollections.observableArrayList();
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (was != null) {
                Bindings.unbindContent(shown, was.assertions());
            }
            if (now != null && !now.isGroup()) {
                Bindings.bindContent(shown, now.assertions());
            } else {
                shown.clear();
            }
        });
        Label title = new Label("Assertions");
        title.getStyleClass().add("form-label");
        VBox box = new VBox(4, title, AssertionList.of(shown));
        box.setId("smoke-assertions");
        box.visibleProperty().bind(Bindings.isNotEmpty(shown));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    /** The evidence and the client code follow the selected row (emptied for a group header or no selection). */
    private void followSelection(TextArea evidence, TextArea curl, TextArea python, TextArea node) {
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            curl.textProperty().unbind();
            evidence.textProperty().unbind();
            if (now != null && !now.isGroup()) {
                curl.textProperty().bind(now.curlProperty());
                evidence.textProperty().bind(now.evidenceProperty());
                python.setText(vm.pythonFor(now));
                node.setText(vm.nodeFor(now));
            } else {
                curl.setText("");
                evidence.setText("");
                python.setText("");
                node.setText("");
            }
        });
    }

    /** Live output, Evidence, curl, Python, Node; selecting a check that did not pass opens its evidence. */
    private TabPane tabs(TextArea evidence, TextArea curl, TextArea python, TextArea node) {
        Tab outTab = tab("smoke-tab-output", "Live output", liveOutput());
        Tab evTab = tab("smoke-tab-evidence", "Evidence", evidence);
        TabPane tabs = new TabPane(outTab, evTab, tab("smoke-tab-curl", "curl", curl),
                tab("smoke-tab-python", "Python", python), tab("smoke-tab-node", "Node", node));
        tabs.setId("smoke-details");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setPrefHeight(250);
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && !now.isGroup() && !now.statusProperty().get().equals("pass")
                    && !now.statusProperty().get().equals("running") && !now.statusProperty().get().equals("queued")) {
                tabs.getSelectionModel().select(evTab);
            }
        });
        return tabs;
    }

    private static Tab tab(String id, String title, Node content) {
        Tab t = new Tab(title, content);
        t.setId(id);
        return t;
    }

    /** The rendered output (text and tool calls as they stream) or, toggled, the raw server-sent events. */
    private VBox liveOutput() {
        LiveOutputView output = new LiveOutputView(vm.outputLines());
        output.setId("smoke-output");
        output.setCellFactory(LineCell::new);
        output.setPrefHeight(220);
        output.setPlaceholder(Forms.text("Streamed text and tool calls appear here as they arrive. Select a row to see that check's output.", "field-help"));
        LiveOutputView rawOutput = rawOutput();
        output.visibleProperty().bind(vm.rawViewProperty().not());
        output.managedProperty().bind(output.visibleProperty());
        rawOutput.visibleProperty().bind(vm.rawViewProperty());
        rawOutput.managedProperty().bind(rawOutput.visibleProperty());
        StackPane liveStack = new StackPane(output, rawOutput);
        VBox live = new VBox(6, liveBar(), liveStack);
        live.setPadding(new javafx.geometry.Insets(6, 0, 0, 0));
        VBox.setVgrow(liveStack, Priority.ALWAYS);
        return live;
    }

    private LiveOutputView rawOutput() {
        LiveOutputView rawOutput = new LiveOutputView(vm.rawLines());
        rawOutput.setId("smoke-raw-output");
        rawOutput.setCellFactory(LineCell::new);
        rawOutput.getStyleClass().add("mono");
        rawOutput.setPrefHeight(220);
        rawOutput.setAccessibleText("Raw server-sent events of the selected check, keys redacted");
        Label rawEmpty = new Label();
        rawEmpty.getStyleClass().add("field-help");
        rawEmpty.setWrapText(true);
        rawEmpty.textProperty().bind(vm.rawNoteProperty());
        rawOutput.setPlaceholder(rawEmpty);
        return rawOutput;
    }

    /** The Raw SSE toggle and a note on what the output pane shows. */
    private HBox liveBar() {
        ToggleButton rawToggle = new ToggleButton("Raw SSE", Icons.icon(org.kordamp.ikonli.feather.Feather.CODE));
        rawToggle.setId("smoke-raw-toggle");
        rawToggle.setMinWidth(Region.USE_PREF_SIZE);
        rawToggle.selectedProperty().bindBidirectional(vm.rawViewProperty());
        rawToggle.setAccessibleText("Show the raw event stream");
        rawToggle.setTooltip(new Tooltip("Switch between the rendered output and the server-sent events exactly as received (keys redacted)."));
        Label rawNote = new Label();
        rawNote.setId("smoke-raw-note");
        rawNote.getStyleClass().add("field-help");
        rawNote.textProperty().bind(Bindings.when(vm.rawViewProperty()).then(vm.rawNoteProperty())
                .otherwise("Text as it streams; tool calls (name and arguments) grow below it."));
        rawNote.setMinWidth(0);
        HBox liveBar = new HBox(8, rawToggle, rawNote);
        liveBar.setAlignment(Pos.CENTER_LEFT);
        return liveBar;
    }

    /**
     * The selected check's status, figures and reason in full: the table may hide the figures that matter least in a
     * narrow window and ends a long reason in "…".
     */
    private Label figures() {
        Label figures = new Label();
        figures.setId("smoke-figures");
        figures.getStyleClass().add("field-help");
        figures.setWrapText(true);
        figures.setMinHeight(Region.USE_PREF_SIZE);
        javafx.beans.property.ObjectProperty<CheckRow> selected = new javafx.beans.property.SimpleObjectProperty<>();
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) ->
                selected.set(now == null || now.isGroup() ? null : now));
        figures.textProperty().bind(Bindings.createStringBinding(
                () -> selected.get() == null ? "" : selected.get().figuresLine(),
                selected, vm.progressProperty(), vm.runningProperty()));
        figures.visibleProperty().bind(figures.textProperty().isNotEmpty());
        figures.managedProperty().bind(figures.visibleProperty());
        return figures;
    }

    /** The followed check's title and model, or "Selected check". */
    private Label outputTitle() {
        Label outputTitle = new Label();
        outputTitle.getStyleClass().add("card-title");
        outputTitle.setId("smoke-output-title");
        outputTitle.setWrapText(true);
        outputTitle.setMinHeight(Region.USE_PREF_SIZE);
        outputTitle.textProperty().bind(Bind.text(() -> vm.followedProperty().get() == null
                ? "Selected check" : vm.followedProperty().get().titleProperty().get()
                        + (vm.followedProperty().get().modelProperty().get().isBlank() ? "" : " · " + vm.followedProperty().get().modelProperty().get()),
                vm.followedProperty()));
        return outputTitle;
    }

    /** One latency chart per model, redrawn when the figures change; a note until there are any. */
    private VBox latencySection() {
        FlowPane charts = new FlowPane(14, 14);
        charts.setId("smoke-charts");
        Label noChart = Forms.text("Latency charts appear after a run: one per model, with the current provider beside it when compared.", "field-help");
        Runnable fillCharts = () -> {
            charts.getChildren().clear();
            for (Metrics.ModelLatency m : vm.latency()) {
                charts.getChildren().add(chart(m));
            }
            noChart.setVisible(vm.latency().isEmpty());
            noChart.setManaged(vm.latency().isEmpty());
        };
        vm.latency().addListener((ListChangeListener<Metrics.ModelLatency>) c -> fillCharts.run());
        fillCharts.run();
        return Forms.section("Latency per model", null, noChart, charts);
    }

    private static BarChart<String, Number> chart(Metrics.ModelLatency m) {
        CategoryAxis x = new CategoryAxis();
        NumberAxis y = new NumberAxis();
        y.setLabel("ms");
        BarChart<String, Number> chart = new BarChart<>(x, y);
        chart.setTitle(m.model() + (m.sourceModel().isBlank() ? "" : "  vs  " + m.sourceModel()));
        chart.setAnimated(false);
        chart.setPrefSize(360, 240);
        chart.setMinWidth(300);
        chart.setLegendVisible(m.bars().stream().anyMatch(b -> b.sourceMs() != null));
        chart.setId("smoke-chart-" + m.model().replaceAll("[^A-Za-z0-9]+", "-"));
        XYChart.Series<String, Number> target = new XYChart.Series<>();
        target.setName("Target");
        XYChart.Series<String, Number> source = new XYChart.Series<>();
        source.setName("Current provider");
        for (Metrics.Bar b : m.bars()) {
            target.getData().add(new XYChart.Data<>(b.feature(), b.targetMs()));
            if (b.sourceMs() != null) {
                source.getData().add(new XYChart.Data<>(b.feature(), b.sourceMs()));
            }
        }
        chart.getData().add(target);
        if (!source.getData().isEmpty()) {
            chart.getData().add(source);
        }
        chart.setAccessibleText("Latency of " + m.model() + " per feature in milliseconds");
        return chart;
    }

    @Override
    public Node root() {
        return root;
    }

    private static TextArea code(String id, String prompt) {
        TextArea t = new TextArea();
        t.setId(id);
        t.setEditable(false);
        t.setWrapText(true);
        t.getStyleClass().add("mono");
        t.setPromptText(prompt);
        return t;
    }

    private static Button copyButton(String id, String text, java.util.function.Supplier<String> content) {
        return ai.flatkey.migrate.ui.components.CopyButtons.copy(id, text, content);
    }

    private static TableColumn<CheckRow, CheckRow> col(String title, double width,
                                                      Function<CheckRow, ObservableValue<String>> text,
                                                      Function<CheckRow, ObservableValue<Tone>> tone) {
        TableColumn<CheckRow, CheckRow> c = BoundCells.column(title, width);
        c.setCellFactory(BoundCells.label(text, tone));
        return c;
    }

    /** A figure on one line; one too wide for its cell (p50 / p95 with Repeat) ends in "…" and shows whole as a tooltip. */
    private static TableColumn<CheckRow, CheckRow> figure(String title, Function<CheckRow, ObservableValue<String>> value) {
        TableColumn<CheckRow, CheckRow> c = BoundCells.column(title, 80);
        c.setCellFactory(col -> new FigureCell(value));
        return c;
    }

    private static final class FigureCell extends TableCell<CheckRow, CheckRow> {
        private final Function<CheckRow, ObservableValue<String>> value;
        private final Tooltip tip = ai.flatkey.migrate.ui.components.Tips.wrapping();

        FigureCell(Function<CheckRow, ObservableValue<String>> value) {
            this.value = value;
            tip.textProperty().bind(textProperty());
        }

        @Override
        protected void updateItem(CheckRow row, boolean empty) {
            super.updateItem(row, empty);
            textProperty().unbind();
            if (empty || row == null) {
                setText(null);
                setTooltip(null);
            } else {
                textProperty().bind(value.apply(row));
                setTooltip(tip);
            }
        }
    }

    /** A row styled as a group header ("Target · gpt-5.5") when its item is one. */
    private static final class GroupRow extends TableRow<CheckRow> {
        GroupRow() {
            setMinHeight(ROW);
        }

        @Override
        protected void updateItem(CheckRow item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().remove("group-row");
            if (!empty && item != null && item.isGroup()) {
                getStyleClass().add("group-row");
            }
        }
    }

    /**
     * A check's name as wrapping text: the row grows to the lines it needs instead of cutting it short. A group
     * header's title is in the accent colour; the text takes the cell's colour (selection, theme).
     */
    private static final class NameCell extends TableCell<CheckRow, CheckRow> {
        private final Text text = new Text();

        NameCell(TableColumn<CheckRow, CheckRow> column) {
            text.wrappingWidthProperty().bind(column.widthProperty().subtract(16));
            text.fillProperty().bind(textFillProperty());
            setMinHeight(ROW);
        }

        @Override
        protected void updateItem(CheckRow row, boolean empty) {
            super.updateItem(row, empty);
            text.textProperty().unbind();
            Tones.apply(this, Tone.NEUTRAL);
            if (empty || row == null) {
                text.setText("");
                setGraphic(null);
                return;
            }
            text.textProperty().bind(row.titleProperty());
            if (row.isGroup()) {
                Tones.apply(this, Tone.ACCENT);
            }
            setGraphic(text);
        }
    }

    /** Status with its icon and colour; a group header shows its title here instead. */
    private static final class StatusCell extends TableCell<CheckRow, CheckRow> {
        private final Label label = new Label();

        StatusCell() {
            label.setMinWidth(Region.USE_PREF_SIZE);
        }

        @Override
        protected void updateItem(CheckRow row, boolean empty) {
            super.updateItem(row, empty);
            label.textProperty().unbind();
            Tones.apply(label, Tone.NEUTRAL);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            if (row.isGroup()) {
                label.setText(row.statusProperty().get());
                Tones.apply(label, Tone.ACCENT);
                label.setGraphic(Icons.icon(row.isSource() ? org.kordamp.ikonli.feather.Feather.SERVER
                        : org.kordamp.ikonli.feather.Feather.LAYERS, Tone.ACCENT.styleClass()));
                setGraphic(label);
                return;
            }
            label.textProperty().bind(row.statusProperty());
            Tones.apply(label, row.statusToneProperty().get());
            label.setGraphic(Icons.icon(Icons.forStatus(row.statusProperty().get())));
            row.statusProperty().addListener(new javafx.beans.value.ChangeListener<>() {
                @Override
                public void changed(ObservableValue<? extends String> o, String was, String now) {
                    if (getItem() != row) {
                        o.removeListener(this);
                        return;
                    }
                    Tones.apply(label, row.statusToneProperty().get());
                    label.setGraphic(Icons.icon(Icons.forStatus(now)));
                }
            });
            setGraphic(label);
        }
    }
}
