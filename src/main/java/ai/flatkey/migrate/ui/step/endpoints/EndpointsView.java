package ai.flatkey.migrate.ui.step.endpoints;

import ai.flatkey.migrate.plan.Preset;
import ai.flatkey.migrate.ui.components.Forms;
import ai.flatkey.migrate.ui.components.StepView;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import ai.flatkey.migrate.ui.components.Decorations;
import ai.flatkey.migrate.ui.theme.Icons;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;


/** Step 2 view: binds the target/source forms and the connection check to {@link EndpointsViewModel}. */
public final class EndpointsView implements StepView {

    private final Node root;
    private final EndpointsViewModel vm;
    private final Decorations decorations = new Decorations();

    public EndpointsView(EndpointsViewModel vm) {
        this.vm = vm;
        root = Forms.page("step-endpoints", "Keys & endpoints",
                "Point the plan at the new gateway. Only a reference to the key is stored in the plan — the key itself stays in your environment or in memory.",
                Forms.section("Target", null, targetGrid()),
                checkCard(),
                Forms.section("Current provider (source)", "Optional: used for rollback and later side-by-side runs.", sourceGrid()));
    }

    /** Gateway preset, base URL (with the demo gateway's start-up status) and where the key comes from. */
    private GridPane targetGrid() {
        TextField baseUrl = baseUrlField();
        GridPane target = Forms.grid();
        Forms.row(target, "Gateway", presetBox(), null,
                "Flatkey is the default. The embedded demo gateway runs on this computer, offline.");
        VBox urlBox = new VBox(4, baseUrl, demoRow());
        Forms.row(target, "Base URL", urlBox, vm.baseUrlErrorProperty(), "Everything before /chat/completions, usually ending in /v1.");
        target.add(Forms.messageLabel(vm.baseUrlHintProperty(), "field-warning"), 1, target.getRowCount());

        TextField envName = envNameField();
        Label keyStatus = Forms.messageLabel(vm.keyStatusProperty(), "field-help");
        keyStatus.setId("key-status");
        Forms.row(target, "Key from", keyModeBox(), null, null);
        Forms.row(target, "", new VBox(4, envName, sessionRow(), keychainRow(), keyStatus), vm.envNameErrorProperty(), null);
        decorations.watch(baseUrl, vm.baseUrlErrorProperty());
        decorations.watch(envName, vm.envNameErrorProperty());
        return target;
    }

    private ComboBox<Preset> presetBox() {
        ComboBox<Preset> preset = new ComboBox<>(FXCollections.observableArrayList(Preset.values()));
        preset.setId("target-preset");
        preset.valueProperty().bindBidirectional(vm.presetProperty());
        preset.setMaxWidth(Double.MAX_VALUE);
        preset.setVisibleRowCount(Preset.values().length);
        return preset;
    }

    private TextField baseUrlField() {
        TextField baseUrl = new TextField();
        baseUrl.setId("target-base-url");
        baseUrl.setPromptText("https://router.flatkey.ai/v1");
        baseUrl.setAccessibleText("Target base URL"); // its row's label names the box it shares with the demo button
        baseUrl.textProperty().bindBidirectional(vm.baseUrlProperty());
        baseUrl.disableProperty().bind(vm.demoStartingProperty());
        return baseUrl;
    }

    /** A spinner and a status line while the embedded demo gateway starts. */
    private HBox demoRow() {
        ProgressIndicator demoSpin = new ProgressIndicator();
        demoSpin.getStyleClass().add("small-spinner");
        demoSpin.visibleProperty().bind(vm.demoStartingProperty());
        demoSpin.managedProperty().bind(demoSpin.visibleProperty());
        Label demoStatus = Forms.messageLabel(vm.demoStatusProperty(), "field-info");
        demoStatus.setId("demo-status");
        HBox demoRow = new HBox(8, demoSpin, demoStatus);
        demoRow.setAlignment(Pos.CENTER_LEFT);
        return demoRow;
    }

    private ComboBox<KeyMode> keyModeBox() {
        ComboBox<KeyMode> keyMode = new ComboBox<>(FXCollections.observableArrayList(KeyMode.values()));
        keyMode.setId("key-mode");
        keyMode.valueProperty().bindBidirectional(vm.keyModeProperty());
        keyMode.setMaxWidth(Double.MAX_VALUE);
        keyMode.disableProperty().bind(vm.presetProperty().isEqualTo(Preset.DEMO));
        return keyMode;
    }

    /** The environment variable's name, shown when the key comes from the environment. */
    private TextField envNameField() {
        TextField envName = new TextField();
        envName.setId("key-env-name");
        envName.textProperty().bindBidirectional(vm.envNameProperty());
        showWhen(envName, KeyMode.ENV);
        return envName;
    }

    /** The session key (masked, shown while the eye button is held) and saving it to the keychain. */
    private HBox sessionRow() {
        PasswordField sessionKey = new PasswordField();
        sessionKey.setId("key-session");
        sessionKey.setPromptText("Paste the key; it is kept in memory only");
        sessionKey.textProperty().bindBidirectional(vm.sessionKeyProperty());
        sessionKey.setAccessibleText("API key for this session, masked");
        TextField revealed = new TextField();
        revealed.setId("key-session-revealed");
        revealed.setEditable(false);
        revealed.textProperty().bind(vm.sessionKeyProperty());
        revealed.setFocusTraversable(false);
        Button reveal = new Button(null, Icons.icon(org.kordamp.ikonli.feather.Feather.EYE));
        reveal.setId("key-reveal");
        reveal.setTooltip(new javafx.scene.control.Tooltip("Hold to show the key"));
        reveal.setAccessibleText("Hold to show the key");
        reveal.setFocusTraversable(false);
        revealed.visibleProperty().bind(reveal.armedProperty());
        javafx.scene.layout.StackPane keyStack = new javafx.scene.layout.StackPane(sessionKey, revealed);
        HBox.setHgrow(keyStack, javafx.scene.layout.Priority.ALWAYS);
        Button saveKeychain = new Button("Save to keychain", Icons.icon(Icons.ENDPOINTS));
        saveKeychain.setId("key-save-keychain");
        saveKeychain.setOnAction(e -> vm.saveToKeychain());
        saveKeychain.disableProperty().bind(vm.keychainBusyProperty().or(vm.sessionKeyProperty().isEmpty()));
        saveKeychain.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox sessionRow = new HBox(6, keyStack, reveal, saveKeychain);
        sessionRow.setAlignment(Pos.CENTER_LEFT);
        showWhen(sessionRow, KeyMode.SESSION);
        return sessionRow;
    }

