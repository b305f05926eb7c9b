package ai.flatkey.migrate.ui;

import ai.flatkey.migrate.demo.DemoConfig;
import ai.flatkey.migrate.plan.RequestCheck;
import ai.flatkey.migrate.ui.services.EmbeddedDemoHost;
import ai.flatkey.migrate.ui.step.smoke.AssertionLine;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextArea;
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
 * The smoke step's check editor on the demo migration: opened from the keyboard (Alt+Q), a check added, its body
 * edited (an error named by line and column, then fixed), an assertion added, Try it streamed on the demo gateway with
 * every assertion held; then an assertion that fails (ASSERT-CONTAINS) and the check saved into the plan. Saves
 * {@code 04f-check-editor} and {@code 04g-check-editor-failed-assertion}.
 */
@ExtendWith(Screenshots.class)
class CheckEditorUiTest {

    @TempDir
    Path tmp;

    private final FxRobot robot = new FxRobot();
    private AppContext ctx;
    private Stage stage;

    @BeforeEach
    void open() throws Exception {
        ctx = WizardFixture.context(tmp, new FakeFileDialogs())
                .demoHost(new EmbeddedDemoHost(DemoConfig.defaults().withTokensPerSecond(400)))
                .build();
        stage = WizardFixture.show(ctx);
    }

    @AfterEach
    void close() throws Exception {
        WizardFixture.close(ctx);
    }

    @Test
    void writeACheckTryItOnTheDemoGatewayAndSeeWhichAssertionsHeld() throws Exception {
        Scene scene = stage.getScene();
        robot.clickOn("#start-demo");
        waitFor(() -> ctx.document().plan().target().baseUrl().startsWith("http://127.0.0.1:"));
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT4).release(KeyCode.DIGIT4, KeyCode.CONTROL);
        waitFor(() -> ctx.wizard().currentProperty().get() == Step.SMOKE);
        robot.press(KeyCode.ALT, KeyCode.Q).release(KeyCode.Q, KeyCode.ALT);
        waitFor(() -> ctx.checkEditor().openProperty().get());

        robot.clickOn("#checks-add");
        waitFor(() -> ctx.checkEditor().selected.get() != null);
        TextArea body = robot.lookup("#checks-body").queryAs(TextArea.class);
        fx(() -> {
            robot.lookup("#checks-name").queryTextInputControl().setText("refund-policy");
            body.setText(body.getText().replace("Say hello in one short sentence.",
                    "What is your refund policy? Answer in two sentences.").replace("\"max_tokens\": 64,", "\"max_tokens\": 64"));
            return true;
        });
        assertThat(fx(() -> ctx.checkEditor().problemsProperty().get())).matches("(?s)body, line \\d+, column \\d+: .*");
        fx(() -> {
            body.setText(body.getText().replace("\"max_tokens\": 64", "\"max_tokens\": 64,"));
            return true;
        });
        assertThat(fx(() -> ctx.checkEditor().problemsProperty().get())).isEmpty();

        Reveal.reveal(robot, "#checks-assertion-add");
        fx(() -> {
            robot.lookup("#checks-assertion-kind").queryAs(ComboBox.class).getSelectionModel()
                    .select(ai.flatkey.migrate.plan.Assertion.Kind.USAGE);
            return true;
        });
        robot.clickOn("#checks-assertion-add");
        assertThat(fx(() -> ctx.checkEditor().selected.get().assertions())).hasSize(2);

        tryIt();
        assertThat(fx(() -> ctx.checkEditor().trial().results())).extracting(AssertionLine::status)
                .containsOnly("held").hasSize(2);
        assertThat(fx(() -> String.join("", ctx.checkEditor().trial().outputLines()))).isNotBlank();
        fx(() -> { // tall enough for the form and the try's outcome in one picture
            stage.setX(0); // all of the window on the (1920×1080) test screen
            stage.setY(0);
            stage.setWidth(1280);
            stage.setHeight(1000);
            return true;
        });
        WaitForAsyncUtils.waitForFxEvents();
        atTop("#checks-editor");
        Screenshots.save(scene, "04f-check-editor");
        assertThat(fx(() -> AccessibilityUiTest.unnamed(scene, "check editor"))).as("controls without a name").isEmpty();
        assertThat(AccessibilityUiTest.focusNotShown(scene, "check editor")).as("controls without a visible focus").isEmpty();

