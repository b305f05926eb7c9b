package ai.flatkey.migrate.ui.step.endpoints;

import ai.flatkey.migrate.secrets.KeyResolver;
import ai.flatkey.migrate.secrets.Keychain;
import ai.flatkey.migrate.ui.support.Background;
import ai.flatkey.migrate.ui.support.BackgroundTask;
import ai.flatkey.migrate.ui.support.Bind;
import ai.flatkey.migrate.ui.support.Validation;
import javafx.beans.Observable;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Step 2's key section: where the target key comes from (environment, session, keychain, none, demo), the reference
 * the plan stores for it, what the person sees about it (masked), and reading and writing the OS keychain off the UI
 * thread. Keys typed or read here live only in the {@link KeyResolver}'s memory.
 */
final class KeyEntry {

    static final String SESSION_REF = "session";
    static final String DEMO_REF = "demo";
    static final String DEFAULT_ENV = "FLATKEY_API_KEY";

    private final KeyResolver keys;
    private final Supplier<Keychain> keychain;
    private final BackgroundTask.Slot keychainWork;

    final ObjectProperty<KeyMode> mode = new SimpleObjectProperty<>(this, "keyMode", KeyMode.ENV);
    final StringProperty envName = new SimpleStringProperty(this, "envName", DEFAULT_ENV);
    final StringProperty sessionKey = new SimpleStringProperty(this, "sessionKey", "");
    final StringProperty keychainName = new SimpleStringProperty(this, "keychainName", "flatkey");
    private final StringProperty keychainStatus = new SimpleStringProperty(this, "keychainStatus", "");
    /** Why the session key was not saved to a keychain (none that keeps keys answered); "" otherwise. */
    private final StringProperty notSaved = new SimpleStringProperty(this, "notSaved", "");
    final ReadOnlyBooleanWrapper keychainBusy = new ReadOnlyBooleanWrapper(this, "keychainBusy");
    final StringBinding envNameError;
    final StringBinding status;

    /**
     * @param keychain where {@code keychain:NAME} keys live; asked for (and used) only off the UI thread, since
     *                 opening the OS keychain can take a moment or prompt
     * @param alsoWatch  further state the status line depends on (the demo gateway's start-up, which brings its key)
     */
    KeyEntry(KeyResolver keys, Supplier<Keychain> keychain, Background background, Observable alsoWatch) {
        this.keys = keys;
        this.keychain = keychain;
        this.keychainWork = new BackgroundTask.Slot(background);
        envNameError = Bind.text(() -> mode() == KeyMode.ENV ? Validation.envName(envName.get()) : "", mode, envName);
        status = Bind.text(this::describe, mode, envName, sessionKey, keychainName, keychainStatus, notSaved, alsoWatch);
        sessionKey.addListener((obs, was, now) -> {
            keys.remember(SESSION_REF, now);
            notSaved.set("");
        });
    }

    KeyMode mode() {
        return mode.get() == null ? KeyMode.ENV : mode.get();
    }

    /** The key reference the plan stores for the current choices. */
    String ref() {
        String ref = switch (mode()) {
            case ENV -> "env:" + envName.get().strip();
            case SESSION -> SESSION_REF;
            case KEYCHAIN -> "keychain:" + keychainName.get().strip();
            case NONE -> "";
            case DEMO -> DEMO_REF;
        };
        // Issue 17, case 4: a key typed into a name field never becomes the reference.
        return ai.flatkey.migrate.plan.Endpoint.holdsKeyValue(ref) ? "" : ref;
    }

    /** Sets the choices from a stored reference (opening a plan). */
    void show(String ref) {
        if (ref.isEmpty()) {
            mode.set(KeyMode.NONE);
        } else if (ref.equals(DEMO_REF)) {
            mode.set(KeyMode.DEMO);
        } else if (ref.startsWith(SESSION_REF)) {
            mode.set(KeyMode.SESSION);
        } else if (ref.startsWith("keychain:")) {
            mode.set(KeyMode.KEYCHAIN);
            keychainName.set(ref.substring("keychain:".length()));
        } else {
            mode.set(KeyMode.ENV);
            envName.set(ref.startsWith("env:") ? ref.substring(4) : ref);
        }
    }

    /** The key for the current choices, if this session has it. */
    Optional<String> resolve() {
        return keys.resolve(ref());
    }

    /** Whether the choices make a reference worth storing (a valid variable or entry name). */
    boolean isStorable() {
        return !ai.flatkey.migrate.plan.Endpoint.holdsKeyValue(switch (mode()) {
            case ENV -> "env:" + envName.get().strip();
            case KEYCHAIN -> "keychain:" + keychainName.get().strip();
            default -> "";
        }) && switch (mode()) {
            case ENV -> Validation.envName(envName.get()).isEmpty();
            case KEYCHAIN -> keychainNameError().isEmpty();
            default -> true;
        };
    }

