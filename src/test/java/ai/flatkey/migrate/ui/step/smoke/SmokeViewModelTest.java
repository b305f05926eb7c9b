package ai.flatkey.migrate.ui.step.smoke;

import ai.flatkey.migrate.export.ClientSnippets;
import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.Reconciliation;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.Verdict;
import ai.flatkey.migrate.secrets.KeyResolver;
import ai.flatkey.migrate.smoke.Check;
import ai.flatkey.migrate.smoke.SmokeListener;
import ai.flatkey.migrate.smoke.SmokeService;
import ai.flatkey.migrate.smoke.SuiteRun;
import ai.flatkey.migrate.ui.StepFixtures;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.ui.support.Notifier;
import ai.flatkey.migrate.ui.support.Tone;
import ai.flatkey.migrate.usage.UsageService;
import ai.flatkey.migrate.usage.Verification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Step 4: planned rows, options and budget, live output, reconciliation, snippets, notifications. */
class SmokeViewModelTest extends StepFixtures {

    // ---- before the first run: the checks Run all would send; a run replaces them ----

    @Test
    void theChecksARunWouldSendAreListedAsNotRunFollowTheSelectionAndGiveWayToTheRun() throws Exception {
        PlanDocument doc = new PlanDocument(MigrationPlan.newPlan("p").withTarget(new Endpoint("custom", "http://gw.test/v1", ""))
                .withMappings(List.of(new ModelMapping("a", "m1", List.of("chat", "streaming"), ""))));
        SmokeService fake = scriptedSmoke(ai.flatkey.migrate.smoke.SmokeSuite::derive, (plan, target, l) -> {
            Check c = ai.flatkey.migrate.smoke.SmokeSuite.derive(plan).stream().filter(x -> x.id().equals("chat:m1")).findFirst().orElseThrow();
            CheckResult r = new CheckResult(c.id(), "chat", "m1", Verdict.PASS, "", "", "req_1", 5L, 9L, 1, 1, 2, "hi", "curl");
            l.onStarted(c);
            l.onFinished(c, r);
            return CompletableFuture.completedFuture(new SmokeRun("2026-06-11T09:00:00Z", target.baseUrl(), List.of(r)));
        });
        SmokeViewModel vm = new SmokeViewModel(doc, new KeyResolver(k -> null), fake, bg);
        assertThat(vm.rows()).as("listed off the UI thread, not in the constructor").isEmpty();
        ui.runUntil(() -> !vm.rows().isEmpty());
        assertThat(vm.rows()).extracting(CheckRow::id).containsExactly("models", "base-url", "chat:m1", "streaming:m1",
                "streaming-no-usage:m1", "auth", "unknown-model", "unsupported-param");
        assertThat(vm.rows()).allSatisfy(r -> assertThat(r.statusProperty().get()).isEqualTo("not run"));
        assertThat(vm.progressProperty().get()).isEqualTo("8 checks to run");
        assertThat(vm.summaryProperty().get()).startsWith("No run yet.");

        vm.checks.set("chat:*");
        ui.runUntil(() -> vm.rows().size() == 1);
        assertThat(vm.rows().get(0).id()).isEqualTo("chat:m1");

        // an edit to the plan lists the checks it now needs
        doc.edit(p -> p.withMappings(List.of(new ModelMapping("a", "m1", List.of("chat"), ""),
                new ModelMapping("b", "m2", List.of("chat"), ""))));
        ui.runUntil(() -> vm.rows().size() == 2);
        assertThat(vm.rows()).extracting(CheckRow::id).containsExactly("chat:m1", "chat:m2");

        vm.run();
        ui.runUntil(() -> !vm.runningProperty().get() && vm.rows().get(0).statusProperty().get().equals("pass"));
        assertThat(vm.rows()).extracting(CheckRow::id).containsExactly("chat:m1", "chat:m2");
        assertThat(vm.rows().get(1).statusProperty().get()).isEqualTo("queued");
        assertThat(doc.plan().latestRun()).isPresent();
    }

