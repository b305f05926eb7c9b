package ai.flatkey.migrate.ui.step.mapping;

import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.MappingCsv;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.plan.ModelSuggestions;
import ai.flatkey.migrate.ui.FakeFileDialogs;
import ai.flatkey.migrate.ui.StepFixtures;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.ui.doc.TargetCatalog;
import ai.flatkey.migrate.ui.support.Tone;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Step 3: suggestions, CSV import and export, the filter, prices, and the catalog of a demo plan. */
class MappingViewModelTest extends StepFixtures {

    @Test
    void suggestionsRankByNameSimilarityAndVendor() {
        List<String> catalog = List.of("claude-sonnet-4.5", "deepseek-chat", "gpt-4.1-mini", "gpt-4o", "gpt-5.5", "openai/gpt-4o-mini");
        assertThat(ModelSuggestions.rank("gpt-4o-mini", catalog, 3)).first().isEqualTo("openai/gpt-4o-mini");
        assertThat(ModelSuggestions.rank("gpt-4o-mini", catalog, 3)).containsSubsequence("openai/gpt-4o-mini", "gpt-4o");
        assertThat(ModelSuggestions.rank("deepseek-coder", catalog, 1)).containsExactly("deepseek-chat");
        assertThat(ModelSuggestions.vendor("claude-haiku")).isEqualTo("anthropic");
        assertThat(ModelSuggestions.complete("son", "claude-3-opus", catalog, 5)).containsExactly("claude-sonnet-4.5");
        assertThat(ModelSuggestions.rank("", catalog, 3)).isEmpty();
    }

    @Test
    void mappingCsvRoundTripsAndNamesTheBadLine() throws Exception {
        List<ModelMapping> rows = List.of(new ModelMapping("gpt-4o-mini", "gpt-5.5", List.of("chat", "streaming"), "prod, main", 1.25, 10.0),
                new ModelMapping("gpt-4.1-mini", "", List.of("chat"), "say \"hi\""));
        String csv = MappingCsv.write(rows);
        assertThat(csv).startsWith(MappingCsv.HEADER).contains("\"prod, main\"");
        assertThat(MappingCsv.read(csv)).isEqualTo(rows);
        assertThatThrownBy(() -> MappingCsv.read("source_model,target_model,input_per_1m\ngpt,x,cheap\n"))
                .hasMessageContaining("Line 2").hasMessageContaining("cheap");
        assertThatThrownBy(() -> MappingCsv.read("model,price\n")).hasMessageContaining("Line 1");
        assertThatThrownBy(() -> MappingCsv.read("source_model,target_model\n\"open,x\n")).hasMessageContaining("not closed");
        assertThatThrownBy(() -> MappingCsv.read("")).hasMessageContaining("empty");
    }

