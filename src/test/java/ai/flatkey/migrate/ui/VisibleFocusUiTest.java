package ai.flatkey.migrate.ui;

import ai.flatkey.migrate.ui.theme.ThemeMode;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;

import static ai.flatkey.migrate.ui.FxWait.fx;
import static ai.flatkey.migrate.ui.FxWait.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 22: keyboard focus must be visible on checkboxes, primary buttons and tables, light and dark. Each control is
 * reached with Tab, as a keyboard user would, and the pixels around it are compared with and without the focus: a
 * visible ring changes a good many of them, and strongly.
 */
@ExtendWith(Screenshots.class)
class VisibleFocusUiTest {

    @TempDir
    Path tmp;

    private final FxRobot robot = new FxRobot();
    private AppContext ctx;
    private Stage stage;

    @BeforeEach
    void open() throws Exception {
        ctx = WizardFixture.context(tmp, new FakeFileDialogs()).build();
        stage = WizardFixture.show(ctx);
        robot.clickOn("#start-demo");
        waitFor(() -> ctx.document().plan().target().baseUrl().startsWith("http://127.0.0.1:"));
    }

    @AfterEach
    void close() throws Exception {
        fx(() -> {
            ctx.wizard().setThemeMode(ThemeMode.LIGHT);
            return true;
        });
        WizardFixture.close(ctx);
    }

    @ParameterizedTest
    @EnumSource(value = ThemeMode.class, names = {"LIGHT", "DARK"})
    void checkboxesPrimaryButtonsAndTablesShowTheirFocus(ThemeMode theme) throws Exception {
        fx(() -> {
            ctx.wizard().setThemeMode(theme);
            return true;
        });
        String t = theme.name().toLowerCase(java.util.Locale.ROOT);
        // a checkbox: Tab from the field before it
        shortcut(KeyCode.DIGIT1);
        int box = ring("#inv-message-shape", "#inv-stream", "focus-checkbox-" + t);
        // a primary (accent) button
        shortcut(KeyCode.DIGIT2);
        int button = ring("#target-base-url", "#check-connection", "focus-accent-button-" + t);
        // a table
        shortcut(KeyCode.DIGIT6);
        int table = ring("#step-rollout-title", "#rollout-table", "focus-table-" + t);
        System.out.println(theme + " ring pixels: checkbox " + box + ", accent button " + button + ", table " + table);
        assertThat(box).as("checkbox focus ring, " + t).isGreaterThanOrEqualTo(40);
        assertThat(button).as("accent button focus ring, " + t).isGreaterThanOrEqualTo(200);
        assertThat(table).as("table focus ring, " + t).isGreaterThanOrEqualTo(1000);
    }

    /**
     * Focuses {@code from} (a click), then presses Tab until {@code target} has the focus; returns how many pixels within
     * 4 px of the target changed strongly between the two moments, and saves the focused look.
     */
    private int ring(String from, String target, String shot) throws Exception {
        Node to = robot.lookup(target).query();
        Node start = robot.lookup(from).query();
        Reveal.reveal(robot, target);
        fx(() -> {
            start.requestFocus();
            return true;
        });
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage before = snapshot();
        for (int i = 0; i < 30 && fx(() -> stage.getScene().getFocusOwner() != to); i++) {
            robot.type(KeyCode.TAB);
        }
        assertThat(fx(() -> stage.getScene().getFocusOwner())).as("Tab reaches " + target).isSameAs(to);
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage after = snapshot();
        Screenshots.save(stage.getScene(), shot);
        Bounds b = fx(() -> to.localToScene(to.getBoundsInLocal()));
        return changed(before, after, b, 4);
    }

    private WritableImage snapshot() {
        return fx(() -> stage.getScene().snapshot(null));
    }

    private static int changed(WritableImage a, WritableImage b, Bounds r, int pad) {
        PixelReader pa = a.getPixelReader();
        PixelReader pb = b.getPixelReader();
        int x0 = (int) Math.max(0, Math.floor(r.getMinX()) - pad);
        int y0 = (int) Math.max(0, Math.floor(r.getMinY()) - pad);
        int x1 = (int) Math.min(a.getWidth() - 1, Math.ceil(r.getMaxX()) + pad);
        int y1 = (int) Math.min(a.getHeight() - 1, Math.ceil(r.getMaxY()) + pad);
        int n = 0;
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                int ca = pa.getArgb(x, y);
                int cb = pb.getArgb(x, y);
                int d = Math.abs(((ca >> 16) & 255) - ((cb >> 16) & 255)) + Math.abs(((ca >> 8) & 255) - ((cb >> 8) & 255))
                        + Math.abs((ca & 255) - (cb & 255));
                if (d > 90) {
                    n++;
                }
            }
        }
        return n;
    }

    private void shortcut(KeyCode key) {
        robot.press(KeyCode.CONTROL, key).release(key, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