    /** The keychain entry's name and loading the key from it. */
    private HBox keychainRow() {
        TextField keychainName = new TextField();
        keychainName.setId("key-keychain-name");
        keychainName.setPromptText("entry name, e.g. flatkey");
        keychainName.textProperty().bindBidirectional(vm.keychainNameProperty());
        keychainName.setAccessibleText("Keychain entry name");
        HBox.setHgrow(keychainName, javafx.scene.layout.Priority.ALWAYS);
        Button loadKeychain = new Button("Load from keychain", Icons.icon(Icons.REFRESH));
        loadKeychain.setId("key-load-keychain");
        loadKeychain.setOnAction(e -> vm.loadFromKeychain());
        loadKeychain.disableProperty().bind(vm.keychainBusyProperty());
        loadKeychain.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox keychainRow = new HBox(6, keychainName, loadKeychain);
        keychainRow.setAlignment(Pos.CENTER_LEFT);
        showWhen(keychainRow, KeyMode.KEYCHAIN);
        return keychainRow;
    }

    /** Shows (and lays out) {@code node} only while the key comes from {@code mode}. */
    private void showWhen(Node node, KeyMode mode) {
        node.visibleProperty().bind(vm.keyModeProperty().isEqualTo(mode));
        node.managedProperty().bind(node.visibleProperty());
    }

    /** The live connection check: buttons, then the result's headline and detail. */
    private VBox checkCard() {
        return Forms.section("Live connection check",
                "Lists the target's models with the key above. 200 means the URL and key work; otherwise the reason is shown.",
                checkButtons(), checkResult());
    }

    private HBox checkButtons() {
        Button check = new Button("Check connection", Icons.icon(org.kordamp.ikonli.feather.Feather.ZAP));
        check.setId("check-connection");
        check.getStyleClass().add("accent");
        check.setDefaultButton(false);
        check.disableProperty().bind(vm.canCheckProperty().not());
        check.setOnAction(e -> vm.checkConnection());
        check.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Button cancel = new Button("Cancel");
        cancel.setId("cancel-check");
        cancel.visibleProperty().bind(vm.checkStateProperty().isEqualTo(CheckState.RUNNING));
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> vm.cancelCheck());
        ProgressIndicator spin = new ProgressIndicator();
        spin.getStyleClass().add("small-spinner");
        spin.visibleProperty().bind(vm.checkStateProperty().isEqualTo(CheckState.RUNNING));
        spin.managedProperty().bind(spin.visibleProperty());
        HBox buttons = new HBox(10, check, cancel, spin);
        buttons.setAlignment(Pos.CENTER_LEFT);
        return buttons;
    }

    /** The check's headline and detail in a box styled by the check's state ({@code state-idle}, {@code state-success}, …). */
    private VBox checkResult() {
        Label headline = new Label();
        headline.setId("check-headline");
        headline.getStyleClass().add("result-headline");
        headline.setWrapText(true);
        headline.textProperty().bind(vm.checkHeadlineProperty());
        Label detail = new Label();
        detail.setId("check-detail");
        detail.getStyleClass().add("result-detail");
        detail.setWrapText(true);
        detail.textProperty().bind(vm.checkDetailProperty());
        VBox result = new VBox(4, headline, detail);
        result.setId("check-result");
        result.getStyleClass().addAll("result-box", "state-idle");
        vm.checkStateProperty().addListener((o, was, now) -> {
            result.getStyleClass().removeIf(c -> c.startsWith("state-"));
            result.getStyleClass().add("state-" + now.name().toLowerCase(java.util.Locale.ROOT));
        });
        return result;
    }

    /** The current provider's base URL and key reference (also the rollback target). */
    private GridPane sourceGrid() {
        TextField sourceUrl = new TextField();
        sourceUrl.setId("source-base-url");
        sourceUrl.setPromptText("https://api.openai.com/v1");
        sourceUrl.textProperty().bindBidirectional(vm.sourceBaseUrlProperty());
        TextField sourceRef = new TextField();
        sourceRef.setId("source-key-ref");
        sourceRef.setPromptText("env:OPENAI_API_KEY");
        sourceRef.textProperty().bindBidirectional(vm.sourceKeyRefProperty());
        GridPane source = Forms.grid();
        Forms.row(source, "Base URL", sourceUrl, vm.sourceBaseUrlErrorProperty(), "What the app calls today; also the rollback target.");
        decorations.watch(sourceUrl, vm.sourceBaseUrlErrorProperty());
        decorations.watch(sourceRef, vm.sourceKeyRefErrorProperty());
        Forms.row(source, "Key reference", sourceRef, vm.sourceKeyRefErrorProperty(),
                "Where that key is kept, e.g. env:OPENAI_API_KEY. Never the key itself.");
        return source;
    }

    @Override
    public Node root() {
        return root;
    }
}