    @Test
    void mappingImportReplacesRowsFilterNarrowsAndBadPricesKeepTheStoredOnes() throws Exception {
        PlanDocument doc = new PlanDocument(plan());
        TargetCatalog catalog = new TargetCatalog();
        catalog.update("http://gw.test/v1", List.of("m1", "m2"));
        Path csv = tmp.resolve("map.csv");
        Files.writeString(csv, MappingCsv.HEADER + "\na,m2,chat;tools,,0.5,1.5\nb,nope,chat,,,\n");
        FakeFileDialogs files = new FakeFileDialogs().answer(csv);
        MappingViewModel vm = mapping(doc, catalog, files);
        vm.importCsv();
        ui.runUntil(() -> vm.messageProperty().get().startsWith("Imported"));
        assertThat(doc.plan().mappings()).extracting(ModelMapping::sourceModel, ModelMapping::targetModel)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", "m2"), org.assertj.core.groups.Tuple.tuple("b", "nope"));
        assertThat(doc.plan().mappings().get(0).inputPer1M()).isEqualTo(0.5);
        assertThat(vm.rows().get(1).statusProperty().get()).isEqualTo("Not in the target's catalog");
        assertThat(vm.rows().get(1).targetToneProperty().get()).isEqualTo(Tone.DANGER);
        assertThat(vm.rows().get(1).statusToneProperty().get()).isEqualTo(Tone.DANGER);
        assertThat(vm.rows().get(0).statusToneProperty().get()).isEqualTo(Tone.SUCCESS);
        assertThat(vm.messageToneProperty().get()).isEqualTo(Tone.SUCCESS);

        vm.rows().get(0).inputPriceProperty().set("lots");
        assertThat(vm.rows().get(0).statusProperty().get()).startsWith("Prices:");
        assertThat(doc.plan().mappings().get(0).inputPer1M()).isEqualTo(0.5);

        vm.filterProperty().set("nope");
        assertThat(vm.filteredRows()).extracting(r -> r.sourceProperty().get()).containsExactly("b");
        vm.rows().get(0).setFeature("vision", true);
        assertThat(doc.plan().mappings().get(0).features()).containsExactly("chat", "tools", "vision");

        vm.loadGatewayPrices();
        ui.runUntil(() -> !vm.pricesLoadingProperty().get());
        assertThat(vm.messageProperty().get()).contains("Loaded 1 prices");

        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, "source_model,target_model\n,m1\n");
        files.answer(bad);
        vm.importCsv();
        ui.runUntil(() -> vm.messageProperty().get().startsWith("Nothing imported"));
        assertThat(vm.messageProperty().get()).contains("Line 2");
        assertThat(vm.messageToneProperty().get()).isEqualTo(Tone.DANGER);
        assertThat(doc.plan().mappings()).hasSize(2);
    }

    @Test
    void theMappingCountAgreesWithTheRowsWhenAPlanIsOpenedWhileTheStepIsShown() {
        PlanDocument doc = new PlanDocument(MigrationPlan.newPlan("untitled"));
        MappingViewModel vm = mapping(doc, new TargetCatalog(), new FakeFileDialogs());
        List<String> shown = new ArrayList<>();
        vm.summaryProperty().addListener((o, was, now) -> shown.add(now)); // as the step's label: evaluated at once
        doc.replace(plan().withMappings(List.of(new ModelMapping("a", "m1", List.of("chat"), ""),
                new ModelMapping("b", "m2", List.of("chat"), ""))), null);
        assertThat(vm.rows()).extracting(r -> r.statusProperty().get()).containsExactly("OK", "OK");
        assertThat(vm.summaryProperty().get()).startsWith("2 of 2 mappings complete.");
    }

    @Test
    void aPlanOnTheDemoGatewayLoadsItsCatalogAndPricesWhenTheMappingStepSeesIt() throws Exception {
        // the plan remembers the demo's port from an earlier start; the demo now runs elsewhere
        MigrationPlan demoPlan = MigrationPlan.newPlan("demo").withTarget(Endpoint.demo("http://127.0.0.1:1/v1"))
                .withMappings(List.of(new ModelMapping("a", "m1", List.of("chat"), ""), new ModelMapping("b", "m2", List.of("chat"), "")));
        PlanDocument doc = new PlanDocument(MigrationPlan.newPlan("untitled"));
        TargetCatalog catalog = new TargetCatalog();
        List<String> listed = new java.util.concurrent.CopyOnWriteArrayList<>();
        MappingViewModel vm = new MappingViewModel(doc, catalog, new FakeFileDialogs(), bg, keys(), new FakeUsage(),
                new FakeDemo(), (url, key, cancel) -> {
                    listed.add(url + " " + key);
                    return new ai.flatkey.migrate.wire.ModelList(List.of(new ai.flatkey.migrate.wire.ModelInfo("m1", "demo", 0, "model"),
                            new ai.flatkey.migrate.wire.ModelInfo("m2", "demo", 0, "model")), "req_m", 200, 1);
                });
        vm.summaryProperty().addListener((o, was, now) -> { });
        assertThat(listed).as("no demo plan yet").isEmpty();

        doc.replace(demoPlan, null);
        ui.runUntil(() -> catalog.isKnown() && !vm.pricesLoadingProperty().get());
        assertThat(listed).containsExactly("http://127.0.0.1:4242/v1 sk-demo");
        assertThat(vm.rows()).extracting(r -> r.statusProperty().get()).containsExactly("OK, in catalog", "OK, in catalog");
        assertThat(vm.summaryProperty().get()).startsWith("2 of 2 mappings complete. 2 model IDs known");
        assertThat(vm.rows().get(0).gatewayPriceProperty().get()).isEqualTo("$1 / $2");

        vm.rows().get(0).notesProperty().set("seen again after an edit");
        ui.runUntil(() -> doc.plan().mappings().get(0).notes().startsWith("seen"));
        assertThat(listed).as("loaded once per gateway").hasSize(1);
    }

    // ---- helpers ----

    private MappingViewModel mapping(PlanDocument doc, TargetCatalog catalog, FakeFileDialogs files) {
        return new MappingViewModel(doc, catalog, files, bg, keys(), new FakeUsage(), new NoDemo(), (u, k, c) -> {
            throw new AssertionError("no network");
        });
    }
}
