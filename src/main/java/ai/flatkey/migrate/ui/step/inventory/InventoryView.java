package ai.flatkey.migrate.ui.step.inventory;

import ai.flatkey.migrate.ui.components.Forms;
import ai.flatkey.migrate.ui.components.StepView;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;

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
                Forms.section("Client", null, client(vm)),
                Forms.section("Request parameters", "Leave a field empty when the app does not set it.", params(vm)),
                Forms.section("Operations", null, ops(vm)),
                recordCard);
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
