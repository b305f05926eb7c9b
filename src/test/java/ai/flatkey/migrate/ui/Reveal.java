package ai.flatkey.migrate.ui;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

/** Scrolls a step page so that a node is in view: the robot clicks only what it can see. */
final class Reveal {

    private Reveal() {
    }

    static void reveal(FxRobot robot, String query) {
        try {
            WaitForAsyncUtils.asyncFx(() -> {
                Node n = robot.lookup(query).query();
                Node p = n.getParent();
                while (p != null && !(p instanceof ScrollPane sp && sp.getStyleClass().contains("step-scroll"))) {
                    p = p.getParent();
                }
                if (p instanceof ScrollPane sp) {
                    Bounds b = sp.getContent().sceneToLocal(n.localToScene(n.getBoundsInLocal()));
                    double extra = sp.getContent().getBoundsInLocal().getHeight() - sp.getViewportBounds().getHeight();
                    if (extra > 0) {
                        sp.setVvalue(Math.max(0, Math.min(1, (b.getMinY() - 60) / extra)));
                    }
                }
                return true;
            }).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }
}
