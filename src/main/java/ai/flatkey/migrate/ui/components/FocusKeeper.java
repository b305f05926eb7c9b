package ai.flatkey.migrate.ui.components;

import javafx.beans.InvalidationListener;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;

/**
 * Keeps keyboard focus on the control a person pressed when that control disables or hides itself for a while
 * ("Check connection", "Run all", "Prove rollback" while their work runs).
 * <p>
 * Left alone, JavaFX moves the focus of a control that becomes disabled to the next focusable node in traversal
 * order — a text field, which then selects all its text (the next key typed replaces it), or the Back button (the
 * next Space leaves the step). Instead, the focus waits on the control's nearest usable ancestor (a layout pane: it
 * takes no keys and shows no ring), and goes back to the control when it is usable again — unless the person has
 * moved the focus somewhere else meanwhile.
 */
public final class FocusKeeper {

    private final Scene scene;
    /** The focus owner whose eligibility is watched. */
    private Node watched;
    /** The control that lost its focus by becoming unusable, and the ancestor holding the focus for it. */
    private Node held;
    private Node holder;
    private final InvalidationListener ownerChanged = o -> ownerBecameUnusable();
    private final InvalidationListener heldChanged = o -> heldBecameUsable();

    private FocusKeeper(Scene scene) {
        this.scene = scene;
        scene.focusOwnerProperty().addListener((o, was, now) -> focusMoved(now));
        focusMoved(scene.getFocusOwner());
    }

    /** Keeps focus on pressed controls in {@code scene} from now on. */
    public static void install(Scene scene) {
        new FocusKeeper(scene);
    }

    private void focusMoved(Node now) {
        if (watched != null) {
            watched.disabledProperty().removeListener(ownerChanged);
            watched.visibleProperty().removeListener(ownerChanged);
        }
        watched = now;
        if (now != null) {
            now.disabledProperty().addListener(ownerChanged);
            now.visibleProperty().addListener(ownerChanged);
        }
        if (held != null && now != holder) {
            release(); // back on the control, or the person went elsewhere: nothing to give back
        }
    }

    private void ownerBecameUnusable() {
        Node owner = watched;
        if (owner == null || owner != scene.getFocusOwner() || usable(owner)) {
            return;
        }
        Parent p = owner.getParent();
        while (p != null && !usable(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return;
        }
        release();
        held = owner;
        holder = p;
        owner.disabledProperty().addListener(heldChanged);
        owner.visibleProperty().addListener(heldChanged);
        p.requestFocus();
    }

    private void heldBecameUsable() {
        Node n = held;
        if (n != null && usable(n) && n.getScene() == scene && scene.getFocusOwner() == holder) {
            n.requestFocus();
        }
    }

    private void release() {
        if (held != null) {
            held.disabledProperty().removeListener(heldChanged);
            held.visibleProperty().removeListener(heldChanged);
        }
        held = null;
        holder = null;
    }

    /** Enabled, and it and all its ancestors visible. */
    private static boolean usable(Node n) {
        if (n.isDisabled()) {
            return false;
        }
        for (Node a = n; a != null; a = a.getParent()) {
            if (!a.isVisible()) {
                return false;
            }
        }
        return true;
    }
}
