package ai.flatkey.migrate.ui;

import ai.flatkey.migrate.ui.doc.Dialogs;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.stage.Modality;
import javafx.stage.Window;

import java.util.function.Supplier;

/** {@link Dialogs} as JavaFX alerts owned by the wizard window. */
final class FxDialogs implements Dialogs {

    static final ButtonType SAVE = new ButtonType("Save", ButtonBar.ButtonData.YES);
    static final ButtonType DISCARD = new ButtonType("Don't save", ButtonBar.ButtonData.NO);

    private final Supplier<Window> owner;

    FxDialogs(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public void showError(String title, String message) {
        Alert a = new Alert(Alert.AlertType.ERROR);
        prepare(a, title);
        a.setHeaderText(title);
        Label body = new Label(message);
        body.setWrapText(true);
        body.setId("error-message");
        body.setMaxWidth(520);
        a.getDialogPane().setContent(body);
        a.showAndWait();
    }

    @Override
    public UnsavedChoice askUnsaved(String planName, String action) {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "", SAVE, DISCARD, ButtonType.CANCEL);
        prepare(a, "Unsaved changes");
        a.setHeaderText("Save changes to \"" + planName + "\" before " + action + "?");
        a.setContentText("Your changes will be lost if you don't save them.");
        ButtonType chosen = a.showAndWait().orElse(ButtonType.CANCEL);
        if (chosen == SAVE) {
            return UnsavedChoice.SAVE;
        }
        return chosen == DISCARD ? UnsavedChoice.DISCARD : UnsavedChoice.CANCEL;
    }

    @Override
    public boolean askDiscardEdits(String what, String action) {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "", DISCARD, ButtonType.CANCEL);
        prepare(a, "Unsaved edits");
        a.setHeaderText("Discard " + what + " before " + action + "?");
        a.setContentText("They are not in the plan yet: Cancel, then Save them where you edited them, to keep them.");
        return a.showAndWait().orElse(ButtonType.CANCEL) == DISCARD;
    }

    private void prepare(Alert a, String title) {
        a.setTitle(title);
        Window w = owner.get();
        if (w != null) {
            a.initOwner(w);
            a.initModality(Modality.WINDOW_MODAL);
            if (w.getScene() != null) {
                a.getDialogPane().getStylesheets().addAll(w.getScene().getStylesheets());
            }
        }
        a.getDialogPane().setMinWidth(460);
    }
}
