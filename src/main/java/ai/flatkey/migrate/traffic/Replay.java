package ai.flatkey.migrate.traffic;

import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.Comparison;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.RequestCheck;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.smoke.Check;
import ai.flatkey.migrate.smoke.SuiteOptions;
import ai.flatkey.migrate.smoke.SuiteRun;
import ai.flatkey.migrate.usage.ModelPrice;
import ai.flatkey.migrate.usage.PriceTable;
import ai.flatkey.migrate.usage.QuotaGuard;
import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.SafeText;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The use case "replay recorded calls": select the distinct calls of a recording ({@link ReplayCalls}: dedup,
 * sample, costly and unreplayable ones listed and left out) → each becomes a request check whose assertions are the
 * recorded answer's structure ({@link Expectations}), its model mapped through the plan → the quota guard prices the
 * replay from the recorded tokens → the smoke suite runs them ({@link SuiteRun}: the same sending, conformance rules,
 * live events, cancellation and reconciliation as {@code run}) → each result in REPLAY rules, beside its recorded
 * figures, stored in the plan as a compared smoke run (the recording as the current provider), so every export shows
 * it. The CLI's {@code replay} and the wizard's "Replay recorded calls" are its two faces. Blocking; call off a UI
 * thread.
 */
public final class Replay {
    /** The check IDs a replay's checks have: {@code request:replay-SEQ} (with {@code :MODEL} when run per model). */
    public static final String CHECKS = "request:replay-*";
    private static final Pattern NAME = Pattern.compile("^request:(replay-\\d+)");

    /** Live events: the selection before anything is sent, then the suite's per-check events, results relabelled. */
    public interface Listener extends SuiteRun.Listener {
        /** The calls that will be sent, and the ones that will not (with why). */
        default void onSelected(ReplayCalls.Selection selection) {
        }
    }

    /**
     * How a replay runs.
     *
     * @param sample        at most this many distinct calls (0: all)
     * @param concurrency   calls sent at once
     * @param includeCostly whether costly calls (large, several answers, audio out, background jobs, image
     *                      generations, speech) are sent
     */
    public record Options(int sample, int concurrency, boolean includeCostly) {
        public Options {
            if (sample < 0) {
                throw new IllegalArgumentException("sample must be 0 (all) or more; got " + sample);
            }
            if (concurrency < 1 || concurrency > SuiteOptions.MAX_CONCURRENCY) {
                throw new IllegalArgumentException("concurrency must be between 1 and " + SuiteOptions.MAX_CONCURRENCY);
            }
        }

        public static Options defaults() {
            return new Options(0, 4, false);
        }
    }

    /** Nothing in the recording can be replayed; the message says why. */
    public static final class NothingToReplay extends Exception {
        public NothingToReplay(String message) {
            super(message);
        }
    }

    /**
     * What a replay will send, decided from the recording alone.
     *
     * @param name     the recording's file name (the checks' origin)
     * @param warnings what the recording lacks (shapes-only), in words; the lines the reader could not read are
     *                 {@link #unread()}
     */
    public record Selected(Recording recording, String name, ReplayCalls.Selection selection, List<String> warnings) {
        public Selected {
            warnings = List.copyOf(warnings);
        }

        /** Each line of the recording that could not be read, in words (the other calls are replayed). */
        public List<String> unread() {
            return recording.problems().stream().map(p -> name + ": " + p + " (the other calls are replayed)").toList();
        }

        /** The request checks the calls to send run as. */
        public List<RequestCheck> checks() {
            return selection.send().stream().map(d -> Expectations.check(d, name)).toList();
        }
    }

    /**
     * A replay ready to go: what the books say it may cost (from the recorded tokens).
     *
     * @param estimate its cost is the priced calls' sum (a floor when {@code unpriced} > 0), null when none is priced
     * @param unpriced how many calls go to a model without a price
     */
    public record Prepared(Selected selected, SuiteRun.Prepared suite, QuotaGuard.Estimate estimate, int unpriced,
                           Optional<String> overBudget) {
    }

