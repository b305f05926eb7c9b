package ai.flatkey.migrate.ui.step.endpoints;

import ai.flatkey.migrate.plan.Preset;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.secrets.KeyResolver;
import ai.flatkey.migrate.secrets.Keychain;
import ai.flatkey.migrate.secrets.MemoryKeychain;
import ai.flatkey.migrate.ui.support.Bind;
import java.util.function.Supplier;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.ui.doc.TargetCatalog;
import ai.flatkey.migrate.ui.services.ConnectionChecker;
import ai.flatkey.migrate.ui.services.DemoHost;
import ai.flatkey.migrate.ui.support.Background;
import ai.flatkey.migrate.ui.support.Validation;
import ai.flatkey.migrate.wire.ApiException;
import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.Failures;
import ai.flatkey.migrate.wire.ModelInfo;
import ai.flatkey.migrate.wire.ModelList;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.Optional;

/**
 * Step 2, Keys &amp; endpoints: the target preset, base URL and key reference, the live connection check, and
 * the current provider's endpoint. Writes the plan's {@code target} and {@code source}; keys typed here live only
 * in the {@link KeyResolver}'s memory under the reference {@code session}.
 */
public final class EndpointsViewModel {

    public static final String SESSION_REF = "session";
    public static final String DEMO_REF = "demo";
    public static final String DEFAULT_ENV = "FLATKEY_API_KEY";

    private final PlanDocument doc;
    private final KeyResolver keys;
    private final ConnectionChecker checker;
    private final DemoHost demo;
    private final Background background;
    private final TargetCatalog catalog;

    private final ObjectProperty<Preset> preset = new SimpleObjectProperty<>(this, "preset", Preset.FLATKEY);
    private final StringProperty baseUrl = new SimpleStringProperty(this, "baseUrl", "");
    private final ObjectProperty<KeyMode> keyMode = new SimpleObjectProperty<>(this, "keyMode", KeyMode.ENV);
    private final StringProperty envName = new SimpleStringProperty(this, "envName", DEFAULT_ENV);
    private final StringProperty sessionKey = new SimpleStringProperty(this, "sessionKey", "");
    private final StringProperty sourceBaseUrl = new SimpleStringProperty(this, "sourceBaseUrl", "");
    private final StringProperty sourceKeyRef = new SimpleStringProperty(this, "sourceKeyRef", "");

    private final BooleanProperty demoStarting = new SimpleBooleanProperty(this, "demoStarting");
    private final StringProperty demoStatus = new SimpleStringProperty(this, "demoStatus", "");
    private final ObjectProperty<CheckState> checkState = new SimpleObjectProperty<>(this, "checkState", CheckState.IDLE);
    private final StringProperty checkHeadline = new SimpleStringProperty(this, "checkHeadline",
            "Not checked yet");
    private final StringProperty checkDetail = new SimpleStringProperty(this, "checkDetail",
            "Check connection calls GET /models on the target with the key above.");
    private final StringBinding baseUrlError;
    private final StringBinding baseUrlHint;
    private final StringBinding envNameError;
    private final StringBinding keyStatus;
    private final StringBinding sourceBaseUrlError;
    private final StringBinding sourceKeyRefError;
    private final BooleanBinding canCheck;

    private final Supplier<Keychain> keychain;
    private final StringProperty keychainName = new SimpleStringProperty(this, "keychainName", "flatkey");
    private final StringProperty keychainStatus = new SimpleStringProperty(this, "keychainStatus", "");
    private final BooleanProperty keychainBusy = new SimpleBooleanProperty(this, "keychainBusy");
    private boolean loading;
    private boolean applyingPreset;
    private int checkSeq;
    private int demoSeq;
    private Cancellation checkCancel;

    /** With keys kept in memory only where the keychain is asked for (tests). */
    public EndpointsViewModel(PlanDocument doc, KeyResolver keys, ConnectionChecker checker, DemoHost demo,
                              Background background, TargetCatalog catalog) {
        this(doc, keys, checker, demo, background, catalog, () -> new MemoryKeychain("memory (this session only)"));
    }

