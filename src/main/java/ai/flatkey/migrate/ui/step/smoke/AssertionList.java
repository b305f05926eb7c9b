package ai.flatkey.migrate.ui.step.smoke;

import ai.flatkey.migrate.ui.components.Tones;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Each assertion's outcome, one line each: held / failed / could not be checked in its tone, the rule ID, the
 * assertion and its evidence (wrapped, never cut). Used by the check editor's "Try it" and the checks table's detail.
 */
final class AssertionList {

    private AssertionList() {
    }

    static VBox of(ObservableList<AssertionLine> lines) {
        VBox box = new VBox(4);
        Runnable fill = () -> {
            box.getChildren().clear();
            lines.forEach(a -> box.getChildren().add(line(a)));
        };
        lines.addListener((ListChangeListener<AssertionLine>) c -> fill.run());
        fill.run();
        box.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(lines));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private static HBox line(AssertionLine a) {
        Label status = new Label(a.status());
        status.getStyleClass().add("assertion-status");
        status.setMinWidth(Region.USE_PREF_SIZE);
        Tones.apply(status, a.tone());
        Label rule = new Label(a.ruleId());
        rule.getStyleClass().add("mono");
        rule.setMinWidth(Region.USE_PREF_SIZE);
        Label text = new Label(a.assertion() + (a.evidence().isEmpty() ? "" : " — " + a.evidence()));
        text.setWrapText(true);
        text.setMinHeight(Region.USE_PREF_SIZE);
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);
        HBox row = new HBox(8, status, rule, text);
        row.setAlignment(Pos.TOP_LEFT);
        row.getStyleClass().add("assertion-line");
        row.setAccessibleText(a.text());
        return row;
    }
}
