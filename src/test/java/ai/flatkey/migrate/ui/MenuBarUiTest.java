package ai.flatkey.migrate.ui;

import javafx.scene.Node;
import javafx.scene.control.MenuBar;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static ai.flatkey.migrate.ui.FxWait.fx;
import static ai.flatkey.migrate.ui.FxWait.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The menu bar comes right after the first frame, into a slot that holds an empty bar of the same height until then:
 * nothing below it moves, and the menus and their shortcuts work.
 */
class MenuBarUiTest {

    @TempDir
    Path tmp;

    private final FxRobot robot = new FxRobot();
    private AppContext ctx;

    @AfterEach
    void close() throws Exception {
        WizardFixture.close(ctx);
    }

    @Test
    void theMenuBarReplacesAPlaceholderOfTheSameHeight() throws Exception {
        assumeFalse(System.getProperty("os.name", "").startsWith("Mac"), "on macOS the menus go to the system menu bar");
        ctx = WizardFixture.context(tmp, new FakeFileDialogs()).build();
        List<String> pulses = new ArrayList<>();
        boolean[] shot = new boolean[1];
        Stage stage = FxToolkit.setupStage(s -> {
            new WizardWindow(ctx).show(s);
            s.getScene().addPostLayoutPulseListener(() -> {
                StackPane slot = (StackPane) s.getScene().lookup("#menu-slot");
                Node child = slot.getChildren().get(0);
                pulses.add((child instanceof MenuBar ? "menu " : "placeholder ") + slot.getHeight());
                if (!(child instanceof MenuBar) && slot.getHeight() > 0 && !shot[0]) {
                    shot[0] = true;
                    javafx.scene.image.WritableImage img = s.getScene().snapshot(null);
                    try {
                        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target/screenshots"));
                        javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(img, null), "png",
                                new java.io.File("target/screenshots/00-first-frame.png"));
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                }
            });
        });
        WaitForAsyncUtils.waitForFxEvents();
        waitFor(() -> fx(() -> robot.lookup(".menu-bar").queryAll().stream().anyMatch(n -> n instanceof MenuBar)));
        WaitForAsyncUtils.waitForFxEvents();
        List<String> seen = fx(() -> List.copyOf(pulses));
        System.out.println("menu slot by pulse: " + seen);
        assertThat(seen).anyMatch(p -> p.startsWith("placeholder ")).anyMatch(p -> p.startsWith("menu "));
        assertThat(seen.stream().map(p -> p.substring(p.indexOf(' ') + 1)).distinct()).as("slot height in every pulse").hasSize(1);
        MenuBar bar = fx(() -> (MenuBar) robot.lookup(".menu-bar").queryAll().stream().filter(n -> n instanceof MenuBar).findFirst().orElseThrow());
        assertThat(fx(() -> bar.getMenus().stream().map(m -> m.getText()).toList())).containsExactly("File", "View", "Go", "Tools", "Help");
        assertThat(stage.isShowing()).isTrue();
    }
}