    /** Forgets what the keychain said about an earlier entry name. */
    void clearKeychainStatus() {
        keychainStatus.set("");
    }

    /** Remembers the demo gateway's public key under {@code demo}. */
    void rememberDemoKey(String key) {
        keys.remember(DEMO_REF, key);
    }

    /** Reads the named entry from the keychain and holds the key in memory; {@code onLoaded} runs if it was there. */
    void loadFromKeychain(Runnable onLoaded) {
        String name = keychainName.get().strip();
        if (!keychainNameError().isEmpty() || keychainBusy.get()) {
            return;
        }
        keychainBusy.set(true);
        keychainStatus.set("Reading the keychain…");
        keychainWork.start(BackgroundTask.of(cancel -> {
            Keychain k = keychain.get();
            return new KeychainRead(k.read(name), k.describe());
        }).onSuccess(r -> {
            if (r.key().isPresent()) {
                keys.remember("keychain:" + name, r.key().get());
                keychainStatus.set("");
                onLoaded.run();
            } else {
                keychainStatus.set("No entry \"" + name + "\" in " + r.where()
                        + ". Type the key under \"session\" and save it to the keychain.");
            }
        }).onError(e -> keychainStatus.set(e.getMessage() + " Use an environment variable instead."))
                .andFinally(() -> keychainBusy.set(false)));
    }

    private record KeychainRead(Optional<String> key, String where) {
    }

    /**
     * Stores the key typed for this session in the keychain under the entry name, and switches to it. Where no keychain
     * that keeps keys answers (only this process's memory would), nothing is stored and the key stays the session's:
     * a {@code keychain:NAME} reference in the plan would not resolve after a restart, so the step says so instead.
     */
    void saveToKeychain() {
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
        notSaved.set("");
        keychainWork.start(BackgroundTask.of(cancel -> {
            Keychain k = keychain.get();
            if (!k.persistent()) {
                return new KeychainWrite(false, k.describe());
            }
            k.store(name, key);
            return new KeychainWrite(true, k.describe());
        }).onSuccess(w -> {
            if (!w.saved()) {
                notSaved.set("Not saved: there is no keychain on this system that keeps keys (" + w.where() + "). The key"
                        + " stays in memory for this session only, and the plan stores \"session\". To keep it across"
                        + " restarts, set " + DEFAULT_ENV + " in the app's environment.");
                return;
            }
            keys.remember("keychain:" + name, key);
            mode.set(KeyMode.KEYCHAIN);
            keychainStatus.set("Saved in " + w.where() + " as \"" + name + "\". The plan stores only \"keychain:" + name + "\".");
        }).onError(e -> keychainStatus.set(e.getMessage()))
                .andFinally(() -> keychainBusy.set(false)));
    }

    private record KeychainWrite(boolean saved, String where) {
    }

    /** Why the check cannot run: the current choices name a key this session does not have. */
    String missingKeyMessage() {
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

    private String describe() {
        return switch (mode()) {
            case ENV -> describeEnv();
            case SESSION -> !notSaved.get().isEmpty() ? notSaved.get() : sessionKey.get().isBlank()
                    ? "Type the key above. It stays in memory until you quit and is never saved."
                    : "Key held in memory (" + KeyResolver.mask(sessionKey.get().strip()) + "). The plan stores only \"session\".";
            case NONE -> "No Authorization header is sent.";
            case DEMO -> "The demo gateway's public key is used. It is not a secret and is not saved either.";
            case KEYCHAIN -> describeKeychain();
        };
    }

    private String describeEnv() {
        String name = envName.get().strip();
        if (!Validation.envName(name).isEmpty()) {
            return "";
        }
        return keys.resolve("env:" + name)
                .map(k -> name + " is set (" + KeyResolver.mask(k) + "). The plan stores only \"env:" + name + "\".")
                .orElse(name + " is not set in this app's environment. Set it and restart, or type a key for this session.");
    }

    private String describeKeychain() {
        if (!keychainNameError().isEmpty()) {
            return keychainNameError();
        }
        if (!keychainStatus.get().isEmpty()) {
            return keychainStatus.get();
        }
        return resolve().map(k -> "Key from the keychain entry \"" + keychainName.get().strip() + "\" (" + KeyResolver.mask(k)
                        + "). The plan stores only \"" + ref() + "\".")
                .orElse("Press \"Load from keychain\", or type the key under \"session\" and save it to the keychain.");
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
}
