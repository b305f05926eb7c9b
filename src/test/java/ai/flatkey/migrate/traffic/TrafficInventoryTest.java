package ai.flatkey.migrate.traffic;

import ai.flatkey.migrate.plan.Inventory;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.Parameters;
import ai.flatkey.migrate.scan.PlanScan;
import ai.flatkey.migrate.scan.Proposal;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What a recording shows, each with its call count, proposed into a plan the way the scanner proposes. */
class TrafficInventoryTest {
    private static TrafficInventory.Outcome app() throws Exception {
        return TrafficInventory.of(RecordingReader.read(Path.of("src/test/resources/traffic/app.jsonl")), "app.jsonl");
    }

    private static TrafficInventory.Observation seen(TrafficInventory.Outcome o, String what) {
        return o.observations().stream().filter(x -> x.what().equals(what)).findFirst()
                .orElseThrow(() -> new AssertionError(what + " not in " + o.observations()));
    }

    @Test
    void everyObservationCarriesItsCallCount() throws Exception {
        TrafficInventory.Outcome o = app();
        assertThat(o.calls()).isEqualTo(6);
        assertThat(seen(o, "endpoint chat").calls()).isEqualTo(4);
        assertThat(seen(o, "endpoint embeddings").calls()).isEqualTo(1);
        assertThat(seen(o, "model gpt-4o-mini").seqs()).containsExactly(1, 2, 3, 6);
        assertThat(seen(o, "parameter stream: true").calls()).isEqualTo(1);
        assertThat(seen(o, "parameter stream_options.include_usage: true").calls()).isEqualTo(1);
        assertThat(seen(o, "parameter max_tokens: 50").calls()).isEqualTo(3);
        assertThat(seen(o, "parameter temperature: 0.2").calls()).isEqualTo(2);
        assertThat(seen(o, "message role developer").calls()).isEqualTo(2);
        assertThat(o.observations()).noneMatch(x -> x.what().startsWith("errors "));
    }

    @Test
    void proposalsFillOnlyWhatThePlanLeavesEmptyWithTheCountsAsEvidence() throws Exception {
        TrafficInventory.Outcome o = app();
        Proposal production = o.proposals().stream().filter(p -> p.target() == Proposal.Target.PRODUCTION_MODEL)
                .findFirst().orElseThrow();
        assertThat(production.value()).isEqualTo("gpt-4o-mini");
        assertThat(production.evidence()).containsExactly("app.jsonl: 4 of 6 recorded calls (#1, #2, #3, #6)");
        Proposal mapping = o.proposals().stream().filter(p -> p.id().equals("mapping:gpt-4o-mini")).findFirst().orElseThrow();
        assertThat(mapping.features()).contains("chat", "streaming");
        MigrationPlan plan = MigrationPlan.newPlan("x").withInventory(new Inventory("", java.util.List.of(), "", "",
                java.util.List.of(), "", new Parameters(false, 0.7, null, false, false, "", null, null, null), "", ""));
        PlanScan.Applied applied = o.applyTo(plan, o.defaultAccepted());
        assertThat(applied.plan().inventory().parameters().temperature()).as("the plan's own value is kept").isEqualTo(0.7);
        assertThat(applied.plan().inventory().parameters().maxTokens()).as("the most frequent bound").isEqualTo(50);
        assertThat(applied.plan().inventory().parameters().stream()).isTrue();
        assertThat(applied.plan().inventory().messageShape()).contains("role developer (2)");
        assertThat(applied.kept()).isPositive();
    }

    @Test
    void errorRatesAreCountedPerEndpoint() throws Exception {
        RecordedCall ok = new RecordedCall(1, "t", "POST", "/v1/chat/completions", null, null, null, 200, null, null,
                null, null, null, null, null, null);
        RecordedCall refused = new RecordedCall(2, "t", "POST", "/v1/chat/completions", null, null, null, 400, null,
                null, null, null, null, null, null, null);
        RecordedCall dropped = new RecordedCall(3, "t", "POST", "/v1/chat/completions", null, null, null, 0, null, null,
                null, null, null, null, null, "upstream-failed: refused");
        TrafficInventory.Outcome o = TrafficInventory.of(new Recording(new RecordingHeader(RecordingHeader.FORMAT, 1,
                "t", "", RecordingHeader.FULL, "test"), java.util.List.of(ok, refused, dropped), java.util.List.of()), "r");
        assertThat(seen(o, "errors chat 4xx").calls()).isEqualTo(1);
        assertThat(seen(o, "errors chat no answer").calls()).isEqualTo(1);
        assertThat(seen(o, "endpoint chat").calls()).isEqualTo(3);
    }
}
