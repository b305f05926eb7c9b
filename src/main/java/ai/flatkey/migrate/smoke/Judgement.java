package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.plan.RuleBreach;
import ai.flatkey.migrate.wire.Excerpts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Collects the rules an exchange breached, each with its evidence, and decides the verdict: the worst class found
 * (Fail, else Unsupported, else an Error for a rule that could not be evaluated, else a pass). Every breach is kept,
 * not only the one that decides: a stream that lacks its usage chunk and also sends tool-call fragments without index
 * reports both, each with its rule ID and evidence.
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

    /** The rule could not be evaluated (an assertion with nothing to check it on): an Error unless something failed. */
    Judgement notChecked(Rule rule, String evidence) {
        return add(rule, Rule.Breach.ERROR, evidence);
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

    /** Whether {@code rule} was found breached (in any class). */
    boolean found(Rule rule) {
        return findings.stream().anyMatch(f -> f.rule() == rule);
    }

    List<Finding> findings() {
        return List.copyOf(findings);
    }

    /**
     * The verdict: the worst breach decides (every Fail, else every Unsupported), and every breach is kept with its
     * evidence ({@link Outcome#breaches()}, worst first). The reason leads with the deciding breach's evidence, then
     * names each other deciding breach ({@code also RULE-ID: evidence}) and each advisory
     * ({@code advisory RULE-ID: evidence}). A pass names {@code checked} and {@code passReason} when nothing decided
     * otherwise.
     */
    Outcome decide(Rule checked, String passReason) {
        List<Finding> ordered = new ArrayList<>();
        for (Rule.Breach b : List.of(Rule.Breach.FAIL, Rule.Breach.UNSUPPORTED, Rule.Breach.ERROR, Rule.Breach.ADVISORY)) {
            findings.stream().filter(f -> f.breach() == b).forEach(ordered::add);
        }
        List<RuleBreach> breaches = ordered.stream().map(f -> new RuleBreach(f.rule().id(), kind(f.breach()), f.evidence()))
                .toList();
        Optional<Finding> worst = ordered.stream().filter(f -> f.breach() == Rule.Breach.FAIL
                || f.breach() == Rule.Breach.UNSUPPORTED).findFirst();
        if (worst.isPresent()) {
            Finding w = worst.get();
            StringBuilder reason = new StringBuilder(w.evidence());
            for (Finding f : ordered) {
                if (f != w && (f.breach() == Rule.Breach.FAIL || f.breach() == Rule.Breach.UNSUPPORTED)) {
                    reason.append("; also ").append(f.rule().id()).append(": ").append(f.evidence());
                }
            }
            reason.append(advisories());
            return w.breach() == Rule.Breach.FAIL
                    ? new Outcome.Fail(w.rule().id(), reason.toString(), breaches)
                    : new Outcome.Unsupported(w.rule().id(), reason.toString(), breaches);
        }
        Optional<Finding> error = first(Rule.Breach.ERROR);
        if (error.isPresent()) {
            StringBuilder reason = new StringBuilder(error.get().rule().id() + " could not be checked: " + error.get().evidence());
            for (Finding f : ordered) {
                if (f != error.get() && f.breach() == Rule.Breach.ERROR) {
                    reason.append("; also ").append(f.rule().id()).append(" could not be checked: ").append(f.evidence());
                }
            }
            reason.append(advisories());
            return new Outcome.Error(error.get().rule().id(), reason.toString(), breaches);
        }
        Optional<Finding> advisory = first(Rule.Breach.ADVISORY);
        return new Outcome.Pass(advisory.map(f -> f.rule().id()).orElse(checked.id()), passReason + advisories(), breaches);
    }

    private static RuleBreach.Kind kind(Rule.Breach b) {
        return switch (b) {
            case FAIL -> RuleBreach.Kind.FAIL;
            case UNSUPPORTED -> RuleBreach.Kind.UNSUPPORTED;
            case ADVISORY -> RuleBreach.Kind.ADVISORY;
            case ERROR -> RuleBreach.Kind.ERROR;
        };
    }

    private Optional<Finding> first(Rule.Breach b) {
        return findings.stream().filter(f -> f.breach() == b).findFirst();
    }

    private String advisories() {
        StringBuilder sb = new StringBuilder();
        for (Finding f : findings) {
            if (f.breach() == Rule.Breach.ADVISORY) {
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
        return Excerpts.clip(t, MAX_EVIDENCE, "…");
    }
}
