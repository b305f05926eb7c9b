package ai.flatkey.migrate.ui;

import ai.flatkey.migrate.ui.step.endpoints.CheckState;
import ai.flatkey.migrate.ui.step.smoke.CheckRow;
import ai.flatkey.migrate.ui.theme.ThemeMode;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
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
 * Issue 22, layout and visibility: the checks table and the scan findings cut names and reasons while empty columns
 * took the width, the detail sat below the table (a check and its output never visible together), and at 1920 px the
 * content stopped at about 1,100 px. Saves every step, light and dark, at 1024×700 and 1920×1080
 * ({@code layout-1024x700-04-smoke-tests-dark.png}).
 */
@ExtendWith(Screenshots.class)
class LayoutWidthUiTest {

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

    @Test
    void everyCheckNameIsWholeInItsColumnAt1024x700() throws Exception {
        runTheSuite();
        size(1024, 700);
        TableView<CheckRow> table = smokeTable();
        TableColumn<CheckRow, ?> name = column(table, "Check");
        assertThat(fx(name::isVisible)).isTrue();
        List<String> cut = new ArrayList<>();
        for (CheckRow row : fx(() -> List.copyOf(table.getItems()))) {
            fx(() -> {
                table.scrollTo(row);
                return true;
            });
            WaitForAsyncUtils.waitForFxEvents();
            String title = row.titleProperty().get();
            double text = textWidth(table, title, row.isGroup());
            double room = fx(name::getWidth) - 16; // the cell's padding, 8 px each side
            if (text > room) {
                cut.add(title + " (" + Math.round(text) + " px in " + Math.round(room) + ")");
            }
            cut.addAll(fx(() -> drawnCut(table, title)));
        }
        assertThat(cut).as("check names wider than their column at 1024×700").isEmpty();
        Screenshots.save(stage.getScene(), "layout-1024x700-smoke-names");
    }

    @Test
    void at1920TheContentUsesTheWidthAndTheTableAndTheDetailShowTogether() throws Exception {
        runTheSuite();
        size(1920, 1080);
        robot.clickOn("Streaming chat");
        WaitForAsyncUtils.waitForFxEvents();
        Node page = fx(() -> robot.lookup("#step-smoke .step-page").query());
        assertThat(fx(() -> page.getLayoutBounds().getWidth())).as("the smoke step's content width").isGreaterThan(1500);
        Bounds table = inViewport("#smoke-table");
        Bounds detail = inViewport("#smoke-detail");
        assertThat(detail.getMinX()).as("the detail beside the table").isGreaterThanOrEqualTo(table.getMaxX());
        assertThat(detail.getMinY()).as("the detail beside the table, not below it").isLessThan(table.getMaxY());
        assertThat(fx(() -> robot.lookup("#smoke-output-title").queryLabeled().getText())).isEqualTo("Streaming chat · gpt-5.5");
        assertThat(fx(() -> robot.lookup("#smoke-figures").queryLabeled().getText())).startsWith("pass").contains("latency");
        TableView<CheckRow> t = smokeTable();
        assertThat(fx(() -> column(t, "Reason").isVisible())).as("the reason column at 1920 px").isTrue();
        assertThat(fx(() -> column(t, "TTFT").isVisible())).as("every figure at 1920 px").isTrue();
        Screenshots.save(stage.getScene(), "layout-1920x1080-smoke-side-by-side");
    }

    /**
     * The divider between the checks and the detail drags as in Postman; the columns refit to the new width; a window
     * made narrow and wide again keeps the selected check, its title and its output.
     */
    @Test
    void theDividerDragsAndTheSelectionSurvivesNarrowAndWideAgain() throws Exception {
        runTheSuite();
        size(1920, 1080);
        robot.clickOn("Streaming chat");
        Node table = fx(() -> robot.lookup("#smoke-table").query());
        Node detail = fx(() -> robot.lookup("#smoke-detail").query());
        double tableBefore = fx(() -> table.getLayoutBounds().getWidth());
        double detailBefore = fx(() -> detail.getLayoutBounds().getWidth());
        Node divider = fx(() -> robot.lookup("#smoke-list-detail .split-pane-divider").query());
        robot.drag(divider, javafx.scene.input.MouseButton.PRIMARY)
                .moveBy(-200, 0).release(javafx.scene.input.MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> table.getLayoutBounds().getWidth())).isLessThan(tableBefore - 150);
        assertThat(fx(() -> detail.getLayoutBounds().getWidth())).isGreaterThan(detailBefore + 150);
        assertThat(fx(() -> column(smokeTable(), "Check").getWidth()))
                .as("the names keep their width; figures or the reason give way")
                .isGreaterThanOrEqualTo(textWidth(smokeTable(), "Streaming chat without include_usage", false) + 16);

