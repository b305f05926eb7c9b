package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.Reconciliation;
import ai.flatkey.migrate.plan.RolloutStage;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.Verdict;
import ai.flatkey.migrate.usage.PriceTable;
import ai.flatkey.migrate.usage.Reconciler;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The rollout's stage gates on the evidence in the plan: error rate, p95 latency and cost per 1,000 requests of the
 * latest run's billable requests, and for each stage whether its gate holds, fails or needs a person. The wizard, the
 * exports and the CLI all read them from here ({@link #evaluate(MigrationPlan)}, or {@link #summary(MigrationPlan)}
 * as printable text).
 */
public final class Gates {

    private Gates() {
    }

    /** The figures of the latest run. Null where there is nothing to compute from. */
    public record Measurements(int requests, int errors, Double errorRate, Long p95Ms, Double costPer1k, String costSource) {
        public String errorRateText() {
            return errorRate == null ? "—" : String.format(Locale.ROOT, "%.1f%% (%d of %d)", errorRate * 100, errors, requests);
        }

        public String p95Text() {
            return p95Ms == null ? "—" : p95Ms + " ms";
        }

        public String costText() {
            return costPer1k == null ? "—" : String.format(Locale.ROOT, "$%.4f", costPer1k);
        }
    }

    /** What a stage's gate reads on the evidence: holds, fails, or needs a person. */
    public enum Reading {
        HOLDS("✓ ", "holds", "Holds"), FAILS("✗ ", "fails", "Fails"), MANUAL("", "manual", "By hand");

        private final String mark;
        private final String id;
        private final String label;

        Reading(String mark, String id, String label) {
            this.mark = mark;
            this.id = id;
            this.label = label;
        }

        /** "Holds", "Fails" or "By hand": the reading in words (for documents whose fonts may lack ✓ and ✗). */
        public String label() {
            return label;
        }

        /** "✓ ", "✗ " or "" : what goes before the measured value. */
        public String mark() {
            return mark;
        }

        /** "holds", "fails" or "manual": the reading in exports. */
        public String id() {
            return id;
        }
    }

    /** A stage's gate reading with the measured value that decided it. */
    public record StageGate(Reading reading, String measured) {
        /** "✓ chat check passed", "✗ 2 checks did not pass", "no smoke run yet". */
        public String text() {
            return reading.mark() + measured;
        }

        /** As {@link #text()} in words instead of marks: "Holds: chat check passed", "no smoke run yet". */
        public String words() {
            return reading == Reading.MANUAL ? measured : reading.label() + ": " + measured;
        }
    }

    /** One rollout stage of the plan with its gate's reading. {@code number} counts from 1. */
    public record Stage(int number, String name, String gate, StageGate reading) {
    }

    /**
     * The gates of a plan: the measurements, where they come from in words, and every rollout stage's reading.
     *
     * @param basis "From the smoke run of … (N billable requests; cost from …)." or what to do to measure
     */
    public record Evaluation(Measurements measurements, String basis, List<Stage> stages) {
        public Evaluation {
            stages = List.copyOf(stages);
        }

        /** Plain-text lines: the three measurements, their basis, then one line per stage. */
        public List<String> lines() {
            List<String> out = new ArrayList<>();
            out.add("Error rate:    " + measurements.errorRateText());
            out.add("p95 latency:   " + measurements.p95Text());
            out.add("Cost per 1k:   " + measurements.costText());
            out.add(basis);
            for (Stage s : stages) {
                out.add("Stage " + s.number() + " (" + s.name() + "): " + s.reading().text());
            }
            return out;
        }
    }

    /** The gates of the plan's rollout stages on its latest evidence. */
    public static Evaluation evaluate(MigrationPlan plan) {
        Measurements m = measure(plan);
        List<Stage> stages = new ArrayList<>();
        List<RolloutStage> rollout = plan.rollout();
        for (int i = 0; i < rollout.size(); i++) {
            stages.add(new Stage(i + 1, rollout.get(i).name(), rollout.get(i).gate(), read(i, plan, m)));
        }
        return new Evaluation(m, basis(plan, m), stages);
    }

    /** {@link #evaluate(MigrationPlan)} as printable text, one line per figure and stage (for the CLI). */
    public static String summary(MigrationPlan plan) {
        return String.join("\n", evaluate(plan).lines()) + "\n";
    }

    private static String basis(MigrationPlan plan, Measurements m) {
        return plan.latestRun().map(r -> "From the smoke run of " + r.when() + " (" + m.requests() + " billable requests"
                        + (m.costSource().isEmpty() ? "" : "; cost from " + m.costSource()) + ").")
                .orElse("Run the smoke tests in step 4 to measure.");
    }

    public static Measurements measure(MigrationPlan plan) {
        Optional<SmokeRun> run = plan.latestRun();
        if (run.isEmpty()) {
            return new Measurements(0, 0, null, null, null, "");
        }
        List<CheckResult> billable = run.get().results().stream().filter(r -> Reconciler.isBillable(r.feature())).toList();
        int n = billable.size();
        int errors = (int) billable.stream().filter(r -> r.verdict() != Verdict.PASS).count();
        List<Long> times = new ArrayList<>();
        for (CheckResult r : billable) {
            if (r.stats() != null && r.stats().totalP95Ms() != null) {
                times.add(r.stats().totalP95Ms());
            } else if (r.totalMs() != null) {
                times.add(r.totalMs());
            }
        }
        Long p95 = Stats.percentile(times, 95);
        Double costPer1k = null;
        String source = "";
        Optional<Reconciliation> rec = plan.latestReconciliation();
        if (n > 0 && rec.isPresent() && rec.get().suiteCostUsd() != null) {
            costPer1k = rec.get().suiteCostUsd() / n * 1000;
            source = "the gateway's prices (reconciliation)";
        } else if (n > 0) {
            PriceTable typed = PriceTable.of(List.of(), List.of(), plan);
            double sum = 0;
            int priced = 0;
            for (CheckResult r : billable) {
                Double c = typed.cost(r.model(), r.promptTokens(), r.completionTokens());
                if (c != null) {
                    sum += c;
                    priced++;
                }
            }
            if (priced > 0) {
                costPer1k = sum / priced * 1000;
                source = "prices typed in step 3";
            }
        }
        return new Measurements(n, errors, n == 0 ? null : errors / (double) n, p95, costPer1k, source);
    }

    /** The gate reading of stage {@code index} (the runbook's eight stages) on the plan's evidence. */
    public static StageGate read(int index, MigrationPlan plan, Measurements m) {
        Optional<SmokeRun> run = plan.latestRun();
        return switch (index) {
            case 0 -> run.map(r -> passed(r, "chat")
                            ? new StageGate(Reading.HOLDS, "chat check passed (the same request through the app's"
                            + " HTTP client; the curl command itself was not run)")
                            : new StageGate(Reading.FAILS, "no passing chat check in the latest run"))
                    .orElse(new StageGate(Reading.MANUAL, "no smoke run yet"));
            case 2 -> run.filter(SmokeRun::compared).map(r -> r.comparisons().stream().allMatch(c -> c.matches())
                            ? new StageGate(Reading.HOLDS, r.comparisons().size() + " checks match the current provider's shape")
                            : new StageGate(Reading.FAILS, r.comparisons().stream().filter(c -> !c.matches()).count() + " checks differ from the current provider"))
                    .orElse(new StageGate(Reading.MANUAL, "run step 4 with Compare to measure"));
            case 3 -> run.map(r -> r.allPassed()
                            ? new StageGate(Reading.HOLDS, "all " + r.results().size() + " checks passed")
                            : new StageGate(Reading.FAILS, (r.results().size() - r.count(Verdict.PASS)) + " checks did not pass"))
                    .orElse(new StageGate(Reading.MANUAL, "no smoke run yet"));
            case 4 -> plan.confirmations().stream().anyMatch(c -> c.itemId().equals("quota"))
                    ? new StageGate(Reading.HOLDS, "quota confirmed in step 5")
                    : new StageGate(Reading.MANUAL, "confirm the quota in step 5");
            case 5 -> m.errorRate() == null ? new StageGate(Reading.MANUAL, "no measurements yet")
                    : new StageGate(m.errors() == 0 ? Reading.HOLDS : Reading.FAILS,
                    "error rate " + m.errorRateText() + ", p95 " + m.p95Text());
            case 6 -> plan.latestReconciliation().map(r -> r.count(Reconciliation.Status.MISMATCH) > 0
                            ? new StageGate(Reading.FAILS, r.count(Reconciliation.Status.MISMATCH) + " requests differ from the gateway's log")
                            : r.count(Reconciliation.Status.MATCH) > 0
                            ? new StageGate(Reading.HOLDS, r.count(Reconciliation.Status.MATCH) + " requests match the log; cost/1k " + m.costText())
                            : new StageGate(Reading.MANUAL, "nothing could be matched automatically; confirm in step 5"))
                    .orElse(new StageGate(Reading.MANUAL, "no reconciliation yet"));
            default -> new StageGate(Reading.MANUAL, "check by hand");
        };
    }

    private static boolean passed(SmokeRun r, String feature) {
        return r.results().stream().anyMatch(c -> c.feature().equals(feature) && c.passed());
    }
}
