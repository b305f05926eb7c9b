package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.plan.Verdict;

/**
 * How a check ended, with the conformance rule that decided it (an ID from CONFORMANCE.md, empty for a plain pass)
 * and a plain-language reason.
 */
public sealed interface Outcome {
    String ruleId();

    String reason();

    Verdict verdict();

    /** The check did what the app needs. */
    record Pass(String ruleId, String reason) implements Outcome {
        public Verdict verdict() {
            return Verdict.PASS;
        }
    }

    /** The gateway claims the feature and gets it wrong. */
    record Fail(String ruleId, String reason) implements Outcome {
        public Verdict verdict() {
            return Verdict.FAIL;
        }
    }

    /** The gateway clearly declines the feature for this model. */
    record Unsupported(String ruleId, String reason) implements Outcome {
        public Verdict verdict() {
            return Verdict.UNSUPPORTED;
        }
    }

    /** The check could not be evaluated (key, network, timeout, server error, cancelled). */
    record Error(String ruleId, String reason) implements Outcome {
        public Verdict verdict() {
            return Verdict.ERROR;
        }
    }
}
