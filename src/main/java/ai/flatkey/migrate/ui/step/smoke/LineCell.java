package ai.flatkey.migrate.ui.step.smoke;

import javafx.scene.control.ContentDisplay;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.text.Text;

/**
 * A live-output line that wraps at the pane's width even inside a long unbroken word (an SSE {@code data:} line or
 * an argument JSON has no spaces, and a label would cut it to "…"). Font and colour follow the cell's CSS.
 */
final class LineCell extends ListCell<String> {
    private final Text text = new Text();

    LineCell(ListView<String> view) {
        // a fixed breadth (as LiveOutputView's own cells have): the list then never measures lines for its width
        prefWidthProperty().bind(view.widthProperty().subtract(24));
        setMaxWidth(USE_PREF_SIZE);
        text.wrappingWidthProperty().bind(view.widthProperty().subtract(40));
        text.fontProperty().bind(fontProperty());
        text.fillProperty().bind(textFillProperty());
        setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
    }

    @Override
    protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        if (empty || item == null) {
            text.setText(null);
            setGraphic(null);
        } else {
            // a blank line (the end of an SSE event) keeps a line's height: a zero-height cell confuses the list's sizing
            text.setText(item.isEmpty() ? " " : item);
            setGraphic(text);
        }
    }
}
