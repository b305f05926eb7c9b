package ai.flatkey.migrate.traffic;

import ai.flatkey.migrate.plan.AssertionResult;
import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.Comparison;
import ai.flatkey.migrate.plan.RuleBreach;
import ai.flatkey.migrate.plan.Verdict;
import ai.flatkey.migrate.usage.PriceTable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A replayed call's result in the replay's words. The smoke runner decides a replayed call as the request check it
 * is (the recorded shape as assertions, see {@link Expectations}); here each assertion's rule becomes the REPLAY rule
 * it stands for (the expectation came from the recording, not from a person), the recorded figures are set beside the
 * target's, and a target much slower than the recording is named as an advisory.
 */
public final class ReplayVerdicts {
    /** The assertion rules a replay's expectations are decided by, and the REPLAY rule each stands for. */
    static final Map<String, String> RULES = Map.ofEntries(
            Map.entry("ASSERT-STATUS", "REPLAY-STATUS"),
            Map.entry("ASSERT-ERROR-SHAPE", "REPLAY-ERROR-SHAPE"),
            Map.entry("ASSERT-FINISH-REASON", "REPLAY-FINISH-REASON"),
            Map.entry("ASSERT-TOOL-CALL", "REPLAY-TOOL-CALLS"),
            Map.entry("ASSERT-TOOL-ARGS", "REPLAY-TOOL-ARGS"),
            Map.entry("ASSERT-JSON", "REPLAY-JSON"),
            Map.entry("ASSERT-JSON-SCHEMA", "REPLAY-JSON"),
            Map.entry("ASSERT-USAGE", "REPLAY-USAGE"),
            Map.entry("ASSERT-DONE", "REPLAY-STREAM-DONE"),
            Map.entry("ASSERT-EMB-DIMENSIONS", "REPLAY-EMBEDDINGS"),
            Map.entry("ASSERT-EMB-COUNT", "REPLAY-EMBEDDINGS"),
            Map.entry("ASSERT-IMG-COUNT", "REPLAY-IMAGES"),
            Map.entry("ASSERT-IMG-FORMAT", "REPLAY-IMAGES"),
            Map.entry("ASSERT-CONTENT-TYPE", "REPLAY-SPEECH"),
            Map.entry("ASSERT-MOD-COUNT", "REPLAY-MODERATIONS"));
    private static final Pattern ASSERT_ID = Pattern.compile("\\bASSERT(?:-[A-Z]+)+\\b");
    /** A slower target is named when it takes more than this many times the recorded time … */
    static final double SLOWER_FACTOR = 2.0;
    /** … and more than this many milliseconds more. */
    static final long SLOWER_MARGIN_MS = 1_000;

    private ReplayVerdicts() {
    }

    /** The REPLAY rule an assertion rule stands for in a replay (the ID itself when it is not an assertion rule). */
    public static String rule(String id) {
        return RULES.getOrDefault(id, id);
    }

    /** {@code r} with REPLAY rule IDs, "as recorded" assertions, and the latency and TTFT advisories. */
    public static CheckResult relabel(CheckResult r, RecordedCall recorded) {
        List<AssertionResult> assertions = r.assertions().stream().map(a -> new AssertionResult(rule(a.ruleId()),
                "as recorded: " + a.assertion(), a.status(), a.evidence())).toList();
        List<RuleBreach> breaches = new ArrayList<>(r.breaches().stream().map(b -> new RuleBreach(rule(b.ruleId()),
                b.kind(), b.evidence())).toList());
        StringBuilder reason = new StringBuilder(ids(r.reason()));
        List<RuleBreach> slow = slower(r, recorded);
        for (RuleBreach b : slow) {
            breaches.add(b);
            reason.append("; advisory ").append(b.ruleId()).append(": ").append(b.evidence());
        }
        // a pass names its first advisory, as the judgement of any check does
        boolean advised = r.verdict() == Verdict.PASS && !slow.isEmpty() && !r.ruleId().startsWith("REPLAY-")
                && r.breaches().stream().noneMatch(b -> b.kind() == RuleBreach.Kind.ADVISORY);
        String ruleId = advised ? slow.get(0).ruleId() : rule(r.ruleId());
        return new CheckResult(r.checkId(), r.feature(), r.model(), r.verdict(), ruleId, reason.toString(),
                r.requestId(), r.ttftMs(), r.totalMs(), r.promptTokens(), r.completionTokens(), r.totalTokens(),
                r.output(), r.curl(), r.stats(), r.transcript(), breaches, assertions, r.otherRequests());
    }

