package ai.flatkey.migrate.ui;

import ai.flatkey.migrate.plan.Checklist;
import ai.flatkey.migrate.plan.ItemStatus;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.ui.step.endpoints.CheckState;
import ai.flatkey.migrate.ui.theme.ThemeMode;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
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
 * The demo migration from the start screen through all seven steps on the embedded demo gateway: check the
 * connection, run the suite, reconcile, confirm, prove the rollback, export the checklist. Saves every step in the
 * light and the dark theme ({@code NN-step-light.png} / {@code -dark.png}), and every step at the minimum window size.
 */
@ExtendWith(Screenshots.class)
class DemoWalkthroughTest {

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
        fx(() -> {
            ctx.wizard().setThemeMode(ThemeMode.LIGHT);
            return true;
        });
        ctx.close();
    }

    @Test
    void demoMigrationThroughAllSevenStepsInLightAndDark() throws Exception {
        Scene scene = stage.getScene();
        assertThat(robot.lookup("#start-screen").query().isVisible()).isTrue();
        both(scene, "00-start");

        robot.clickOn("#start-demo");
        waitFor(() -> ctx.document().plan().name().startsWith("Demo:")
                && ctx.document().plan().target().baseUrl().startsWith("http://127.0.0.1:"));
        assertThat(robot.lookup("#start-screen").query().isVisible()).isFalse();
        // the demo gateway's port is filled in, but opening the demo is not an edit
        assertThat(ctx.document().isDirty()).isFalse();
        assertThat(text("#rail-file")).isEqualTo("Not saved yet");

        // 1 Inventory (pre-filled by the demo plan)
        key(KeyCode.DIGIT1);
        waitFor(() -> ctx.wizard().currentProperty().get() == Step.INVENTORY);
        assertThat(text("#status-message")).doesNotContain("Check the connection");
        assertThat(ctx.document().plan().inventory().isDocumented()).isTrue();
        both(scene, "01-" + Step.INVENTORY.slug());

        // 2 Keys & endpoints: the connection check answers on the demo gateway
        key(KeyCode.DIGIT2);
        robot.clickOn("#check-connection");
        waitFor(() -> ctx.endpoints().checkStateProperty().get() == CheckState.SUCCESS);
        both(scene, "02-" + Step.ENDPOINTS.slug());

        // 3 Model mapping
        robot.clickOn("#nav-next");
        waitFor(() -> ctx.wizard().currentProperty().get() == Step.MAPPING);
        both(scene, "03-" + Step.MAPPING.slug());

        // 4 Smoke tests: run all, wait for the run and its reconciliation
        robot.clickOn("#nav-next");
        robot.clickOn("#smoke-run");
        waitFor(() -> !ctx.smoke().runningProperty().get() && !ctx.smoke().reconcilingProperty().get()
                && ctx.document().plan().latestRun().isPresent());
        SmokeRun run = ctx.document().plan().latestRun().orElseThrow();
        assertThat(run.allPassed()).as(run.toString()).isTrue();
        waitFor(() -> ctx.document().plan().latestReconciliation().isPresent());
        assertThat(ctx.smoke().latency()).isNotEmpty();
        assertThat(ctx.smoke().groupedRows()).anyMatch(r -> r.isGroup());
        robot.clickOn("Streaming chat");
        waitFor(() -> fx(() -> !robot.lookup("#smoke-python").queryTextInputControl().getText().isBlank()));
        assertThat(fx(() -> robot.lookup("#smoke-python").queryTextInputControl().getText()))
                .contains("OPENAI_BASE_URL").contains("FLATKEY_API_KEY").contains("FLATKEY_MODEL").doesNotContain("sk-demo");
        both(scene, "04-" + Step.SMOKE.slug());
        scrollToBottom("#step-smoke");
        both(scene, "04b-" + Step.SMOKE.slug() + "-details");

        // 5 Verify: the reconciliation is shown; confirm the usage log by hand
        key(KeyCode.DIGIT5);
        waitFor(() -> !ctx.verify().reconciliation().isEmpty());
        reveal("#confirm-who-usage-log");
        robot.clickOn("#confirm-who-usage-log").write("Dana");
        String rid = run.results().stream().filter(r -> r.feature().equals("chat")).findFirst().orElseThrow().requestId();
        robot.clickOn("#confirm-evidence-usage-log").write(rid + " visible in the log");
        robot.clickOn("#confirm-usage-log");
        waitFor(() -> ctx.document().plan().confirmations().stream().anyMatch(c -> c.itemId().equals(Checklist.USAGE_LOG)));
        assertThat(ctx.document().plan().checklistItem(Checklist.USAGE_LOG).status()).isEqualTo(ItemStatus.DONE);
        both(scene, "05-" + Step.VERIFY.slug());

        // 6 Rollout & rollback: gates measured, rollback rehearsed on the demo gateway and proved
        key(KeyCode.DIGIT6);
        assertThat(text("#rollout-error-rate")).startsWith("0.0%");
        // stage 2 gets an owner and a date, typed in the stage editor; a bad date is refused with a message first
        robot.clickOn("SDK smoke test in local or staging");
        waitFor(() -> text("#stage-editor-title").equals("Stage 2: SDK smoke test in local or staging"));
        reveal("#stage-owner");
        robot.clickOn("#stage-owner").write("Dana");
        robot.press(KeyCode.TAB).release(KeyCode.TAB);
        robot.write("12/01/2026");
        waitFor(() -> !ctx.rollout().stageProblems.get().isEmpty());
        assertThat(ctx.document().plan().rollout().get(1).date()).isEmpty();
        fx(() -> {
            robot.lookup("#stage-date").queryTextInputControl().clear();
            return true;
        });
        robot.clickOn("#stage-date").write("2026-12-01");
        waitFor(() -> ctx.document().plan().rollout().get(1).date().equals("2026-12-01"));
        assertThat(ctx.document().plan().rollout().get(1).owner()).isEqualTo("Dana");
        assertThat(fx(() -> robot.lookup("#stage-date").query().getAccessibleText())).contains("Stage 2");
        both(scene, "06a-" + Step.ROLLOUT.slug() + "-stages");
        reveal("#rollback-rehearse-demo");
        robot.clickOn("#rollback-rehearse-demo");
        waitFor(() -> ctx.document().plan().rollback().isReady());
        reveal("#rollback-prove");
        robot.clickOn("#rollback-prove");
        waitFor(() -> !ctx.rollout().provingProperty().get() && !ctx.rollout().proofProperty().get().isBlank());
        assertThat(ctx.rollout().proofProperty().get()).startsWith("Rollback proved");
        assertThat(ctx.document().plan().checklistItem(Checklist.ROLLBACK).status()).isEqualTo(ItemStatus.DONE);
        both(scene, "06-" + Step.ROLLOUT.slug());
        scrollToBottom("#step-rollout");
        both(scene, "06b-" + Step.ROLLOUT.slug() + "-rollback");

        // 7 Checklist & export
        key(KeyCode.DIGIT7);
        Path md = tmp.resolve("out/demo-checklist.md");
        files.answer(md);
        reveal("#export-markdown");
        robot.clickOn("#export-markdown");
        waitFor(() -> Files.exists(md) && text("#export-message").startsWith("Exported"));
        String exported = Files.readString(md, StandardCharsets.UTF_8);
        assertThat(exported).contains("gpt-5.5").doesNotContain("sk-demo-flatkey-local-0001")
                .contains("| Dana | 2026-12-01 |", "Proved: the basic checks passed");
        both(scene, "07-" + Step.CHECKLIST.slug());

        // every step at the minimum window size
        fx(() -> {
            stage.setWidth(WizardWindow.MIN_WIDTH);
            stage.setHeight(WizardWindow.MIN_HEIGHT);
            return true;
        });
        for (Step s : Step.values()) {
            fx(() -> {
                ctx.wizard().go(s);
                return true;
            });
            WaitForAsyncUtils.waitForFxEvents();
            fx(() -> {
                robot.lookup(".step-scroll").queryAll().forEach(n -> ((ScrollPane) n).setVvalue(0));
                return true;
            });
            WaitForAsyncUtils.waitForFxEvents();
            Screenshots.save(scene, "min-" + String.format("%02d", s.number()) + "-" + s.slug());
            assertThat(fx(() -> clippedColumnHeaders(scene))).as("column headers cut short at the minimum size, step " + s.number())
                    .isEmpty();
            assertThat(fx(() -> clippedCheckNames(scene))).as("check names cut short at the minimum size, step " + s.number())
                    .isEmpty();
        }
    }

    /** The column headers of the shown tables whose text is drawn cut short (with an ellipsis). */
    private static List<String> clippedColumnHeaders(Scene scene) {
        List<String> clipped = new ArrayList<>();
        for (Node n : scene.getRoot().lookupAll(".column-header .label")) {
            if (n instanceof Labeled l && l.isVisible() && l.getScene() != null && !l.getText().isEmpty()
                    && l.getParent() != null && l.getParent().isVisible() && visible(l)) {
                for (Node t : l.getChildrenUnmodifiable()) {
                    if (t instanceof javafx.scene.text.Text text && !text.getText().equals(l.getText())) {
                        clipped.add(l.getText() + " → " + text.getText());
                    }
                }
            }
        }
        return clipped;
    }

    /**
     * The names in the smoke table's Check column that are drawn cut short: with an ellipsis, or running out of their
     * cell (a row too low for the lines the name wraps to).
     */
    private static List<String> clippedCheckNames(Scene scene) {
        List<String> clipped = new ArrayList<>();
        for (Node n : scene.getRoot().lookupAll("#smoke-table .table-cell")) {
            if (n instanceof TableCell<?, ?> cell && !cell.isEmpty() && cell.getTableColumn() != null
                    && "Check".equals(cell.getTableColumn().getText()) && visible(cell)) {
                for (Text t : texts(cell)) {
                    Bounds b = cell.sceneToLocal(t.localToScene(t.getLayoutBounds()));
                    boolean ellipsis = t.getText().endsWith("...") || t.getText().endsWith("\u2026");
                    boolean outside = b.getMinX() < -0.5 || b.getMinY() < -0.5
                            || b.getMaxX() > cell.getWidth() + 0.5 || b.getMaxY() > cell.getHeight() + 0.5;
                    if (ellipsis || outside) {
                        clipped.add(t.getText() + (outside ? " (outside its " + Math.round(cell.getWidth()) + "x"
                                + Math.round(cell.getHeight()) + " cell)" : ""));
                    }
                }
            }
        }
        return clipped;
    }

    private static List<Text> texts(Node n) {
        List<Text> found = new ArrayList<>();
        if (n instanceof Text t && !t.getText().isEmpty()) {
            found.add(t);
        } else if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                if (c.isVisible()) {
                    found.addAll(texts(c));
                }
            }
        }
        return found;
    }

    private static boolean visible(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private void both(Scene scene, String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(scene, name + "-light");
        assertThat(fx(() -> clippedColumnHeaders(scene))).as("column headers cut short, " + name).isEmpty();
        assertThat(fx(() -> clippedCheckNames(scene))).as("check names cut short, " + name).isEmpty();
        fx(() -> {
            ctx.wizard().setThemeMode(ThemeMode.DARK);
            return true;
        });
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(scene, name + "-dark");
        fx(() -> {
            ctx.wizard().setThemeMode(ThemeMode.LIGHT);
            return true;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void scrollToBottom(String page) throws Exception {
        fx(() -> {
            Node n = robot.lookup(page).query();
            ((ScrollPane) n).setVvalue(1.0);
            return true;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void reveal(String query) {
        Reveal.reveal(robot, query);
    }

    private void key(KeyCode digit) {
        robot.press(KeyCode.CONTROL, digit).release(digit, KeyCode.CONTROL);
    }

    private String text(String query) {
        return fx(() -> ((Labeled) robot.lookup(query).query()).getText());
    }

}
