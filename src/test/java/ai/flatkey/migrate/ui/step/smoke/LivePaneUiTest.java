package ai.flatkey.migrate.ui.step.smoke;

import ai.flatkey.migrate.ui.WizardFixture;
import ai.flatkey.migrate.demo.DemoGateway;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.ui.AppContext;
import ai.flatkey.migrate.ui.FakeFileDialogs;
import ai.flatkey.migrate.ui.Screenshots;
import ai.flatkey.migrate.ui.Step;
import com.google.gson.JsonParser;
import javafx.scene.Node;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static ai.flatkey.migrate.ui.FxWait.fx;
import static ai.flatkey.migrate.ui.FxWait.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Smoke tests step's live pane in the real window: a streamed tool call on the embedded demo gateway shows its
 * name and argument JSON, the Raw SSE toggle shows the {@code data:} / {@code event:} lines as received, and a key a
 * hostile gateway echoes into its stream never reaches the screen. Saves {@code 04c-smoke-live-tools.png} and
 * {@code 04d-smoke-live-raw.png}.
 */
@ExtendWith(Screenshots.class)
class LivePaneUiTest {

    @TempDir
    Path tmp;

    private final FxRobot robot = new FxRobot();
    private AppContext ctx;
    private Stage stage;

    private void open(Map<String, String> env) throws Exception {
        ctx = WizardFixture.context(tmp, new FakeFileDialogs()).environment(env::get).build();
        stage = WizardFixture.show(ctx);
    }

    @AfterEach
    void close() throws Exception {
        WizardFixture.close(ctx);
    }

    @Test
    void aStreamedToolCallShowsItsFragmentsAndTheRawViewShowsTheEventsWithoutAKey() throws Exception {
        open(Map.of());
        robot.clickOn("#start-demo");
        waitFor(() -> ctx.document().plan().target().baseUrl().startsWith("http://127.0.0.1:"));
        fx(() -> {
            ctx.document().editAndReload(p -> p.withMappings(List.of(
                    new ModelMapping("gpt-4o-mini", "gpt-5.5", List.of("chat", "streaming", "tools", "responses"), ""))));
            return null;
        });
        runChecks("tools-stream:gpt-5.5, responses-stream:gpt-5.5");
        SmokeRun run = ctx.document().plan().latestRun().orElseThrow();
        assertThat(run.allPassed()).as(run.toString()).isTrue();

        // rendered view: the tool call's name and its argument JSON, assembled from the fragments
        robot.clickOn("Streamed tool call");
        waitFor(() -> lines("#smoke-output").stream().anyMatch(l -> l.startsWith("tool call #0 · get_weather · {")));
        String call = lines("#smoke-output").stream().filter(l -> l.startsWith("tool call #0")).findFirst().orElseThrow();
        String args = call.substring(call.indexOf("· {") + 2);
        assertThat(JsonParser.parseString(args).getAsJsonObject().has("city")).as(call).isTrue();
        assertThat(fx(() -> robot.lookup("#smoke-output").query().isVisible())).isTrue();
        scrollToBottom();
        Screenshots.save(stage.getScene(), "04c-smoke-live-tools");

        // raw view: the data lines exactly as received, the tool-call deltas among them, [DONE] last
        robot.clickOn("#smoke-raw-toggle");
        waitFor(() -> !lines("#smoke-raw-output").isEmpty());
        assertThat(fx(() -> robot.lookup("#smoke-raw-output").query().isVisible())).isTrue();
        assertThat(fx(() -> robot.lookup("#smoke-output").query().isVisible())).isFalse();
        List<String> raw = lines("#smoke-raw-output");
        assertThat(raw).allSatisfy(l -> assertThat(l).matches("(data: .*|)"));
        assertThat(raw).anySatisfy(l -> assertThat(l).startsWith("data: {").contains("\"tool_calls\"", "get_weather"));
        assertThat(raw).contains("data: [DONE]");
        assertThat(String.join("\n", raw)).doesNotContain(DemoGateway.DEMO_KEY).doesNotContain("sk-demo");
        assertThat(text("#smoke-raw-note")).contains("raw lines as received");
        Screenshots.save(stage.getScene(), "04d-smoke-live-raw");

        // the Responses API stream shows its event: lines
        fx(() -> {
            ((ScrollPane) robot.lookup("#step-smoke").query()).setVvalue(0);
            return true;
        });
        robot.clickOn("Responses API, streamed");
        scrollToBottom();
        waitFor(() -> lines("#smoke-raw-output").stream().anyMatch(l -> l.equals("event: response.output_text.delta")));
        assertThat(lines("#smoke-raw-output")).anySatisfy(l -> assertThat(l).startsWith("data: {\"type\":\"response.completed\""));

        // back to the rendered view
        robot.clickOn("#smoke-raw-toggle");
        waitFor(() -> fx(() -> robot.lookup("#smoke-output").query().isVisible()));
        assertThat(lines("#smoke-raw-output")).isEmpty();
        assertThat(String.join("", lines("#smoke-output"))).isNotBlank();
    }

