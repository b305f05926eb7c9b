package ai.flatkey.migrate.ui.step.smoke;

import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.smoke.MediaEvidence;
import ai.flatkey.migrate.ui.AppContext;
import ai.flatkey.migrate.ui.FakeFileDialogs;
import ai.flatkey.migrate.ui.Screenshots;
import ai.flatkey.migrate.ui.Step;
import ai.flatkey.migrate.ui.WizardFixture;
import ai.flatkey.migrate.ui.theme.ThemeMode;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.Clip;
import java.nio.file.Path;

import static ai.flatkey.migrate.ui.FxWait.fx;
import static ai.flatkey.migrate.ui.FxWait.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The all-features sample plan run in the wizard on the embedded demo gateway: the Smoke tests step shows a generated
 * image as a thumbnail, an edit as the picture sent and the picture received, and the speech as a player with its
 * duration; Play either plays or says the machine has no audio output. Saves {@code 04e-smoke-image-*.png},
 * {@code 04g-smoke-image-edit-*.png} and {@code 04f-smoke-speech-*.png}, light and dark.
 */
@ExtendWith(Screenshots.class)
class MediaResultsUiTest {

    @TempDir
    Path tmp;

    private final FxRobot robot = new FxRobot();
    private AppContext ctx;
    private Stage stage;

    @AfterEach
    void close() throws Exception {
        fx(() -> {
            ctx.wizard().setThemeMode(ThemeMode.LIGHT);
            return true;
        });
        WizardFixture.close(ctx);
    }

    @Test
    void imagesShowAsThumbnailsAndSpeechAsAPlayerWithItsDuration() throws Exception {
        ctx = WizardFixture.context(tmp, new FakeFileDialogs()).build();
        stage = WizardFixture.show(ctx);
        robot.clickOn("#start-demo-all-features");
        waitFor(() -> ctx.document().plan().target().baseUrl().startsWith("http://127.0.0.1:")
                && ctx.document().plan().targetModels().contains("gpt-image-1"));

        robot.press(KeyCode.CONTROL, KeyCode.DIGIT4).release(KeyCode.DIGIT4, KeyCode.CONTROL);
        waitFor(() -> ctx.wizard().currentProperty().get() == Step.SMOKE);
        robot.clickOn("#smoke-run");
        waitFor(120, () -> !ctx.smoke().runningProperty().get() && !ctx.smoke().reconcilingProperty().get()
                && ctx.document().plan().latestRun().isPresent());
        SmokeRun run = ctx.document().plan().latestRun().orElseThrow();
        assertThat(run.allPassed()).as(run.tally()).isTrue();
        assertThat(run.results()).hasSize(29);

        // the generated image: a thumbnail of the 1024×1024 PNG the gateway sent
        select("images:gpt-image-1");
        waitFor(() -> !ctx.smoke().mediaProperty().get().isEmpty());
        ImageView thumb = fx(() -> (ImageView) robot.lookup("#smoke-media-image-0").query());
        Image image = fx(thumb::getImage);
        assertThat(image.isError()).isFalse();
        assertThat(image.getWidth()).as("a thumbnail, not the full image").isEqualTo(MediaEvidence.THUMBNAIL_SIDE);
        assertThat(image.getHeight()).isEqualTo(MediaEvidence.THUMBNAIL_SIDE);
        // the demo draws a gradient: the thumbnail's corners differ, and neither is blank
        int topLeft = fx(() -> image.getPixelReader().getArgb(2, 2));
        int bottomRight = fx(() -> image.getPixelReader().getArgb(250, 250));
        assertThat(topLeft).isNotEqualTo(bottomRight);
        assertThat(topLeft >>> 24).as("opaque").isEqualTo(0xff);
        assertThat(text("#smoke-media-caption-image-0")).isEqualTo("Generated image · 1024×1024 PNG");
        scrollIntoView("#smoke-media");
        assertThat(fx(() -> shown(thumb))).as("the thumbnail is on screen").isTrue();
        assertThat(fx(() -> thumb.getBoundsInParent().getHeight())).isEqualTo(MediaPane.THUMBNAIL_HEIGHT);
        both(stage.getScene(), "04e-smoke-image");

        // the edit: what was sent and what came back
        select("image-edits:gpt-image-1");
        waitFor(() -> ctx.smoke().mediaProperty().get().size() == 2);
        assertThat(text("#smoke-media-caption-image-0")).isEqualTo("Sent for editing · 1024×1024 PNG");
        assertThat(text("#smoke-media-caption-image-1")).isEqualTo("Edited image · 1024×1024 PNG");
        scrollIntoView("#smoke-media");
        both(stage.getScene(), "04g-smoke-image-edit");

        // the speech: a player with the duration of the WAV the gateway sent
        select("speech:gpt-4o-mini-tts");
        waitFor(() -> ctx.smoke().mediaProperty().get().size() == 1
                && ctx.smoke().mediaProperty().get().get(0).kind() == MediaEvidence.Kind.AUDIO);
        MediaEvidence speech = fx(() -> ctx.smoke().mediaProperty().get().get(0));
        assertThat(speech.seconds()).isGreaterThan(1.0);
        assertThat(speech.caption()).isEqualTo("Speech · WAV");
        assertThat(text("#smoke-media-duration-0")).isEqualTo("Duration " + speech.duration())
                .matches("Duration \\d+\\.\\d s");
        assertThat(fx(() -> robot.lookup("#smoke-media-play-0").queryButton().isDisabled())).isFalse();
        assertThat(fx(() -> robot.lookup("#smoke-media-stop-0").queryButton().isDisabled())).isTrue();
        scrollIntoView("#smoke-media");
        robot.clickOn("#smoke-media-play-0");
        if (hasAudioOutput()) {
            waitFor(() -> ctx.smoke().playerStatusProperty().get().startsWith("Playing"));
            assertThat(fx(() -> robot.lookup("#smoke-media-stop-0").queryButton().isDisabled())).isFalse();
            robot.clickOn("#smoke-media-stop-0");
            waitFor(() -> text("#smoke-media-status-0").equals("Stopped."));
        } else {
            waitFor(() -> text("#smoke-media-status-0").startsWith("No audio output on this machine"));
            assertThat(fx(() -> ctx.smoke().playingProperty().get())).isFalse();
        }
        both(stage.getScene(), "04f-smoke-speech");

        // a transcription shows the clip it sent, spoken by the plan's speech model
        select("transcriptions:whisper-1");
        waitFor(() -> ctx.smoke().mediaProperty().get().size() == 1);
        assertThat(fx(() -> ctx.smoke().mediaProperty().get().get(0).caption())).isEqualTo("Clip sent (spoken) · WAV");

        // a check without media hides the pane
        select("chat:gpt-5.5");
        waitFor(() -> ctx.smoke().mediaProperty().get().isEmpty());
        assertThat(fx(() -> robot.lookup("#smoke-media").query().getParent().isVisible())).isFalse();
    }

