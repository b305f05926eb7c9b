package ai.flatkey.migrate.ui;

import ai.flatkey.migrate.ui.theme.ThemeMode;
import javafx.scene.Node;
import javafx.scene.Parent;
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
import java.util.stream.Collectors;

import static ai.flatkey.migrate.ui.FxWait.fx;
import static ai.flatkey.migrate.ui.FxWait.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 22, "Markdown preview shows raw source": step 7's preview draws the Markdown export as a reader sees it (a
 * heading as a heading, a table as a table, code without back-ticks), and keeps the exact source in its own tab.
 */
@ExtendWith(Screenshots.class)
class MarkdownPreviewUiTest {

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
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT7).release(KeyCode.DIGIT7, KeyCode.CONTROL);
        waitFor(() -> ctx.wizard().currentProperty().get() == Step.CHECKLIST);
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
    void thePreviewShowsAHeadingAsAHeadingAndTheSourceTabTheMarkdown() throws Exception {
        String name = ctx.document().plan().name();
        Reveal.reveal(robot, "#markdown-tabs");
        waitFor(() -> ((ScrollPane) robot.lookup("#markdown-preview").query()).getContent() != null);

        TextFlow h1 = fx(() -> (TextFlow) robot.lookup("#markdown-preview .md-heading").queryAll().iterator().next());
        assertThat(fx(() -> text(h1))).isEqualTo("Migration checklist: " + name);
        double h1Size = fx(() -> firstRun(h1).getFont().getSize());
        double bodySize = fx(() -> firstRun(paragraph()).getFont().getSize());
        assertThat(h1Size).as("the heading is drawn larger than the text").isGreaterThan(bodySize + 4);
        assertThat(fx(() -> firstRun(h1).getFont().getStyle())).containsIgnoringCase("bold");

        List<String> shown = fx(() -> texts(robot.lookup("#markdown-preview").query()));
        assertThat(shown).as("no Markdown syntax in the drawing").noneMatch(t -> t.matches("#{1,6} .*") || t.startsWith("|"));
        assertThat(String.join("", shown)).contains("Checklist").doesNotContain("`");
        assertThat(fx(() -> robot.lookup("#markdown-preview .md-table").queryAll().size())).isGreaterThan(1);
        assertThat(fx(() -> robot.lookup("#markdown-preview .md-header-cell").queryAll().stream()
                .map(n -> text((TextFlow) ((Parent) n).getChildrenUnmodifiable().get(0))).collect(Collectors.toList())))
                .contains("Step", "Status", "Evidence");
        Screenshots.save(stage.getScene(), "markdown-preview-light");
        fx(() -> {
            ctx.wizard().setThemeMode(ThemeMode.DARK);
            return true;
        });
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(stage.getScene(), "markdown-preview-dark");

        // the source, exactly as exported, in the other tab
        robot.clickOn("Markdown source");
        WaitForAsyncUtils.waitForFxEvents();
        String source = fx(() -> robot.lookup("#markdown-source").queryTextInputControl().getText());
        assertThat(source).startsWith("# Migration checklist: " + name).isEqualTo(fx(() -> ctx.checklist().previewProperty().get()));
        Screenshots.save(stage.getScene(), "markdown-source-dark");
        // the tabs show the keyboard focus on the selected tab
        fx(() -> {
            robot.lookup("#markdown-tabs").query().requestFocus();
            return true;
        });
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(stage.getScene(), "markdown-tabs-focused-dark");
    }

    @Test
    void thePreviewFollowsThePlan() throws Exception {
        Reveal.reveal(robot, "#markdown-tabs");
        fx(() -> {
            ctx.document().edit(p -> p.withName("Renamed for the preview"));
            return true;
        });
        waitFor(() -> texts(robot.lookup("#markdown-preview").query()).contains("Migration checklist: Renamed for the preview"));
    }

    private TextFlow paragraph() {
        for (Node n : robot.lookup("#markdown-preview .md-flow").queryAll()) {
            if (!n.getStyleClass().contains("md-heading") && n.getParent().getStyleClass().contains("markdown-body")) {
                return (TextFlow) n;
            }
        }
        throw new AssertionError("no paragraph in the preview");
    }

    private static Text firstRun(TextFlow flow) {
        return (Text) flow.getChildren().get(0);
    }

    private static String text(TextFlow flow) {
        StringBuilder sb = new StringBuilder();
        for (Node n : flow.getChildren()) {
            sb.append(((Text) n).getText());
        }
        return sb.toString();
    }

    /** The text of every TextFlow under {@code n}, one string per flow. */
    private static List<String> texts(Node n) {
        List<String> out = new ArrayList<>();
        if (n instanceof TextFlow f) {
            out.add(text(f));
        } else if (n instanceof ScrollPane sp && sp.getContent() != null) {
            out.addAll(texts(sp.getContent()));
        } else if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                out.addAll(texts(c));
            }
        }
        return out;
    }
}
