package ai.flatkey.migrate.ui;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start-up probe prints one {@code first-frame} line, with a current timestamp, on the first pulse only. Uses
 * a stage of its own (not TestFX's primary stage, which later tests size to their own scenes).
 */
class StartupProbeTest {

    private Stage stage;

    @AfterEach
    void close() throws Exception {
        if (stage != null) {
            FxToolkit.setupFixture(stage::close);
        }
    }

    @Test
    void printsTheFirstPulseOnce() throws Exception {
        FxToolkit.registerPrimaryStage();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        long before = micros(Instant.now());
        stage = FxToolkit.setupFixture(() -> {
            Stage s = new Stage();
            s.setScene(new Scene(new Label("first"), 200, 80));
            s.show();
            new StartupProbe(StartupProbe.Mode.PRINT, out).watch(s.getScene());
            return s;
        });
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> bytes.size() > 0);
        // Further pulses (a layout change) do not print again.
        FxToolkit.setupFixture(() -> ((Label) stage.getScene().getRoot()).setText("second, longer text"));
        WaitForAsyncUtils.waitForFxEvents();
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed.lines()).hasSize(1);
        assertThat(printed).startsWith("first-frame ");
        long at = Long.parseLong(printed.trim().substring("first-frame ".length()));
        assertThat(at).isBetween(before, micros(Instant.now()));
    }

    @Test
    void theSystemPropertyChoosesTheMode() {
        String old = System.getProperty(StartupProbe.PROPERTY);
        try {
            System.clearProperty(StartupProbe.PROPERTY);
            assertThat(StartupProbe.fromSystemProperty()).isEmpty();
            System.setProperty(StartupProbe.PROPERTY, "print");
            assertThat(StartupProbe.fromSystemProperty()).isPresent();
        } finally {
            if (old == null) {
                System.clearProperty(StartupProbe.PROPERTY);
            } else {
                System.setProperty(StartupProbe.PROPERTY, old);
            }
        }
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }
}
