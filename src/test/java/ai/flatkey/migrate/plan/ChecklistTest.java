package ai.flatkey.migrate.plan;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChecklistTest {
    private static Checklist.Entry entry(MigrationPlan plan, String id) {
        return Checklist.derive(plan).stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void newPlanHasEverythingOpen() {
        List<Checklist.Entry> entries = Checklist.derive(MigrationPlan.newPlan("x"));
        assertThat(entries).hasSize(11).allMatch(e -> e.status() == ItemStatus.OPEN);
        assertThat(Checklist.doneCount(entries)).isZero();
    }

    @Test
    void evidenceMarksItemsDone() {
        MigrationPlan plan = PlanStoreTest.sample();
        assertThat(entry(plan, Checklist.INVENTORY).status()).isEqualTo(ItemStatus.DONE);
        assertThat(entry(plan, Checklist.MODEL).status()).isEqualTo(ItemStatus.DONE);
        assertThat(entry(plan, Checklist.FEATURES).status()).isEqualTo(ItemStatus.DONE);
        assertThat(entry(plan, Checklist.FEATURES).evidence()).contains("gpt-5.5: pass", "req_1");
        assertThat(entry(plan, Checklist.ROLLBACK).status()).isEqualTo(ItemStatus.DONE);
        assertThat(entry(plan, Checklist.USAGE_LOG).status()).isEqualTo(ItemStatus.OPEN);
    }

    @Test
    void aPlanWithImageAudioOrVideoGetsTheSeparateMigrationItemFilledFromItsVerdicts() {
        MigrationPlan chatOnly = PlanStoreTest.sample();
        assertThat(Checklist.derive(chatOnly)).extracting(Checklist.Entry::id).doesNotContain(Checklist.FAMILIES);

        Inventory inv = chatOnly.inventory();
        MigrationPlan families = chatOnly.withInventory(new Inventory(inv.sdk(), List.of("chat", "images", "video", "files"),
                inv.currentBaseUrl(), inv.productionModel(), inv.fallbackModels(), inv.messageShape(), inv.parameters(),
                inv.observability(), inv.rollbackPath()));
        assertThat(entry(families, Checklist.FAMILIES).status()).isEqualTo(ItemStatus.OPEN);
        assertThat(entry(families, Checklist.FAMILIES).evidence()).contains("checked none of the app's image, audio or video");

        CheckResult image = new CheckResult("images:gpt-image-1", "images", "gpt-image-1", Verdict.PASS, "IMG-BYTES",
                "ok", "req_img", null, 900L, null, null, null, "", "");
        CheckResult video = new CheckResult("video:sora-2", "video", "sora-2", Verdict.PASS, "VID-CONTENT", "ok",
                "req_vid", null, 700L, null, null, null, "", "");
        CheckResult files = new CheckResult("files", "files", "", Verdict.UNSUPPORTED, "ENDPOINT-AVAILABLE",
                "501 api_not_implemented", "", null, null, null, null, null, "", "");
        MigrationPlan passed = families.withSmokeRunAdded(new SmokeRun("t3", "u", List.of(image, video)), 10);
        assertThat(entry(passed, Checklist.FAMILIES).status()).isEqualTo(ItemStatus.DONE);
        assertThat(entry(passed, Checklist.FAMILIES).evidence()).contains("images: gpt-image-1: pass (request req_img)",
                "video: sora-2: pass (request req_vid)").doesNotContain("Keep the families");

        MigrationPlan lacking = families.withSmokeRunAdded(new SmokeRun("t4", "u", List.of(image, video, files)), 10);
        assertThat(entry(lacking, Checklist.FAMILIES).status()).isEqualTo(ItemStatus.OPEN);
        assertThat(entry(lacking, Checklist.FAMILIES).evidence()).contains("files: unsupported (ENDPOINT-AVAILABLE)",
                "Keep the families that did not pass on the current provider");
    }

    @Test
    void aFailedCheckKeepsTheFeatureItemOpen() {
        CheckResult failed = new CheckResult("streaming:m", "streaming", "m", Verdict.FAIL, "SSE-DONE", "truncated",
                "", null, null, null, null, null, "", "");
        MigrationPlan plan = PlanStoreTest.sample().withSmokeRunAdded(new SmokeRun("t2", "u", List.of(failed)), 10);
        assertThat(entry(plan, Checklist.FEATURES).status()).isEqualTo(ItemStatus.OPEN);
        assertThat(entry(plan, Checklist.FEATURES).evidence()).contains("m: fail");
    }

    @Test
    void thePersonsWordWins() {
        MigrationPlan plan = PlanStoreTest.sample();
        Checklist.Entry quota = entry(plan, Checklist.QUOTA);
        assertThat(quota.status()).isEqualTo(ItemStatus.DONE);
        assertThat(quota.fromPerson()).isTrue();
        assertThat(quota.note()).isEqualTo("quota 5 USD");
        MigrationPlan na = plan.withChecklistItem(new ChecklistItem(Checklist.SDK, ItemStatus.NOT_APPLICABLE, "curl only"));
        assertThat(entry(na, Checklist.SDK).status()).isEqualTo(ItemStatus.NOT_APPLICABLE);
    }

    @Test
    void aRoutingConfirmationIsTheEvidenceForTheBaseUrlItem() {
        MigrationPlan plan = PlanStoreTest.sample();
        assertThat(entry(plan, Checklist.BASE_URL).status()).isEqualTo(ItemStatus.OPEN);
        MigrationPlan routed = plan.withConfirmation(new Confirmation(Checklist.ROUTING, "Dana", "2026-11-25T09:00:00Z",
                "req_1 shows in the Flatkey log, none in the old provider's"));
        Checklist.Entry baseUrl = entry(routed, Checklist.BASE_URL);
        assertThat(baseUrl.status()).isEqualTo(ItemStatus.DONE);
        assertThat(baseUrl.fromPerson()).isFalse();
        assertThat(baseUrl.evidence()).contains("Routing through the intended gateway path", "Confirmed by Dana",
                "none in the old provider's");
        assertThat(Checklist.derive(routed)).hasSize(11).extracting(Checklist.Entry::id).doesNotContain(Checklist.ROUTING);
        // the person's own word still wins
        MigrationPlan reopened = routed.withChecklistItem(new ChecklistItem(Checklist.BASE_URL, ItemStatus.NOT_APPLICABLE, "one service"));
        assertThat(entry(reopened, Checklist.BASE_URL).status()).isEqualTo(ItemStatus.NOT_APPLICABLE);
    }

    @Test
    void theRollbackItemSaysWhetherTheRollbackWasProved() {
        MigrationPlan plan = PlanStoreTest.sample();
        assertThat(entry(plan, Checklist.ROLLBACK).evidence()).contains("not proved yet");
        MigrationPlan proved = plan.withRollback(plan.rollback().provedAt("2026-11-25T09:44:00Z"));
        assertThat(entry(proved, Checklist.ROLLBACK).evidence()).contains("proved (basic checks passed) on 2026-11-25 09:44:00 UTC");
    }

    @Test
    void theHttpItemSaysWhatRanTheAppsClientNotCurl() {
        Checklist.Entry curl = entry(PlanStoreTest.sample(), Checklist.CURL);
        assertThat(curl.title()).isEqualTo("Direct HTTP smoke test passes").doesNotContain("curl");
        assertThat(curl.evidence()).startsWith("Chat check with the app's HTTP client: ")
                .endsWith("The equivalent curl command is saved with the check (JSON export); it was not run.");
        assertThat(entry(MigrationPlan.newPlan("x"), Checklist.CURL).evidence()).isEqualTo("No smoke run yet (step 4).");
    }

    @Test
    void theFeatureItemNamesTheFeaturesTheRunDidNotCheck() {
        CheckResult stream = new CheckResult("streaming:m", "streaming", "m", Verdict.PASS, "SSE-DONE", "ok",
                "req_9", null, null, null, null, null, "", "");
        MigrationPlan plan = PlanStoreTest.sample().withSmokeRunAdded(new SmokeRun("t3", "u", List.of(stream)), 10);
        assertThat(entry(plan, Checklist.FEATURES).evidence())
                .isEqualTo("streaming: m: pass (request req_9); not checked: tools, json, vision — run of t3");
    }

    /** Issue 22: "Billing reviewed" is not done while the quota dropped clearly more than the suite was estimated to cost. */
    @Test
    void billingIsNotDoneWhileTheQuotaDropDisagreesWithTheEstimate() {
        SmokeRun run = new SmokeRun("2026-12-07T04:00:00Z", "https://gw.test/v1", List.of());
        Reconciliation.Row row = new Reconciliation.Row("chat:m", "req_1", "m", "m", 10, 10, 0.0004, 0.0004, "200",
                Reconciliation.Status.MATCH, "");
        MigrationPlan base = MigrationPlan.newPlan("billing").withSmokeRunAdded(run, 10);
        MigrationPlan off = base.withReconciliation(new Reconciliation(run.startedAt(), "2026-12-07T04:01:00Z", "flatkey",
                List.of(row), 10.0, 10.0 - 0.0005, 0.0004, List.of(), ""));
        Checklist.Entry billing = Checklist.derive(off).stream().filter(e -> e.id().equals(Checklist.BILLING)).findFirst().orElseThrow();
        assertThat(billing.status()).isEqualTo(ItemStatus.OPEN);
        assertThat(billing.evidence()).contains("quota dropped 25 % more than estimated", "billing unit");

        MigrationPlan agrees = base.withReconciliation(new Reconciliation(run.startedAt(), "2026-12-07T04:01:00Z", "flatkey",
                List.of(row), 10.0, 10.0 - 0.000404, 0.0004, List.of(), ""));
        Checklist.Entry ok = Checklist.derive(agrees).stream().filter(e -> e.id().equals(Checklist.BILLING)).findFirst().orElseThrow();
        assertThat(ok.status()).isEqualTo(ItemStatus.DONE);
        assertThat(ok.evidence()).doesNotContain("than estimated");
    }
}
