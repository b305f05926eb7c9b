package ai.flatkey.migrate.ui;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static ai.flatkey.migrate.ui.FxWait.fx;
import static ai.flatkey.migrate.ui.FxWait.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 22's accessibility pass: on the start screen and on every step of the demo (after its suite has run, so
 * the tables have rows and the live output its pane), every control a keyboard can reach has a name a screen reader
 * says — its own text, an accessible text, or a label pointing at it — and looks different when it has the focus.
 * Offenders are listed by id, class and place.
 */
@ExtendWith(Screenshots.class)
class AccessibilityUiTest {

    @TempDir
    Path tmp;

    private final FxRobot robot = new FxRobot();
    private AppContext ctx;
    private Stage stage;

    @BeforeEach
    void open() throws Exception {
        ctx = WizardFixture.context(tmp, new FakeFileDialogs()).build();
        stage = WizardFixture.show(ctx);
    }

    @AfterEach
    void close() throws Exception {
        WizardFixture.close(ctx);
    }

    @Test
    void everyFocusableControlOnEveryStepHasAName() throws Exception {
        Set<String> offenders = new LinkedHashSet<>(fx(() -> unnamed(stage.getScene(), "start screen")));
        demoAfterItsRun();
        for (Step s : Step.values()) {
            show(s);
            offenders.addAll(fx(() -> unnamed(stage.getScene(), "step " + s.number())));
        }
        assertThat(offenders).as("focusable controls without an accessible name").isEmpty();
    }

    @Test
    void everyFocusableControlOnEveryStepShowsItsFocus() throws Exception {
        Set<String> offenders = new LinkedHashSet<>(focusNotShown(stage.getScene(), "start screen"));
        demoAfterItsRun();
        for (Step s : Step.values()) {
            show(s);
            offenders.addAll(focusNotShown(stage.getScene(), "step " + s.number()));
        }
        assertThat(offenders).as("focusable controls that look the same with and without the focus").isEmpty();
    }

