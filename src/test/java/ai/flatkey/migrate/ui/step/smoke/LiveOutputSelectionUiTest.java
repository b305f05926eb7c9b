package ai.flatkey.migrate.ui.step.smoke;

import ai.flatkey.migrate.ui.AppContext;
import ai.flatkey.migrate.ui.FakeFileDialogs;
import ai.flatkey.migrate.ui.Screenshots;
import ai.flatkey.migrate.ui.WizardFixture;
import javafx.scene.control.TableView;
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
import java.util.ArrayList;
import java.util.List;

import static ai.flatkey.migrate.ui.FxWait.fx;
import static ai.flatkey.migrate.ui.FxWait.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 22: during a run the live pane left the check the person had selected (the selection was cleared and the
 * pane followed whatever streamed), and after a run its title named a check that was not selected while the copy
 * buttons stayed disabled.
 */
@ExtendWith(Screenshots.class)
class LiveOutputSelectionUiTest {

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
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close() throws Exception {
        WizardFixture.close(ctx);
    }

    @Test
    void theSelectedCheckStaysSelectedAndFollowedThroughARun() throws Exception {
        runAll();
        robot.clickOn("Streaming chat");
        assertThat(selectedId()).isEqualTo("streaming:gpt-5.5");
        List<String> followed = new ArrayList<>();
        fx(() -> {
            ctx.smoke().followedProperty().addListener((o, was, now) -> followed.add(now == null ? null : now.id()));
            return true;
        });

        runAll();

        assertThat(followed).as("the checks the live pane showed during the run").isNotEmpty()
                .allSatisfy(id -> assertThat(id).isIn("streaming:gpt-5.5", null));
        assertThat(followed.get(followed.size() - 1)).isEqualTo("streaming:gpt-5.5");
        assertThat(selectedId()).isEqualTo("streaming:gpt-5.5");
        assertThat(title()).isEqualTo("Streaming chat · gpt-5.5");
        assertThat(fx(() -> robot.lookup("#smoke-copy-curl").query().isDisabled())).isFalse();
        assertThat(String.join("\n", fx(() -> List.copyOf(ctx.smoke().outputLines())))).contains("gpt-5.5");
    }

    @Test
    void afterARunWithNothingSelectedTheFollowedCheckIsTheSelectedOne() throws Exception {
        runAll();
        String followed = fx(() -> ctx.smoke().followedProperty().get() == null ? null : ctx.smoke().followedProperty().get().id());
        assertThat(followed).isNotNull();
        assertThat(selectedId()).isEqualTo(followed);
        assertThat(title()).startsWith(fx(() -> ctx.smoke().followedProperty().get().titleProperty().get()));
        assertThat(fx(() -> robot.lookup("#smoke-copy-curl").query().isDisabled())).isFalse();
        Screenshots.save(stage.getScene(), "smoke-followed-is-selected");
    }

    private void runAll() throws Exception {
        int before = fx(() -> ctx.document().plan().smokeRuns().size());
        robot.clickOn("#smoke-run");
        waitFor(60, () -> !ctx.smoke().runningProperty().get() && ctx.document().plan().smokeRuns().size() > before);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String selectedId() {
        TableView<?> t = robot.lookup("#smoke-table").queryAs(TableView.class);
        return fx(() -> t.getSelectionModel().getSelectedItem() instanceof CheckRow r ? r.id() : null);
    }

    private String title() {
        return fx(() -> robot.lookup(".card-title").queryAll().stream()
                .filter(n -> n instanceof javafx.scene.control.Label l && l.getText().contains(" · "))
                .map(n -> ((javafx.scene.control.Label) n).getText()).findFirst().orElse(""));
    }
}
