package ai.flatkey.migrate.ui;

import ai.flatkey.migrate.ui.doc.Prefs;
import ai.flatkey.migrate.ui.support.Background;
import ai.flatkey.migrate.ui.support.BackgroundTask;
import ai.flatkey.migrate.ui.support.Bind;
import ai.flatkey.migrate.ui.theme.ThemeMode;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.Locale;

/** The wizard's remembered preferences: theme, recent files and window geometry, stored off the UI thread. */
final class PrefsSection {

    private final Prefs prefs;
    private final Background background;
    private final StatusLine status;
    private final ObservableList<Path> recent = FXCollections.observableArrayList();
    private final ObjectProperty<ThemeMode> themeMode;
    private final BooleanProperty systemPrefersDark;
    private final BooleanBinding dark;
    private Prefs.Snapshot snapshot;

    PrefsSection(Object bean, Prefs prefs, Prefs.Snapshot initial, Background background, StatusLine status) {
        this.prefs = prefs;
        this.background = background;
        this.status = status;
        this.snapshot = initial;
        this.themeMode = new SimpleObjectProperty<>(bean, "themeMode", ThemeMode.parse(initial.theme()));
        this.systemPrefersDark = new SimpleBooleanProperty(bean, "systemPrefersDark");
        this.dark = Bind.flag(() -> themeMode.get().dark(systemPrefersDark.get()), themeMode, systemPrefersDark);
        recent.setAll(initial.recent());
    }

    ObservableList<Path> recent() {
        return recent;
    }

    Prefs.Snapshot snapshot() {
        return snapshot;
    }

    ObjectProperty<ThemeMode> themeModeProperty() {
        return themeMode;
    }

    BooleanProperty systemPrefersDarkProperty() {
        return systemPrefersDark;
    }

    BooleanBinding darkProperty() {
        return dark;
    }

    void setThemeMode(ThemeMode mode) {
        themeMode.set(mode);
        snapshot = snapshot.withTheme(mode.name().toLowerCase(Locale.ROOT));
        store();
    }

    void toggleDark() {
        setThemeMode(dark.get() ? ThemeMode.LIGHT : ThemeMode.DARK);
    }

    void rememberWindow(Prefs.WindowGeometry geometry) {
        snapshot = snapshot.withWindow(geometry);
        store();
    }

    void addRecent(Path file) {
        snapshot = snapshot.withRecent(file);
        recent.setAll(snapshot.recent());
        store();
    }

    /** The folder of the most recent plan, if any. */
    Path recentDir() {
        return recent.isEmpty() ? null : recent.get(0).getParent();
    }

    private void store() {
        Prefs.Snapshot s = snapshot;
        background.start(BackgroundTask.of(cancel -> {
            prefs.save(s);
            return s;
        }).onError(error -> status.set("Preferences not stored: " + error.getMessage())));
    }
}
