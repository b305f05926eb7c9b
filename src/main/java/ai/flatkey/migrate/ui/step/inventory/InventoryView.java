package ai.flatkey.migrate.ui.step.inventory;

import ai.flatkey.migrate.ui.components.Forms;
import ai.flatkey.migrate.ui.components.StepView;
import ai.flatkey.migrate.ui.components.BoundCells;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.util.StringConverter;

import java.util.List;

/** Step 1 view: the inventory form. */
public final class InventoryView implements StepView {

    private final Node root;

    /** The page starts with the source-scan card (drop zone, progress, proposals, findings), then the form. */
    public InventoryView(InventoryViewModel vm, ScanViewModel scan) {
        this(vm, scan, null);
    }

    /** With {@code recording}: the "Record live traffic" card ends the page (the form stays where it was). */
    public InventoryView(InventoryViewModel vm, ScanViewModel scan, RecordingViewModel recording) {
        Node scanCard = ScanSection.build(scan);
        Node recordCard = recording == null ? new javafx.scene.layout.Region() : RecordSection.build(recording);
        root = Forms.page("step-inventory", "Inventory",
                "Record what the app sends today, before anything changes. Every feature listed here becomes a smoke test later.",
                Forms.messageLabel(vm.summary, "step-status"),
                scanCard,
                providers(vm),
                Forms.section("Client", null, client(vm)),
                Forms.section("Request parameters", "Leave a field empty when the app does not set it.", params(vm)),
                Forms.section("Operations", null, ops(vm)),
                recordCard);
    }

