package ai.flatkey.migrate.ui.step.endpoints;

import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.Preset;
import ai.flatkey.migrate.secrets.KeyResolver;
import ai.flatkey.migrate.secrets.Keychain;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.ui.doc.TargetCatalog;
import ai.flatkey.migrate.ui.services.ConnectionChecker;
import ai.flatkey.migrate.ui.services.DemoHost;
import ai.flatkey.migrate.ui.support.Background;
import ai.flatkey.migrate.ui.support.Bind;
import ai.flatkey.migrate.ui.support.Validation;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.function.Supplier;

/**
 * Step 2, Keys &amp; endpoints: the target preset, base URL and key reference, the live connection check, and
 * the current provider's endpoint. Writes the plan's {@code target} and {@code source}; keys typed here live only
 * in the {@link KeyResolver}'s memory under the reference {@code session}.
 * <p>
 * Its sections: {@link KeyEntry} (where the key comes from, the keychain), {@link ConnectionCheck} (the live check),
 * {@link DemoStart} (the embedded demo gateway) and {@link SourceEndpoint}. This class keeps the preset rules that tie
 * the target's sections together and reads and writes the plan's target.
 */
public final class EndpointsViewModel {

    public static final String SESSION_REF = KeyEntry.SESSION_REF;
    public static final String DEMO_REF = KeyEntry.DEMO_REF;
    public static final String DEFAULT_ENV = KeyEntry.DEFAULT_ENV;

    private final PlanDocument doc;
    private final KeyEntry key;
    private final ConnectionCheck check;
    private final DemoStart demo;
    private final SourceEndpoint source;

    private final ObjectProperty<Preset> preset = new SimpleObjectProperty<>(this, "preset", Preset.FLATKEY);
    private final StringProperty baseUrl = new SimpleStringProperty(this, "baseUrl", "");
    private final StringBinding baseUrlError = Bind.text(() -> Validation.baseUrl(baseUrl.get()), baseUrl);
    private final StringBinding baseUrlHint = Bind.text(() -> Validation.baseUrlHint(baseUrl.get()), baseUrl);

    /** True while the form is filled from the plan: nothing is written back. */
    private boolean loading;
    /** True while a preset fills the form: the fields' changes are the preset's, not the person's. */
    private boolean applyingPreset;

    /**
     * @param keychain where {@code keychain:NAME} keys live; asked for (and used) only off the UI thread, since
     *                 opening the OS keychain can take a moment or prompt
     */
    public EndpointsViewModel(PlanDocument doc, KeyResolver keys, ConnectionChecker checker, DemoHost demoHost,
                              Background background, TargetCatalog catalog, Supplier<Keychain> keychain) {
        this.doc = doc;
        this.demo = new DemoStart(demoHost, background);
        this.key = new KeyEntry(keys, keychain, background, demo.busy);
        this.check = new ConnectionCheck(checker, catalog, background, demo.busy);
        this.source = new SourceEndpoint(doc);

        preset.addListener((obs, was, now) -> {
            if (now == null) {
                preset.set(was == null ? Preset.CUSTOM : was);
            } else {
                onPresetChosen(now);
            }
        });
        baseUrl.addListener((obs, was, now) -> onBaseUrlEdited(now));
        key.mode.addListener((obs, was, now) -> onKeyModeChosen(was, now));
        key.envName.addListener((obs, was, now) -> onTargetEdited());
        key.keychainName.addListener((obs, was, now) -> {
            onTargetEdited();
            if (!loading && key.mode() == KeyMode.KEYCHAIN) {
                key.clearKeychainStatus();
            }
        });
        key.sessionKey.addListener((obs, was, now) -> check.reset());
        doc.revisionProperty().addListener((obs, was, now) -> load(doc.plan()));
        load(doc.plan());
    }

    // ---- state -------------------------------------------------------------------------------------------

    public ObjectProperty<Preset> presetProperty() {
        return preset;
    }

    public StringProperty baseUrlProperty() {
        return baseUrl;
    }

    public ObjectProperty<KeyMode> keyModeProperty() {
        return key.mode;
    }

    public StringProperty envNameProperty() {
        return key.envName;
    }

    /** The key typed for this session; held in memory only, never written to the plan. */
    public StringProperty sessionKeyProperty() {
        return key.sessionKey;
    }

    public StringProperty keychainNameProperty() {
        return key.keychainName;
    }

    public StringProperty sourceBaseUrlProperty() {
        return source.baseUrl;
    }

    public StringProperty sourceKeyRefProperty() {
        return source.keyRef;
    }

    public StringBinding baseUrlErrorProperty() {
        return baseUrlError;
    }

    public StringBinding baseUrlHintProperty() {
        return baseUrlHint;
    }

    public StringBinding envNameErrorProperty() {
        return key.envNameError;
    }

    /** Where the key comes from and whether it is there, masked. */
    public StringBinding keyStatusProperty() {
        return key.status;
    }

    public StringBinding sourceBaseUrlErrorProperty() {
        return source.baseUrlError;
    }

    public StringBinding sourceKeyRefErrorProperty() {
        return source.keyRefError;
    }

