package ai.flatkey.migrate.reliability;

import ai.flatkey.migrate.ui.WizardFixture;
import static ai.flatkey.migrate.ui.FxWait.fx;
import static ai.flatkey.migrate.ui.FxWait.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import ai.flatkey.migrate.demo.DemoConfig;
import ai.flatkey.migrate.demo.DemoGateway;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.Verdict;
import ai.flatkey.migrate.secrets.KeyResolver;
import ai.flatkey.migrate.ui.StandInOsKeychain;
import ai.flatkey.migrate.ui.AppContext;
import ai.flatkey.migrate.ui.FakeFileDialogs;
import ai.flatkey.migrate.ui.Step;
import ai.flatkey.migrate.ui.step.endpoints.KeyMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Keys never leak through the wizard: a canary key is the target key from the environment, then typed as the session
 * key and saved to (and read back from) the keychain test double. The suite runs each time, autosave writes its
 * recovery file, the plan is saved and every export format is written. Then no file under the config folder, the plan
 * folder or the export folder holds the canary or its last 12 characters (as bytes in UTF-8, UTF-16LE or UTF-16BE),
 * and no window title or visible text ever showed more than the masked form.
 */
class UiCanaryKeyTest {
    private static final String CANARY = "sk-test-canary-ui-3Hv7Nq1Wx5Kd9Pm2Ty6Rb";
    private static final String TAIL = CANARY.substring(CANARY.length() - 12);
    private static final String ENTRY = "flatkey-canary";

    @TempDir
    Path tmp;

    private final FxRobot robot = new FxRobot();
    private DemoGateway gateway;
    private AppContext ctx;
    private FakeFileDialogs files;
    private Stage stage;
    private StandInOsKeychain keychain;
    private int textsChecked;

