package ai.flatkey.migrate.secrets;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;

import java.util.Optional;

/**
 * The OS keychain through java-keyring: Secret Service (GNOME Keyring, KWallet) on Linux, Keychain on macOS,
 * Credential Manager on Windows. Entries live under the service {@value #SERVICE}, one account per name.
 */
public final class OsKeychain implements Keychain {

    public static final String SERVICE = "flatkey-migrate";

    private final Keyring keyring;

    private OsKeychain(Keyring keyring) {
        this.keyring = keyring;
    }

    /** The OS keychain if one is there and answers a probe; empty otherwise (no D-Bus session, no daemon). */
    public static Optional<OsKeychain> open() {
        try {
            Keyring k = Keyring.create();
            try {
                k.getPassword(SERVICE, "probe");
            } catch (PasswordAccessException notFound) {
                // no such entry: the backend answered, which is all the probe needs to know
            }
            return Optional.of(new OsKeychain(k));
        } catch (BackendNotSupportedException | RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> read(String name) throws KeychainException {
        try {
            String v = keyring.getPassword(SERVICE, name);
            return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
        } catch (PasswordAccessException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw new KeychainException("The OS keychain could not be read: " + e.getMessage(), e);
        }
    }

    @Override
    public void store(String name, String key) throws KeychainException {
        try {
            keyring.setPassword(SERVICE, name, key);
        } catch (PasswordAccessException | RuntimeException e) {
            throw new KeychainException("The OS keychain did not store the key (" + e.getMessage()
                    + "). Unlock the keychain and try again, or keep the key in an environment variable.", e);
        }
    }

    @Override
    public void delete(String name) throws KeychainException {
        try {
            keyring.deletePassword(SERVICE, name);
        } catch (PasswordAccessException e) {
            // nothing stored under that name
        } catch (RuntimeException e) {
            throw new KeychainException("The OS keychain entry could not be removed: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean persistent() {
        return true;
    }

    @Override
    public String describe() {
        return "the OS keychain (" + keyring.getKeyringStorageType() + ")";
    }
}