    /**
     * @param keychain where {@code keychain:NAME} keys live; asked for (and used) only off the UI thread, since
     *                 opening the OS keychain can take a moment or prompt
     */
    public EndpointsViewModel(PlanDocument doc, KeyResolver keys, ConnectionChecker checker, DemoHost demo,
                              Background background, TargetCatalog catalog, Supplier<Keychain> keychain) {
        this.keychain = keychain;
        this.doc = doc;
        this.keys = keys;
        this.checker = checker;
        this.demo = demo;
        this.background = background;
        this.catalog = catalog;

        baseUrlError = Bind.text(() -> Validation.baseUrl(baseUrl.get()), baseUrl);
        baseUrlHint = Bind.text(() -> Validation.baseUrlHint(baseUrl.get()), baseUrl);
        envNameError = Bind.text(
                () -> keyMode.get() == KeyMode.ENV ? Validation.envName(envName.get()) : "", keyMode, envName);
        keyStatus = Bind.text(this::describeKey, keyMode, envName, sessionKey, demoStarting, keychainName,
                keychainStatus);
        sourceBaseUrlError = Bind.text(() -> Validation.baseUrl(sourceBaseUrl.get()), sourceBaseUrl);
        sourceKeyRefError = Bind.text(() -> Validation.keyRef(sourceKeyRef.get()), sourceKeyRef);
        canCheck = Bind.flag(
                () -> checkState.get() != CheckState.RUNNING && !demoStarting.get(), checkState, demoStarting);

        preset.addListener((obs, was, now) -> {
            if (now == null) {
                preset.set(was == null ? Preset.CUSTOM : was);
            } else {
                onPresetChosen(now);
            }
        });
        baseUrl.addListener((obs, was, now) -> {
            if (!loading && !applyingPreset && preset.get() != Preset.CUSTOM
                    && !now.strip().equals(presetUrl(preset.get()))) {
                applyingPreset = true;
                preset.set(Preset.CUSTOM);
                applyingPreset = false;
            }
            resetCheck();
            saveTarget();
        });
        keyMode.addListener((obs, was, now) -> {
            if (now == null) {
                // a combo box clears its value while its items change: keep the last real choice
                keyMode.set(was == null ? KeyMode.ENV : was);
                return;
            }
            resetCheck();
            if (now == KeyMode.DEMO && preset.get() != Preset.DEMO && !loading && !applyingPreset) {
                preset.set(Preset.DEMO);
                return;
            }
            if (was == KeyMode.DEMO && preset.get() == Preset.DEMO && !loading && !applyingPreset) {
                applyingPreset = true;
                preset.set(Preset.CUSTOM);
                applyingPreset = false;
            }
            saveTarget();
        });
        envName.addListener((obs, was, now) -> {
            resetCheck();
            saveTarget();
        });
        keychainName.addListener((obs, was, now) -> {
            resetCheck();
            saveTarget();
            if (!loading && keyMode.get() == KeyMode.KEYCHAIN) {
                keychainStatus.set("");
            }
        });
        sessionKey.addListener((obs, was, now) -> {
            keys.remember(SESSION_REF, now);
            resetCheck();
        });
        sourceBaseUrl.addListener((obs, was, now) -> saveSource());
        sourceKeyRef.addListener((obs, was, now) -> saveSource());
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
        return keyMode;
    }

    public StringProperty envNameProperty() {
        return envName;
    }

    /** The key typed for this session; held in memory only, never written to the plan. */
    public StringProperty sessionKeyProperty() {
        return sessionKey;
    }

    public StringProperty sourceBaseUrlProperty() {
        return sourceBaseUrl;
    }

    public StringProperty sourceKeyRefProperty() {
        return sourceKeyRef;
    }

    public StringBinding baseUrlErrorProperty() {
        return baseUrlError;
    }

    public StringBinding baseUrlHintProperty() {
        return baseUrlHint;
    }

    public StringBinding envNameErrorProperty() {
        return envNameError;
    }

    /** Where the key comes from and whether it is there, masked. */
    public StringBinding keyStatusProperty() {
        return keyStatus;
    }

    public StringBinding sourceBaseUrlErrorProperty() {
        return sourceBaseUrlError;
    }

    public StringBinding sourceKeyRefErrorProperty() {
        return sourceKeyRefError;
    }

    public ReadOnlyBooleanProperty demoStartingProperty() {
        return demoStarting;
    }

    public ReadOnlyStringProperty demoStatusProperty() {
        return demoStatus;
    }

    public ReadOnlyObjectProperty<CheckState> checkStateProperty() {
        return checkState;
    }

    public ReadOnlyStringProperty checkHeadlineProperty() {
        return checkHeadline;
    }

    public ReadOnlyStringProperty checkDetailProperty() {
        return checkDetail;
    }

    public BooleanBinding canCheckProperty() {
        return canCheck;
    }