    @Test
    void aKeyEchoedIntoTheStreamNeverReachesTheRawOrRenderedView() throws Exception {
        String key = "sk-test-live-pane-echo-5Rt8Kw2Np0Qz";
        try (MockWebServer server = new MockWebServer()) {
            String chunk = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,";
            server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
                    .body(": echo Bearer " + key + "\n\n"
                            + "data: " + chunk + "\"delta\":{\"role\":\"assistant\",\"content\":\"your key is " + key + "\"},\"finish_reason\":null}]}\n\n"
                            + "data: " + chunk + "\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":4,\"total_tokens\":5}}\n\n"
                            + "data: [DONE]\n\n").build());
            server.start();
            String base = server.url("/v1").toString();
            open(Map.of("FLATKEY_API_KEY", key));
            robot.clickOn("#start-new");
            waitFor(() -> !ctx.wizard().startShownProperty().get());
            fx(() -> {
                ctx.document().editAndReload(p -> p.withName("Echo").withTarget(new Endpoint("custom", base, "env:FLATKEY_API_KEY"))
                        .withMappings(List.of(new ModelMapping("a", "m", List.of("chat", "streaming"), ""))));
                return null;
            });
            runChecks("streaming:m");
            robot.clickOn("Streaming chat");
            waitFor(() -> String.join("", lines("#smoke-output")).contains("your key is"));
            scrollToBottom();
            assertThat(String.join("\n", lines("#smoke-output"))).contains("[REDACTED]").doesNotContain(key);
            robot.clickOn("#smoke-raw-toggle");
            waitFor(() -> lines("#smoke-raw-output").contains("data: [DONE]"));
            String raw = String.join("\n", lines("#smoke-raw-output"));
            assertThat(raw).contains(": echo Bearer [REDACTED]", "your key is [REDACTED]").doesNotContain(key);
        }
    }

    private void runChecks(String selection) throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT4).release(KeyCode.DIGIT4, KeyCode.CONTROL);
        waitFor(() -> ctx.wizard().currentProperty().get() == Step.SMOKE);
        fx(() -> {
            ctx.smoke().checks.set(selection);
            return null;
        });
        robot.clickOn("#smoke-run");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> !ctx.smoke().runningProperty().get()
                && ctx.document().plan().latestRun().isPresent()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private List<String> lines(String query) {
        return fx(() -> List.copyOf(((ListView<String>) robot.lookup(query).query()).getItems()));
    }

    private String text(String query) {
        return fx(() -> ((javafx.scene.control.Labeled) robot.lookup(query).query()).getText());
    }

    private void scrollToBottom() throws Exception {
        fx(() -> {
            Node n = robot.lookup("#step-smoke").query();
            ((ScrollPane) n).setVvalue(1.0);
            return true;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

}
