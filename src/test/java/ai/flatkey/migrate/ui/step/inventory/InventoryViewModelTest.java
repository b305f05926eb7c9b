package ai.flatkey.migrate.ui.step.inventory;

import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.SourceProvider;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Step 1's form: numbers are validated without losing the plan's value. */
class InventoryViewModelTest {

    @Test
    void inventoryKeepsThePreviousValueWhileANumberIsInvalid() {
        PlanDocument doc = new PlanDocument(MigrationPlan.newPlan("p"));
        InventoryViewModel vm = new InventoryViewModel(doc);
        vm.temperature.set("0.7");
        assertThat(doc.plan().inventory().parameters().temperature()).isEqualTo(0.7);
        vm.temperature.set("7");
        assertThat(vm.temperatureError.get()).contains("0 to 2");
        assertThat(doc.plan().inventory().parameters().temperature()).isEqualTo(0.7);
        vm.retries.set("-1");
        assertThat(vm.retriesError.get()).isNotEmpty();
        vm.fallbackModels.set("a, b  c");
        assertThat(doc.plan().inventory().fallbackModels()).containsExactly("a", "b", "c");
        vm.sdk.set("Node openai");
        vm.endpoint("chat").set(true);
        vm.productionModel.set("gpt-4o");
        assertThat(doc.plan().inventory().isDocumented()).isTrue();
    }

    @Test
    void editingTheFormKeepsTheProviderRowsAScanAdded() {
        SourceProvider groq = new SourceProvider("Groq", "https://api.groq.com/openai/v1", "Node openai", List.of("llama-3.3-70b-versatile"),
                List.of(), List.of("chat"), 1, "GROQ_API_KEY", "", "", SourceProvider.MIGRATE, "");
        MigrationPlan plan = MigrationPlan.newPlan("p");
        PlanDocument doc = new PlanDocument(plan.withInventory(plan.inventory().withProviders(List.of(groq))));
        InventoryViewModel vm = new InventoryViewModel(doc);
        vm.sdk.set("Node openai 4.x");
        assertThat(doc.plan().inventory().sdk()).isEqualTo("Node openai 4.x");
        assertThat(doc.plan().inventory().providers()).containsExactly(groq);
    }
}
