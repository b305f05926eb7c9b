package ai.flatkey.migrate.ui;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Window;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Saves PNGs of scenes under {@code screenshots.dir}. As an extension it saves every window of a failed test,
 * right after the test body and before {@code @AfterEach} closes the windows.
 */
public final class Screenshots implements AfterTestExecutionCallback {

    public static Path dir() {
        return Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
    }

    /** Snapshots {@code scene} on the FX thread and writes {@code name}.png. */
    public static Path save(Scene scene, String name) throws IOException {
        WritableImage img;
        try {
            img = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IOException("snapshot failed: " + e, e);
        }
        Files.createDirectories(dir());
        Path out = dir().resolve(name + ".png");
        ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", out.toFile());
        return out;
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isEmpty()) {
            return;
        }
        try {
            List<Window> windows = WaitForAsyncUtils.asyncFx(() -> List.copyOf(Window.getWindows())).get(5, TimeUnit.SECONDS);
            int i = 0;
            for (Window w : windows) {
                if (w.getScene() != null && w.isShowing()) {
                    save(w.getScene(), "FAILED-" + context.getRequiredTestClass().getSimpleName() + "-"
                            + context.getRequiredTestMethod().getName() + "-" + (i++));
                }
            }
        } catch (Exception e) {
            System.err.println("Could not save failure screenshots: " + e);
        }
    }
}
