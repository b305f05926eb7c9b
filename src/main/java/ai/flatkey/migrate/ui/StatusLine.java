package ai.flatkey.migrate.ui;

import ai.flatkey.migrate.ui.doc.PlanDocument;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The wizard's status-bar line: messages ("Saved …", "Opened …") and "what to do next" hints. A hint is news only
 * on the step it was given for: once the person moves to another step, or starts editing, it goes.
 */
final class StatusLine {

    private final StringProperty text;
    private final ObjectProperty<Step> current;
    /** The step the shown hint was given for; null when the status is not a hint. */
    private Step hintStep;
    private boolean settingHint;

    StatusLine(Object bean, ObjectProperty<Step> current, PlanDocument doc) {
        this.text = new SimpleStringProperty(bean, "status", "");
        this.current = current;
        text.addListener((o, a, b) -> {
            if (!settingHint) {
                hintStep = null;
            }
        });
        current.addListener((o, a, b) -> {
            if (hintStep != null && b != hintStep) {
                text.set("");
            }
        });
        doc.dirtyProperty().addListener((o, a, b) -> {
            if (b && hintStep != null) {
                text.set("");
            }
        });
    }

    StringProperty property() {
        return text;
    }

    void set(String message) {
        text.set(message);
    }

    /** Shows a "what to do next" hint for the current step. */
    void hint(String message) {
        settingHint = true;
        try {
            text.set(message);
        } finally {
            settingHint = false;
        }
        hintStep = current.get();
    }
}
