package ai.flatkey.migrate.scan;

import ai.flatkey.migrate.plan.Inventory;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.Parameters;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Proposals from a scan, and the pure merge that never wipes an edit. */
class PrefillTest {

    private static List<Proposal> proposals(String project) throws Exception {
        return Prefill.propose(CorpusScanTest.scan(CorpusScanTest.corpus().resolve(project)));
    }

    private static Map<String, String> values(List<Proposal> ps) {
        return ps.stream().collect(Collectors.toMap(Proposal::id, Proposal::value));
    }

    @Test
    void proposesInventoryAndMappingWithEvidence() throws Exception {
        ScanResult scan = CorpusScanTest.scan(CorpusScanTest.corpus().resolve("python-openai"));
        List<Proposal> ps = Prefill.propose(scan);
        assertThat(values(ps)).containsEntry("sdk", "Python openai").containsEntry("endpoint:chat", "chat")
                .containsEntry("endpoint:embeddings", "embeddings").containsEntry("baseUrl", "https://api.openai.com/v1")
                .containsEntry("model:production", "gpt-4o-mini").containsEntry("param:temperature", "0.2")
                .containsEntry("param:maxTokens", "300").containsEntry("param:seed", "7").containsEntry("param:timeout", "30")
                .containsEntry("param:retries", "3").containsEntry("source:keyRef", "env:OPENAI_API_KEY")
                .containsEntry("messageShape", "system + user").containsEntry("mapping:gpt-4o-mini", "gpt-4o-mini")
                .containsEntry("mapping:text-embedding-3-small", "text-embedding-3-small");
        for (Proposal p : ps) {
            assertThat(p.evidence()).as(p.id()).isNotEmpty().allSatisfy(id -> assertThat(scan.finding(id)).as(id).isPresent());
        }
        Proposal emb = ps.stream().filter(p -> p.id().equals("mapping:text-embedding-3-small")).findFirst().orElseThrow();
        assertThat(emb.features()).containsExactly("embeddings");
        assertThat(emb.notes()).contains("encoding_format=float").contains("app.py:");
        Proposal chat = ps.stream().filter(p -> p.id().equals("mapping:gpt-4o-mini")).findFirst().orElseThrow();
        assertThat(chat.features()).contains("chat");
    }

    @Test
    void mergeFillsAnEmptyPlan() throws Exception {
        List<Proposal> ps = proposals("python-async");
        MigrationPlan merged = Prefill.merge(MigrationPlan.newPlan("x"), ps, Prefill.defaultAccepted(ps));
        Inventory inv = merged.inventory();
        assertThat(inv.sdk()).isEqualTo("Python openai");
        assertThat(inv.endpoints()).containsExactlyInAnyOrder("chat", "responses");
        assertThat(inv.productionModel()).isEqualTo("gpt-4.1");
        assertThat(inv.fallbackModels()).isEmpty(); // the second chat model is a LOW-confidence proposal: not accepted by default
        assertThat(inv.parameters().stream()).isTrue();
        assertThat(inv.parameters().tools()).isTrue();
        assertThat(inv.parameters().maxTokens()).isEqualTo(512);
        assertThat(inv.messageShape()).contains("developer messages").contains("image parts");
        assertThat(merged.source().keyRef()).isEqualTo("env:OPENAI_API_KEY");
        assertThat(merged.mappings()).extracting(ModelMapping::sourceModel).containsExactlyInAnyOrder("gpt-4.1", "gpt-4.1-mini");
        ModelMapping m = merged.mappings().stream().filter(x -> x.sourceModel().equals("gpt-4.1")).findFirst().orElseThrow();
        assertThat(m.targetModel()).isEqualTo("gpt-4.1");
        assertThat(m.features()).contains("chat", "streaming", "tools");
        assertThat(m.notes()).contains("stream_options");
    }

    @Test
    void mergeNeverOverwritesEditsAndIsIdempotent() throws Exception {
        List<Proposal> ps = proposals("python-openai");
        Inventory edited = new Inventory("Python openai 1.x (edited)", List.of("chat"), "https://edited.example.com/v1", "gpt-4o",
                List.of("gpt-4o-mini"), "edited shape", new Parameters(false, 0.9, null, false, false, "", null, 120, null), "Datadog", "env swap");
        MigrationPlan before = MigrationPlan.newPlan("x").withInventory(edited)
                .withMappings(List.of(new ModelMapping("gpt-4o-mini", "my-target", List.of("chat"), "mine")));
        MigrationPlan after = Prefill.merge(before, ps, Prefill.defaultAccepted(ps));
        Inventory inv = after.inventory();
        assertThat(inv.sdk()).isEqualTo("Python openai 1.x (edited)");
        assertThat(inv.currentBaseUrl()).isEqualTo("https://edited.example.com/v1");
        assertThat(inv.productionModel()).isEqualTo("gpt-4o");
        assertThat(inv.fallbackModels()).containsExactly("gpt-4o-mini");
        assertThat(inv.messageShape()).isEqualTo("edited shape");
        assertThat(inv.parameters().temperature()).isEqualTo(0.9);
        assertThat(inv.parameters().timeoutSeconds()).isEqualTo(120);
        assertThat(inv.parameters().maxTokens()).isEqualTo(300); // was empty: filled
        assertThat(inv.observability()).isEqualTo("Datadog");
        assertThat(inv.endpoints()).containsExactly("chat", "embeddings");
        ModelMapping mine = after.mappings().get(0);
        assertThat(mine.targetModel()).isEqualTo("my-target");
        assertThat(mine.notes()).isEqualTo("mine");
        assertThat(after.mappings()).hasSize(2);
        assertThat(Prefill.merge(after, ps, Prefill.defaultAccepted(ps))).isEqualTo(after);
        Proposal sdk = ps.stream().filter(p -> p.id().equals("sdk")).findFirst().orElseThrow();
        assertThat(Prefill.effect(before, sdk)).isEqualTo(Prefill.Effect.KEEPS_PLAN_VALUE);
        assertThat(Prefill.effect(MigrationPlan.newPlan("y"), sdk)).isEqualTo(Prefill.Effect.FILLS);
        assertThat(Prefill.effect(after, ps.stream().filter(p -> p.id().equals("endpoint:chat")).findFirst().orElseThrow()))
                .isEqualTo(Prefill.Effect.ALREADY_SET);
    }

    @Test
    void rejectedProposalsAreNotApplied() throws Exception {
        List<Proposal> ps = proposals("python-openai");
        Set<String> accepted = new java.util.HashSet<>(Prefill.defaultAccepted(ps));
        accepted.remove("baseUrl");
        accepted.remove("mapping:text-embedding-3-small");
        MigrationPlan after = Prefill.merge(MigrationPlan.newPlan("x"), ps, accepted);
        assertThat(after.inventory().currentBaseUrl()).isEmpty();
        assertThat(after.mappings()).extracting(ModelMapping::sourceModel).containsExactly("gpt-4o-mini");
        assertThat(Prefill.merge(MigrationPlan.newPlan("x"), ps, Set.of())).isEqualTo(MigrationPlan.newPlan("x"));
    }

    @Test
    void modelFromConfigAndDefaults() throws Exception {
        List<Proposal> ps = proposals("python-tricky");
        assertThat(values(ps)).containsKeys("mapping:gpt-4o-2024-08-06", "mapping:gpt-4o-mini")
                .containsEntry("baseUrl", "https://gateway.internal.example.com/v1");
    }
}
