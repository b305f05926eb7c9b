package ai.flatkey.migrate.ui.doc;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;

/**
 * The model IDs the target answered with on the last successful connection check, shared between step 2 (which
 * fills it) and step 3 (which suggests and checks target model IDs against it). Held in memory only.
 */
public final class TargetCatalog {
    private final ObservableList<String> modelIds = FXCollections.observableArrayList();
    private final StringProperty baseUrl = new SimpleStringProperty(this, "baseUrl", "");

    public ObservableList<String> modelIds() {
        return FXCollections.unmodifiableObservableList(modelIds);
    }

    public ReadOnlyStringProperty baseUrlProperty() {
        return baseUrl;
    }

    public void update(String fromBaseUrl, List<String> ids) {
        baseUrl.set(fromBaseUrl == null ? "" : fromBaseUrl);
        modelIds.setAll(ids.stream().sorted().toList());
    }

    public boolean isKnown() {
        return !modelIds.isEmpty();
    }

    public boolean contains(String id) {
        return modelIds.contains(id);
    }
}
