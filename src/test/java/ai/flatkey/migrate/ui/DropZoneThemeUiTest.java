package ai.flatkey.migrate.ui;

import ai.flatkey.migrate.ui.theme.ThemeMode;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
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
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 22: in the dark theme the "Prefill from code" drop zone was a white box with pale grey text. In both themes
 * its background now belongs to the theme and its text reads at WCAG AA contrast (4.5:1) against it.
 */
@ExtendWith(Screenshots.class)
class DropZoneThemeUiTest {

    @TempDir
    Path tmp;

    private final FxRobot robot = new FxRobot();
    private AppContext ctx;
    private Stage stage;

    @BeforeEach
    void open() throws Exception {
        ctx = WizardFixture.context(tmp, new FakeFileDialogs()).build();
        stage = WizardFixture.show(ctx);
        robot.clickOn("#start-new");
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
    void theDropZoneIsReadable(ThemeMode theme) throws Exception {
        // View ▸ Dark theme is Ctrl+Shift+D; the light theme is the fixture's
        if (theme == ThemeMode.DARK) {
            robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.D).release(KeyCode.D, KeyCode.SHIFT, KeyCode.CONTROL);
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> ctx.wizard().darkProperty().get())).isEqualTo(theme == ThemeMode.DARK);
        Region zone = robot.lookup("#scan-drop-zone").queryAs(Region.class);
        Color bg = fx(() -> (Color) zone.getBackground().getFills().get(0).getFill());
        Label text = fx(() -> (Label) zone.lookup(".drop-zone-text"));
        Color fg = fx(() -> (Color) text.getTextFill());
        double contrast = contrast(fg, bg);
        System.out.println(theme + " drop zone: text " + fg + " on " + bg + ", contrast " + contrast);
        assertThat(contrast).as("text contrast against the drop zone").isGreaterThanOrEqualTo(4.5);
        if (theme == ThemeMode.DARK) {
            assertThat(luminance(bg)).as("a dark drop zone in the dark theme").isLessThan(0.1);
        }
        Screenshots.save(stage.getScene(), "drop-zone-" + theme.name().toLowerCase(java.util.Locale.ROOT));
    }

    private static double contrast(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    /** WCAG relative luminance. */
    private static double luminance(Color c) {
        return 0.2126 * lin(c.getRed()) + 0.7152 * lin(c.getGreen()) + 0.0722 * lin(c.getBlue());
    }

    private static double lin(double v) {
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }
}