    private static String ids(String text) {
        Matcher m = ASSERT_ID.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(rule(m.group())));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** REPLAY-LATENCY and REPLAY-TTFT when the target took much longer than the recording; empty otherwise. */
    static List<RuleBreach> slower(CheckResult r, RecordedCall recorded) {
        List<RuleBreach> out = new ArrayList<>();
        RecordedCall.Timing t = recorded.timing();
        if (t == null) {
            return out;
        }
        if (much(r.totalMs(), t.totalMs())) {
            out.add(new RuleBreach("REPLAY-LATENCY", RuleBreach.Kind.ADVISORY, "the target answered in " + r.totalMs()
                    + " ms; the recorded call took " + t.totalMs() + " ms"));
        }
        if (recorded.streamed() && much(r.ttftMs(), t.firstByteMs())) {
            out.add(new RuleBreach("REPLAY-TTFT", RuleBreach.Kind.ADVISORY, "the first token came after " + r.ttftMs()
                    + " ms; the recorded call's after " + t.firstByteMs() + " ms"));
        }
        return out;
    }

    private static boolean much(Long target, Long recorded) {
        return target != null && recorded != null && target > recorded * SLOWER_FACTOR
                && target - recorded > SLOWER_MARGIN_MS;
    }

    /**
     * The recorded call as the run's "current provider" result: the reference the target is compared with (a pass:
     * the recording is what the app saw), with its recorded figures.
     */
    public static CheckResult recorded(CheckResult target, ReplayCalls.Distinct d) {
        RecordedCall c = d.call();
        RecordedCall.Usage u = c.usage();
        RecordedCall.Timing t = c.timing();
        String reason = "recorded call #" + c.seq() + (d.occurrences() > 1 ? " (recorded " + d.occurrences()
                + " times)" : "") + ": HTTP " + c.status() + (c.streamed() ? ", streamed" : "");
        return new CheckResult(target.checkId(), target.feature(), c.model() == null ? "" : c.model(), Verdict.PASS, "",
                reason, c.responseHeaders().getOrDefault("x-request-id", ""), t == null ? null : t.firstByteMs(),
                t == null ? null : t.totalMs(), u == null ? null : u.promptTokens(),
                u == null ? null : u.completionTokens(), u == null ? null : u.totalTokens(), "", "");
    }

    /** The recorded call beside the target's answer: verdicts, the structure that differs, time and tokens. */
    public static Comparison compare(CheckResult recorded, CheckResult target) {
        List<String> diffs = target.assertions().stream().filter(a -> a.status() == AssertionResult.Status.FAIL)
                .map(a -> a.ruleId() + ": " + a.assertion().replaceFirst("^as recorded: ", "recorded ") + "; target: "
                        + a.evidence()).toList();
        if (diffs.isEmpty() && target.verdict() != Verdict.PASS) {
            diffs = List.of(target.ruleId() + ": " + target.reason());
        }
        return new Comparison(target.checkId(), recorded.model(), target.model(), recorded.verdict(), target.verdict(),
                diffs, recorded.totalMs(), target.totalMs(), recorded.totalTokens(), target.totalTokens());
    }

    /** The cost of a result's tokens at {@code prices}, as {@code $0.000123}, or {@code -} when unknown. */
    public static String cost(CheckResult r, PriceTable prices) {
        if (r.promptTokens() == null || r.completionTokens() == null || r.model().isBlank()) {
            return "-";
        }
        Double usd = prices.cost(r.model(), r.promptTokens(), r.completionTokens());
        return usd == null ? "-" : String.format(Locale.ROOT, "$%.6f", usd);
    }
}
