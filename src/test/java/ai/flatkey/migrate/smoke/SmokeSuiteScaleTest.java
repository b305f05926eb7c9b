package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 17, case 8: deriving the suite is linear in the mappings (150,000 rows took over two minutes). */
class SmokeSuiteScaleTest {

    private static MigrationPlan plan(int rows) {
        List<ModelMapping> mappings = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            mappings.add(new ModelMapping("old-" + i, "new-" + i, List.of("chat", "streaming"), ""));
        }
        return MigrationPlan.newPlan("scale").withMappings(mappings);
    }

    @Test
    void aHugeMappingListsItsChecksInSeconds() {
        MigrationPlan plan = plan(150_000);
        long start = System.nanoTime();
        List<Check> one = SmokeSuite.derive(plan, SuiteOptions.defaults().withChecks("chat:new-149999"));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(one).extracting(Check::id).containsExactly("chat:new-149999");
        assertThat(ms).as("150,000 mappings, one check selected").isLessThan(10_000);
        assertThat(SmokeSuite.derive(plan(20_000))).hasSizeGreaterThan(60_000);
    }
}
