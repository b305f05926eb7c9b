package ai.flatkey.migrate.ui.components;

import ai.flatkey.migrate.ui.support.Tone;
import javafx.beans.property.Property;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.collections.ObservableList;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TextField;
import javafx.util.Callback;

import java.util.function.Function;

/**
 * Table cells that hold an always-live editor bound to a property of the row object, so edits reach the
 * ViewModel as they are typed (no Enter-to-commit). Cells rebind when they are reused for another row.
 */
public final class BoundCells {

    private BoundCells() {
    }

    /** What a screen reader calls the editor in {@code cell}: its column and its row ("Notes, row 3"). */
    static String editorName(TableCell<?, ?> cell) {
        String column = cell.getTableColumn() == null ? "Value" : cell.getTableColumn().getText();
        return column + ", row " + (cell.getIndex() + 1);
    }

    /** A text field bound to {@code property(row)}. */
    public static <S> Callback<TableColumn<S, S>, TableCell<S, S>> text(Function<S, Property<String>> property, String prompt) {
        return col -> new TableCell<>() {
            private final TextField field = new TextField();
            private Property<String> bound;

            {
                field.setPromptText(prompt);
                field.getStyleClass().add("cell-editor");
                setGraphic(null);
            }

            @Override
            protected void updateItem(S row, boolean empty) {
                super.updateItem(row, empty);
                if (bound != null) {
                    field.textProperty().unbindBidirectional(bound);
                    bound = null;
                }
                if (empty || row == null) {
                    setGraphic(null);
                } else {
                    bound = property.apply(row);
                    field.textProperty().bindBidirectional(bound);
                    field.setAccessibleText(editorName(this));
                    setGraphic(field);
                }
            }
        };
    }

    /** A combo box (editable or not) bound to {@code property(row)}. */
    public static <S, T> Callback<TableColumn<S, S>, TableCell<S, S>> choice(Function<S, Property<T>> property,
                                                                             ObservableList<T> items, boolean editable,
                                                                             javafx.util.StringConverter<T> converter) {
        return col -> new TableCell<>() {
            private final ComboBox<T> box = new ComboBox<>(items);
            private Property<T> bound;

            {
                box.setEditable(editable);
                if (converter != null) {
                    box.setConverter(converter);
                }
                box.setMaxWidth(Double.MAX_VALUE);
                box.getStyleClass().add("cell-editor");
            }

            @Override
            protected void updateItem(S row, boolean empty) {
                super.updateItem(row, empty);
                if (bound != null) {
                    box.valueProperty().unbindBidirectional(bound);
                    bound = null;
                }
                if (empty || row == null) {
                    setGraphic(null);
                } else {
                    bound = property.apply(row);
                    box.valueProperty().bindBidirectional(bound);
                    box.setAccessibleText(editorName(this));
                    setGraphic(box);
                }
            }
        };
    }

    /** A read-only wrapping label showing {@code text(row)} (observed, so it follows changes). */
    public static <S> Callback<TableColumn<S, S>, TableCell<S, S>> label(Function<S, ObservableValue<String>> text) {
        return label(text, (Function<S, ObservableValue<Tone>>) null);
    }

    /** A read-only wrapping label showing {@code text(row)} in one {@code tone} for every row. */
    public static <S> Callback<TableColumn<S, S>, TableCell<S, S>> label(Function<S, ObservableValue<String>> text, Tone tone) {
        ObservableValue<Tone> fixed = new ReadOnlyObjectWrapper<>(tone);
        return label(text, row -> fixed);
    }

    /**
     * A read-only wrapping label showing {@code text(row)} in the tone {@code tone(row)} states (both observed, so
     * they follow changes; a null {@code tone} leaves the label untoned).
     */
    public static <S> Callback<TableColumn<S, S>, TableCell<S, S>> label(Function<S, ObservableValue<String>> text,
                                                                         Function<S, ObservableValue<Tone>> tone) {
        return col -> new TableCell<>() {
            private final Label label = new Label();
            private ObservableValue<Tone> toneSource;
            private final ChangeListener<Tone> toneListener = (o, was, now) -> Tones.apply(label, now);

            private final javafx.scene.control.Tooltip tip = Tips.wrapping();

            {
                label.setWrapText(true);
                label.maxWidthProperty().bind(col.widthProperty().subtract(16));
                tip.textProperty().bind(label.textProperty());
                label.tooltipProperty().bind(javafx.beans.binding.Bindings.when(label.textProperty().isEmpty())
                        .then((javafx.scene.control.Tooltip) null).otherwise(tip));
            }

            @Override
            protected void updateItem(S row, boolean empty) {
                super.updateItem(row, empty);
                label.textProperty().unbind();
                if (toneSource != null) {
                    toneSource.removeListener(toneListener);
                    toneSource = null;
                }
                Tones.apply(label, Tone.NEUTRAL);
                if (empty || row == null) {
                    setGraphic(null);
                } else {
                    label.textProperty().bind(text.apply(row));
                    if (tone != null) {
                        toneSource = tone.apply(row);
                        toneSource.addListener(toneListener);
                        Tones.apply(label, toneSource.getValue());
                    }
                    setGraphic(label);
                }
            }
        };
    }

    /** A column whose cell value is the row itself (for the bound cells above). */
    public static <S> TableColumn<S, S> column(String title, double prefWidth) {
        TableColumn<S, S> c = new TableColumn<>(title);
        c.setCellValueFactory(f -> new javafx.beans.property.ReadOnlyObjectWrapper<>(f.getValue()));
        c.setPrefWidth(prefWidth);
        c.setSortable(false);
        c.setReorderable(false);
        return c;
    }
}