    private void show(Step s) {
        fx(() -> {
            ctx.wizard().go(s);
            return true;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void demoAfterItsRun() throws Exception {
        robot.clickOn("#start-demo");
        waitFor(() -> ctx.document().plan().target().baseUrl().startsWith("http://127.0.0.1:"));
        fx(() -> {
            ctx.wizard().go(Step.SMOKE);
            return true;
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#smoke-run");
        waitFor(90, () -> !ctx.smoke().runningProperty().get() && !ctx.smoke().reconcilingProperty().get()
                && ctx.document().plan().latestRun().isPresent());
    }

    /**
     * The focusable, shown controls of {@code scene} that draw the same pixels with the focus as without it (each
     * drawn with its surroundings, so a ring outside the control counts). One control per FX-thread call.
     */
    static List<String> focusNotShown(Scene scene, String where) {
        List<Control> controls = fx(() -> {
            List<Control> all = new ArrayList<>();
            focusable(scene.getRoot(), all);
            return all;
        });
        List<String> out = new ArrayList<>();
        for (Control c : controls) {
            if (fx(() -> !focusShows(scene, c))) {
                out.add(where + ": " + fx(() -> describe(c)));
            }
        }
        return out;
    }

    private static boolean focusShows(Scene scene, Control c) {
        if (c.getScene() == null || c.localToScene(c.getLayoutBounds()).getWidth() < 1) {
            return true;
        }
        intoView(c);
        scene.getRoot().requestFocus();
        javafx.scene.image.Image before = around(c);
        c.requestFocus();
        if (scene.getFocusOwner() != c) {
            return true; // a control that passes its focus on (a combo box's editor) is checked as that one
        }
        return !same(before, around(c));
    }

    private static void focusable(Node n, List<Control> out) {
        if (!n.isVisible()) {
            return;
        }
        if (n instanceof Control c && c.isFocusTraversable() && !c.isDisabled()) {
            out.add(c);
        }
        if (n instanceof ScrollPane sp && sp.getContent() != null) {
            focusable(sp.getContent(), out);
        }
        if (n instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                focusable(child, out);
            }
        }
    }

    /** Scrolls the step page so that {@code c} is in its view (as a Tab to it would), and lays the scene out. */
    private static void intoView(Control c) {
        for (Node p = c.getParent(); p != null; p = p.getParent()) {
            if (p instanceof ScrollPane sp && sp.getStyleClass().contains("step-scroll")) {
                javafx.geometry.Bounds b = sp.getContent().sceneToLocal(c.localToScene(c.getBoundsInLocal()));
                double extra = sp.getContent().getBoundsInLocal().getHeight() - sp.getViewportBounds().getHeight();
                if (extra > 0) {
                    sp.setVvalue(Math.max(0, Math.min(1, (b.getMinY() - 60) / extra)));
                }
                c.getScene().getRoot().applyCss();
                c.getScene().getRoot().layout();
                return;
            }
        }
    }

    /** The control drawn with 4 px of what surrounds it. */
    private static javafx.scene.image.Image around(Control c) {
        javafx.geometry.Bounds b = c.localToScene(c.getLayoutBounds());
        javafx.scene.SnapshotParameters p = new javafx.scene.SnapshotParameters();
        p.setViewport(new javafx.geometry.Rectangle2D(b.getMinX() - 4, b.getMinY() - 4, b.getWidth() + 8, b.getHeight() + 8));
        return c.getScene().getRoot().snapshot(p, null);
    }

    private static boolean same(javafx.scene.image.Image a, javafx.scene.image.Image b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            return false;
        }
        javafx.scene.image.PixelReader ra = a.getPixelReader();
        javafx.scene.image.PixelReader rb = b.getPixelReader();
        for (int y = 0; y < (int) a.getHeight(); y++) {
            for (int x = 0; x < (int) a.getWidth(); x++) {
                if (ra.getArgb(x, y) != rb.getArgb(x, y)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The focusable, shown controls of {@code scene} that have no name, each as "where: #id Class". */
    static List<String> unnamed(Scene scene, String where) {
        Set<Node> labelled = new java.util.HashSet<>();
        collectLabelled(scene.getRoot(), labelled);
        List<String> out = new ArrayList<>();
        walk(scene.getRoot(), labelled, where, out);
        return out;
    }

    private static void walk(Node n, Set<Node> labelled, String where, List<String> out) {
        if (!n.isVisible()) {
            return;
        }
        if (n instanceof Control c && c.isFocusTraversable() && !c.isDisabled() && !named(c, labelled)) {
            out.add(where + ": " + describe(c));
        }
        if (n instanceof ScrollPane sp && sp.getContent() != null) {
            walk(sp.getContent(), labelled, where, out);
        }
        if (n instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                walk(child, labelled, where, out);
            }
        }
    }

    private static boolean named(Control c, Set<Node> labelled) {
        if (c.getAccessibleText() != null && !c.getAccessibleText().isBlank()) {
            return true;
        }
        if (labelled.contains(c)) {
            return true;
        }
        if (c instanceof javafx.scene.control.TabPane tabs) {
            // a tab pane is announced by its selected tab's title
            return !tabs.getTabs().isEmpty() && tabs.getTabs().stream().allMatch(t -> t.getText() != null && !t.getText().isBlank());
        }
        return c instanceof Labeled l && !(c instanceof TextInputControl) && l.getText() != null && !l.getText().isBlank();
    }

    private static void collectLabelled(Node n, Set<Node> labelled) {
        if (n instanceof Label l && l.getLabelFor() != null && l.getText() != null && !l.getText().isBlank()) {
            labelled.add(l.getLabelFor());
        }
        if (n instanceof ScrollPane sp && sp.getContent() != null) {
            collectLabelled(sp.getContent(), labelled);
        }
        if (n instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                collectLabelled(child, labelled);
            }
        }
    }

    private static String describe(Node n) {
        StringBuilder sb = new StringBuilder();
        sb.append(n.getId() == null ? "(no id)" : "#" + n.getId()).append(' ').append(n.getClass().getSimpleName());
        for (Node p = n.getParent(); p != null; p = p.getParent()) {
            if (p.getId() != null) {
                sb.append(" in #").append(p.getId());
                break;
            }
        }
        return sb.toString();
    }
}