        size(1024, 700);
        assertThat(fx(() -> detail.localToScene(detail.getLayoutBounds()).getMinY()))
                .as("stacked: the detail under the table").isGreaterThan(fx(() -> table.localToScene(table.getLayoutBounds()).getMaxY()));
        size(1920, 1080);
        assertThat(fx(() -> smokeTable().getSelectionModel().getSelectedItem().id())).isEqualTo("streaming:gpt-5.5");
        assertThat(fx(() -> robot.lookup("#smoke-output-title").queryLabeled().getText())).isEqualTo("Streaming chat · gpt-5.5");
        assertThat(String.join("\n", fx(() -> List.copyOf(ctx.smoke().outputLines())))).contains("gpt-5.5");
        assertThat(fx(() -> detail.getLayoutBounds().getWidth())).as("the dragged divider is where it was left")
                .isGreaterThan(detailBefore + 150);
    }

    /** A reason cut in its cell shows whole on hover, wrapped at a readable width and inside the screen. */
    @Test
    void aCutReasonShowsWholeInATooltipThatStaysOnTheScreen() throws Exception {
        runTheSuite();
        size(1920, 1080);
        CheckRow row = fx(() -> smokeTable().getItems().stream()
                .filter(r -> r.id().equals("streaming-no-usage:gpt-5.5")).findFirst().orElseThrow());
        String reason = row.reasonProperty().get();
        Node cell = fx(() -> robot.lookup("#smoke-table .table-cell").queryAll().stream()
                .filter(n -> n instanceof TableCell<?, ?> c && c.getTableColumn() != null
                        && "Reason".equals(c.getTableColumn().getText()) && c.getTableRow() != null
                        && c.getTableRow().getItem() == row)
                .findFirst().orElseThrow());
        robot.moveTo(cell);
        waitFor(10, () -> shownTooltip() != null);
        javafx.scene.control.Tooltip tip = fx(this::shownTooltip);
        assertThat(fx(tip::getText)).isEqualTo(reason);
        javafx.geometry.Rectangle2D screen = fx(() -> javafx.stage.Screen.getPrimary().getBounds());
        assertThat(fx(tip::getX)).isGreaterThanOrEqualTo(screen.getMinX());
        assertThat(fx(() -> tip.getX() + tip.getWidth())).isLessThanOrEqualTo(screen.getMaxX());
        assertThat(fx(tip::getWidth)).as("wrapped at a readable width").isLessThanOrEqualTo(560);
        Screenshots.save(fx(tip::getScene), "layout-1920x1080-reason-tooltip");
    }

    private javafx.scene.control.Tooltip shownTooltip() {
        return javafx.stage.Window.getWindows().stream()
                .filter(w -> w instanceof javafx.scene.control.Tooltip t && t.isShowing())
                .map(w -> (javafx.scene.control.Tooltip) w).findFirst().orElse(null);
    }

    /** Every step, light and dark, at the smallest and at a full-HD window, with the demo run and a scan shown. */
    @Test
    void everyStepLightAndDarkAtBothSizes() throws Exception {
        files.answer(Path.of("assets/sample-projects/support-bot").toAbsolutePath());
        step(Step.INVENTORY);
        Reveal.reveal(robot, "#scan-choose");
        robot.clickOn("#scan-choose");
        waitFor(() -> !ctx.scan().runningProperty().get() && !ctx.scan().findings().isEmpty());
        step(Step.ENDPOINTS);
        robot.clickOn("#check-connection");
        waitFor(() -> ctx.endpoints().checkStateProperty().get() == CheckState.SUCCESS);
        runTheSuite();
        select("streaming:gpt-5.5");
        for (int[] size : new int[][] {{1024, 700}, {1920, 1080}}) {
            size(size[0], size[1]);
            for (Step s : Step.values()) {
                step(s);
                for (ThemeMode theme : List.of(ThemeMode.LIGHT, ThemeMode.DARK)) {
                    fx(() -> {
                        ctx.wizard().setThemeMode(theme);
                        return true;
                    });
                    WaitForAsyncUtils.waitForFxEvents();
                    Screenshots.save(stage.getScene(), "layout-" + size[0] + "x" + size[1] + "-"
                            + String.format("%02d", s.number()) + "-" + s.slug() + "-" + theme.name().toLowerCase());
                }
            }
            step(Step.VERIFY);
            Reveal.reveal(robot, "#verify-reconciliation");
            for (String column : size[0] < 1920 ? List.of("Model", "Tokens", "Cost", "Status")
                    : List.of("Request ID", "Model", "Tokens", "Cost", "Status")) {
                assertThat(fx(() -> clippedCells("#verify-reconciliation", column)))
                        .as("reconciliation " + column + " cut short at " + size[0]).isEmpty();
            }
            step(Step.SMOKE);
            Reveal.reveal(robot, "#smoke-detail");
            Screenshots.save(stage.getScene(), "layout-" + size[0] + "x" + size[1] + "-04b-smoke-detail");
            step(Step.INVENTORY);
            Reveal.reveal(robot, "#scan-findings");
            assertThat(fx(() -> clippedCells("#scan-findings", "Kind"))).as("finding kinds cut short at " + size[0]).isEmpty();
            assertThat(fx(() -> clippedCells("#scan-findings", "Conf."))).as("confidence cut short at " + size[0]).isEmpty();
            robot.clickOn(robot.lookup("#scan-findings .table-row-cell").nth(0).queryAs(Node.class));
            var first = ctx.scan().findings().get(0);
            assertThat(fx(() -> robot.lookup("#scan-finding-detail").queryLabeled().getText()))
                    .as("the selected finding in full").contains(first.location()).contains(first.snippet()).contains(first.detail());
            Screenshots.save(stage.getScene(), "layout-" + size[0] + "x" + size[1] + "-01b-scan-findings");
        }
    }

    private void runTheSuite() throws Exception {
        step(Step.SMOKE);
        robot.clickOn("#smoke-run");
        waitFor(() -> !ctx.smoke().runningProperty().get() && ctx.document().plan().latestRun().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void step(Step s) {
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
    }

    private void size(double w, double h) {
        fx(() -> {
            stage.setX(0); // all of the window on the (1920×1080) test screen
            stage.setY(0);
            stage.setWidth(w);
            stage.setHeight(h);
            return true;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> stage.getScene().getWidth())).as("the scene's width").isEqualTo(w);
    }

    private void select(String checkId) {
        TableView<CheckRow> t = smokeTable();
        fx(() -> {
            t.getItems().stream().filter(r -> !r.isGroup() && r.id().equals(checkId)).findFirst()
                    .ifPresent(r -> t.getSelectionModel().select(r));
            return true;
        });
    }

    @SuppressWarnings("unchecked")
    private TableView<CheckRow> smokeTable() {
        return (TableView<CheckRow>) robot.lookup("#smoke-table").queryAs(TableView.class);
    }

    private static TableColumn<CheckRow, ?> column(TableView<CheckRow> t, String title) {
        return t.getColumns().stream().filter(c -> c.getText().equals(title)).findFirst().orElseThrow();
    }

    /** The natural one-line width of {@code s} in the table's cell font (bold for a group header). */
    private static double textWidth(TableView<?> table, String s, boolean bold) {
        return fx(() -> {
            Font header = ((Labeled) table.lookup(".column-header .label")).getFont();
            Text t = new Text(s);
            t.setFont(Font.font(header.getFamily(), bold ? FontWeight.BOLD : FontWeight.NORMAL, header.getSize()));
            return t.getLayoutBounds().getWidth();
        });
    }

    /** The drawn Check cell of {@code title}: cut when its text ends in "…", wraps, or runs out of the cell. */
    private static List<String> drawnCut(TableView<?> table, String title) {
        List<String> cut = new ArrayList<>();
        for (Node n : table.lookupAll(".table-cell")) {
            if (n instanceof TableCell<?, ?> cell && cell.isVisible() && !cell.isEmpty() && cell.getTableColumn() != null
                    && "Check".equals(cell.getTableColumn().getText())) {
                for (Text t : texts(cell)) {
                    if (!t.getText().equals(title)) {
                        continue;
                    }
                    Bounds b = cell.sceneToLocal(t.localToScene(t.getLayoutBounds()));
                    double line = new Text("Xg").getLayoutBounds().getHeight() * 1.5;
                    if (b.getMaxX() > cell.getWidth() + 0.5 || b.getHeight() > line) {
                        cut.add(title + " drawn in " + Math.round(b.getWidth()) + "x" + Math.round(b.getHeight())
                                + " of a " + Math.round(cell.getWidth()) + " px cell");
                    }
                }
            }
        }
        return cut;
    }

    /** The cells of column {@code title} in {@code table} whose text is drawn cut short. */
    private List<String> clippedCells(String table, String title) {
        List<String> cut = new ArrayList<>();
        for (Node n : robot.lookup(table).query().lookupAll(".table-cell")) {
            if (n instanceof TableCell<?, ?> cell && !cell.isEmpty() && cell.getTableColumn() != null
                    && title.equals(cell.getTableColumn().getText()) && cell.getText() != null) {
                for (Text t : texts(cell)) {
                    if (!(t instanceof org.kordamp.ikonli.javafx.FontIcon) && !t.getText().equals(cell.getText())) {
                        cut.add(cell.getText() + " → " + t.getText());
                    }
                }
            }
        }
        return cut;
    }

    /** The bounds of {@code query} in its step page's viewport; fails unless at least 150 px of it are in view. */
    private Bounds inViewport(String query) {
        return fx(() -> {
            Node n = robot.lookup(query).query();
            ScrollPane sp = (ScrollPane) robot.lookup("#step-smoke").query();
            Bounds b = sp.sceneToLocal(n.localToScene(n.getLayoutBounds()));
            Bounds view = sp.getLayoutBounds();
            double shown = Math.min(b.getMaxY(), view.getMaxY()) - Math.max(b.getMinY(), view.getMinY());
            assertThat(n.isVisible() && shown >= 150).as(query + " in view: " + b + " in " + view).isTrue();
            return b;
        });
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
}