    /**
     * The providers the scan found, one row each with its host, models and deployments and a migrate / keep choice
     * (the call counts are in the exports); shown only when the plan has provider rows.
     */
    private static Node providers(InventoryViewModel vm) {
        TableView<ProviderRow> table = new TableView<>(vm.providers());
        table.setId("inv-providers");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.setFixedCellSize(40);
        // every row and the header in view, without a scroll bar (the header is about 40 px high)
        table.prefHeightProperty().bind(Bindings.size(vm.providers()).multiply(40).add(44));
        table.setMinHeight(Region.USE_PREF_SIZE);
        TableColumn<ProviderRow, ProviderRow> name = BoundCells.column("Provider", 130);
        name.setCellFactory(BoundCells.label(r -> new ReadOnlyStringWrapper(r.shortName())));
        TableColumn<ProviderRow, ProviderRow> host = BoundCells.column("Host", 200);
        host.setCellFactory(BoundCells.label(r -> new ReadOnlyStringWrapper(r.host())));
        TableColumn<ProviderRow, ProviderRow> sent = BoundCells.column("Models", 180);
        sent.setCellFactory(BoundCells.label(r -> new ReadOnlyStringWrapper(r.sent())));
        TableColumn<ProviderRow, ProviderRow> decision = BoundCells.column("Decision", 140);
        decision.setCellFactory(BoundCells.choice(ProviderRow::decisionProperty,
                FXCollections.observableArrayList(ProviderRow.DECISIONS), false, new StringConverter<>() {
                    @Override
                    public String toString(String d) {
                        return ProviderRow.label(d);
                    }

                    @Override
                    public String fromString(String s) {
                        return ProviderRow.DECISIONS.stream().filter(d -> ProviderRow.label(d).equals(s)).findFirst().orElse("");
                    }
                }));
        double[] min = {110, 190, 160, 124};
        List<TableColumn<ProviderRow, ProviderRow>> columns = List.of(name, host, sent, decision);
        for (int i = 0; i < min.length; i++) {
            columns.get(i).setMinWidth(min[i]);
        }
        table.getColumns().addAll(columns);
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(ProviderRow row, boolean empty) {
                super.updateItem(row, empty);
                setTooltip(empty || row == null || row.notes().isBlank() ? null : new Tooltip(row.notes()));
            }
        });
        Node section = Forms.section("Providers", "Each provider the app talks to is its own decision. Migrate moves its models to the "
                + "target gateway; Keep leaves it as it is, and its models get no mapping and no smoke check.",
                Forms.messageLabel(vm.providersSummary, "field-help"), table);
        section.setId("inv-providers-section");
        section.visibleProperty().bind(Bindings.isNotEmpty(vm.providers()));
        section.managedProperty().bind(section.visibleProperty());
        return section;
    }

    /** SDK, endpoint families, base URL, models and message shape. */
    private static GridPane client(InventoryViewModel vm) {
        GridPane client = Forms.grid();
        Forms.row(client, "SDK or wrapper", combo("inv-sdk", InventoryViewModel.SDKS, vm.sdk,
                "Python openai, Node openai, direct HTTP, LangChain…"), null, null);
        Forms.row(client, "Endpoint families", endpoints(vm), null, "Each family is its own migration: test each one you use.");
        Forms.row(client, "Current base URL", field("inv-base-url", vm.currentBaseUrl, "https://api.openai.com/v1"),
                vm.currentBaseUrlError, null);
        Forms.row(client, "Production model", field("inv-model", vm.productionModel, "e.g. gpt-4o-mini"), null,
                "The exact model ID string sent in production.");
        Forms.row(client, "Fallback models", field("inv-fallbacks", vm.fallbackModels, "comma-separated"), vm.fallbackHint, null);
        Forms.row(client, "Message shape", field("inv-message-shape", vm.messageShape,
                "system + user, developer messages, tool messages, images…"), null, null);
        return client;
    }

    private static FlowPane endpoints(InventoryViewModel vm) {
        FlowPane eps = new FlowPane(14, 8);
        for (String e : InventoryViewModel.ENDPOINTS) {
            CheckBox cb = new CheckBox(e);
            cb.setId("inv-endpoint-" + e);
            cb.selectedProperty().bindBidirectional(vm.endpoint(e));
            eps.getChildren().add(cb);
        }
        return eps;
    }

    /** What the app sets on its requests; empty when it does not set it. */
    private static GridPane params(InventoryViewModel vm) {
        GridPane params = Forms.grid();
        FlowPane flags = new FlowPane(14, 8, check("inv-stream", "stream", vm.stream), check("inv-tools", "tools / function calls", vm.tools),
                check("inv-json", "JSON output", vm.jsonOutput));
        Forms.row(params, "Uses", flags, null, null);
        Forms.row(params, "temperature", field("inv-temperature", vm.temperature, "not set"), vm.temperatureError, null);
        Forms.row(params, "max tokens", field("inv-max-tokens", vm.maxTokens, "not set"), vm.maxTokensError, null);
        Forms.row(params, "response_format", combo("inv-response-format", InventoryViewModel.RESPONSE_FORMATS, vm.responseFormat,
                "not set"), null, null);
        Forms.row(params, "seed", field("inv-seed", vm.seed, "not set"), vm.seedError, null);
        Forms.row(params, "timeout (seconds)", field("inv-timeout", vm.timeoutSeconds, "not set"), vm.timeoutError, null);
        Forms.row(params, "retries", field("inv-retries", vm.retries, "not set"), vm.retriesError, null);
        return params;
    }

    private static GridPane ops(InventoryViewModel vm) {
        GridPane ops = Forms.grid();
        Forms.row(ops, "Observability", area("inv-observability", vm.observability,
                "Where latency, tokens, request IDs, errors and cost are seen today"), null, null);
        Forms.row(ops, "Rollback path", area("inv-rollback", vm.rollbackPath,
                "How the old key, base URL and model are restored (ideally an env change)"), null, null);
        return ops;
    }

    /** An editable combo box: pick a common value or type another. */
    private static ComboBox<String> combo(String id, java.util.List<String> values, StringProperty p, String prompt) {
        ComboBox<String> box = new ComboBox<>(FXCollections.observableArrayList(values));
        box.setEditable(true);
        box.setId(id);
        box.setMaxWidth(Double.MAX_VALUE);
        box.setPromptText(prompt);
        box.getEditor().textProperty().bindBidirectional(p);
        return box;
    }

    private static TextField field(String id, StringProperty p, String prompt) {
        TextField t = new TextField();
        t.setId(id);
        t.setPromptText(prompt);
        t.textProperty().bindBidirectional(p);
        return t;
    }

    private static TextArea area(String id, StringProperty p, String prompt) {
        TextArea t = new TextArea();
        t.setId(id);
        t.setPromptText(prompt);
        t.setPrefRowCount(2);
        t.setWrapText(true);
        t.textProperty().bindBidirectional(p);
        return t;
    }

    private static CheckBox check(String id, String label, BooleanProperty p) {
        CheckBox c = new CheckBox(label);
        c.setId(id);
        c.selectedProperty().bindBidirectional(p);
        return c;
    }

    @Override
    public Node root() {
        return root;
    }
}
