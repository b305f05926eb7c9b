package ai.flatkey.migrate.scan;

import ai.flatkey.migrate.plan.Inventory;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.wire.Cancellation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The scan-and-prefill use case both faces share: scan, proposals, the default accepted set, applying. */
class PlanScanTest {

    static final Path SAMPLE = Path.of("assets/sample-projects/support-bot");

    private final PlanScan scan = new PlanScan(new Scanner(Executors.defaultThreadFactory()));

    @TempDir
    Path tmp;

    @Test
    void scansProposesAndAppliesTheDefaultsToAnEmptyPlan() throws Exception {
        AtomicInteger progress = new AtomicInteger();
        PlanScan.Outcome out = scan.run(Optional.empty(), SAMPLE, progress::set, new Cancellation());
        assertThat(out.result().findings()).isNotEmpty();
        assertThat(progress.get()).isPositive();
        assertThat(out.proposals()).isEqualTo(Prefill.propose(out.result()));
        assertThat(out.defaultAccepted()).isEqualTo(Prefill.defaultAccepted(out.proposals())).isNotEmpty();

        MigrationPlan empty = MigrationPlan.newPlan("t");
        PlanScan.Applied applied = out.applyDefaultsTo(empty);
        assertThat(applied.plan()).isEqualTo(Prefill.merge(empty, out.proposals(), out.defaultAccepted()));
        assertThat(applied.plan().inventory().sdk()).isEqualTo("Python openai");
        assertThat(applied.filled()).isGreaterThan(8);
        assertThat(applied.kept()).isZero();

        // applying again changes nothing and fills nothing
        PlanScan.Applied again = out.applyDefaultsTo(applied.plan());
        assertThat(again.plan()).isEqualTo(applied.plan());
        assertThat(again.filled()).isZero();
    }

    @Test
    void applyingKeepsWhatThePersonEnteredAndOnlyTheAcceptedSet() throws Exception {
        PlanScan.Outcome out = scan.run(Optional.empty(), SAMPLE, ScanListener.NONE, new Cancellation());
        MigrationPlan edited = MigrationPlan.newPlan("t");
        edited = edited.withInventory(new Inventory("My SDK", List.of(), "", "", List.of(), "", edited.inventory().parameters(), "", ""));
        PlanScan.Applied applied = out.applyTo(edited, Set.of("sdk", "model:production"));
        assertThat(applied.plan().inventory().sdk()).isEqualTo("My SDK");
        assertThat(applied.plan().inventory().productionModel()).isEqualTo("gpt-4o-mini");
        assertThat(applied.plan().inventory().currentBaseUrl()).isEmpty();
        assertThat(applied.filled()).isEqualTo(1);
        assertThat(applied.kept()).isEqualTo(1);
    }

    @Test
    void thePlansMappedModelsAreNotReportedAsUnmapped() throws Exception {
        PlanScan.Outcome none = scan.run(Optional.empty(), SAMPLE, ScanListener.NONE, new Cancellation());
        assertThat(none.result().findings()).anySatisfy(f -> {
            assertThat(f.kind()).isEqualTo(FindingKind.RISK_UNMAPPED_MODEL);
            assertThat(f.value()).isEqualTo("gpt-4o-mini");
        });
        MigrationPlan mapped = MigrationPlan.newPlan("t").withMappings(List.of(new ModelMapping("gpt-4o-mini", "m", List.of("chat"), "")));
        PlanScan.Outcome withPlan = scan.run(Optional.of(mapped), SAMPLE, ScanListener.NONE, new Cancellation());
        assertThat(withPlan.result().findings())
                .noneMatch(f -> f.kind() == FindingKind.RISK_UNMAPPED_MODEL && f.value().equals("gpt-4o-mini"));
    }

    @Test
    void aCancelledScanStops() throws Exception {
        Files.writeString(tmp.resolve("a.py"), "from openai import OpenAI\n");
        Cancellation cancel = new Cancellation();
        cancel.cancel();
        assertThatThrownBy(() -> scan.run(Optional.empty(), tmp, ScanListener.NONE, cancel))
                .isInstanceOf(ScanCancelledException.class);
    }
}
