package ai.flatkey.migrate.ui.step.smoke;

import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.Verdict;
import ai.flatkey.migrate.secrets.KeyResolver;
import ai.flatkey.migrate.smoke.Check;
import ai.flatkey.migrate.smoke.SmokeListener;
import ai.flatkey.migrate.smoke.Target;
import ai.flatkey.migrate.ui.QueueBridge;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.smoke.SmokeService;
import ai.flatkey.migrate.ui.support.Background;
import ai.flatkey.migrate.wire.Cancellation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The live pane's state beyond text: tool-call lines per check, raw SSE lines per check, and the raw-view toggle. */
class SmokeLiveViewModelTest {

    private final ExecutorService exec = Executors.newCachedThreadPool();
    private final QueueBridge ui = new QueueBridge();
    private final AtomicReference<SmokeListener> listener = new AtomicReference<>();
    private final CompletableFuture<SmokeRun> done = new CompletableFuture<>();
    private final Check text = new Check("streaming:m1", "streaming", "m1", "Streaming chat");
    private final Check tools = new Check("tools-stream:m1", "tools-stream", "m1", "Streamed tool call");
    private SmokeViewModel vm;

    @BeforeEach
    void start() throws Exception {
        PlanDocument doc = new PlanDocument(MigrationPlan.newPlan("p").withTarget(new Endpoint("custom", "http://gw.test/v1", ""))
                .withMappings(List.of(new ModelMapping("a", "m1", List.of("chat", "streaming", "tools"), ""))));
        SmokeService fake = new SmokeService() {
            @Override
            public List<Check> derive(MigrationPlan plan) {
                return List.of(text, tools);
            }

            @Override
            public CompletableFuture<SmokeRun> run(MigrationPlan plan, Target target, Target source, ai.flatkey.migrate.smoke.SuiteOptions options,
                                                   SmokeListener l, Cancellation cancel) {
                listener.set(l);
                return done;
            }
        };
        vm = new SmokeViewModel(doc, new KeyResolver(k -> null), fake, new Background(exec, ui));
        vm.run();
        ui.runUntil(() -> listener.get() != null);
    }

