package ai.flatkey.migrate.ui;

import ai.flatkey.migrate.secrets.MemoryKeychain;
import ai.flatkey.migrate.ui.step.endpoints.KeyMode;
import ai.flatkey.migrate.ui.step.inventory.ProposalRow;
import ai.flatkey.migrate.ui.step.mapping.MappingRow;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;

import static ai.flatkey.migrate.ui.FxWait.fx;
import static ai.flatkey.migrate.ui.FxWait.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 22, things the wizard said that were not true: each driven as a person would, with the sentence on screen
 * asserted.
 */
@ExtendWith(Screenshots.class)
class TruthfulMessagesUiTest {

    private static final Path SAMPLE = Path.of("assets/sample-projects/support-bot");

    @TempDir
    Path tmp;

    private final FxRobot robot = new FxRobot();
    private AppContext ctx;
    private FakeFileDialogs files;
    private Stage stage;

    @AfterEach
    void close() throws Exception {
        WizardFixture.close(ctx);
    }

    private void show(AppContext.Builder builder) throws Exception {
        ctx = builder.build();
        stage = WizardFixture.show(ctx);
    }

    @Test
    void aFirstRunDoesNotOfferToContinueTheBlankUntitledPlan() throws Exception {
        files = new FakeFileDialogs();
        show(WizardFixture.context(tmp, files));
        assertThat(fx(() -> robot.lookup("#start-screen").query().isVisible())).isTrue();
        assertThat(fx(() -> robot.lookup("#start-continue").query().isVisible())).isFalse();
        Screenshots.save(stage.getScene(), "start-first-run");
        // once there is a plan, the start screen offers to go back to it
        robot.clickOn("#start-new");
        robot.clickOn("#plan-name").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL).write("Billing bot");
        robot.press(KeyCode.CONTROL, KeyCode.HOME).release(KeyCode.HOME, KeyCode.CONTROL);
        waitFor(() -> ctx.wizard().startShownProperty().get());
        assertThat(fx(() -> robot.lookup("#start-continue").query().isVisible())).isTrue();
        assertThat(label("#start-continue")).isEqualTo("Continue with “Billing bot”");
    }

    @Test
    void saveToKeychainWithoutAKeychainSaysSoAndKeepsTheSessionReference() throws Exception {
        files = new FakeFileDialogs();
        show(WizardFixture.context(tmp, files).keychain(new MemoryKeychain(
                "memory only: no OS keychain answered on this system, so keys are forgotten when the app quits")));
        robot.clickOn("#start-new");
        shortcut(KeyCode.DIGIT2);
        robot.clickOn("#key-mode");
        robot.clickOn(KeyMode.SESSION.toString());
        robot.clickOn("#key-session").write("sk-test-keychain-not-a-real-key");
        robot.clickOn("#key-save-keychain");
        waitFor(() -> !ctx.endpoints().keychainBusyProperty().get()
                && ctx.endpoints().keyStatusProperty().get().startsWith("Not saved"));
        String status = label("#key-status");
        assertThat(status).contains("Not saved: there is no keychain on this system that keeps keys")
                .contains("stays in memory for this session only").contains("FLATKEY_API_KEY")
                .doesNotContain("not-a-real-key");
        assertThat(ctx.endpoints().keyModeProperty().get()).isEqualTo(KeyMode.SESSION);
        assertThat(ctx.document().plan().target().keyRef()).as("no reference that cannot resolve after a restart")
                .isEqualTo("session").doesNotStartWith("keychain:");
        Screenshots.save(stage.getScene(), "keychain-not-saved");
    }

    @Test
    void aUrlWithoutItsSchemeSaysWhatToWrite() throws Exception {
        files = new FakeFileDialogs();
        show(WizardFixture.context(tmp, files));
        robot.clickOn("#start-new");
        shortcut(KeyCode.DIGIT2);
        robot.clickOn("#target-base-url").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL)
                .write("127.0.0.1:8080/v1");
        WaitForAsyncUtils.waitForFxEvents();
        String error = fx(() -> ctx.endpoints().baseUrlErrorProperty().get());
        assertThat(error).isEqualTo("Start the URL with https:// (or http:// for a server on this computer), e.g. "
                + "http://127.0.0.1:8080/v1.").doesNotContain("Illegal character");
        assertThat(visibleLabels()).contains(error);
        robot.clickOn("#target-base-url").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL)
                .write("router.flatkey.ai/v1");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> ctx.endpoints().baseUrlErrorProperty().get())).endsWith("e.g. https://router.flatkey.ai/v1.");
    }

    @Test
    void theScanCountsWhatApplyingChangesAndSaysWhatItDoesToFilledFields() throws Exception {
        files = new FakeFileDialogs();
        show(WizardFixture.context(tmp, files));
        robot.clickOn("#start-new");
        // the inventory step shows after the start screen closes (a busy machine takes a moment)
        waitFor(() -> robot.lookup("#inv-sdk").tryQuery().map(n -> n.isVisible() && n.getScene() != null).orElse(false));
        // a field already filled, and a box already ticked, before the scan
        robot.clickOn("#inv-sdk").write("Python openai 1.x");
        files.answer(SAMPLE.toAbsolutePath());
        Reveal.reveal(robot, "#scan-choose");
        robot.clickOn("#scan-choose");
        waitFor(() -> !ctx.scan().runningProperty().get() && !ctx.scan().proposals().isEmpty());
        List<ProposalRow> rows = fx(() -> List.copyOf(ctx.scan().proposals()));
        for (ProposalRow r : rows) {
            String now = fx(() -> ai.flatkey.migrate.scan.Prefill.current(ctx.document().plan(), r.proposal()));
            if (fx(() -> r.effect.get()).equals("fills an empty field")) {
                assertThat(now).as(r.field + " said to be empty").isEmpty();
            }
        }
        assertThat(rows).anySatisfy(r -> assertThat(fx(() -> r.effect.get())).isEqualTo("ticks this option"));
        long accepted = rows.stream().filter(r -> fx(() -> r.accepted.get())).count();
        long changing = rows.stream().filter(r -> fx(() -> r.accepted.get()
                && !r.effect.get().equals("already in the plan") && !r.effect.get().startsWith("plan keeps"))).count();
        assertThat(changing).isLessThan(accepted); // the SDK field keeps the plan's value
        assertThat(label("#scan-apply")).isEqualTo("Apply " + changing + " accepted values");
        Reveal.reveal(robot, "#scan-apply");
        robot.clickOn("#scan-apply");
        waitFor(() -> ctx.scan().statusProperty().get().startsWith("Filled"));
        assertThat(ctx.scan().statusProperty().get()).startsWith("Filled " + changing + " values");
        assertThat(label("#scan-apply")).isEqualTo("Nothing left to apply");
        assertThat(fx(() -> robot.lookup("#scan-apply").query().isDisabled())).isTrue();
        Screenshots.save(stage.getScene(), "scan-applied");
    }

    @Test
    void mappingCountsAgreeWithTheRowsAndSuggestTargetsNamesARedRow() throws Exception {
        files = new FakeFileDialogs();
        show(WizardFixture.context(tmp, files));
        robot.clickOn("#start-demo");
        waitFor(() -> ctx.document().plan().target().baseUrl().startsWith("http://127.0.0.1:"));
        shortcut(KeyCode.DIGIT3);
        waitFor(() -> !ctx.mapping().catalogIds().isEmpty() && !ctx.mapping().pricesLoadingProperty().get());
        List<MappingRow> rows = fx(() -> List.copyOf(ctx.mapping().rows()));
        long ok = rows.stream().filter(r -> fx(() -> r.statusProperty().get()).startsWith("OK")).count();
        assertThat(label("#mapping-summary")).startsWith(ok + " of " + rows.size() + " mappings complete");
        assertThat(ok).isEqualTo(rows.size());

        // a typo in one target: its row turns red
        TextField target = fx(() -> (TextField) robot.lookup(n -> n instanceof TextField tf && "gpt-5.5".equals(tf.getText()))
                .query());
        robot.clickOn(target).press(KeyCode.END).release(KeyCode.END).write("x").type(KeyCode.ENTER);
        waitFor(() -> fx(() -> rows.get(0).statusProperty().get()).equals("Not in the target's catalog"));
        assertThat(label("#mapping-summary")).startsWith((ok - 1) + " of " + rows.size() + " mappings complete");
        robot.clickOn("#mapping-suggest");
        String message = label("#mapping-message");
        assertThat(message).doesNotContain("Every row already has a target")
                .contains("gpt-5.5x (closest: gpt-5.5)").contains("not in the target's catalog");
        Screenshots.save(stage.getScene(), "mapping-suggest-red-row");
    }

    private List<String> visibleLabels() {
        return fx(() -> robot.lookup(n -> n instanceof Labeled l && visible(l)).queryAll().stream()
                .map(n -> ((Labeled) n).getText()).toList());
    }

    private static boolean visible(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private void shortcut(KeyCode key) {
        robot.press(KeyCode.CONTROL, key).release(key, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String label(String query) {
        return fx(() -> robot.lookup(query).queryLabeled().getText());
    }
}
