package ai.flatkey.migrate.ui;

import ai.flatkey.migrate.plan.Checklist;
import ai.flatkey.migrate.plan.ItemStatus;
import ai.flatkey.migrate.ui.step.endpoints.CheckState;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static ai.flatkey.migrate.ui.FxWait.fx;
import static ai.flatkey.migrate.ui.FxWait.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 22: the demo walked from the start screen to the checklist export with the keyboard only — Tab, Shift+Tab,
 * Space, Ctrl+1…7 and Alt+→, no mouse. Every focus the walk passes through is on screen (inside its page's viewport);
 * where a step or a button press leaves the focus, it is not a text field with its text selected; the export is written.
 */
@ExtendWith(Screenshots.class)
class KeyboardOnlyWalkUiTest {

    /** More Tab presses than any step needs to reach a control; a walk that needs more has lost its way. */
    private static final int MAX_TABS = 60;

    @TempDir
    Path tmp;

    private final FxRobot robot = new FxRobot();
    private final FakeFileDialogs files = new FakeFileDialogs();
    private final List<String> path = new ArrayList<>();
    private AppContext ctx;
    private Stage stage;

    @BeforeEach
    void open() throws Exception {
        ctx = WizardFixture.context(tmp, files).build();
        stage = WizardFixture.show(ctx);
    }

    @AfterEach
    void close() throws Exception {
        WizardFixture.close(ctx);
    }

    @Test
    void theDemoFromTheStartScreenToTheExportWithTheKeyboardOnly() throws Exception {
        // the start screen: Tab to the demo, Space
        tabTo("start-demo");
        press(KeyCode.SPACE);
        waitFor(() -> ctx.document().plan().name().startsWith("Demo:")
                && ctx.document().plan().target().baseUrl().startsWith("http://127.0.0.1:"));
        WaitForAsyncUtils.waitForFxEvents();
        assertFocusFair("the demo opened");

        // 2 Keys & endpoints: check the connection
        shortcut(KeyCode.DIGIT2, Step.ENDPOINTS);
        tabTo("check-connection");
        press(KeyCode.SPACE);
        waitFor(() -> ctx.endpoints().checkStateProperty().get() == CheckState.SUCCESS);
        assertFocusOn("check-connection");

        // 3 Model mapping, 4 Smoke tests with Alt+→; run the suite
        altRight(Step.MAPPING);
        altRight(Step.SMOKE);
        tabTo("smoke-run");
        press(KeyCode.SPACE);
        waitFor(90, () -> !ctx.smoke().runningProperty().get() && !ctx.smoke().reconcilingProperty().get()
                && ctx.document().plan().latestRun().isPresent());
        assertThat(ctx.document().plan().latestRun().orElseThrow().allPassed()).isTrue();
        assertFocusOn("smoke-run");

        // 6 Rollout & rollback: rehearse on the demo gateway, prove it
        shortcut(KeyCode.DIGIT6, Step.ROLLOUT);
        tabTo("rollback-rehearse-demo");
        press(KeyCode.SPACE);
        waitFor(() -> ctx.document().plan().rollback().isReady()
                && ctx.document().plan().rollback().baseUrl().equals(ctx.document().plan().target().baseUrl()));
        tabTo("rollback-prove");
        press(KeyCode.SPACE);
        waitFor(60, () -> !ctx.rollout().provingProperty().get() && ctx.rollout().proofProperty().get().startsWith("Rollback proved"));
        assertFocusOn("rollback-prove");
        assertThat(ctx.document().plan().checklistItem(Checklist.ROLLBACK).status()).isEqualTo(ItemStatus.DONE);

        // 7 Checklist & export: Export Markdown… into a temporary folder
        shortcut(KeyCode.DIGIT7, Step.CHECKLIST);
        Path md = tmp.resolve("export/demo-checklist.md");
        files.answer(md);
        tabTo("export-markdown");
        press(KeyCode.SPACE);
        waitFor(() -> Files.exists(md) && fx(() -> ctx.checklist().exportMessageProperty().get()).startsWith("Exported"));
        assertFocusOn("export-markdown");
        assertThat(Files.readString(md, StandardCharsets.UTF_8)).startsWith("# Migration checklist: Demo:")
                .contains("Proved: the basic checks passed").doesNotContain("sk-demo-flatkey-local-0001");
        Screenshots.save(stage.getScene(), "keyboard-walk-export");
        System.out.println("keyboard walk, focus path: " + path);
    }

    private void shortcut(KeyCode digit, Step step) throws Exception {
        robot.press(KeyCode.CONTROL, digit).release(digit, KeyCode.CONTROL);
        arrived(step);
    }

    private void altRight(Step step) throws Exception {
        robot.press(KeyCode.ALT, KeyCode.RIGHT).release(KeyCode.RIGHT, KeyCode.ALT);
        arrived(step);
    }

    private void arrived(Step step) throws Exception {
        waitFor(() -> ctx.wizard().currentProperty().get() == step);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> stage.getScene().getFocusOwner().getStyleClass().contains("step-title")))
                .as("a step jump lands on the step's heading, not " + focusId()).isTrue();
        assertFocusFair("step " + step.number());
    }

    private void press(KeyCode key) {
        robot.type(key);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Presses Tab until the control {@code id} has the focus; every focus on the way must be on screen. */
    private void tabTo(String id) {
        for (int i = 0; i < MAX_TABS; i++) {
            if (id.equals(focusId())) {
                return;
            }
            press(KeyCode.TAB);
            String where = focusId();
            path.add(where);
            String problem = fx(() -> offScreen(stage.getScene()));
            assertThat(problem).as("Tab towards #" + id + " reached " + where).isNull();
        }
        throw new AssertionError("#" + id + " not reached with " + MAX_TABS + " Tab presses; the focus went " + path);
    }

    private void assertFocusOn(String id) {
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(focusId()).as("the focus stays on the pressed button").isEqualTo(id);
        assertFocusFair("after #" + id);
    }

    /** The focus owner is on screen, and not a text field whose text one keystroke would replace. */
    private void assertFocusFair(String when) {
        assertThat(fx(() -> offScreen(stage.getScene()))).as(when).isNull();
        String selected = fx(() -> stage.getScene().getFocusOwner() instanceof TextInputControl t ? t.getSelectedText() : "");
        assertThat(selected).as(when + ": the focused field has its text selected").isEmpty();
    }

    private String focusId() {
        return fx(() -> {
            Node n = stage.getScene().getFocusOwner();
            return n == null ? null : n.getId() != null ? n.getId() : n.getClass().getSimpleName() + "(" + n.getAccessibleText() + ")";
        });
    }

    /** Why the focus owner cannot be seen, or {@code null} when it can: hidden, outside the window or its viewport. */
    static String offScreen(Scene scene) {
        Node n = scene.getFocusOwner();
        if (n == null) {
            return "nothing has the focus";
        }
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return n + " is in a hidden " + p;
            }
        }
        Bounds b = n.localToScene(n.getLayoutBounds());
        if (b.getMaxX() <= 0 || b.getMaxY() <= 0 || b.getMinX() >= scene.getWidth() || b.getMinY() >= scene.getHeight()) {
            return n + " is outside the window at " + b;
        }
        for (Node p = n.getParent(); p != null; p = p.getParent()) {
            if (p instanceof ScrollPane sp && sp.getContent() != null && sp.getStyleClass().contains("step-scroll")) {
                Bounds view = sp.localToScene(sp.getLayoutBounds());
                if (b.getMaxY() <= view.getMinY() || b.getMinY() >= view.getMaxY()) {
                    return n + " is scrolled out of its page's view " + view + " at " + b;
                }
            }
        }
        return null;
    }
}
