package ai.flatkey.migrate.plan;

/**
 * How one assertion of a request check came out, with its rule and evidence: shown beside the check in every report.
 *
 * @param ruleId    the rule that decides it, e.g. {@code ASSERT-TOOL-CALL}
 * @param assertion the assertion as a person reads it ({@link Assertion#describe()})
 * @param status    held, failed, or could not be checked
 * @param evidence  what was seen, in words, with an excerpt of the answer
 */
public record AssertionResult(String ruleId, String assertion, Status status, String evidence) {
    /** An assertion's outcome. */
    public enum Status {
        /** It held. */
        PASS("held"),
        /** It did not hold. */
        FAIL("failed"),
        /** There was nothing to check it on (no prices for a cost bound, the request failed): never a pass. */
        NOT_CHECKED("could not be checked");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        /** In words: {@code held}, {@code failed}, {@code could not be checked}. */
        public String label() {
            return label;
        }
    }

    public AssertionResult {
        ruleId = Lists.text(ruleId);
        assertion = Lists.text(assertion);
        status = status == null ? Status.NOT_CHECKED : status;
        evidence = Lists.text(evidence);
    }
}
