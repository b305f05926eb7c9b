package ai.flatkey.migrate.ui.step.verify;

import ai.flatkey.migrate.plan.Checklist;
import ai.flatkey.migrate.plan.ChecklistItem;
import ai.flatkey.migrate.plan.ItemStatus;
import ai.flatkey.migrate.plan.Reconciliation;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.ui.StepFixtures;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.usage.UsageService;
import ai.flatkey.migrate.usage.Verification;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Step 5: confirmations, the budget, and looking again for requests not visible yet. */
class VerifyViewModelTest extends StepFixtures {

    @Test
    void confirmationsNeedWhoAndEvidenceRefuseKeysAndMarkTheChecklist() {
        PlanDocument doc = new PlanDocument(plan());
        VerifyViewModel vm = new VerifyViewModel(doc, keys(), new Verification(new FakeUsage()), bg, clock);
        VerifyViewModel.ConfirmRow usageLog = vm.confirmRows().get(0);
        usageLog.confirm();
        assertThat(usageLog.stateProperty().get()).contains("Enter who");
        usageLog.who.set("Dana");
        usageLog.evidence.set("sk-fake-abcdefghijklmnopqrstuvwxyz0123456789");
        usageLog.confirm();
        assertThat(usageLog.stateProperty().get()).contains("looks like an API key");
        assertThat(doc.plan().confirmations()).isEmpty();
        usageLog.evidence.set("req_1 visible at 10:42");
        usageLog.confirm();
        assertThat(doc.plan().confirmations()).singleElement().satisfies(c -> {
            assertThat(c.who()).isEqualTo("Dana");
            assertThat(c.when()).isEqualTo("2026-06-11T09:00:00Z");
        });
        assertThat(doc.plan().checklistItem(Checklist.USAGE_LOG).status()).isEqualTo(ItemStatus.DONE);
        assertThat(usageLog.stateProperty().get()).isEqualTo("Confirmed by Dana on 2026-06-11 09:00 UTC.");
        VerifyViewModel.ConfirmRow routing = vm.confirmRows().get(3);
        routing.who.set("Dana");
        routing.evidence.set("EU region");
        routing.confirm();
        assertThat(doc.plan().confirmations()).extracting(c -> c.itemId()).containsExactly(Checklist.USAGE_LOG, "routing");
    }

    @Test
    void theRoutingConfirmationCountsForTheBaseUrlItem() {
        PlanDocument doc = new PlanDocument(plan());
        VerifyViewModel vm = new VerifyViewModel(doc, keys(), new Verification(new FakeUsage()), bg, clock);
        VerifyViewModel.ConfirmRow routing = vm.confirmRows().stream().filter(r -> r.itemId().equals(Checklist.ROUTING))
                .findFirst().orElseThrow();
        assertThat(routing.title()).contains("stale direct-provider config", "Base URL is centralized");
        assertThat(vm.confirmations()).extracting(r -> r.id()).contains(Checklist.BASE_URL);
        assertThat(Checklist.derive(doc.plan()).stream().filter(e -> e.id().equals(Checklist.BASE_URL)).findFirst().orElseThrow()
                .status()).isEqualTo(ItemStatus.OPEN);
        routing.who.set("Dana");
        routing.evidence.set("req_1 in the gateway log; none at the old provider");
        routing.confirm();
        assertThat(doc.plan().checklistItem(Checklist.BASE_URL))
                .isEqualTo(new ChecklistItem(Checklist.BASE_URL, ItemStatus.DONE, "req_1 in the gateway log; none at the old provider"));
        Checklist.Entry baseUrl = Checklist.derive(doc.plan()).stream().filter(e -> e.id().equals(Checklist.BASE_URL)).findFirst().orElseThrow();
        assertThat(baseUrl.status()).isEqualTo(ItemStatus.DONE);
        assertThat(baseUrl.evidence()).contains("Confirmed by Dana");
        assertThat(vm.confirmations().stream().filter(r -> r.id().equals(Checklist.BASE_URL)).findFirst().orElseThrow()
                .statusProperty().get()).isEqualTo(ItemStatus.DONE);
    }

    @Test
    void budgetIsValidatedAndStored() {
        PlanDocument doc = new PlanDocument(plan());
        VerifyViewModel vm = new VerifyViewModel(doc, keys(), new Verification(UsageService.manualOnly()), bg, clock);
        vm.budget.set("-1");
        assertThat(vm.budgetError.get()).isNotEmpty();
        assertThat(doc.plan().budgetUsd()).isNull();
        vm.budget.set("2.5");
        assertThat(doc.plan().budgetUsd()).isEqualTo(2.5);
        vm.budget.set("");
        assertThat(doc.plan().budgetUsd()).isNull();
    }

    @Test
    void lookingAgainFindsARequestThatWasNotVisibleYet() throws Exception {
        PlanDocument doc = new PlanDocument(plan());
        SmokeRun run = new SmokeRun("2026-06-11T08:00:00Z", "http://gw.test/v1", List.of(result()));
        Reconciliation pending = new Reconciliation(run.startedAt(), "2026-06-11T08:00:05Z", "fake", List.of(
                new Reconciliation.Row("chat:m1", "req_1", "m1", "", 110, null, null, null, "", Reconciliation.Status.NOT_VISIBLE_YET, "")),
                10.0, 9.9, 0.0001, List.of(), "");
        doc.edit(p -> p.withSmokeRunAdded(run, 10).withReconciliation(pending));
        FakeUsage usage = new FakeUsage();
        VerifyViewModel vm = new VerifyViewModel(doc, keys(), new Verification(usage), bg, clock);
        assertThat(vm.anyNotVisibleProperty().get()).isTrue();
        assertThat(vm.reconciliation()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo("not visible yet"));
        vm.recheck();
        ui.runUntil(() -> !vm.recheckingProperty().get());
        assertThat(vm.recheckMessageProperty().get()).contains("every checkable request");
        assertThat(vm.reconciliation()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo("match"));
        assertThat(vm.quotaBeforeProperty().get()).isEqualTo("$10.000000");
        assertThat(vm.anyNotVisibleProperty().get()).isFalse();
    }
}
