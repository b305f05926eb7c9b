package ai.flatkey.migrate.ui.step.endpoints;

import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.ui.support.Bind;
import ai.flatkey.migrate.ui.support.Validation;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Step 2's current-provider section: the source's base URL and key reference (also the rollback target), written to
 * the plan's {@code source} while both are valid.
 */
final class SourceEndpoint {

    private final PlanDocument doc;
    final StringProperty baseUrl = new SimpleStringProperty(this, "sourceBaseUrl", "");
    final StringProperty keyRef = new SimpleStringProperty(this, "sourceKeyRef", "");
    final StringBinding baseUrlError = Bind.text(() -> Validation.baseUrl(baseUrl.get()), baseUrl);
    final StringBinding keyRefError = Bind.text(() -> Validation.keyRef(keyRef.get()), keyRef);
    private boolean showing;

    SourceEndpoint(PlanDocument doc) {
        this.doc = doc;
        baseUrl.addListener((obs, was, now) -> save());
        keyRef.addListener((obs, was, now) -> save());
    }

    /** Shows the plan's source without writing it back. */
    void show(Endpoint source) {
        showing = true;
        try {
            baseUrl.set(source.baseUrl());
            keyRef.set(source.keyRef());
        } finally {
            showing = false;
        }
    }

    private void save() {
        if (showing) {
            return;
        }
        String url = baseUrl.get().strip();
        String ref = keyRef.get().strip();
        if (Validation.baseUrl(url).isEmpty() && Validation.keyRef(ref).isEmpty()) {
            doc.edit(p -> p.withSource(new Endpoint(p.source().preset(), url, ref)));
        }
    }
}
