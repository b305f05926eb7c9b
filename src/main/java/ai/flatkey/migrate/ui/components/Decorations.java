package ai.flatkey.migrate.ui.components;

import javafx.beans.value.ObservableStringValue;
import javafx.scene.control.Control;
import org.controlsfx.validation.Severity;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;

/**
 * ControlsFX validation decorations driven by a ViewModel's error text: a field with a problem gets the red marker,
 * and its tooltip says what to fix (the same words as the line under the field).
 */
public final class Decorations {

    private final ValidationSupport support = new ValidationSupport();

    public Decorations() {
        support.setErrorDecorationEnabled(true);
    }

    /** Marks {@code control} while {@code error} is not empty. */
    public void watch(Control control, ObservableStringValue error) {
        support.registerValidator(control, false, (Control c, Object value) ->
                ValidationResult.fromMessageIf(c, error.get(), Severity.ERROR, error.get() != null && !error.get().isEmpty()));
        error.addListener(o -> support.revalidate(control));
    }

    /** Whether any watched field has a problem now. */
    public boolean invalid() {
        Boolean b = support.isInvalid();
        return b != null && b;
    }
}