    // ---- running: tokens, options, budget, reconciliation, snippets ----

    @Test
    void smokeTokensAreCoalescedPerPulseAndTheRunIsStoredInThePlan() throws Exception {
        PlanDocument doc = new PlanDocument(MigrationPlan.newPlan("p").withTarget(
                new ai.flatkey.migrate.plan.Endpoint("custom", "http://gw.test/v1", "")).withMappings(
                List.of(new ModelMapping("a", "m1", List.of("chat", "streaming"), ""))));
        Check stream = new Check("streaming:m1", "streaming", "m1", "Streaming chat with m1");
        CountDownLatch release = new CountDownLatch(1);
        SmokeService fake = scriptedSmoke(plan -> List.of(stream), (plan, target, l) -> CompletableFuture.supplyAsync(() -> {
            l.onStarted(stream);
            for (int i = 0; i < 1000; i++) {
                l.onToken(stream, i % 100 == 99 ? "w\n" : "w ");
            }
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            CheckResult r = new CheckResult(stream.id(), "streaming", "m1", Verdict.PASS, "", "", "req_9", 12L, 80L, 5, 1000, 1005, "", "curl …");
            l.onFinished(stream, r);
            return new SmokeRun("2026-06-11T09:00:00Z", target.baseUrl(), List.of(r));
        }, exec));
        SmokeViewModel vm = new SmokeViewModel(doc, new KeyResolver(k -> null), fake, bg);
        vm.run();
        assertThat(vm.runningProperty().get()).isTrue();
        assertThat(ui.registeredFlushes()).isEqualTo(1);
        // wait until all 1000 tokens are buffered, then one pulse applies them at once
        ui.runUntil(() -> vm.outputLines().size() == 11);
        assertThat(ui.pulses()).isLessThan(1000);
        assertThat(String.join("\n", vm.outputLines())).hasSize(2000);
        assertThat(vm.rows()).singleElement().satisfies(r -> assertThat(r.statusProperty().get()).isEqualTo("running"));
        assertThat(vm.rows().get(0).statusToneProperty().get()).isEqualTo(Tone.ACCENT);
        release.countDown();
        ui.runUntil(() -> !vm.runningProperty().get());
        assertThat(ui.registeredFlushes()).isZero();
        assertThat(vm.rows().get(0).statusProperty().get()).isEqualTo("pass");
        assertThat(vm.rows().get(0).statusToneProperty().get()).isEqualTo(Tone.SUCCESS);
        assertThat(vm.rows().get(0).requestIdProperty().get()).isEqualTo("req_9");
        assertThat(doc.isDirty()).isTrue();
        assertThat(doc.plan().smokeRuns()).hasSize(1);
        assertThat(vm.curlFor(vm.rows().get(0))).isEqualTo("curl …");
    }

