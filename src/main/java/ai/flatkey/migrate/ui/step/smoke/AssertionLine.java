package ai.flatkey.migrate.ui.step.smoke;

import ai.flatkey.migrate.plan.AssertionResult;
import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.ui.support.Tone;

import java.util.List;

/**
 * One assertion's outcome as the check editor and the checks table's detail show it: held / failed / could not be
 * checked (with its tone), the rule that decided it, the assertion in words and the evidence.
 */
public record AssertionLine(String status, Tone tone, String ruleId, String assertion, String evidence) {

    /** The assertion outcomes of a request check's result, in its order (none for a built-in check). */
    static List<AssertionLine> of(CheckResult r) {
        return r == null ? List.of() : r.assertions().stream().map(AssertionLine::of).toList();
    }

    static AssertionLine of(AssertionResult a) {
        Tone tone = switch (a.status()) {
            case PASS -> Tone.SUCCESS;
            case FAIL -> Tone.DANGER;
            case NOT_CHECKED -> Tone.WARNING;
        };
        return new AssertionLine(a.status().label(), tone, a.ruleId(), a.assertion(), a.evidence());
    }

    /** How a screen reader and a copy read it: "failed — usage present [ASSERT-USAGE]: no usage in the answer". */
    public String text() {
        return status + " — " + assertion + " [" + ruleId + "]" + (evidence.isEmpty() ? "" : ": " + evidence);
    }
}
