package ai.flatkey.migrate.ui.theme;

import java.util.Locale;

/** The person's theme choice: follow the OS, or always light / dark. */
public enum ThemeMode {
    SYSTEM, LIGHT, DARK;

    /** Reads a stored value; anything unknown is {@link #SYSTEM}. */
    public static ThemeMode parse(String value) {
        if (value == null) {
            return SYSTEM;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return SYSTEM;
        }
    }

    /** Whether this choice means dark, given what the OS prefers. */
    public boolean dark(boolean systemPrefersDark) {
        return this == DARK || (this == SYSTEM && systemPrefersDark);
    }
}
