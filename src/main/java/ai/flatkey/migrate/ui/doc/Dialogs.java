package ai.flatkey.migrate.ui.doc;

/** Modal questions and messages, behind an interface so ViewModels can be tested without windows. */
public interface Dialogs {

    enum UnsavedChoice { SAVE, DISCARD, CANCEL }

    /** Shows an error with a plain-language message and waits until it is dismissed. */
    void showError(String title, String message);

    /** Asks what to do with unsaved changes before {@code action} (e.g. "closing", "opening another plan"). */
    UnsavedChoice askUnsaved(String planName, String action);

    /**
     * Asks whether edits that are not in the plan yet ({@code what}, in words) may be dropped for {@code action};
     * true to drop them and go on, false to stay.
     */
    boolean askDiscardEdits(String what, String action);
}
