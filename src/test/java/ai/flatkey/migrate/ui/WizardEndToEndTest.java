package ai.flatkey.migrate.ui;

import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.ui.components.LiveOutputView;
import ai.flatkey.migrate.ui.step.endpoints.CheckState;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static ai.flatkey.migrate.ui.FxWait.fx;
import static ai.flatkey.migrate.ui.FxWait.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the whole wizard in-process on the embedded demo gateway: connection check, smoke run with streamed
 * output, Markdown export, save, re-open. Saves a PNG of every step.
 */
@ExtendWith(Screenshots.class)
class WizardEndToEndTest {

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
        ctx.close();
    }

    @Test
    void demoGatewayCheckSmokeExportSaveAndReopen() throws Exception {
        Scene scene = stage.getScene();
        assertThat(stage.getTitle()).isEqualTo("Untitled migration — Flatkey Migration Assistant");
        assertThat(robot.lookup("#start-screen").query().isVisible()).isTrue();
        robot.clickOn("#start-new");
        waitFor(() -> !ctx.wizard().startShownProperty().get());
        assertThat(robot.lookup("#demo-banner").query().isVisible()).isTrue();

        // 1 Inventory
        robot.clickOn("#plan-name").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL).write("Support bot to Flatkey");
        robot.clickOn("#inv-sdk").write("Python openai");
        robot.clickOn("#inv-endpoint-chat");
        robot.clickOn("#inv-base-url").write("https://api.openai.com/v1");
        robot.clickOn("#inv-model").write("gpt-4o-mini");
        Reveal.reveal(robot, "#inv-stream");
        robot.clickOn("#inv-stream");
        Reveal.reveal(robot, "#inv-temperature");
        robot.clickOn("#inv-temperature").write("0.2");
        waitFor(() -> ctx.document().plan().inventory().isDocumented()
                && ctx.document().plan().inventory().parameters().temperature() != null);
        assertThat(stage.getTitle()).isEqualTo("Support bot to Flatkey • — Flatkey Migration Assistant");
        Screenshots.save(scene, "01-" + Step.INVENTORY.slug());

        // 2 Keys & endpoints: pick the embedded demo gateway, check the connection
        robot.clickOn("#rail-keys-endpoints");
        robot.clickOn("#target-preset");
        robot.clickOn("Embedded demo gateway (offline)");
        waitFor(() -> ctx.document().plan().target().isDemo() && ctx.document().plan().target().baseUrl().startsWith("http://127.0.0.1:"));
        assertThat(ctx.document().plan().target().keyRef()).isEqualTo("demo");
        robot.clickOn("#check-connection");
        waitFor(() -> ctx.endpoints().checkStateProperty().get() == CheckState.SUCCESS);
        String headline = text("#check-headline");
        assertThat(headline).matches("Connected — \\d+ models \\(request id .+, \\d+ ms\\)");
        assertThat(robot.lookup("#demo-banner").query().isVisible()).isFalse();
        Screenshots.save(scene, "02-" + Step.ENDPOINTS.slug());

        // 3 Model mapping: seeded from the inventory, target suggested from the catalog
        robot.clickOn("#nav-next");
        waitFor(() -> ctx.document().plan().mappings().size() == 1
                && ctx.document().plan().mappings().get(0).targetModel().equals("gpt-4o-mini"));
        assertThat(ctx.document().plan().mappings().get(0).features()).contains("chat", "streaming");
        Screenshots.save(scene, "03-" + Step.MAPPING.slug());

        // 4 Smoke tests: run, see streamed text and all checks pass
        robot.clickOn("#nav-next");
        robot.clickOn("#smoke-run");
        LiveOutputView output = robot.lookup("#smoke-output").queryAs(LiveOutputView.class);
        waitFor(() -> !fx(output::text).isBlank());
        waitFor(() -> !ctx.smoke().runningProperty().get());
        assertThat(fx(output::text)).isNotBlank();
        assertThat(ctx.smoke().rows()).isNotEmpty().allSatisfy(r -> assertThat(r.statusProperty().get()).isEqualTo("pass"));
        assertThat(ctx.document().plan().smokeRuns()).hasSize(1);
        assertThat(ctx.document().plan().latestRun().orElseThrow().allPassed()).isTrue();
        robot.clickOn("Streaming chat");
        waitFor(() -> !fx(() -> robot.lookup("#smoke-curl").queryTextInputControl().getText()).isBlank());
        Screenshots.save(scene, "04-" + Step.SMOKE.slug());

        // 5 Verify: the run's requests are listed
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT5).release(KeyCode.DIGIT5, KeyCode.CONTROL);
        waitFor(() -> ctx.wizard().currentProperty().get() == Step.VERIFY);
        assertThat(ctx.verify().requests()).hasSize(ctx.document().plan().latestRun().orElseThrow().results().size());
        Screenshots.save(scene, "05-" + Step.VERIFY.slug());

        // 6 Rollout & rollback
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT6).release(KeyCode.DIGIT6, KeyCode.CONTROL);
        Reveal.reveal(robot, "#rollback-fill");
        robot.clickOn("#rollback-fill");
        waitFor(() -> ctx.document().plan().rollback().isReady());
        Screenshots.save(scene, "06-" + Step.ROLLOUT.slug());

        // 7 Checklist & export
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT7).release(KeyCode.DIGIT7, KeyCode.CONTROL);
        Path md = tmp.resolve("out/support-bot-checklist.md");
        files.answer(md);
        Reveal.reveal(robot, "#export-markdown");
        robot.clickOn("#export-markdown");
        waitFor(() -> Files.exists(md) && text("#export-message").startsWith("Exported"));
        String exported = Files.readString(md, StandardCharsets.UTF_8);
        assertThat(exported).contains("Support bot to Flatkey").contains("gpt-4o-mini")
                .doesNotContain("sk-demo-flatkey-local-0001");
        assertThat(exported).isEqualTo(fx(() -> ai.flatkey.migrate.export.ChecklistMarkdown.render(ctx.document().plan())));
        assertThat(text("#export-message")).contains(md.toAbsolutePath().toString());
        Screenshots.save(scene, "07-" + Step.CHECKLIST.slug());

        // Save (Ctrl+S → the fake dialog's path), then New, then Open the saved plan again
        Path planFile = tmp.resolve("plans/support-bot.json");
        files.answer(planFile);
        robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
        waitFor(() -> Files.exists(planFile) && !ctx.document().isDirty());
        assertThat(stage.getTitle()).isEqualTo("Support bot to Flatkey — Flatkey Migration Assistant");
        String saved = Files.readString(planFile);
        assertThat(saved).doesNotContain("sk-demo-flatkey-local-0001");
        MigrationPlan before = ctx.document().plan();

        robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        waitFor(() -> ctx.document().plan().name().equals("Untitled migration"));
        files.answer(planFile);
        robot.press(KeyCode.CONTROL, KeyCode.O).release(KeyCode.O, KeyCode.CONTROL);
        waitFor(() -> ctx.document().plan().name().equals("Support bot to Flatkey"));
        MigrationPlan reopened = ctx.document().plan();
        assertThat(reopened.target()).isEqualTo(before.target());
        assertThat(reopened.smokeRuns()).isEqualTo(before.smokeRuns());
        assertThat(reopened).isEqualTo(new PlanStore().load(planFile));
        assertThat(ctx.wizard().recent()).contains(planFile.toAbsolutePath().normalize());
        assertThat(stage.getTitle()).isEqualTo("Support bot to Flatkey — Flatkey Migration Assistant");
        SmokeRun run = reopened.latestRun().orElseThrow();
        assertThat(run.allPassed()).isTrue();
        assertThat(((TextField) robot.lookup("#plan-name").query()).getText()).isEqualTo("Support bot to Flatkey");
    }

    @Test
    void demoMigrationFromTheStartScreenRunsOfflineEndToEnd() throws Exception {
        robot.clickOn("#start-demo");
        waitFor(() -> ctx.document().plan().name().startsWith("Demo:")
                && ctx.document().plan().target().baseUrl().startsWith("http://127.0.0.1:"));
        assertThat(ctx.wizard().currentProperty().get()).isEqualTo(Step.ENDPOINTS);
        assertThat(robot.lookup("#demo-banner").query().isVisible()).isFalse();
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT4).release(KeyCode.DIGIT4, KeyCode.CONTROL);
        robot.clickOn("#smoke-run");
        LiveOutputView output = robot.lookup("#smoke-output").queryAs(LiveOutputView.class);
        waitFor(() -> !fx(output::text).isBlank());
        waitFor(() -> !ctx.smoke().runningProperty().get());
        SmokeRun run = ctx.document().plan().latestRun().orElseThrow();
        assertThat(run.results()).extracting(r -> r.checkId())
                .containsExactly("models", "base-url", "chat:gpt-5.5", "streaming:gpt-5.5", "streaming-no-usage:gpt-5.5",
                        "max-tokens:gpt-5.5", "max-completion-tokens:gpt-5.5", "chat:deepseek-chat", "streaming:deepseek-chat",
                        "streaming-no-usage:deepseek-chat", "max-tokens:deepseek-chat", "max-completion-tokens:deepseek-chat",
                        "auth", "unknown-model", "unsupported-param");
        assertThat(run.allPassed()).as(run.toString()).isTrue();
        robot.clickOn("Streaming chat");
        waitFor(() -> fx(output::text).contains("gpt-5.5"));
        Screenshots.save(stage.getScene(), "demo-migration-smoke-tests");
    }

    @Test
    void damagedPlanShowsTheErrorAndIsLeftByteIdentical() throws Exception {
        Path damaged = tmp.resolve("damaged.json");
        byte[] bytes = "{\"schemaVersion\": 1, \"name\": \"Broken\", \"inventory\": {\"sdk\": [".getBytes(StandardCharsets.UTF_8);
        Files.write(damaged, bytes);
        robot.clickOn("#start-new");
        robot.clickOn("#plan-name").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL).write("Keep me");
        waitFor(() -> ctx.document().plan().name().equals("Keep me"));
        files.answer(damaged);
        ctx.document(); // current plan is dirty: Open asks first
        robot.press(KeyCode.CONTROL, KeyCode.O).release(KeyCode.O, KeyCode.CONTROL);
        waitFor(() -> robot.lookup("Don't save").tryQuery().isPresent());
        robot.clickOn("Don't save");
        waitFor(() -> robot.lookup("#error-message").tryQuery().isPresent());
        String message = ((Label) robot.lookup("#error-message").query()).getText();
        assertThat(message).contains("damaged.json").contains("left untouched");
        Screenshots.save(robot.lookup("#error-message").query().getScene(), "open-damaged-plan-error");
        robot.clickOn("OK");
        waitFor(() -> robot.lookup("#error-message").tryQuery().isEmpty());
        assertThat(Files.readAllBytes(damaged)).isEqualTo(bytes);
        assertThat(ctx.document().plan().name()).isEqualTo("Keep me");
        assertThat(ctx.document().isDirty()).isTrue();
        assertThat(ctx.document().file()).isNull();
    }

    private String text(String query) {
        return fx(() -> robot.lookup(query).queryLabeled().getText());
    }

}
