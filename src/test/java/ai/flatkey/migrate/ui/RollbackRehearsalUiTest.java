package ai.flatkey.migrate.ui;

import ai.flatkey.migrate.plan.Rollback;
import ai.flatkey.migrate.ui.support.Tone;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;

import static ai.flatkey.migrate.ui.FxWait.fx;
import static ai.flatkey.migrate.ui.FxWait.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 22: "Rehearse on the demo gateway" replaced the real rollback settings (api.openai.com) with the demo's
 * without a word and left the old proof's error on screen. Now it keeps them, says so, offers to restore them, and
 * replaces the old error.
 */
@ExtendWith(Screenshots.class)
class RollbackRehearsalUiTest {

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
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT6).release(KeyCode.DIGIT6, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close() throws Exception {
        WizardFixture.close(ctx);
    }

    @Test
    void rehearsingKeepsTheRealSettingsClearsTheOldErrorAndRestores() throws Exception {
        Rollback real = ctx.document().plan().rollback();
        assertThat(real.baseUrl()).isEqualTo("https://api.openai.com/v1");
        // a proof of the real settings fails here: no OPENAI_API_KEY in this environment
        Reveal.reveal(robot, "#rollback-prove");
        robot.clickOn("#rollback-prove");
        waitFor(() -> ctx.rollout().proofToneProperty().get() == Tone.DANGER);
        String error = fx(() -> ctx.rollout().proofProperty().get());
        assertThat(error).contains("OPENAI_API_KEY");

        Reveal.reveal(robot, "#rollback-rehearse-demo");
        robot.clickOn("#rollback-rehearse-demo");
        String demoUrl = ctx.document().plan().target().baseUrl();
        waitFor(() -> ctx.document().plan().rollback().baseUrl().equals(demoUrl));
        assertThat(text("#rollback-base-url")).isEqualTo(demoUrl);
        assertThat(label("#rollback-proof")).doesNotContain("OPENAI_API_KEY").contains("demo gateway");
        assertThat(fx(() -> ctx.rollout().proofToneProperty().get())).isNotEqualTo(Tone.DANGER);
        assertThat(label("#rollback-rehearsal")).contains("https://api.openai.com/v1").contains("kept");
        assertThat(fx(() -> robot.lookup("#rollback-restore").query().isVisible())).isTrue();
        Screenshots.save(stage.getScene(), "rollback-rehearsal-kept");

        // the rehearsal proves on the demo; then the real settings come back
        Reveal.reveal(robot, "#rollback-prove");
        robot.clickOn("#rollback-prove");
        waitFor(() -> ctx.rollout().proofToneProperty().get() == Tone.SUCCESS);
        Reveal.reveal(robot, "#rollback-restore");
        robot.clickOn("#rollback-restore");
        waitFor(() -> ctx.document().plan().rollback().baseUrl().equals(real.baseUrl()));
        Rollback back = ctx.document().plan().rollback();
        assertThat(back.model()).isEqualTo(real.model());
        assertThat(back.keyRef()).isEqualTo(real.keyRef());
        assertThat(back.isProved()).as("the demo's proof does not count for the real settings").isFalse();
        assertThat(text("#rollback-base-url")).isEqualTo(real.baseUrl());
        assertThat(text("#rollback-key-ref")).isEqualTo(real.keyRef());
        assertThat(fx(() -> robot.lookup("#rollback-restore").query().isVisible())).isFalse();
        assertThat(fx(() -> robot.lookup("#rollback-rehearsal").query().isVisible())).isFalse();
    }

    private String text(String query) {
        return fx(() -> robot.lookup(query).queryTextInputControl().getText());
    }

    private String label(String query) {
        return fx(() -> robot.lookup(query).queryLabeled().getText());
    }
}
