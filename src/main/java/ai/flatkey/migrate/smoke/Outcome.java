package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.plan.RuleBreach;
import ai.flatkey.migrate.plan.Verdict;

import java.util.List;

/**
 * How a check ended, with the conformance rule that decided it (an ID from CONFORMANCE.md, empty for a plain pass),
 * a plain-language reason, and every rule the exchange breached with its evidence ({@link #breaches()}; the deciding
 * rule is the worst of them). An outcome made with only a rule and a reason has that rule as its one breach.
 */
public sealed interface Outcome {
    String ruleId();

    String reason();

    Verdict verdict();

    /** Every breached rule, in the order found: the deciding ones and the advisories. */
    List<RuleBreach> breaches();

    /** The check did what the app needs (advisories may ride along). */
    record Pass(String ruleId, String reason, List<RuleBreach> breaches) implements Outcome {
        public Pass {
            breaches = breaches == null ? List.of() : List.copyOf(breaches);
        }

        public Pass(String ruleId, String reason) {
            this(ruleId, reason, List.of());
        }

        public Verdict verdict() {
            return Verdict.PASS;
        }
    }

    /** The gateway claims the feature and gets it wrong. */
    record Fail(String ruleId, String reason, List<RuleBreach> breaches) implements Outcome {
        public Fail {
            breaches = implied(breaches, ruleId, RuleBreach.Kind.FAIL, reason);
        }

        public Fail(String ruleId, String reason) {
            this(ruleId, reason, null);
        }

        public Verdict verdict() {
            return Verdict.FAIL;
        }
    }

    /** The gateway clearly declines the feature for this model. */
    record Unsupported(String ruleId, String reason, List<RuleBreach> breaches) implements Outcome {
        public Unsupported {
            breaches = implied(breaches, ruleId, RuleBreach.Kind.UNSUPPORTED, reason);
        }

        public Unsupported(String ruleId, String reason) {
            this(ruleId, reason, null);
        }

        public Verdict verdict() {
            return Verdict.UNSUPPORTED;
        }
    }

    /** The check could not be evaluated (key, network, timeout, server error, cancelled). */
    record Error(String ruleId, String reason, List<RuleBreach> breaches) implements Outcome {
        public Error {
            breaches = implied(breaches, ruleId, RuleBreach.Kind.ERROR, reason);
        }

        public Error(String ruleId, String reason) {
            this(ruleId, reason, null);
        }

        public Verdict verdict() {
            return Verdict.ERROR;
        }
    }

    private static List<RuleBreach> implied(List<RuleBreach> given, String ruleId, RuleBreach.Kind kind, String reason) {
        if (given != null && !given.isEmpty()) {
            return List.copyOf(given);
        }
        return ruleId == null || ruleId.isBlank() ? List.of() : List.of(new RuleBreach(ruleId, kind, reason));
    }
}
