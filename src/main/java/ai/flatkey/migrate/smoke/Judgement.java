package ai.flatkey.migrate.smoke;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Collects the rules an exchange breached, each with its evidence, and decides the verdict: the first
 * {@link Rule.Breach#FAIL} breach, else the first {@link Rule.Breach#UNSUPPORTED}, else a pass whose reason names
 * every advisory. Advisories also ride along on a failing reason, so a reader sees all that was found.
 */
final class Judgement {
    /** One breached rule with the chunk or field that shows it. */
    record Finding(Rule rule, Rule.Breach breach, String evidence) {
    }

    private static final int MAX_EVIDENCE = 300;
    private final List<Finding> findings = new ArrayList<>();

    /** A breach classed as the rule says. */
    Judgement breach(Rule rule, String evidence) {
        findings.add(new Finding(rule, rule.breach(), evidence));
        return this;
    }

    Judgement fail(Rule rule, String evidence) {
        return add(rule, Rule.Breach.FAIL, evidence);
    }

    Judgement unsupported(Rule rule, String evidence) {
        return add(rule, Rule.Breach.UNSUPPORTED, evidence);
    }

    Judgement advise(Rule rule, String evidence) {
        return add(rule, Rule.Breach.ADVISORY, evidence);
    }

    /** A breach of a class the rule declares (asserted: another class is a defect in the check). */
    private Judgement add(Rule rule, Rule.Breach breach, String evidence) {
        assert rule.declared(breach);
        findings.add(new Finding(rule, breach, evidence));
        return this;
    }

    /** Whether a Fail or Unsupported breach was found. */
    boolean decided() {
        return findings.stream().anyMatch(f -> f.breach() == Rule.Breach.FAIL || f.breach() == Rule.Breach.UNSUPPORTED);
    }

    List<Finding> findings() {
        return List.copyOf(findings);
    }

    /** The verdict: a pass names {@code checked} and {@code passReason} when nothing decided otherwise. */
    Outcome decide(Rule checked, String passReason) {
        Optional<Finding> fail = first(Rule.Breach.FAIL);
        if (fail.isPresent()) {
            return new Outcome.Fail(fail.get().rule().id(), fail.get().evidence() + advisories(fail.get()));
        }
        Optional<Finding> unsupported = first(Rule.Breach.UNSUPPORTED);
        if (unsupported.isPresent()) {
            return new Outcome.Unsupported(unsupported.get().rule().id(), unsupported.get().evidence()
                    + advisories(unsupported.get()));
        }
        Optional<Finding> advisory = first(Rule.Breach.ADVISORY);
        return new Outcome.Pass(advisory.map(f -> f.rule().id()).orElse(checked.id()), passReason + advisories(null));
    }

    private Optional<Finding> first(Rule.Breach b) {
        return findings.stream().filter(f -> f.breach() == b).findFirst();
    }

    private String advisories(Finding except) {
        StringBuilder sb = new StringBuilder();
        for (Finding f : findings) {
            if (f != except && f.breach() == Rule.Breach.ADVISORY) {
                sb.append("; ").append(f.rule().advisory(f.evidence()));
            }
        }
        return sb.toString();
    }

    /** A short excerpt of a chunk or body for a reason. */
    static String excerpt(String text) {
        if (text == null) {
            return "(none)";
        }
        String t = text.strip().replaceAll("\\s+", " ");
        return t.length() <= MAX_EVIDENCE ? t : t.substring(0, MAX_EVIDENCE) + "…";
    }
}
