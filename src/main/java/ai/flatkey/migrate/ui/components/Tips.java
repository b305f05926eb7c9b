package ai.flatkey.migrate.ui.components;

import javafx.scene.control.Tooltip;
import javafx.util.Duration;

/**
 * Tooltips for long cell texts (a reason, a code line): they wrap at a readable width instead of running off the
 * screen in one line, and stay while the text is read. A tooltip's window is kept on the screen by JavaFX (autoFix).
 */
public final class Tips {

    /** The widest a tooltip grows before it wraps. */
    public static final double MAX_WIDTH = 520;

    private Tips() {
    }

    /** An empty wrapping tooltip (bind its text). */
    public static Tooltip wrapping() {
        Tooltip t = new Tooltip();
        t.setWrapText(true);
        t.setMaxWidth(MAX_WIDTH);
        t.setShowDuration(Duration.seconds(30));
        t.setAutoFix(true);
        return t;
    }

    /** A wrapping tooltip showing {@code text}. */
    public static Tooltip of(String text) {
        Tooltip t = wrapping();
        t.setText(text);
        return t;
    }
}
