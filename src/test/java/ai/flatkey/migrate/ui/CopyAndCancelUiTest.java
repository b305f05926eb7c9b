package ai.flatkey.migrate.ui;

import ai.flatkey.migrate.ui.theme.Icons;
import javafx.scene.control.Button;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import org.testfx.api.FxRobot;

import java.nio.file.Path;

import static ai.flatkey.migrate.ui.FxWait.fx;
import static ai.flatkey.migrate.ui.FxWait.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 22: copying a check's curl gave no sign it had happened, and the Cancel buttons' icon (a square) looked like an
 * empty checkbox.
 */
@ExtendWith(Screenshots.class)
class CopyAndCancelUiTest {

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
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT4).release(KeyCode.DIGIT4, KeyCode.CONTROL);
    }

    @AfterEach
    void close() throws Exception {
        WizardFixture.close(ctx);
    }

    @Test
    void copyingSaysCopiedThenTheButtonComesBack() throws Exception {
        robot.clickOn("#smoke-run");
        waitFor(() -> !ctx.smoke().runningProperty().get() && ctx.document().plan().latestRun().isPresent());
        robot.clickOn("Streaming chat");
        waitFor(() -> !fx(() -> robot.lookup("#smoke-curl").queryTextInputControl().getText()).isBlank());
        Reveal.reveal(robot, "#smoke-copy-curl");
        robot.clickOn("#smoke-copy-curl");
        Button copy = robot.lookup("#smoke-copy-curl").queryButton();
        assertThat(fx(copy::getText)).isEqualTo("Copied");
        assertThat(fx(copy::getAccessibleText)).isEqualTo("Copied to the clipboard");
        assertThat(fx(() -> Clipboard.getSystemClipboard().getString())).startsWith("curl")
                .isEqualTo(fx(() -> robot.lookup("#smoke-curl").queryTextInputControl().getText()));
        Screenshots.save(stage.getScene(), "smoke-copied");
        waitFor(5, () -> copy.getText().equals("Copy curl"));
    }

    @Test
    void theCancelButtonsDoNotLookLikeACheckbox() {
        for (String id : new String[]{"#smoke-cancel"}) {
            FontIcon icon = (FontIcon) fx(() -> robot.lookup(id).queryButton().getGraphic());
            assertThat(fx(icon::getIconCode)).as(id).isNotEqualTo(Feather.SQUARE).isEqualTo(Icons.CANCEL)
                    .isEqualTo(Feather.STOP_CIRCLE);
        }
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT6).release(KeyCode.DIGIT6, KeyCode.CONTROL);
        FontIcon proof = (FontIcon) fx(() -> robot.lookup("#rollback-prove-cancel").queryButton().getGraphic());
        assertThat(fx(proof::getIconCode)).isEqualTo(Feather.STOP_CIRCLE);
    }
}