    public ReadOnlyBooleanProperty keychainBusyProperty() {
        return key.keychainBusy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty demoStartingProperty() {
        return demo.busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty demoStatusProperty() {
        return demo.status.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<CheckState> checkStateProperty() {
        return check.state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty checkHeadlineProperty() {
        return check.headline.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty checkDetailProperty() {
        return check.detail.getReadOnlyProperty();
    }

    public BooleanBinding canCheckProperty() {
        return check.canStart;
    }

    /** The key reference the plan stores for the current choices. */
    public String keyRef() {
        return key.ref();
    }

    // ---- actions -----------------------------------------------------------------------------------------

    /** Chooses the embedded demo gateway (the start banner's action). */
    public void useDemo() {
        if (preset.get() == Preset.DEMO) {
            onPresetChosen(Preset.DEMO);
        } else {
            preset.set(Preset.DEMO);
        }
    }

    /** Runs {@code GET /models} against the target off the UI thread and shows the outcome; replaces a running one. */
    public void checkConnection() {
        check.start(baseUrl.get(), key);
    }

    /** Stops a running check. */
    public void cancelCheck() {
        check.cancel();
    }

    /** Ensures the demo gateway is running when the plan targets it, and refreshes its base URL (port). */
    public void reconnectDemoIfNeeded() {
        if (preset.get() == Preset.DEMO) {
            onPresetChosen(Preset.DEMO);
        }
    }

    /** Reads the named entry from the keychain (off the UI thread) and holds the key in memory for this session. */
    public void loadFromKeychain() {
        key.loadFromKeychain(check::reset);
    }

    /** Stores the key typed for this session in the keychain under the entry name, and switches to it. */
    public void saveToKeychain() {
        key.saveToKeychain();
    }

    // ---- preset rules ----------------------------------------------------------------------------------------

    /** An edited URL that is not the preset's makes the preset "custom". */
    private void onBaseUrlEdited(String now) {
        if (!loading && !applyingPreset && preset.get() != Preset.CUSTOM && !now.strip().equals(presetUrl(preset.get()))) {
            applyPreset(() -> preset.set(Preset.CUSTOM));
        }
        onTargetEdited();
    }

    /** The demo key means the demo preset, and leaving it leaves the demo preset. */
    private void onKeyModeChosen(KeyMode was, KeyMode now) {
        if (now == null) {
            // a combo box clears its value while its items change: keep the last real choice
            key.mode.set(was == null ? KeyMode.ENV : was);
            return;
        }
        check.reset();
        boolean persons = !loading && !applyingPreset;
        if (persons && now == KeyMode.DEMO && preset.get() != Preset.DEMO) {
            preset.set(Preset.DEMO);
            return;
        }
        if (persons && was == KeyMode.DEMO && preset.get() == Preset.DEMO) {
            applyPreset(() -> preset.set(Preset.CUSTOM));
        }
        saveTarget();
    }

    private void onTargetEdited() {
        check.reset();
        saveTarget();
    }

    /** A preset the person chose fills the URL and where the key comes from; the demo preset starts the gateway. */
    private void onPresetChosen(Preset p) {
        if (loading || applyingPreset) {
            return;
        }
        demo.forget();
        applyPreset(() -> {
            if (p == Preset.DEMO) {
                key.mode.set(KeyMode.DEMO);
            } else if (p != Preset.CUSTOM) {
                baseUrl.set(p.baseUrl());
                if (p.envVar().isEmpty()) {
                    key.mode.set(KeyMode.NONE);
                } else {
                    if (key.mode() != KeyMode.SESSION) {
                        key.mode.set(KeyMode.ENV);
                    }
                    key.envName.set(p.envVar());
                }
            } else if (key.mode() == KeyMode.DEMO) {
                key.mode.set(KeyMode.ENV);
            }
        });
        saveTarget();
        if (p == Preset.DEMO) {
            demo.start(this::onDemoRunning, why -> check.fail("Demo gateway did not start", why));
        }
    }

    private void onDemoRunning(String url) {
        if (preset.get() != Preset.DEMO) {
            return;
        }
        key.rememberDemoKey(demo.demoKey());
        applyPreset(() -> {
            baseUrl.set(url);
            key.mode.set(KeyMode.DEMO);
        });
        saveDemoUrl();
    }

    private void applyPreset(Runnable change) {
        applyingPreset = true;
        try {
            change.run();
        } finally {
            applyingPreset = false;
        }
    }

    private String presetUrl(Preset p) {
        return p == Preset.DEMO ? baseUrl.get().strip() : p.baseUrl();
    }

    // ---- the plan ----------------------------------------------------------------------------------------------

    private void load(MigrationPlan plan) {
        loading = true;
        try {
            Endpoint t = plan.target();
            preset.set(Preset.byId(t.preset()));
            baseUrl.set(t.baseUrl());
            key.show(t.keyRef());
            source.show(plan.source());
            demo.forget();
        } finally {
            loading = false;
        }
        check.reset();
        if (preset.get() == Preset.DEMO) {
            onPresetChosen(Preset.DEMO);
        }
        if (key.mode() == KeyMode.KEYCHAIN) {
            loadFromKeychain();
        }
    }

    private void saveTarget() {
        if (loading || applyingPreset) {
            return;
        }
        String url = baseUrl.get().strip();
        if (Validation.baseUrl(url).isEmpty() && key.isStorable()) {
            Endpoint target = new Endpoint(preset.get().id(), url, keyRef());
            doc.edit(p -> p.withTarget(target));
        }
    }

    /**
     * Stores the running demo gateway's base URL. When the plan already targets the demo gateway with its key, only
     * the port differs from what was opened: that is not the person's edit, so the plan is not marked unsaved.
     */
    private void saveDemoUrl() {
        String url = baseUrl.get().strip();
        Endpoint now = doc.plan().target();
        if (now.isDemo() && now.keyRef().equals(DEMO_REF) && keyRef().equals(DEMO_REF) && Validation.baseUrl(url).isEmpty()) {
            doc.adjust(p -> p.withTarget(Endpoint.demo(url)));
        } else {
            saveTarget();
        }
    }
}