    @BeforeEach
    void open() throws Exception {
        gateway = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(2000).withKeys(Set.of(CANARY))
                .withFaultModelsListed(true));
        files = new FakeFileDialogs();
        keychain = new StandInOsKeychain("the test keychain");
        ctx = WizardFixture.context(tmp, files)
                .environment(Map.of("FLATKEY_API_KEY", CANARY)::get)
                .keychain(keychain)
                .build();
        stage = WizardFixture.show(ctx);
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        ctx.close();
        gateway.close();
    }

    @Test
    void theCanaryKeyIsNeitherWrittenToAnyFileNorShownUnmasked() throws Exception {
        robot.clickOn("#start-new");
        waitFor(() -> !ctx.wizard().startShownProperty().get());
        fx(() -> {
            ctx.document().editAndReload(p -> p.withName("Canary through the wizard")
                    .withTarget(new Endpoint("newapi", gateway.baseUrl(), "env:FLATKEY_API_KEY"))
                    .withMappings(List.of(
                            new ModelMapping("gpt-4o-mini", "gpt-5.5", List.of("chat", "streaming"), ""),
                            new ModelMapping("gpt-4", "demo-502", List.of("chat"), ""))));
            return null;
        });

        // 1 The key from the environment.
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
        waitFor(() -> ctx.wizard().currentProperty().get() == Step.ENDPOINTS);
        assertNoUnmaskedKeyShown();
        runSuite();
        assertThat(ctx.document().plan().latestRun().orElseThrow().results())
                .anyMatch(r -> r.checkId().equals("chat:gpt-5.5") && r.verdict() == Verdict.PASS)
                .anyMatch(r -> r.checkId().endsWith(":demo-502") && r.verdict() != Verdict.PASS);

        // Autosave writes the recovery copy of the unsaved plan.
        Path recovery = tmp.resolve("config/recovery.flatkey-plan.json");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> Files.isRegularFile(recovery)
                && Files.readString(recovery, StandardCharsets.UTF_8).contains("chat:gpt-5.5"));
        assertClean(recovery, Files.readAllBytes(recovery));
        byte[] recoveryBytes = Files.readAllBytes(recovery);

        // 2 The key typed for this session (masked field), then saved to the keychain and used from there.
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
        fx(() -> {
            ctx.endpoints().keyModeProperty().set(KeyMode.SESSION);
            return null;
        });
        waitFor(() -> robot.lookup("#key-session").query().isVisible());
        robot.clickOn("#key-session").write(CANARY);
        waitFor(() -> ctx.endpoints().sessionKeyProperty().get().equals(CANARY));
        waitFor(() -> ctx.document().plan().target().keyRef().equals("session"));
        assertNoUnmaskedKeyShown();
        runSuite();
        assertThat(ctx.document().plan().latestRun().orElseThrow().results())
                .anyMatch(r -> r.checkId().equals("chat:gpt-5.5") && r.verdict() == Verdict.PASS);

        robot.press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
        fx(() -> {
            ctx.endpoints().keychainNameProperty().set(ENTRY);
            ctx.endpoints().saveToKeychain();
            return null;
        });
        waitFor(() -> ctx.document().plan().target().keyRef().equals("keychain:" + ENTRY)
                && !ctx.endpoints().keychainBusyProperty().get());
        assertThat(keychain.read(ENTRY)).contains(CANARY);
        fx(() -> {
            ctx.endpoints().sessionKeyProperty().set("");
            ctx.endpoints().loadFromKeychain();
            return null;
        });
        waitFor(() -> !ctx.endpoints().keychainBusyProperty().get());
        assertNoUnmaskedKeyShown();
        runSuite();
        assertThat(ctx.document().plan().latestRun().orElseThrow().results())
                .anyMatch(r -> r.checkId().equals("chat:gpt-5.5") && r.verdict() == Verdict.PASS);

        // 3 Save the plan, export every format from step 7.
        Path planFile = tmp.resolve("plans/canary.json");
        files.answer(planFile);
        robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
        waitFor(() -> Files.exists(planFile) && !ctx.document().isDirty());
        assertThat(Files.readString(planFile)).contains("keychain:" + ENTRY);

        robot.press(KeyCode.CONTROL, KeyCode.DIGIT7).release(KeyCode.DIGIT7, KeyCode.CONTROL);
        waitFor(() -> ctx.wizard().currentProperty().get() == Step.CHECKLIST);
        Path exports = tmp.resolve("exports");
        files.answer(exports);
        fx(() -> {
            ctx.checklist().exportAll();
            return null;
        });
        waitFor(() -> !ctx.checklist().exportingProperty().get() && !ctx.checklist().writtenFiles().isEmpty());
        assertThat(ctx.checklist().exportMessageProperty().get()).startsWith("Exported");
        assertNoUnmaskedKeyShown();

        // 4 Every file written under the temp folder: config (prefs, recovery), plan, exports.
        FxToolkit.cleanupStages();
        List<Path> written;
        try (Stream<Path> all = Files.walk(tmp)) {
            written = all.filter(Files::isRegularFile).toList();
        }
        long bytes = 0;
        for (Path f : written) {
            byte[] content = Files.readAllBytes(f);
            bytes += content.length;
            assertClean(f, content);
        }
        assertClean(recovery, recoveryBytes);
        System.out.printf("UiCanaryKeyTest: 3 suite runs (env, session, keychain), %d files written (%d bytes) "
                        + "under config/plan/export folders, %d on-screen texts checked; 0 occurrences of the key "
                        + "or its last 12 characters%n", written.size(), bytes, textsChecked);
        assertThat(written).anyMatch(p -> p.startsWith(tmp.resolve("config")))
                .anyMatch(p -> p.equals(planFile))
                .filteredOn(p -> p.startsWith(exports)).hasSizeGreaterThanOrEqualTo(5);
    }

    private void runSuite() throws Exception {
        int before = fx(() -> ctx.document().plan().smokeRuns().size());
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT4).release(KeyCode.DIGIT4, KeyCode.CONTROL);
        waitFor(() -> ctx.wizard().currentProperty().get() == Step.SMOKE);
        robot.clickOn("#smoke-run");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> !ctx.smoke().runningProperty().get()
                && !ctx.smoke().reconcilingProperty().get() && ctx.document().plan().smokeRuns().size() == before + 1));
        assertNoUnmaskedKeyShown();
    }

    /** No bytes of the key or its tail, in UTF-8 or UTF-16 either byte order. */
    private static void assertClean(Path file, byte[] content) {
        for (String needle : List.of(CANARY, TAIL)) {
            for (java.nio.charset.Charset cs : List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE,
                    StandardCharsets.UTF_16BE)) {
                assertThat(indexOf(content, needle.getBytes(cs)))
                        .as("%s holds %s in %s", file, needle.equals(CANARY) ? "the key" : "the key's tail", cs)
                        .isEqualTo(-1);
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Window titles and every visible text node, label and non-password field: at most the masked form. */
    private void assertNoUnmaskedKeyShown() {
        List<String> shown = fx(() -> {
            List<String> texts = new ArrayList<>();
            for (Window w : Window.getWindows()) {
                if (w instanceof Stage s) {
                    texts.add(s.getTitle());
                }
                if (w.getScene() != null) {
                    collect(w.getScene().getRoot(), texts);
                }
            }
            return texts;
        });
        textsChecked += shown.size();
        String masked = KeyResolver.mask(CANARY);
        for (String t : shown) {
            if (t == null) {
                continue;
            }
            assertThat(t).as("visible text").doesNotContain(CANARY).doesNotContain(TAIL)
                    .doesNotContain(CANARY.substring(0, 12));
            if (t.contains(CANARY.substring(0, 6) + "•")) {
                assertThat(t).contains(masked);
            }
        }
    }

    private static void collect(Node node, List<String> texts) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Labeled l) {
            texts.add(l.getText());
        } else if (node instanceof Text t) {
            texts.add(t.getText());
        } else if (node instanceof TextInputControl c && !(c instanceof PasswordField)) {
            texts.add(c.getText());
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                collect(child, texts);
            }
        }
    }

}
