package ai.flatkey.migrate.ui;

import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.ui.doc.Recovery;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Clock;

import static ai.flatkey.migrate.ui.FxWait.fx;
import static ai.flatkey.migrate.ui.FxWait.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/** The start screen's recovery card: built only when a previous session left unsaved work, and it recovers it. */
@ExtendWith(Screenshots.class)
class StartScreenRecoveryUiTest {

    @TempDir
    Path tmp;

    private final FxRobot robot = new FxRobot();
    private AppContext ctx;
    private Stage stage;

    private void open() throws Exception {
        ctx = WizardFixture.context(tmp, new FakeFileDialogs()).build();
        stage = WizardFixture.show(ctx);
    }

    @AfterEach
    void close() throws Exception {
        WizardFixture.close(ctx);
    }

    @Test
    void withoutUnsavedWorkThereIsNoRecoveryCard() throws Exception {
        open();
        waitFor(() -> robot.lookup("#start-new").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#start-recover").tryQuery()).isEmpty();
    }

    @Test
    void unsavedWorkFromALastSessionIsOfferedAndRecovered() throws Exception {
        new Recovery(tmp.resolve("config"), new PlanStore(), Clock.systemUTC())
                .save(MigrationPlan.newPlan("Payments bot to Flatkey"), null);
        open();
        waitFor(() -> robot.lookup("#start-recover").tryQuery().map(n -> n.isVisible()).orElse(false));
        boolean named = fx(() -> robot.lookup(".recovery-card .card-title").queryAs(Label.class).getText()
                .contains("Payments bot to Flatkey"));
        assertThat(named).isTrue();
        assertThat(fx(() -> robot.lookup(".recovery-card .card-title").queryAs(Label.class).getText()))
                .as("a readable time, not an ISO instant").doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T").containsPattern("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC");
        Screenshots.save(stage.getScene(), "00b-start-recovery");
        robot.clickOn("#start-recover");
        waitFor(() -> !ctx.wizard().startShownProperty().get());
        assertThat(fx(() -> ctx.document().plan().name())).isEqualTo("Payments bot to Flatkey");
        assertThat(fx(() -> robot.lookup(".recovery-card").query().isVisible())).isFalse();
    }
}
