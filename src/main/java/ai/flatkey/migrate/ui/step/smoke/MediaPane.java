package ai.flatkey.migrate.ui.step.smoke;

import ai.flatkey.migrate.smoke.MediaEvidence;
import ai.flatkey.migrate.ui.components.Forms;
import ai.flatkey.migrate.ui.support.Bind;
import ai.flatkey.migrate.ui.theme.Icons;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

import java.io.ByteArrayInputStream;
import java.util.List;

/**
 * The selected check's images and sounds, above its tabs: each image as a thumbnail with its size and format, each
 * sound as a player (Play, Stop) with its duration and where it is. Hidden for a check without them; a check whose
 * media are from an earlier session shows why there are none.
 */
final class MediaPane {
    /** The height a thumbnail is shown at (its width follows its proportions). */
    static final double THUMBNAIL_HEIGHT = 128;

    private final SmokeViewModel vm;
    private final FlowPane tiles = new FlowPane(14, 10);
    private final VBox root;

    MediaPane(SmokeViewModel vm) {
        this.vm = vm;
        tiles.setId("smoke-media");
        tiles.setAlignment(Pos.TOP_LEFT);
        Label note = Forms.text("", "field-help");
        note.setId("smoke-media-note");
        note.textProperty().bind(vm.mediaNoteProperty());
        note.visibleProperty().bind(vm.mediaNoteProperty().isNotEmpty());
        note.managedProperty().bind(note.visibleProperty());
        root = new VBox(6, tiles, note);
        root.getStyleClass().add("media-pane");
        root.visibleProperty().bind(Bind.flag(() -> !vm.mediaProperty().get().isEmpty()
                || !vm.mediaNoteProperty().get().isEmpty(), vm.mediaProperty(), vm.mediaNoteProperty()));
        root.managedProperty().bind(root.visibleProperty());
        vm.mediaProperty().addListener((o, was, now) -> fill(now));
        fill(vm.mediaProperty().get());
    }

    Node root() {
        return root;
    }

    private void fill(List<MediaEvidence> media) {
        tiles.getChildren().clear();
        int images = 0;
        int sounds = 0;
        for (MediaEvidence m : media) {
            if (m.kind() == MediaEvidence.Kind.IMAGE) {
                tiles.getChildren().add(image(m, images++));
            } else {
                tiles.getChildren().add(player(m, sounds++));
            }
        }
    }

    private static Node image(MediaEvidence m, int index) {
        ImageView view = new ImageView(new Image(new ByteArrayInputStream(m.bytes())));
        view.setId("smoke-media-image-" + index);
        view.setPreserveRatio(true);
        view.setSmooth(true);
        view.setFitHeight(Math.min(THUMBNAIL_HEIGHT, view.getImage().getHeight()));
        view.setAccessibleText(m.caption());
        StackPane frame = new StackPane(view);
        frame.getStyleClass().add("media-thumbnail");
        frame.setMaxWidth(Region.USE_PREF_SIZE);
        Tooltip.install(frame, new Tooltip(m.caption() + " (thumbnail; the check decoded the full image)"));
        Label caption = new Label(m.caption());
        caption.getStyleClass().add("field-help");
        caption.setId("smoke-media-caption-image-" + index);
        caption.setMinWidth(Region.USE_PREF_SIZE);
        VBox tile = new VBox(4, frame, caption);
        tile.getStyleClass().add("media-tile");
        return tile;
    }

    private Node player(MediaEvidence m, int index) {
        Button play = new Button("Play", Icons.icon(Feather.PLAY));
        play.setId("smoke-media-play-" + index);
        play.setMinWidth(Region.USE_PREF_SIZE);
        play.setAccessibleText("Play " + m.caption());
        play.setOnAction(e -> vm.play(m));
        Button stop = new Button("Stop", Icons.icon(Feather.SQUARE));
        stop.setId("smoke-media-stop-" + index);
        stop.setMinWidth(Region.USE_PREF_SIZE);
        stop.setAccessibleText("Stop playing");
        stop.setOnAction(e -> vm.stopPlaying());
        play.disableProperty().bind(Bind.flag(() -> !m.hasBytes()
                || vm.playingProperty().get() && vm.soundProperty().get() == m, vm.playingProperty(), vm.soundProperty()));
        stop.disableProperty().bind(Bind.flag(() -> !(vm.playingProperty().get() && vm.soundProperty().get() == m),
                vm.playingProperty(), vm.soundProperty()));
        Label duration = new Label(m.seconds() > 0 ? "Duration " + m.duration() : "Duration unknown");
        duration.setId("smoke-media-duration-" + index);
        duration.getStyleClass().add("media-duration");
        duration.setMinWidth(Region.USE_PREF_SIZE);
        HBox controls = new HBox(8, play, stop, duration);
        controls.setAlignment(Pos.CENTER_LEFT);
        Label caption = new Label(m.caption(), Icons.icon(Feather.VOLUME_2));
        caption.getStyleClass().add("card-description");
        Label status = Forms.text("", "field-help");
        status.setId("smoke-media-status-" + index);
        status.textProperty().bind(Bind.text(() -> vm.soundProperty().get() == m ? vm.playerStatusProperty().get() : "",
                vm.soundProperty(), vm.playerStatusProperty()));
        status.visibleProperty().bind(status.textProperty().isNotEmpty());
        status.managedProperty().bind(status.visibleProperty());
        status.setMaxWidth(360);
        VBox tile = new VBox(6, caption, controls, status);
        tile.getStyleClass().addAll("media-tile", "media-player");
        return tile;
    }
}
