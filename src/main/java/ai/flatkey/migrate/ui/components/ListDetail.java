package ai.flatkey.migrate.ui.components;

import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * A list and the selected item's detail, as Postman and Insomnia show them: side by side in a split pane a person can
 * drag when there is room for both, the detail below the list when there is not (a narrow window). The same two
 * nodes move between the two layouts, so their selection, bindings and scroll positions stay.
 */
public final class ListDetail {

    private final StackPane root = new StackPane();
    private final SplitPane split = new SplitPane();
    private final VBox stacked = new VBox();
    private final Node list;
    private final Node detail;
    private final double sideBySideFrom;
    /** Where the divider was last (a person may have dragged it), restored when the two come side by side again. */
    private double share;

    /**
     * {@code list} and {@code detail} side by side from {@code sideBySideFrom} px of width on, the list taking
     * {@code listShare} of it at first; stacked (with {@code gap} between them) below that width.
     */
    public ListDetail(String id, Node list, Node detail, double sideBySideFrom, double listShare, double gap) {
        this.list = list;
        this.detail = detail;
        this.sideBySideFrom = sideBySideFrom;
        root.setId(id);
        split.setOrientation(Orientation.HORIZONTAL);
        split.getStyleClass().add("list-detail");
        share = listShare;
        stacked.setSpacing(gap);
        SplitPane.setResizableWithParent(detail, true);
        root.setMinWidth(0);
        root.widthProperty().addListener((o, was, now) -> arrange(now.doubleValue()));
        arrange(0);
    }

    /** Whether the list and the detail are shown side by side. */
    public boolean isSideBySide() {
        return split.getParent() == root;
    }

    public Region root() {
        return root;
    }

    private void arrange(double width) {
        boolean wide = width >= sideBySideFrom;
        if (wide == isSideBySide() && !root.getChildren().isEmpty()) {
            return;
        }
        if (split.getDividers().size() == 1) {
            share = split.getDividers().get(0).getPosition();
        }
        root.getChildren().clear();
        split.getItems().clear();
        stacked.getChildren().clear();
        if (wide) {
            split.getItems().addAll(list, detail);
            split.setDividerPositions(share);
            root.getChildren().add(split);
        } else {
            stacked.getChildren().addAll(list, detail);
            root.getChildren().add(stacked);
        }
    }
}