    @Test
    void smokeAsksBeforeRunningOverBudgetThenRunsAndReconciles() throws Exception {
        PlanDocument doc = new PlanDocument(plan().withBudgetUsd(0.000001));
        FakeSmoke smoke = new FakeSmoke();
        FakeUsage usage = new FakeUsage();
        SmokeViewModel vm = new SmokeViewModel(doc, new SuiteRun(smoke, new Verification(usage), keys()), bg, new Notifier());
        vm.repeat.set("0");
        assertThat(vm.repeatError.get()).contains("1 to 100");
        vm.run();
        assertThat(vm.summaryProperty().get()).contains("Repeat");
        vm.repeat.set("2");
        vm.run();
        ui.runUntil(() -> !vm.budgetWarningProperty().get().isEmpty());
        assertThat(vm.budgetWarningProperty().get()).contains("over the plan's budget");
        assertThat(smoke.runs).isEmpty();
        assertThat(vm.runningProperty().get()).isFalse();

        vm.runAnyway();
        ui.runUntil(() -> !vm.runningProperty().get() && !vm.reconcilingProperty().get() && doc.plan().reconciliation() != null);
        assertThat(smoke.runs).singleElement().satisfies(o -> assertThat(o.repeat()).isEqualTo(2));
        Reconciliation rec = doc.plan().latestReconciliation().orElseThrow();
        assertThat(rec.count(Reconciliation.Status.MATCH)).isEqualTo(1);
        assertThat(rec.quotaBefore()).isEqualTo(10.0);
        assertThat(rec.rateLimits()).containsExactly("requests: 59 of 60 left, full again in 1s");
        assertThat(vm.rows()).singleElement().satisfies(r -> {
            assertThat(r.costProperty().get()).isEqualTo("$0.000110");
            assertThat(r.tpsProperty().get()).isEqualTo("50/s");
        });
        assertThat(vm.groupedRows()).hasSize(2).first().satisfies(g -> assertThat(g.isGroup()).isTrue());
        assertThat(vm.latency()).singleElement().satisfies(l -> assertThat(l.model()).isEqualTo("m1"));
    }

    @Test
    void runOneSelectsOnlyThatCheckAndSnippetsUseTheRunbooksVariables() throws Exception {
        PlanDocument doc = new PlanDocument(plan());
        FakeSmoke smoke = new FakeSmoke();
        SmokeViewModel vm = new SmokeViewModel(doc, keys(), smoke, bg);
        vm.run();
        ui.runUntil(() -> !vm.runningProperty().get() && doc.plan().latestRun().isPresent());
        vm.runOne(vm.rows().get(0));
        ui.runUntil(() -> smoke.runs.size() == 2 && !vm.runningProperty().get());
        assertThat(smoke.runs.get(1).checks()).isEqualTo("chat:m1");
        String py = vm.pythonFor(vm.rows().get(0));
        assertThat(py).contains("os.environ.get(\"OPENAI_BASE_URL\", \"http://gw.test/v1\")").contains("FLATKEY_API_KEY").contains("FLATKEY_MODEL\", \"m1\"");
        assertThat(vm.nodeFor(vm.rows().get(0))).contains("process.env.FLATKEY_API_KEY").contains("baseURL: process.env.OPENAI_BASE_URL");
        assertThat(ClientSnippets.python(doc.plan(), "m", "streaming")).contains("stream=True").contains("include_usage");
        assertThat(py + vm.nodeFor(vm.rows().get(0))).doesNotContain("sk-");
    }

    @Test
    void compareWithoutACurrentProviderSaysWhatToSet() {
        PlanDocument doc = new PlanDocument(plan());
        SmokeViewModel vm = new SmokeViewModel(doc, keys(), new FakeSmoke(), bg);
        vm.compare.set(true);
        vm.run();
        assertThat(vm.summaryProperty().get()).contains("current provider's base URL");
        assertThat(vm.runningProperty().get()).isFalse();
    }