    /** What happened: the suite's outcome with the run in REPLAY rules beside the recording. */
    public record Outcome(Selected selected, SuiteRun.Outcome suite) {
        public SmokeRun run() {
            return suite.run();
        }

        /** {@code plan} with the replay's run (and reconciliation) stored; unchanged when cancelled. */
        public MigrationPlan applyTo(MigrationPlan plan, Clock clock) {
            return suite.applyTo(plan, clock);
        }
    }

    private final SuiteRun suite;

    public Replay(SuiteRun suite) {
        this.suite = suite;
    }

    /** Selects the calls of {@code recording} to send; nothing is sent. */
    public static Selected select(Recording recording, String name, Options options) throws NothingToReplay {
        List<String> warnings = new ArrayList<>();
        if (recording.calls().isEmpty()) {
            throw new NothingToReplay(name + " holds no recorded call" + (recording.problems().isEmpty()
                    ? ": record some traffic first (flatkey-migrate record)" : " that could be read: "
                    + String.join("; ", recording.problems())));
        }
        if (recording.header().shapesOnly()) {
            warnings.add(name + " keeps shapes only: message texts were not recorded, so each call is replayed with"
                    + " placeholders in their place and its answer may differ in structure (a tool or JSON answer the"
                    + " real prompt would have asked for)");
        }
        ReplayCalls.Selection s = ReplayCalls.select(recording.calls(), options.sample(), options.includeCostly());
        if (s.send().isEmpty()) {
            throw new NothingToReplay("None of the " + s.distinct() + " distinct calls of " + name + " can be replayed: "
                    + String.join("; ", s.skipped().stream().map(x -> "#" + x.call().call().seq() + " " + x.why())
                    .limit(5).toList()));
        }
        return new Selected(recording, name, s, warnings);
    }

    /** The plan the suite runs: only the replay's request checks (the plan's own checks and check files left out). */
    static MigrationPlan suitePlan(MigrationPlan plan, Selected selected) {
        return plan.withRequestChecks(selected.checks()).withCheckFiles(List.of()).withFileChecks(List.of())
                .withReplayPrompts(List.of());
    }

    /**
     * Resolves the target and its key and reads the books (network: quota, prices); prices the replay from the
     * recorded tokens and checks it against the key's quota and the plan's budget. Nothing is sent to a model.
     */
    public Prepared prepare(MigrationPlan plan, Selected selected, Options options, List<ModelPrice> extraPrices,
                            boolean reconcile) throws SuiteRun.NotStartable {
        SuiteOptions so = SuiteOptions.defaults().withChecks(CHECKS).withNegatives(false)
                .withConcurrency(options.concurrency());
        SuiteRun.Sides sides = suite.resolve(suitePlan(plan, selected), so);
        SuiteRun.Prepared prepared = suite.prepare(sides, extraPrices, reconcile);
        PriceTable prices = prepared.preflight().prices();
        QuotaGuard.Estimate estimate = estimate(sides.checks(), byName(selected), prices);
        int unpriced = (int) sides.checks().stream().filter(c -> prices.price(c.model()).isEmpty()).count();
        Optional<String> over = QuotaGuard.check(estimate, prepared.preflight().before(), plan.budgetUsd())
                .or(() -> prepared.preflight().overBudget());
        return new Prepared(selected, prepared, estimate, unpriced, over.map(s -> s.replace("The suite", "The replay")
                + (unpriced > 0 ? " (" + unpriced + " more calls go to models without a price)" : "")));
    }

