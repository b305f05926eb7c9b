package ai.flatkey.migrate.ui.components;

import ai.flatkey.migrate.ui.theme.Icons;
import javafx.animation.PauseTransition;
import javafx.scene.control.Button;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;

import java.util.function.Supplier;

/**
 * Buttons that copy a text to the clipboard and say so: for a moment the button reads "Copied" with a tick (and tells a
 * screen reader), then goes back to its label. Without it a click gave no sign anything happened.
 */
public final class CopyButtons {

    /** How long "Copied" stays on the button. */
    public static final Duration CONFIRMATION = Duration.seconds(2);

    private CopyButtons() {
    }

    /** A button labelled {@code text} that copies what {@code content} supplies when pressed. */
    public static Button copy(String id, String text, Supplier<String> content) {
        Button b = new Button(text, Icons.icon(Icons.COPY));
        b.setId(id);
        b.setMinWidth(Region.USE_PREF_SIZE);
        b.setAccessibleText(text + " to the clipboard");
        PauseTransition restore = new PauseTransition(CONFIRMATION);
        restore.setOnFinished(e -> {
            b.setText(text);
            b.setGraphic(Icons.icon(Icons.COPY));
            b.setAccessibleText(text + " to the clipboard");
            b.setMinWidth(Region.USE_PREF_SIZE);
        });
        b.setOnAction(e -> {
            ClipboardContent cc = new ClipboardContent();
            cc.putString(content.get());
            Clipboard.getSystemClipboard().setContent(cc);
            b.setMinWidth(b.getWidth()); // "Copied" is shorter: the buttons beside it do not move
            b.setText("Copied");
            b.setGraphic(Icons.icon(Feather.CHECK));
            b.setAccessibleText("Copied to the clipboard");
            restore.playFromStart();
        });
        return b;
    }
}
