package ai.flatkey.migrate.ui.components;

import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;

/**
 * A virtualized, read-only view of streamed text, one list cell per line: only the visible lines have nodes,
 * so a long transcript stays fast. Follows the end while new text arrives.
 */
public final class LiveOutputView extends ListView<String> {

    public LiveOutputView(ObservableList<String> lines) {
        super(lines);
        setAccessibleText("Live output");
        getStyleClass().add("live-output");
        setFocusTraversable(true);
        setCellFactory(v -> new ListCell<>() {
            {
                setWrapText(true);
                prefWidthProperty().bind(v.widthProperty().subtract(24));
                setMaxWidth(USE_PREF_SIZE);
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
            }
        });
        lines.addListener((ListChangeListener<String>) c -> {
            if (!lines.isEmpty()) {
                scrollTo(lines.size() - 1);
            }
        });
    }

    /** The whole text shown, lines joined with newlines. */
    public String text() {
        return String.join("\n", getItems());
    }
}