    /**
     * Every check priced at its recorded tokens (or the smoke ceiling when the recording has none) on its target model;
     * the cost is the priced checks' sum (null when none is priced): a floor that already tells an over-budget replay.
     */
    static QuotaGuard.Estimate estimate(List<Check> checks, Map<String, ReplayCalls.Distinct> byName, PriceTable prices) {
        int tokens = 0;
        double cost = 0;
        boolean priced = false;
        for (Check c : checks) {
            ReplayCalls.Distinct d = byName.get(name(c.id()));
            RecordedCall.Usage u = d == null ? null : d.call().usage();
            boolean known = u != null && u.promptTokens() != null && u.completionTokens() != null;
            int prompt = known ? u.promptTokens() : QuotaGuard.PROMPT_TOKENS_PER_CHECK;
            int completion = known ? u.completionTokens() : QuotaGuard.MAX_OUTPUT_TOKENS_PER_CHECK;
            tokens += prompt + completion;
            Double usd = prices.cost(c.model(), prompt, completion);
            priced |= usd != null;
            cost += usd == null ? 0 : usd;
        }
        return new QuotaGuard.Estimate(checks.size(), tokens, priced ? cost : null);
    }

    /** Runs a prepared replay: the calls (events to {@code listener}), then the reconciliation unless cancelled. */
    public Outcome execute(Prepared p, Listener listener, Cancellation cancel)
            throws InterruptedException, ExecutionException {
        Map<String, ReplayCalls.Distinct> byName = byName(p.selected());
        listener.onSelected(p.selected().selection());
        SuiteRun.Outcome raw = suite.execute(p.suite(), new Relabelling(listener, byName), cancel);
        SmokeRun run = raw.run();
        List<CheckResult> target = new ArrayList<>();
        List<CheckResult> recorded = new ArrayList<>();
        List<Comparison> comparisons = new ArrayList<>();
        for (CheckResult r : run.results()) {
            ReplayCalls.Distinct d = byName.get(name(r.checkId()));
            CheckResult t = d == null ? r : ReplayVerdicts.relabel(r, d.call());
            target.add(t);
            if (d != null) {
                CheckResult rec = ReplayVerdicts.recorded(t, d);
                recorded.add(rec);
                comparisons.add(ReplayVerdicts.compare(rec, t));
            }
        }
        RecordingHeader h = p.selected().recording().header();
        String source = SOURCE_PREFIX + p.selected().name() + (h.upstream() == null || h.upstream().isBlank() ? ""
                : " of " + SafeText.scrub(h.upstream()));
        SmokeRun replayed = new SmokeRun(run.startedAt(), run.targetBaseUrl(), target, source, recorded, comparisons);
        List<String> problems = new ArrayList<>(p.selected().unread());
        problems.addAll(p.selected().warnings());
        problems.addAll(raw.problems());
        return new Outcome(p.selected(), new SuiteRun.Outcome(replayed, raw.reconciliation(), raw.cancelled(), problems));
    }

    /** How a replay's run names its other side: "recording FILE of UPSTREAM". */
    static final String SOURCE_PREFIX = "recording ";

    /** Whether a stored run is a replay (its other side is a recording, not the current provider). */
    public static boolean replayed(SmokeRun run) {
        return run.sourceBaseUrl().startsWith(SOURCE_PREFIX);
    }

    private static Map<String, ReplayCalls.Distinct> byName(Selected s) {
        Map<String, ReplayCalls.Distinct> out = new LinkedHashMap<>();
        s.selection().send().forEach(d -> out.put(d.name(), d));
        return out;
    }

    /** The replay name in a check ID ({@code replay-12} of {@code request:replay-12:gpt-5.5}), or empty. */
    static String name(String checkId) {
        Matcher m = NAME.matcher(checkId);
        return m.find() ? m.group(1) : "";
    }

    /** Passes the suite's events on, each finished result in the replay's words. */
    private static final class Relabelling extends SuiteRun.Forwarding {
        private final Listener to;
        private final Map<String, ReplayCalls.Distinct> byName;

        Relabelling(Listener to, Map<String, ReplayCalls.Distinct> byName) {
            super(to);
            this.to = to;
            this.byName = byName;
        }

        @Override
        public void onFinished(Check check, CheckResult result) {
            ReplayCalls.Distinct d = byName.get(name(check.id()));
            to.onFinished(check, d == null ? result : ReplayVerdicts.relabel(result, d.call()));
        }

        /** Not passed on: the suite's run is not the replay's (that one, relabelled beside the recording, is the outcome's). */
        @Override
        public void onRunFinished(SmokeRun run) {
        }
    }
}