    /** The key reference the plan stores for the current choices. */
    public String keyRef() {
        return switch (mode()) {
            case ENV -> "env:" + envName.get().strip();
            case SESSION -> SESSION_REF;
            case KEYCHAIN -> "keychain:" + keychainName.get().strip();
            case NONE -> "";
            case DEMO -> DEMO_REF;
        };
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

    /** Runs {@code GET /models} against the target off the UI thread and shows the outcome. */
    public void checkConnection() {
        if (!canCheck.get()) {
            return;
        }
        String url = baseUrl.get().strip();
        String urlError = url.isEmpty() ? "Enter the target's base URL first, e.g. " + Endpoint.FLATKEY_BASE_URL + "."
                : Validation.baseUrl(url);
        if (!urlError.isEmpty()) {
            fail("Base URL needs fixing", urlError);
            return;
        }
        String ref = keyRef();
        Optional<String> key = keys.resolve(ref);
        if (!ref.isEmpty() && key.isEmpty()) {
            fail("No key", missingKeyMessage());
            return;
        }
        int seq = ++checkSeq;
        Cancellation cancel = new Cancellation();
        checkCancel = cancel;
        checkState.set(CheckState.RUNNING);
        checkHeadline.set("Checking…");
        checkDetail.set("GET " + url + "/models");
        background.run(() -> checker.listModels(url, key.orElse(null), cancel), list -> {
            if (seq != checkSeq) {
                return;
            }
            checkState.set(CheckState.SUCCESS);
            checkHeadline.set(connectedText(list));
            checkDetail.set(sample(list));
            catalog.update(url, list.models().stream().map(ModelInfo::id).toList());
        }, error -> {
            if (seq != checkSeq) {
                return;
            }
            if (error instanceof ApiException api) {
                fail(kindLabel(api), api.getMessage() + advice(api, url));
            } else {
                fail("Check failed", String.valueOf(error.getMessage()));
            }
        });
    }

    /** Stops a running check. */
    public void cancelCheck() {
        if (checkCancel != null && checkState.get() == CheckState.RUNNING) {
            checkCancel.cancel();
            checkSeq++;
            checkState.set(CheckState.IDLE);
            checkHeadline.set("Check cancelled");
            checkDetail.set("Nothing was changed.");
        }
    }

    /** "Connected — N models (request id …, 123 ms)". */
    public static String connectedText(ModelList list) {
        int n = list.models().size();
        return "Connected — " + n + (n == 1 ? " model" : " models") + " (request id "
                + (list.requestId().isBlank() ? "not sent" : list.requestId()) + ", " + list.totalMs() + " ms)";
    }

    /** Ensures the demo gateway is running when the plan targets it, and refreshes its base URL (port). */
    public void reconnectDemoIfNeeded() {
        if (preset.get() == Preset.DEMO) {
            onPresetChosen(Preset.DEMO);
        }
    }

    // ---- internals -----------------------------------------------------------------------------------------

    private void load(MigrationPlan plan) {
        loading = true;
        try {
            Endpoint t = plan.target();
            preset.set(Preset.byId(t.preset()));
            baseUrl.set(t.baseUrl());
            String ref = t.keyRef();
            if (ref.isEmpty()) {
                keyMode.set(KeyMode.NONE);
            } else if (ref.equals(DEMO_REF)) {
                keyMode.set(KeyMode.DEMO);
            } else if (ref.startsWith("session")) {
                keyMode.set(KeyMode.SESSION);
            } else if (ref.startsWith("keychain:")) {
                keyMode.set(KeyMode.KEYCHAIN);
                keychainName.set(ref.substring("keychain:".length()));
            } else {
                keyMode.set(KeyMode.ENV);
                envName.set(ref.startsWith("env:") ? ref.substring(4) : ref);
            }
            sourceBaseUrl.set(plan.source().baseUrl());
            sourceKeyRef.set(plan.source().keyRef());
            demoStatus.set("");
        } finally {
            loading = false;
        }
        resetCheck();
        if (preset.get() == Preset.DEMO) {
            onPresetChosen(Preset.DEMO);
        }
        if (keyMode.get() == KeyMode.KEYCHAIN) {
            loadFromKeychain();
        }
    }

    private void onPresetChosen(Preset p) {
        if (loading || applyingPreset) {
            return;
        }
        demoSeq++;
        demoStarting.set(false);
        demoStatus.set("");
        applyingPreset = true;
        try {
            if (p == Preset.DEMO) {
                keyMode.set(KeyMode.DEMO);
            } else if (p != Preset.CUSTOM) {
                baseUrl.set(p.baseUrl());
                if (p.envVar().isEmpty()) {
                    keyMode.set(KeyMode.NONE);
                } else {
                    if (keyMode.get() != KeyMode.SESSION) {
                        keyMode.set(KeyMode.ENV);
                    }
                    envName.set(p.envVar());
                }
            } else if (keyMode.get() == KeyMode.DEMO) {
                keyMode.set(KeyMode.ENV);
            }
        } finally {
            applyingPreset = false;
        }
        saveTarget();
        if (p == Preset.DEMO) {
            startDemo();
        }
    }

    private void startDemo() {
        int seq = demoSeq;
        demoStarting.set(true);
        demoStatus.set("Starting the embedded demo gateway…");
        background.run(demo::ensureStarted, url -> {
            if (seq != demoSeq || preset.get() != Preset.DEMO) {
                return;
            }
            keys.remember(DEMO_REF, demo.demoKey());
            applyingPreset = true;
            try {
                baseUrl.set(url);
                keyMode.set(KeyMode.DEMO);
            } finally {
                applyingPreset = false;
            }
            demoStarting.set(false);
            demoStatus.set("Demo gateway running on this computer at " + url + " — no network or key needed.");
            saveDemoUrl();
        }, error -> {
            if (seq != demoSeq) {
                return;
            }
            demoStarting.set(false);
            demoStatus.set("");
            fail("Demo gateway did not start", String.valueOf(error.getMessage()));
        });
    }

    private String presetUrl(Preset p) {
        return p == Preset.DEMO ? baseUrl.get().strip() : p.baseUrl();
    }

    private void saveTarget() {
        if (loading || applyingPreset) {
            return;
        }
        String url = baseUrl.get().strip();
        if (!Validation.baseUrl(url).isEmpty()) {
            return;
        }
        if (keyMode.get() == KeyMode.ENV && !Validation.envName(envName.get()).isEmpty()) {
            return;
        }
        if (keyMode.get() == KeyMode.KEYCHAIN && !keychainNameError().isEmpty()) {
            return;
        }
        Endpoint target = new Endpoint(preset.get().id(), url, keyRef());
        doc.edit(p -> p.withTarget(target));
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

    private void saveSource() {
        if (loading) {
            return;
        }
        String url = sourceBaseUrl.get().strip();
        String ref = sourceKeyRef.get().strip();
        if (!Validation.baseUrl(url).isEmpty() || !Validation.keyRef(ref).isEmpty()) {
            return;
        }
        doc.edit(p -> p.withSource(new Endpoint(p.source().preset(), url, ref)));
    }

    private void resetCheck() {
        if (checkState.get() == CheckState.RUNNING && checkCancel != null) {
            checkCancel.cancel();
        }
        checkSeq++;
        checkState.set(CheckState.IDLE);
        checkHeadline.set("Not checked yet");
        checkDetail.set("Check connection calls GET /models on the target with the key above.");
    }

    private void fail(String headline, String detail) {
        checkState.set(CheckState.FAILURE);
        checkHeadline.set(headline);
        checkDetail.set(detail);
    }

    private KeyMode mode() {
        return keyMode.get() == null ? KeyMode.ENV : keyMode.get();
    }

    private String describeKey() {
        return switch (mode()) {
            case ENV -> {
                String name = envName.get().strip();
                if (!Validation.envName(name).isEmpty()) {
                    yield "";
                }
                Optional<String> v = keys.resolve("env:" + name);
                yield v.map(k -> name + " is set (" + KeyResolver.mask(k) + "). The plan stores only \"env:" + name + "\".")
                        .orElse(name + " is not set in this app's environment. Set it and restart, or type a key for this session.");
            }
            case SESSION -> sessionKey.get().isBlank()
                    ? "Type the key above. It stays in memory until you quit and is never saved."
                    : "Key held in memory (" + KeyResolver.mask(sessionKey.get().strip()) + "). The plan stores only \"session\".";
            case NONE -> "No Authorization header is sent.";
            case DEMO -> "The demo gateway's public key is used. It is not a secret and is not saved either.";
            case KEYCHAIN -> {
                if (!keychainNameError().isEmpty()) {
                    yield keychainNameError();
                }
                if (!keychainStatus.get().isEmpty()) {
                    yield keychainStatus.get();
                }
                Optional<String> v = keys.resolve(keyRef());
                yield v.map(k -> "Key from the keychain entry \"" + keychainName.get().strip() + "\" (" + KeyResolver.mask(k)
                        + "). The plan stores only \"" + keyRef() + "\".")
                        .orElse("Press \"Load from keychain\", or type the key under \"session\" and save it to the keychain.");
            }
        };
    }

    private String keychainNameError() {
        String n = keychainName.get().strip();
        if (n.isEmpty()) {
            return "Enter a name for the keychain entry, e.g. flatkey.";
        }
        if (Validation.looksLikeKey(n)) {
            return "That looks like the key itself. Enter a name for the entry (e.g. flatkey), not the key.";
        }
        return n.matches("[A-Za-z0-9_.@-]{1,64}") ? "" : "Use letters, digits, . _ - @ only (at most 64).";
    }

    // ---- keychain -------------------------------------------------------------------------------------------

    public StringProperty keychainNameProperty() {
        return keychainName;
    }

    public ReadOnlyBooleanProperty keychainBusyProperty() {
        return keychainBusy;
    }

    /** Reads the named entry from the keychain (off the UI thread) and holds the key in memory for this session. */
    public void loadFromKeychain() {
        String name = keychainName.get().strip();
        if (!keychainNameError().isEmpty() || keychainBusy.get()) {
            return;
        }
        keychainBusy.set(true);
        keychainStatus.set("Reading the keychain…");
        background.run(() -> {
            Keychain k = keychain.get();
            return new KeychainRead(k.read(name), k.describe());
        }, r -> {
            keychainBusy.set(false);
            Optional<String> v = r.key();
            if (v.isPresent()) {
                keys.remember("keychain:" + name, v.get());
                keychainStatus.set("");
                resetCheck();
            } else {
                keychainStatus.set("No entry \"" + name + "\" in " + r.where() + ". Type the key under \"session\" and save it to the keychain.");
            }
        }, error -> {
            keychainBusy.set(false);
            keychainStatus.set(error.getMessage() + " Use an environment variable instead.");
        });
    }

    private record KeychainRead(Optional<String> key, String where) {
    }

    /** Stores the key typed for this session in the keychain under the entry name, and switches to it. */
    public void saveToKeychain() {
        String name = keychainName.get().strip();
        String key = sessionKey.get().strip();
        if (!keychainNameError().isEmpty()) {
            keychainStatus.set(keychainNameError());
            return;
        }
        if (key.isEmpty()) {
            keychainStatus.set("Type the key (Key from: session) first, then save it to the keychain.");
            return;
        }
        keychainBusy.set(true);
        background.run(() -> {
            Keychain k = keychain.get();
            k.store(name, key);
            return k.describe();
        }, where -> {
            keychainBusy.set(false);
            keys.remember("keychain:" + name, key);
            keyMode.set(KeyMode.KEYCHAIN);
            keychainStatus.set("Saved in " + where + " as \"" + name + "\". The plan stores only \"keychain:" + name + "\".");
        }, error -> {
            keychainBusy.set(false);
            keychainStatus.set(error.getMessage());
        });
    }

    private String missingKeyMessage() {
        return switch (mode()) {
            case ENV -> envName.get().strip() + " is not set in this app's environment. Set it and restart, "
                    + "or choose \"Type a key for this session\".";
            case SESSION -> "Type the key for this session first.";
            case DEMO -> "The demo gateway is not running yet. Choose the embedded demo gateway preset again.";
            case KEYCHAIN -> "No key loaded from the keychain entry \"" + keychainName.get().strip()
                    + "\". Press \"Load from keychain\", or save a typed key there first.";
            case NONE -> "";
        };
    }

    /** What to do about a failed check, per failure kind: the words are wire's ({@link Failures#whatToDo}). */
    static String advice(ApiException e, String url) {
        String proxy = firstNonBlank(System.getenv("HTTPS_PROXY"), System.getenv("https_proxy"));
        String what = e.kind() == null ? "" : Failures.whatToDo(e.kind(), proxy);
        return what.isEmpty() ? "" : "\nWhat to do: " + what;
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : b != null && !b.isBlank() ? b : null;
    }

    private static String kindLabel(ApiException e) {
        String kind = e.kind() == null ? "ERROR" : e.kind().name();
        String label = e.kind() == null ? "Check failed" : Failures.headline(e.kind());
        return label + " · " + kind + (e.status() > 0 ? " · HTTP " + e.status() : "");
    }

    private static String sample(ModelList list) {
        if (list.models().isEmpty()) {
            return "The gateway answered but lists no models.";
        }
        String ids = list.models().stream().map(ModelInfo::id).limit(6).reduce((a, b) -> a + ", " + b).orElse("");
        return "Models include " + ids + (list.models().size() > 6 ? ", …" : "") + ". Step 3 suggests target IDs from this list.";
    }
}