    @Test
    void aRunThatStopsRaisesANotificationThatSaysWhatToDo() throws Exception {
        PlanDocument doc = new PlanDocument(plan());
        SmokeService broken = scriptedSmoke(plan -> List.of(new Check("chat:m1", "chat", "m1", "Chat completion")), (plan, target, l) ->
                CompletableFuture.failedFuture(new java.io.IOException("connection reset by the gateway")));
        ai.flatkey.migrate.ui.support.Notifier notifier = new ai.flatkey.migrate.ui.support.Notifier();
        SmokeViewModel vm = new SmokeViewModel(doc, new SuiteRun(broken, new Verification(UsageService.manualOnly()), keys()), bg, notifier);
        vm.run();
        ui.runUntil(() -> !vm.runningProperty().get() && !notifier.notices().isEmpty());
        assertThat(notifier.notices()).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(ai.flatkey.migrate.ui.support.Notifier.Kind.ERROR);
            assertThat(n.whatToDo()).contains("connection reset").contains("step 2");
        });
        assertThat(doc.plan().smokeRuns()).isEmpty();
        for (int i = 0; i < 6; i++) {
            notifier.info("n" + i, "x");
        }
        assertThat(notifier.notices()).hasSize(ai.flatkey.migrate.ui.support.Notifier.MAX);
    }

    @Test
    void failedCheckEvidenceNamesTheRule() {
        CheckResult r = new CheckResult("streaming:m1", "streaming", "m1", Verdict.FAIL, "STREAM-DONE",
                "The stream ended without [DONE].", "req_7", 10L, 90L, 3, 4, 7, "partial", "curl …");
        assertThat(Metrics.evidence(r)).contains("rule STREAM-DONE (CONFORMANCE.md)").contains("without [DONE]").contains("req_7").contains("partial");
        assertThat(Metrics.tokensPerSecond(r)).hasValueSatisfying(v -> assertThat(v).isEqualTo(50.0));
    }

    @Test
    void aRequestChecksEvidenceListsEachAssertionWithItsOutcome() {
        CheckResult r = new CheckResult("request:fruit", "request", "m1", Verdict.FAIL, "ASSERT-CONTAINS",
                "contains \"banana\": the answer does not contain it", "req_8", null, 90L, 3, 4, 7, "Apples.", "curl …",
                null, "", java.util.List.of(), java.util.List.of(
                new ai.flatkey.migrate.plan.AssertionResult("ASSERT-NOT-EMPTY", "answer not empty",
                        ai.flatkey.migrate.plan.AssertionResult.Status.PASS, "7 characters"),
                new ai.flatkey.migrate.plan.AssertionResult("ASSERT-CONTAINS", "contains \"banana\"",
                        ai.flatkey.migrate.plan.AssertionResult.Status.FAIL, "the answer does not contain it"),
                new ai.flatkey.migrate.plan.AssertionResult("ASSERT-COST", "cost ≤ $0.01",
                        ai.flatkey.migrate.plan.AssertionResult.Status.NOT_CHECKED, "the plan has no price for m1")));
        assertThat(Metrics.evidence(r)).as("an assertion rule is described in the request checks' document")
                .startsWith("FAIL — rule ASSERT-CONTAINS (docs/request-checks.md)\n");
        assertThat(Metrics.evidence(r)).contains("Assertions (1 of 3 held):",
                "• held — answer not empty [ASSERT-NOT-EMPTY]: 7 characters",
                "• failed — contains \"banana\" [ASSERT-CONTAINS]: the answer does not contain it",
                "• could not be checked — cost ≤ $0.01 [ASSERT-COST]: the plan has no price for m1");
    }

    /** The live pane's state beyond text: tool-call lines per check, raw SSE lines per check, and the raw-view toggle. */
    @Nested
    class Live {

        private final AtomicReference<SmokeListener> listener = new AtomicReference<>();
        private final CompletableFuture<SmokeRun> done = new CompletableFuture<>();
        private final Check text = new Check("streaming:m1", "streaming", "m1", "Streaming chat");
        private final Check tools = new Check("tools-stream:m1", "tools-stream", "m1", "Streamed tool call");
        private SmokeViewModel vm;

        @BeforeEach
        void start() throws Exception {
            PlanDocument doc = new PlanDocument(MigrationPlan.newPlan("p").withTarget(new Endpoint("custom", "http://gw.test/v1", ""))
                    .withMappings(List.of(new ModelMapping("a", "m1", List.of("chat", "streaming", "tools"), ""))));
            SmokeService fake = scriptedSmoke(plan -> List.of(text, tools), (plan, target, l) -> {
                listener.set(l);
                return done;
            });
            vm = new SmokeViewModel(doc, new KeyResolver(k -> null), fake, bg);
            vm.run();
            ui.runUntil(() -> listener.get() != null);
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
}
