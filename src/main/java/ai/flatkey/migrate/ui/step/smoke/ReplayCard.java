package ai.flatkey.migrate.ui.step.smoke;

import ai.flatkey.migrate.ui.components.Forms;
import ai.flatkey.migrate.ui.components.Tones;
import ai.flatkey.migrate.ui.theme.Icons;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.List;

/** The smoke step's "Replay recorded calls" card: binds {@link ReplayViewModel} and forwards clicks. */
final class ReplayCard {

    private ReplayCard() {
    }

    /** The button that opens the card (in the step's action row). */
    static Button openButton(ReplayViewModel vm, ReadOnlyBooleanProperty running) {
        Button b = new Button("Replay recorded calls…", Icons.icon(Icons.RUN));
        b.setId("replay-choose");
        b.setMinWidth(Region.USE_PREF_SIZE);
        b.disableProperty().bind(running);
        b.setOnAction(e -> vm.choose());
        return b;
    }

    static VBox build(ReplayViewModel vm, ReadOnlyBooleanProperty running) {
        Label file = new Label();
        file.setId("replay-file");
        file.getStyleClass().add("mono");
        file.textProperty().bind(vm.fileProperty());
        ProgressIndicator spin = new ProgressIndicator();
        spin.getStyleClass().add("small-spinner");
        spin.visibleProperty().bind(vm.preparingProperty());
        spin.managedProperty().bind(spin.visibleProperty());
        HBox head = new HBox(8, file, spin);
        head.setAlignment(Pos.CENTER_LEFT);
        Label selection = Forms.messageLabel(vm.selectionProperty(), "card-description");
        selection.setId("replay-selection");
        Label estimate = Forms.messageLabel(vm.estimateProperty(), "step-status");
        estimate.setId("replay-estimate");
        Tones.bind(estimate, vm.estimateToneProperty());
        VBox card = Forms.section("Replay recorded calls",
                "Each distinct recorded call is sent once to the target, its model mapped, and compared by structure"
                        + " with the recorded answer (status, finish_reason, tool calls, JSON, usage, [DONE]).",
                head, selection, costly(vm, running), notReplayed(vm), estimate, actions(vm, running));
        card.setSpacing(8);
        card.setId("replay-card");
        card.visibleProperty().bind(vm.fileProperty().isNotEmpty());
        card.managedProperty().bind(card.visibleProperty());
        return card;
    }

    /** The costly calls, listed, with the opt-in. */
    private static VBox costly(ReplayViewModel vm, ReadOnlyBooleanProperty running) {
        CheckBox include = new CheckBox();
        include.setId("replay-include-costly");
        include.textProperty().bind(vm.costlyLabelProperty());
        include.selectedProperty().bindBidirectional(vm.includeCostly);
        include.disableProperty().bind(running.or(vm.preparingProperty()));
        include.setWrapText(true);
        VBox list = list("replay-costly", vm.costly());
        VBox box = new VBox(6, include, list);
        box.visibleProperty().bind(Bindings.isNotEmpty(vm.costly()));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private static VBox notReplayed(ReplayViewModel vm) {
        Label title = new Label("Not replayed");
        title.getStyleClass().add("form-label");
        VBox box = new VBox(6, title, list("replay-not-replayed", vm.notReplayed()));
        box.visibleProperty().bind(Bindings.isNotEmpty(vm.notReplayed()));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    /** One wrapped line per call, the first {@value #SHOWN}, then how many more. */
    private static VBox list(String id, javafx.collections.ObservableList<String> items) {
        VBox box = new VBox(2);
        box.setId(id);
        box.setPadding(new javafx.geometry.Insets(0, 0, 0, 26)); // under the check box's text
        Runnable fill = () -> {
            box.getChildren().clear();
            items.stream().limit(SHOWN).forEach(line -> box.getChildren().add(Forms.text(line, "card-description")));
            if (items.size() > SHOWN) {
                box.getChildren().add(Forms.text("… and " + (items.size() - SHOWN) + " more", "card-description"));
            }
        };
        items.addListener((javafx.collections.ListChangeListener<String>) c -> fill.run());
        fill.run();
        return box;
    }

    private static final int SHOWN = 8;

    private static HBox actions(ReplayViewModel vm, ReadOnlyBooleanProperty running) {
        Button replay = new Button();
        replay.setId("replay-run");
        replay.getStyleClass().add("accent");
        replay.textProperty().bind(vm.replayLabelProperty());
        replay.disableProperty().bind(vm.readyProperty().not().or(running));
        replay.setOnAction(e -> vm.replay());
        Button other = new Button("Another recording…");
        other.setId("replay-other");
        other.disableProperty().bind(running);
        other.setOnAction(e -> vm.choose());
        Button close = new Button("Close");
        close.setId("replay-close");
        close.disableProperty().bind(running);
        close.setOnAction(e -> vm.dismiss());
        for (Button b : List.of(replay, other, close)) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox box = new HBox(8, replay, other, close);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }
}
