package ai.flatkey.migrate.ui;

import ai.flatkey.migrate.ui.theme.ThemeMode;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Labeled;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
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
 * Issue 22, "no Help / About": F1 lists the app's keyboard shortcuts (every accelerator the menus have, read from
 * them), Help > Documentation shows the README and the docs drawn as Markdown, Help > About names the version from the
 * build, the Java and JavaFX running it, the license and where plans, unsaved changes and preferences are kept.
 */
@ExtendWith(Screenshots.class)
class HelpUiTest {

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
        waitFor(() -> ctx.document().plan().name().startsWith("Demo:"));
        waitFor(() -> menuBar() != null);
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
    void f1ListsEveryAcceleratorOfTheMenus() throws Exception {
        robot.type(KeyCode.F1);
        waitFor(() -> robot.lookup("#help-shortcuts").tryQuery().isPresent());
        DialogPane pane = robot.lookup("#help-shortcuts").query();
        List<String> shown = fx(() -> labels(pane));
        List<String[]> expected = fx(() -> {
            List<String[]> all = new ArrayList<>();
            for (Menu m : menuBar().getMenus()) {
                accelerators(m, all);
            }
            return all;
        });
        assertThat(expected).hasSizeGreaterThan(15);
        for (String[] e : expected) {
            assertThat(shown).as("the shortcut for " + e[0]).contains(e[0].replaceAll("\\s+", " ").strip(), e[1]);
        }
        assertThat(shown).contains("Keyboard shortcuts", "F1", "4 Smoke tests", "Ctrl+4", "Run smoke tests", "F5");
        Screenshots.save(pane.getScene(), "help-shortcuts-light");
        assertThat(fx(() -> AccessibilityUiTest.unnamed(pane.getScene(), "shortcuts"))).isEmpty();
        javafx.stage.Window window = fx(() -> pane.getScene().getWindow());
        robot.type(KeyCode.ESCAPE);
        waitFor(() -> !window.isShowing());
    }

    @Test
    void documentationShowsTheReadmeAndTheDocsDrawnAsMarkdown() throws Exception {
        robot.clickOn("Help").clickOn("Documentation");
        waitFor(() -> robot.lookup("#help-documentation").tryQuery().isPresent());
        DialogPane pane = robot.lookup("#help-documentation").query();
        waitFor(() -> firstHeading(pane).equals("Flatkey Migration Assistant"));
        Screenshots.save(pane.getScene(), "help-documentation-light");
        assertThat(fx(() -> AccessibilityUiTest.unnamed(pane.getScene(), "documentation"))).isEmpty();
        robot.clickOn("Request checks");
        waitFor(() -> !firstHeading(pane).equals("Flatkey Migration Assistant"));
        assertThat(fx(() -> firstHeading(pane))).containsIgnoringCase("request checks");
        assertThat(fx(() -> labels(pane))).anyMatch(l -> l.contains("README.md and docs/"));
    }

    @Test
    void aboutNamesTheBuildTheRuntimeTheLicenseAndWhereFilesAreKept() throws Exception {
        robot.clickOn("Help").clickOn("About Flatkey Migration Assistant");
        waitFor(() -> robot.lookup("#help-about").tryQuery().isPresent());
        DialogPane pane = robot.lookup("#help-about").query();
        assertThat(text("#about-version")).matches("\\d+\\.\\d+\\.\\d+.*").isNotEqualTo("development build");
        assertThat(text("#about-java")).startsWith(System.getProperty("java.version") + " (");
        assertThat(text("#about-javafx")).isEqualTo(System.getProperty("javafx.runtime.version")).isNotBlank();
        assertThat(text("#about-license")).isEqualTo("Proprietary");
        Path config = tmp.resolve("config").toAbsolutePath();
        assertThat(text("#about-preferences")).isEqualTo(config.resolve("prefs.properties").toString());
        assertThat(text("#about-unsaved-changes")).contains(config.resolve("recovery.flatkey-plan.json").toString());
        assertThat(text("#about-plans")).contains("Save As");
        assertThat(text("#about-logs")).contains("None written");
        Screenshots.save(pane.getScene(), "help-about-light");
        assertThat(fx(() -> AccessibilityUiTest.unnamed(pane.getScene(), "about"))).isEmpty();

        robot.clickOn("#about-copy");
        assertThat(fx(() -> labels(pane))).contains("Copied.");
        robot.clickOn("Close");
        fx(() -> {
            ctx.wizard().setThemeMode(ThemeMode.DARK);
            return true;
        });
        robot.clickOn("Help").clickOn("About Flatkey Migration Assistant");
        waitFor(() -> robot.lookup("#help-about").query().getScene().getWindow().isShowing());
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(robot.lookup("#help-about").query().getScene(), "help-about-dark");
    }

    private MenuBar menuBar() {
        return fx(() -> (MenuBar) robot.lookup(".menu-bar").queryAll().stream().filter(n -> n instanceof MenuBar)
                .findFirst().orElse(null));
    }

    private static void accelerators(Menu m, List<String[]> out) {
        for (MenuItem mi : m.getItems()) {
            if (mi instanceof Menu sub) {
                accelerators(sub, out);
            } else if (mi.getAccelerator() != null) {
                out.add(new String[] {mi.getText(), mi.getAccelerator().getDisplayText()});
            }
        }
    }

    private String text(String query) {
        return fx(() -> ((Labeled) robot.lookup(query).query()).getText());
    }

    private static String firstHeading(DialogPane pane) {
        ScrollPane page = (ScrollPane) pane.lookup("#help-doc-page");
        if (page == null || page.getContent() == null) {
            return "";
        }
        Node h = page.getContent().lookup(".md-heading");
        StringBuilder sb = new StringBuilder();
        for (Node t : ((TextFlow) h).getChildren()) {
            sb.append(((Text) t).getText());
        }
        return sb.toString();
    }

    private static List<String> labels(Node n) {
        List<String> out = new ArrayList<>();
        if (n instanceof Labeled l && l.getText() != null) {
            out.add(l.getText());
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                out.addAll(labels(c));
            }
        }
        return out;
    }
}
