package ai.flatkey.migrate.scan;

import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.wire.Cancellation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The "scan and prefill" use case, the one both faces call (the {@code scan} command and step 1's scan card): scan a
 * folder with the plan's mapped models in mind, turn the findings into proposals with the set that starts accepted,
 * and apply an accepted set to a plan (filling only empty fields and adding missing mapping rows).
 */
public final class PlanScan {

    private final Scanner scanner;

    public PlanScan(Scanner scanner) {
        this.scanner = Objects.requireNonNull(scanner);
    }

    /** What a scan found and proposes. */
    public record Outcome(ScanResult result, List<Proposal> proposals, Set<String> defaultAccepted) {
        public Outcome {
            Objects.requireNonNull(result);
            proposals = List.copyOf(proposals);
            defaultAccepted = Collections.unmodifiableSet(new LinkedHashSet<>(defaultAccepted));
        }

        /** {@code plan} with the {@code accepted} proposals merged in, and what that did. */
        public Applied applyTo(MigrationPlan plan, Set<String> accepted) {
            int fills = 0;
            int kept = 0;
            for (Proposal p : proposals) {
                if (accepted.contains(p.id())) {
                    Prefill.Effect effect = Prefill.effect(plan, p);
                    fills += effect == Prefill.Effect.FILLS ? 1 : 0;
                    kept += effect == Prefill.Effect.KEEPS_PLAN_VALUE ? 1 : 0;
                }
            }
            return new Applied(Prefill.merge(plan, proposals, accepted), fills, kept);
        }

        /** {@link #applyTo(MigrationPlan, Set)} with the proposals that start accepted. */
        public Applied applyDefaultsTo(MigrationPlan plan) {
            return applyTo(plan, defaultAccepted);
        }
    }

    /**
     * A plan after applying: the merged plan, how many accepted values filled an empty field, and how many the plan
     * kept because it already held another value.
     */
    public record Applied(MigrationPlan plan, int filled, int kept) {
    }

    /**
     * Scans {@code folder} for {@code plan} (its mapped models are checked against the code) or for no plan.
     * {@code listener} hears progress from worker threads; a cancelled {@code cancel} stops the scan.
     *
     * @throws IOException             when the folder cannot be read
     * @throws ScanCancelledException when {@code cancel} was cancelled before the scan finished
     */
    public Outcome run(Optional<MigrationPlan> plan, Path folder, ScanListener listener, Cancellation cancel)
            throws IOException, ScanCancelledException {
        ScanOptions options = ScanOptions.defaults().withMappedModels(plan.map(PlanScan::mappedModels).orElse(Set.of()));
        ScanResult result = scanner.scan(folder, options, listener, cancel::isCancelled);
        List<Proposal> proposals = Prefill.propose(result);
        return new Outcome(result, proposals, Prefill.defaultAccepted(proposals));
    }

    /** The source models the plan already maps. */
    static Set<String> mappedModels(MigrationPlan plan) {
        return plan.mappings().stream().map(ModelMapping::sourceModel).collect(Collectors.toSet());
    }
}
