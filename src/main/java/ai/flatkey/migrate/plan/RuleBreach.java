package ai.flatkey.migrate.plan;

import java.util.List;

/**
 * One conformance rule a check found breached, with the chunk or field that shows it. A check keeps every rule it
 * breaks (a stream can lack its usage chunk and send tool-call fragments without index at once); its verdict is the
 * worst of them.
 *
 * @param ruleId   the rule's stable ID (CONFORMANCE.md), e.g. {@code TOOL-DELTA-INDEX}
 * @param kind     how the breach is classed
 * @param evidence what showed it, in words, with an excerpt of the chunk or field
 */
public record RuleBreach(String ruleId, Kind kind, String evidence) {
    /** How a breach is classed (CONFORMANCE.md). */
    public enum Kind {
        /** The gateway claims the feature and gets it wrong. */
        FAIL,
        /** The gateway declines the feature clearly. */
        UNSUPPORTED,
        /** A known cause of breakage for some clients: a warning that decides nothing. */
        ADVISORY,
        /** The rule could not be evaluated (the TLS handshake failed). */
        ERROR;

        /** The verdict a breach of this class gives a check on its own (an advisory leaves it a pass). */
        public Verdict verdict() {
            return switch (this) {
                case FAIL -> Verdict.FAIL;
                case UNSUPPORTED -> Verdict.UNSUPPORTED;
                case ADVISORY -> Verdict.PASS;
                case ERROR -> Verdict.ERROR;
            };
        }

        /** The class a verdict's deciding rule has. */
        public static Kind of(Verdict v) {
            return switch (v) {
                case FAIL -> FAIL;
                case UNSUPPORTED -> UNSUPPORTED;
                case ERROR -> ERROR;
                case PASS -> ADVISORY;
            };
        }
    }

    public RuleBreach {
        ruleId = Lists.text(ruleId);
        kind = kind == null ? Kind.FAIL : kind;
        evidence = Lists.text(evidence);
    }

    /** Whether this breach decides a verdict (every class but an advisory). */
    public boolean decides() {
        return kind != Kind.ADVISORY;
    }

    /** The IDs of the breaches that decide, in order, each once. */
    public static List<String> decidingIds(List<RuleBreach> breaches) {
        return breaches.stream().filter(RuleBreach::decides).map(RuleBreach::ruleId).filter(id -> !id.isBlank())
                .distinct().toList();
    }
}
