package ai.flatkey.migrate.ui.components;

import javafx.scene.Node;

/** One wizard step's view: builds its nodes once, binds them to its ViewModel and forwards actions. */
public interface StepView {

    /** The step's content, placed in the wizard's main area. */
    Node root();

    /** Called when the step becomes the visible one. */
    default void onShown() {
    }
}