    private static boolean hasAudioOutput() {
        try {
            Clip clip = AudioSystem.getClip();
            clip.close();
            return true;
        } catch (Exception | LinkageError e) {
            return false;
        }
    }

    /** Selects the row of check {@code id} the way a click does, and scrolls the table to it. */
    @SuppressWarnings("unchecked")
    private void select(String id) throws Exception {
        fx(() -> {
            TableView<CheckRow> table = (TableView<CheckRow>) robot.lookup("#smoke-table").query();
            CheckRow row = table.getItems().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
            table.scrollTo(row);
            return row;
        });
        WaitForAsyncUtils.waitForFxEvents();
        String title = fx(() -> ctx.smoke().rows().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow()
                .titleProperty().get());
        scrollIntoView("#smoke-table");
        robot.clickOn(title);
        waitFor(() -> ctx.smoke().followedProperty().get() != null
                && ctx.smoke().followedProperty().get().id().equals(id));
    }

    private String text(String query) {
        return fx(() -> ((Label) robot.lookup(query).query()).getText());
    }

    /** Scrolls the step's page so that {@code query} is at the top of the viewport. */
    private void scrollIntoView(String query) throws Exception {
        fx(() -> {
            ScrollPane page = (ScrollPane) robot.lookup("#step-smoke").query();
            Node n = robot.lookup(query).query();
            Node content = page.getContent();
            Bounds b = content.sceneToLocal(n.localToScene(n.getBoundsInLocal()));
            double extra = content.getBoundsInLocal().getHeight() - page.getViewportBounds().getHeight();
            page.setVvalue(extra <= 0 ? 0 : Math.min(1, Math.max(0, (b.getMinY() - 60) / extra)));
            return true;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static boolean shown(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        Bounds b = n.localToScene(n.getBoundsInLocal());
        Scene s = n.getScene();
        return b.getMinY() >= 0 && b.getMaxY() <= s.getHeight();
    }

    private void both(Scene scene, String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(scene, name + "-light");
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
}
