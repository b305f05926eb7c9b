package ai.flatkey.migrate.ui.step.inventory;

import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import org.junit.jupiter.api.Test;

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
}
