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
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Before the first run the step lists the checks Run all would send; a run replaces them. */
class SmokePlannedRowsTest {

    private final ExecutorService exec = Executors.newCachedThreadPool();
    private final QueueBridge ui = new QueueBridge();

    @AfterEach
    void stop() throws InterruptedException {
        exec.shutdownNow();
        assertThat(exec.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void theChecksARunWouldSendAreListedAsNotRunFollowTheSelectionAndGiveWayToTheRun() throws Exception {
        PlanDocument doc = new PlanDocument(MigrationPlan.newPlan("p").withTarget(new Endpoint("custom", "http://gw.test/v1", ""))
                .withMappings(List.of(new ModelMapping("a", "m1", List.of("chat", "streaming"), ""))));
        SmokeService fake = new SmokeService() {
            @Override
            public List<Check> derive(MigrationPlan plan) {
                return ai.flatkey.migrate.smoke.SmokeSuite.derive(plan);
            }

            @Override
            public CompletableFuture<SmokeRun> run(MigrationPlan plan, Target target, Target source, ai.flatkey.migrate.smoke.SuiteOptions options,
                                                   SmokeListener l, Cancellation cancel) {
                Check c = ai.flatkey.migrate.smoke.SmokeSuite.derive(plan).stream().filter(x -> x.id().equals("chat:m1")).findFirst().orElseThrow();
                CheckResult r = new CheckResult(c.id(), "chat", "m1", Verdict.PASS, "", "", "req_1", 5L, 9L, 1, 1, 2, "hi", "curl");
                l.onStarted(c);
                l.onFinished(c, r);
                return CompletableFuture.completedFuture(new SmokeRun("2026-06-11T09:00:00Z", target.baseUrl(), List.of(r)));
            }
        };
        SmokeViewModel vm = new SmokeViewModel(doc, new KeyResolver(k -> null), fake, new Background(exec, ui));
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
}