    @AfterEach
    void stop() throws InterruptedException {
        exec.shutdownNow();
        assertThat(exec.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private CheckRow row(Check c) {
        return vm.rows().stream().filter(r -> r.id().equals(c.id())).findFirst().orElseThrow();
    }

    @Test
    void toolCallFragmentsGrowOneLinePerIndexAfterTheTextAndAreJoinedWithinAPulse() throws Exception {
        SmokeListener l = listener.get();
        l.onStarted(tools);
        l.onToken(tools, "Calling tools.\nNow");
        l.onToolCallFragment(tools, 0, "get_weather", "");
        l.onToolCallFragment(tools, 0, null, "{\"city\":");
        l.onToolCallFragment(tools, 1, "get_time", "{\"tz\"");
        l.onToolCallFragment(tools, 0, null, "\"Paris\"}");
        ui.pulse();
        assertThat(vm.followedProperty().get()).isSameAs(row(tools));
        assertThat(vm.outputLines()).containsExactly("Calling tools.", "Now",
                "tool call #0 · get_weather · {\"city\":\"Paris\"}",
                "tool call #1 · get_time · {\"tz\"");

        // the next pulse: arguments grow in place, text arriving later stays above the tool lines
        l.onToolCallFragment(tools, 1, null, ":\"CET\"}");
        l.onToken(tools, " done\nbye");
        for (int i = 0; i < 100; i++) {
            l.onToolCallFragment(tools, 2, i == 0 ? "noop" : null, "x");
        }
        ui.pulse();
        assertThat(vm.outputLines()).containsExactly("Calling tools.", "Now done", "bye",
                "tool call #0 · get_weather · {\"city\":\"Paris\"}",
                "tool call #1 · get_time · {\"tz\":\"CET\"}",
                "tool call #2 · noop · " + "x".repeat(100));
        assertThat(row(tools).toolCalls.calls()).extracting(c -> c.name).containsExactly("get_weather", "get_time", "noop");

        // a fragment without an index continues the latest call
        l.onToolCallFragment(tools, null, null, "y");
        ui.pulse();
        assertThat(vm.outputLines().get(5)).endsWith("xy");

        // following another check and back rebuilds the same lines from the row
        l.onStarted(text);
        l.onToken(text, "hello");
        ui.pulse();
        vm.follow(row(text));
        assertThat(vm.outputLines()).containsExactly("hello");
        vm.follow(row(tools));
        assertThat(vm.outputLines()).hasSize(6).endsWith("tool call #2 · noop · " + "x".repeat(100) + "y");
        assertThat(row(tools).toolCallLines()).hasSize(3);
    }

    @Test
    void rawLinesAreKeptPerCheckAndShownOnlyWhileTheRawViewIsOn() throws Exception {
        SmokeListener l = listener.get();
        l.onStarted(text);
        l.onRawSse(text, ": keep-alive");
        l.onRawSse(text, "data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}");
        l.onToken(text, "Hi");
        l.onRawSse(text, "event: response.output_text.delta\ndata: {\"delta\":\"!\"}");
        l.onRawSse(text, "data: [DONE]");
        ui.pulse();
        assertThat(vm.followedProperty().get()).isSameAs(row(text));
        assertThat(vm.rawViewProperty().get()).isFalse();
        assertThat(vm.rawLines()).as("nothing is mirrored while the raw view is off").isEmpty();
        assertThat(row(text).rawLines()).containsExactly(": keep-alive", "",
                "data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}", "",
                "event: response.output_text.delta", "data: {\"delta\":\"!\"}", "",
                "data: [DONE]", "");

        vm.rawViewProperty().set(true);
        assertThat(vm.rawLines()).isEqualTo(row(text).rawLines());
        assertThat(vm.rawNoteProperty().get()).contains("9 raw lines");
        assertThat(vm.outputLines()).containsExactly("Hi");

        // live: new events append while the view is on
        l.onRawSse(text, "data: {\"x\":1}");
        ui.pulse();
        assertThat(vm.rawLines()).hasSize(11).endsWith("data: {\"x\":1}", "");

        // another check's raw lines do not leak into this one's view
        l.onStarted(tools);
        l.onRawSse(tools, "data: {\"tool\":true}");
        ui.pulse();
        assertThat(vm.rawLines()).hasSize(11);
        vm.follow(row(tools));
        assertThat(vm.rawLines()).containsExactly("data: {\"tool\":true}", "");

        vm.rawViewProperty().set(false);
        assertThat(vm.rawLines()).isEmpty();
        assertThat(row(tools).rawLines()).hasSize(2);
    }

    @Test
    void rawLinesAreCappedPerCheckAndSaySoWhileTheViewFollowsTheTail() throws Exception {
        SmokeListener l = listener.get();
        l.onStarted(text);
        l.onToken(text, "x");
        vm.rawViewProperty().set(true);
        int events = RawTail.MAX_LINES; // each event is one data line and one blank line
        for (int i = 0; i < events; i++) {
            l.onRawSse(text, "data: " + i);
            if (i % 1000 == 999) {
                ui.pulse();
            }
        }
        l.onRawSse(text, "data: " + "z".repeat(RawTail.MAX_LINE_CHARS + 10));
        ui.pulse();
        List<String> shown = new ArrayList<>(vm.rawLines());
        assertThat(shown).hasSize(RawTail.MAX_LINES).isEqualTo(row(text).rawLines());
        assertThat(shown.get(0)).isEqualTo("data: " + (events / 2 + 1));
        assertThat(shown.get(shown.size() - 2)).hasSizeLessThan(RawTail.MAX_LINE_CHARS + 80)
                .endsWith("(" + (RawTail.MAX_LINE_CHARS + 16) + " characters; the first " + RawTail.MAX_LINE_CHARS + " shown)");
        assertThat(vm.rawNoteProperty().get()).contains("10,000 raw lines", "10,002 before them were dropped");
    }

    @Test
    void aCheckWithoutRawEventsSaysWhyAndANewRunStartsEmpty() throws Exception {
        SmokeListener l = listener.get();
        l.onStarted(text);
        l.onToken(text, "plain");
        l.onToolCallFragment(tools, 0, "f", "{}");
        ui.pulse();
        vm.rawViewProperty().set(true);
        assertThat(vm.rawLines()).isEmpty();
        assertThat(vm.rawNoteProperty().get()).contains("No events yet");
        CheckResult r = new CheckResult(text.id(), "streaming", "m1", Verdict.PASS, "", "", "req_1", 5L, 9L, 1, 1, 2, "plain", "curl");
        CheckResult t = new CheckResult(tools.id(), "tools-stream", "m1", Verdict.PASS, "", "", "req_2", 5L, 9L, 1, 1, 2, "", "curl");
        l.onFinished(text, r);
        l.onFinished(tools, t);
        done.complete(new SmokeRun("2026-06-11T09:00:00Z", "http://gw.test/v1", List.of(r, t)));
        ui.runUntil(() -> !vm.runningProperty().get());
        assertThat(vm.rawNoteProperty().get()).contains("No raw events");
        assertThat(row(tools).toolCallLines()).containsExactly("tool call #0 · f · {}");
    }
}