        fx(() -> {
            ctx.checkEditor().addAssertion(ai.flatkey.migrate.plan.Assertion.Kind.CONTAINS).value.set("store credit");
            return true;
        });
        tryIt();
        assertThat(fx(() -> ctx.checkEditor().trial().results())).filteredOn(a -> a.status().equals("failed"))
                .extracting(AssertionLine::ruleId).containsExactly("ASSERT-CONTAINS");
        robot.clickOn("#checks-save");
        assertThat(fx(() -> ctx.document().plan().requestChecks())).extracting(RequestCheck::name)
                .containsExactly("refund-policy");
        assertThat(fx(() -> ctx.checkEditor().trial().summaryProperty().get()))
                .startsWith("Failed: 1 of 3 assertions did not hold (ASSERT-CONTAINS).");
        atTop("#checks-assertions");
        Screenshots.save(scene, "04g-check-editor-failed-assertion");
        fx(() -> {
            ctx.wizard().setThemeMode(ai.flatkey.migrate.ui.theme.ThemeMode.DARK);
            return true;
        });
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(scene, "04g-check-editor-failed-assertion-dark");
        fx(() -> {
            ctx.wizard().setThemeMode(ai.flatkey.migrate.ui.theme.ThemeMode.LIGHT);
            return true;
        });
        WaitForAsyncUtils.waitForFxEvents();

        // the saved check runs with the suite; the checks table's detail lists its assertions
        fx(() -> {
            ctx.smoke().checks.set("request:*");
            return true;
        });
        Reveal.reveal(robot, "#smoke-run");
        robot.clickOn("#smoke-run");
        waitFor(60, () -> fx(() -> !ctx.smoke().runningProperty().get() && ctx.document().plan().latestRun().isPresent()));
        waitFor(() -> fx(() -> robot.lookup("#smoke-table").tryQuery().isPresent()));
        javafx.scene.control.TableView<?> table = robot.lookup("#smoke-table").queryAs(javafx.scene.control.TableView.class);
        fx(() -> {
            for (int i = 0; i < table.getItems().size(); i++) {
                if (table.getItems().get(i) instanceof ai.flatkey.migrate.ui.step.smoke.CheckRow r && !r.isGroup()) {
                    table.getSelectionModel().select(i);
                }
            }
            return true;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> robot.lookup("#smoke-assertions").query().isVisible())).isTrue();
        Reveal.reveal(robot, "#smoke-assertions");
        Screenshots.save(scene, "04h-checks-table-assertions");
    }

    /** Scrolls the step so that {@code query} is at the top of the view (the try's outcome fits under it). */
    private void atTop(String query) {
        fx(() -> {
            javafx.scene.Node n = robot.lookup(query).query();
            javafx.scene.control.ScrollPane sp = robot.lookup("#step-smoke").queryAs(javafx.scene.control.ScrollPane.class);
            double y = sp.getContent().sceneToLocal(n.localToScene(0, 0)).getY();
            double free = sp.getContent().getLayoutBounds().getHeight() - sp.getViewportBounds().getHeight();
            sp.setVvalue(free <= 0 ? 0 : Math.min(1, (y - 8) / free));
            return true;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void tryIt() throws Exception {
        Reveal.reveal(robot, "#checks-try");
        robot.clickOn("#checks-try");
        waitFor(60, () -> fx(() -> !ctx.checkEditor().trial().runningProperty().get()
                && !ctx.checkEditor().trial().results().isEmpty()));
        WaitForAsyncUtils.waitForFxEvents();
    }
}
