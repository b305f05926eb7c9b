package ai.flatkey.migrate.ui;

import ai.flatkey.migrate.plan.ProviderPlans;
import ai.flatkey.migrate.plan.SourceProvider;
import ai.flatkey.migrate.ui.step.mapping.MappingRow;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
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
import java.util.List;

import static ai.flatkey.migrate.ui.FxWait.fx;
import static ai.flatkey.migrate.ui.FxWait.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 21 in the wizard: step 1 lists the providers with a Migrate / Keep choice each; keeping one takes its model out of
 * step 3's count, and step 3 labels the Azure deployment's row and asks for the model behind it.
 */
@ExtendWith(Screenshots.class)
class ProvidersUiTest {

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
    void keepingAProviderInStep1TakesItsModelOutOfStep3() throws Exception {
        robot.clickOn("#start-new");
        fx(() -> {
            ctx.document().replace(ProviderPlans.plan(SourceProvider.MIGRATE, SourceProvider.MIGRATE, "", ""), null);
            return true;
        });
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT1).release(KeyCode.DIGIT1, KeyCode.CONTROL);
        waitFor(() -> fx(() -> robot.lookup("#inv-providers").tryQuery().map(Node::isVisible).orElse(false)));
        Reveal.reveal(robot, "#inv-providers-section");

        TableView<?> table = robot.lookup("#inv-providers").queryAs(TableView.class);
        assertThat(fx(() -> table.getItems().size())).isEqualTo(3);
        List<ComboBox> choices = fx(() -> {
            List<ComboBox> all = new java.util.ArrayList<>(robot.from(table).lookup(".combo-box").queryAllAs(ComboBox.class));
            all.sort(java.util.Comparator.comparingDouble(c -> c.localToScene(0, 0).getY()));
            return all;
        });
        assertThat(choices).hasSize(3);
        assertThat(fx(() -> robot.from(choices.get(2)).lookup(".list-cell").queryAllAs(Labeled.class).stream().map(Labeled::getText)
                .filter(java.util.Objects::nonNull).toList())).containsExactly("Not decided");

        robot.clickOn(choices.get(2));
        robot.clickOn(robot.lookup(".combo-box-popup .list-cell").match((Labeled l) -> "Keep".equals(l.getText())).queryLabeled());
        waitFor(() -> ctx.document().plan().inventory().isKept(ProviderPlans.MISTRAL_MODEL));
        assertThat(ctx.document().plan().inventory().providers().get(2).decision()).isEqualTo(SourceProvider.KEEP);
        assertThat(fx(() -> robot.lookup("#inv-providers-section .field-help").queryLabeled().getText()))
                .isEqualTo("3 providers: 2 to migrate, 1 kept, 0 not decided. A kept provider's models get no mapping and no smoke check.");
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(stage.getScene(), "01c-inventory-providers");

        robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        waitFor(() -> fx(() -> robot.lookup("#mapping-table").tryQuery().map(Node::isVisible).orElse(false)));
        TableView<?> mapping = robot.lookup("#mapping-table").queryAs(TableView.class);
        List<String> kinds = fx(() -> mapping.getItems().stream().map(r -> ((MappingRow) r).kindProperty().get()).toList());
        assertThat(kinds).containsExactly("Deployment", "Model", "Kept");
        TextField target = fx(() -> robot.from(mapping).lookup(".text-field").queryAllAs(TextField.class).stream()
                .filter(t -> "Model behind deployment gpt4o-prod".equals(t.getAccessibleText())).findFirst().orElseThrow());
        assertThat(fx(target::getPromptText)).isEqualTo("model behind it?");
        assertThat(fx(() -> robot.lookup("#mapping-summary").queryLabeled().getText()))
                .startsWith("1 of 2 mappings complete. 1 row stays on a kept provider (no check).");
        assertThat(fx(() -> robot.from(mapping).lookup(".label").queryAllAs(Labeled.class).stream().map(Labeled::getText).toList()))
                .contains("Deployment", "gpt4o-prod", "Pick the model behind it", "Kept: no check");
        Reveal.reveal(robot, "#mapping-table");
        Screenshots.save(stage.getScene(), "03b-mapping-deployment-and-kept");
        fx(() -> {
            stage.setWidth(ai.flatkey.migrate.ui.WizardWindow.MIN_WIDTH);
            return true;
        });
        WaitForAsyncUtils.waitForFxEvents();
        Reveal.reveal(robot, "#mapping-table");
        Screenshots.save(stage.getScene(), "03c-mapping-deployment-1024px");
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT1).release(KeyCode.DIGIT1, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        Reveal.reveal(robot, "#inv-providers-section");
        Screenshots.save(stage.getScene(), "01d-inventory-providers-1024px");
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        Reveal.reveal(robot, "#mapping-table");

        // step 4 lists the checks before a run: the group of the deployment's model names the deployment; Mistral has no check
        robot.clickOn(target).write("gpt-4o");
        waitFor(() -> ctx.document().plan().targetModels().contains("gpt-4o"));
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT4).release(KeyCode.DIGIT4, KeyCode.CONTROL);
        waitFor(() -> fx(() -> robot.lookup("#smoke-table").tryQuery().map(Node::isVisible).orElse(false)));
        waitFor(() -> fx(() -> ctx.smoke().rows().stream().anyMatch(r -> r.modelProperty().get().equals("gpt-4o"))));
        List<String> titles = fx(() -> ctx.smoke().groupedRows().stream().map(r -> r.titleProperty().get()).toList());
        assertThat(titles).contains("gpt-4o (behind deployment gpt4o-prod)", "llama-3.3-70b", "Chat completion");
        assertThat(fx(() -> ctx.smoke().rows().stream().map(r -> r.modelProperty().get()).toList())).doesNotContain("mistral-large");
        WaitForAsyncUtils.waitForFxEvents();
        Reveal.reveal(robot, "#smoke-table");
        Screenshots.save(stage.getScene(), "04b-smoke-deployment-titles");
    }
}
