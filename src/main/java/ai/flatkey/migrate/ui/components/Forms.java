package ai.flatkey.migrate.ui.components;

import ai.flatkey.migrate.ui.support.Bind;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Small builders for the steps' pages and two-column forms, so every step looks the same. */
public final class Forms {

    private static final String HEADING = "step-heading";

    private Forms() {
    }

    /**
     * A scrolling step page: title, one-paragraph lead, then the sections. The title ({@code id-title}) takes the
     * focus when a person jumps to the step from the keyboard ({@link #heading}); Tab does not stop on it.
     */
    public static ScrollPane page(String id, String title, String lead, Node... sections) {
        Label h = new Label(title);
        h.getStyleClass().add("step-title");
        h.setId(id + "-title");
        h.setAccessibleRole(javafx.scene.AccessibleRole.TEXT);
        h.setAccessibleText(title);
        Label p = new Label(lead);
        p.getStyleClass().add("step-lead");
        p.setWrapText(true);
        VBox box = new VBox(h, p);
        box.getStyleClass().add("step-page");
        box.getChildren().addAll(sections);
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("step-scroll");
        scroll.setId(id);
        scroll.getProperties().put(HEADING, h);
        return scroll;
    }

    /** The heading of a page {@link #page} built, or null when {@code page} is not one. */
    public static Node heading(Node page) {
        return (Node) page.getProperties().get(HEADING);
    }

    /** A titled card that groups related fields. */
    public static VBox section(String title, String description, Node... content) {
        VBox card = new VBox();
        card.getStyleClass().add("card");
        Label t = new Label(title);
        t.getStyleClass().add("card-title");
        card.getChildren().add(t);
        if (description != null && !description.isBlank()) {
            Label d = new Label(description);
            d.getStyleClass().add("card-description");
            d.setWrapText(true);
            card.getChildren().add(d);
        }
        card.getChildren().addAll(content);
        for (Node n : content) {
            // the section's title names a table, list or tab pane that is its content, as a caption names a table
            if (n instanceof javafx.scene.control.Control c && c.getAccessibleText() == null
                    && !(c instanceof javafx.scene.control.Labeled l && l.getText() != null && !l.getText().isBlank())) {
                c.setAccessibleText(title);
            }
        }
        return card;
    }

    /** A two-column grid: labels on the left, fields (with help and error lines) on the right. */
    public static GridPane grid() {
        GridPane g = new GridPane();
        g.getStyleClass().add("form");
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(170);
        labels.setPrefWidth(190);
        labels.setHalignment(HPos.LEFT);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setFillWidth(true);
        g.getColumnConstraints().addAll(labels, fields);
        return g;
    }

    /** Adds a row; {@code error} (may be null) shows in red under the field when not empty. */
    public static <T extends Node> T row(GridPane grid, String label, T field, ObservableStringValue error, String help) {
        int r = grid.getRowCount();
        Label l = new Label(label);
        l.getStyleClass().add("form-label");
        l.setLabelFor(field);
        l.setWrapText(true);
        GridPane.setValignment(l, VPos.TOP);
        GridPane.setMargin(l, new Insets(6, 0, 0, 0));
        VBox cell = new VBox(4, field);
        cell.setFillWidth(true);
        if (help != null && !help.isBlank()) {
            Label h = new Label(help);
            h.getStyleClass().add("field-help");
            h.setWrapText(true);
            cell.getChildren().add(h);
        }
        if (error != null) {
            cell.getChildren().add(messageLabel(error, "field-error"));
        }
        grid.add(l, 0, r);
        grid.add(cell, 1, r);
        return field;
    }

    /** A label bound to a message; hidden (and taking no space) while the message is empty. */
    public static Label messageLabel(ObservableStringValue message, String styleClass) {
        Label e = new Label();
        e.getStyleClass().add(styleClass);
        e.setWrapText(true);
        e.textProperty().bind(message);
        e.visibleProperty().bind(Bind.flag(() -> message.get() != null && !message.get().isEmpty(), message));
        e.managedProperty().bind(e.visibleProperty());
        return e;
    }

    /** A label with a style class, wrapping. */
    public static Label text(String value, String styleClass) {
        Label l = new Label(value);
        l.getStyleClass().add(styleClass);
        l.setWrapText(true);
        return l;
    }
}
