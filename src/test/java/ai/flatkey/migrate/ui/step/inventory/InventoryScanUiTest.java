package ai.flatkey.migrate.ui.step.inventory;

import ai.flatkey.migrate.ui.WizardFixture;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.ui.AppContext;
import ai.flatkey.migrate.ui.FakeFileDialogs;
import ai.flatkey.migrate.ui.Screenshots;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;

import static ai.flatkey.migrate.ui.FxWait.fx;
import static ai.flatkey.migrate.ui.FxWait.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/** Scanning the shipped sample project from the Inventory step fills the form and the model mapping. */
@ExtendWith(Screenshots.class)
class InventoryScanUiTest {

    @TempDir
    Path tmp;

    private final FxRobot robot = new FxRobot();
    private AppContext ctx;
    private FakeFileDialogs files;
    private Stage stage;

    @BeforeEach
    void open() throws Exception {
        files = new FakeFileDialogs();
        ctx = WizardFixture.context(tmp, files).build();
        stage = WizardFixture.show(ctx);
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        ctx.close();
    }

    @Test
    void scanningTheSampleProjectFillsTheFormAndTheMapping() throws Exception {
        robot.clickOn("#start-new"); // leave the start screen for a new plan
        files.answer(ScanViewModelTest.SAMPLE.toAbsolutePath());
        robot.clickOn("#scan-choose");
        waitFor(() -> !ctx.scan().runningProperty().get() && !ctx.scan().proposals().isEmpty());
        assertThat(text("#scan-status")).contains("findings").contains("risks");
        robot.clickOn("#scan-apply");
        waitFor(() -> ctx.document().plan().inventory().isDocumented() && ctx.document().plan().mappings().size() == 2);
        assertThat(fx(() -> robot.lookup("#inv-base-url").queryTextInputControl().getText())).isEqualTo("https://api.openai.com/v1");
        assertThat(fx(() -> robot.lookup("#inv-model").queryTextInputControl().getText())).isEqualTo("gpt-4o-mini");
        assertThat(fx(() -> robot.lookup("#inv-max-tokens").queryTextInputControl().getText())).isEqualTo("400");
        assertThat(fx(() -> ((javafx.scene.control.CheckBox) robot.lookup("#inv-stream").query()).isSelected())).isTrue();
        assertThat(fx(() -> ((javafx.scene.control.CheckBox) robot.lookup("#inv-endpoint-chat").query()).isSelected())).isTrue();
        assertThat(ctx.document().plan().mappings()).extracting(ModelMapping::sourceModel).containsExactlyInAnyOrder("gpt-4o-mini", "gpt-4o");
        assertThat(ctx.mapping().rows()).hasSize(2);
        TableView<?> findings = robot.lookup("#scan-findings").queryAs(TableView.class);
        assertThat(fx(() -> findings.getItems().size())).isGreaterThan(20);
        assertThat(stage.getTitle()).contains("•");
        fx(() -> {
            ((ScrollPane) robot.lookup("#step-inventory").query()).setVvalue(0);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(stage.getScene(), "01b-inventory-scan");
    }

    private String text(String query) {
        return fx(() -> robot.lookup(query).queryLabeled().getText());
    }

}
