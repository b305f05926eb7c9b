package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.Reconciliation;
import ai.flatkey.migrate.plan.RequestCheck;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.secrets.KeyResolver;
import ai.flatkey.migrate.usage.ModelPrice;
import ai.flatkey.migrate.usage.QuotaGuard;
import ai.flatkey.migrate.usage.Reconciler;
import ai.flatkey.migrate.usage.Verification;
import ai.flatkey.migrate.wire.Cancellation;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * The use case "run the plan's smoke suite": resolve the keys of both sides → read the key's quota and the prices and
 * guard the budget → run the checks (repeat, compare) with live events → reconcile every billable request with the
 * gateway's log → the plan with the run and its reconciliation stored. The wizard's smoke step and the CLI's
 * {@code run} are two faces of this class: they translate controls or options in and events or results out.
 * Blocking; call off a UI thread.
 */
public final class SuiteRun {

    /** Runs kept in the plan, so a later run can be compared with earlier ones. */
    public static final int KEEP_RUNS = 10;

    /** Why a suite cannot start; each face words its own fix (a step of the wizard, an option of the CLI). */
    public enum Problem { NO_TARGET_URL, NO_TARGET_KEY, NO_SOURCE_URL, NO_SOURCE_KEY, NO_CHECK_SELECTED }

    /** A suite that cannot start, and why; the message names what is missing without a fix. */
    public static final class NotStartable extends Exception {
        private final Problem problem;

        NotStartable(Problem problem, String message) {
            super(message);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    /** Live events of a run: the runner's per-check events, then the run itself before its reconciliation starts. */
    public interface Listener extends SmokeListener {
        /** The checks ran (not called when cancelled); reconciliation follows when asked for. */
        default void onRunFinished(SmokeRun run) {
        }
    }

    /** Who a run talks to and what it sends: resolved from the plan, with nothing sent yet. */
    public record Sides(MigrationPlan plan, SuiteOptions options, List<Check> checks, Target target, Target source) {
        /** Requests that cost money (repeats included). */
        public int billable() {
            return billedModels().size();
        }

        /**
         * The model of each request that costs money, repeats included, in check order: what the quota guard prices
         * (a family check may send more than one, or to another model: a transcription's clip is spoken first).
         */
        public List<String> billedModels() {
            List<String> out = new ArrayList<>();
            for (Check c : checks) {
                if (!Reconciler.isBillable(c.kind())) {
                    continue;
                }
                String model = c.model().isEmpty() ? SmokeSuite.targetModels(plan).stream().findFirst().orElse("")
                        : c.model();
                List<String> models = FamilyChecks.handles(c.kind()) ? FamilyChecks.billedModels(c, plan)
                        : c.kind().equals(Check.EMBEDDINGS_BASE64) ? List.of(model, model) // float, then base64
                        : List.of(model);
                for (int i = 0; i < options.repeat(); i++) {
                    out.addAll(models);
                }
            }
            return out;
        }

        /**
         * Each request that costs money as the quota guard counts it: a probe at the probe's bounds, a request check at
         * its own body's size and output limit (its {@code max_tokens}, {@code max_completion_tokens} or
         * {@code max_output_tokens}; none is an unbounded request, counted at
         * {@link QuotaGuard#UNBOUNDED_OUTPUT_COUNTED}).
         */
        public List<QuotaGuard.Bill> bills() {
            List<QuotaGuard.Bill> out = new ArrayList<>();
            int at = 0;
            List<String> models = billedModels();
            for (Check c : checks) {
                if (!Reconciler.isBillable(c.kind())) {
                    continue;
                }
                java.util.Optional<RequestCheck> rc = c.kind().equals(Check.REQUEST) ? RequestChecks.find(plan, c)
                        : java.util.Optional.empty();
                List<QuotaGuard.Bill> family = FamilyChecks.handles(c.kind()) ? FamilyChecks.bills(c, plan) : List.of();
                int per = FamilyChecks.handles(c.kind()) ? family.size()
                        : c.kind().equals(Check.EMBEDDINGS_BASE64) ? 2 : 1;
                for (int i = 0; i < per * options.repeat(); i++) {
                    String model = models.get(at++);
                    out.add(rc.isPresent() ? bill(rc.get(), model)
                            : family.isEmpty() ? QuotaGuard.Bill.probe(model) : family.get(i % per));
                }
            }
            return out;
        }

        private static QuotaGuard.Bill bill(RequestCheck rc, String model) {
            com.google.gson.JsonObject body = rc.body();
            int prompt = ai.flatkey.migrate.usage.MediaPricing.promptTokensCeiling(body.toString());
            switch (rc.api()) {
                case EMBEDDINGS, IMAGES, MODERATIONS, IMAGE_EDITS -> {
                    return new QuotaGuard.Bill(model, prompt, 0, true);
                }
                case SPEECH -> {
                    // billed by the audio's length, as new-api bills it: the longest the input can be spoken
                    com.google.gson.JsonElement input = body.get("input");
                    String text = input != null && input.isJsonPrimitive() ? input.getAsString() : "";
                    return new QuotaGuard.Bill(model, prompt, ai.flatkey.migrate.usage.MediaPricing
                            .speechCompletionTokens(ai.flatkey.migrate.usage.MediaPricing.speechSecondsCeiling(text)),
                            true);
                }
                case CHAT, RESPONSES -> {
                    // bounded by the body's output bound, below
                }
            }
            for (String limit : List.of("max_tokens", "max_completion_tokens", "max_output_tokens")) {
                com.google.gson.JsonElement v = body.get(limit);
                if (v != null && v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber()) {
                    return new QuotaGuard.Bill(model, prompt, Math.max(0, v.getAsInt()), true);
                }
            }
            return new QuotaGuard.Bill(model, prompt, QuotaGuard.UNBOUNDED_OUTPUT_COUNTED, false);
        }
    }

    /** A run that is ready to go: its sides and what the books say it may cost. */
    public record Prepared(Sides sides, Verification.Preflight preflight, boolean reconcile) {
    }

    /**
     * What happened: the run (partial when {@code cancelled}: the checks did not all run), its reconciliation (null
     * when not asked for, cancelled or unreadable), and what went wrong on the way, in words.
     */
    public record Outcome(SmokeRun run, Reconciliation reconciliation, boolean cancelled, List<String> problems) {
        public Outcome {
            problems = List.copyOf(problems);
        }

        /** {@code plan} with the run and its reconciliation stored; unchanged when the run was cancelled. */
        public MigrationPlan applyTo(MigrationPlan plan, Clock clock) {
            if (cancelled) {
                return plan;
            }
            MigrationPlan withRun = withRun(plan, run).withUpdatedAt(clock.instant().toString());
            return reconciliation == null ? withRun : Verification.store(withRun, reconciliation);
        }
    }

    private final SmokeService smoke;
    private final Verification books;
    private final KeyResolver keys;

    public SuiteRun(SmokeService smoke, Verification books, KeyResolver keys) {
        this.smoke = smoke;
        this.books = books;
        this.keys = keys;
    }

    /** {@code plan} with {@code run} added (the oldest beyond {@link #KEEP_RUNS} dropped). */
    public static MigrationPlan withRun(MigrationPlan plan, SmokeRun run) {
        return plan.withSmokeRunAdded(run, KEEP_RUNS);
    }

    /** The checks a run with {@code options} would send; nothing is sent. */
    public List<Check> checks(MigrationPlan plan, SuiteOptions options) {
        return smoke.derive(plan, options);
    }

    /** Resolves the base URLs and keys of both sides and derives the checks; local and fast, nothing is sent. */
    public Sides resolve(MigrationPlan plan, SuiteOptions options) throws NotStartable {
        Endpoint t = plan.target();
        if (t.baseUrl().isBlank()) {
            throw new NotStartable(Problem.NO_TARGET_URL, "The plan has no target base URL.");
        }
        Target target = new Target(t.baseUrl(), key(t, Problem.NO_TARGET_KEY, "the target"));
        Target source = null;
        if (options.compare()) {
            Endpoint s = plan.source();
            if (s.baseUrl().isBlank()) {
                throw new NotStartable(Problem.NO_SOURCE_URL, "Compare needs the current provider's base URL, and the plan has none.");
            }
            source = new Target(s.baseUrl(), key(s, Problem.NO_SOURCE_KEY, "the current provider"));
        }
        List<Check> checks = smoke.derive(plan, options);
        if (checks.isEmpty()) {
            throw new NotStartable(Problem.NO_CHECK_SELECTED, "No check matches \"" + options.checks() + "\".");
        }
        return new Sides(plan, options, checks, target, source);
    }

    /**
     * Reads the books for a run (network): the key's quota, the prices ({@code extraPrices} fill gaps) and the
     * over-budget check. Nothing is sent to a model; the caller decides about {@link Verification.Preflight#overBudget()}.
     * With {@code reconcile} false the books are not read and the run will not be reconciled.
     */
    public Prepared prepare(Sides sides, List<ModelPrice> extraPrices, boolean reconcile) {
        Verification.Preflight pre = books.preflight(sides.plan(), sides.target().apiKey(), sides.bills(), extraPrices,
                reconcile);
        return new Prepared(sides, pre, reconcile);
    }

    /**
     * Runs a prepared suite: the checks (events to {@code listener}, on network threads), then, unless cancelled, the
     * reconciliation with the gateway's log. A cancel ends the run and the reconciliation's waits early.
     */
    public Outcome execute(Prepared p, Listener listener, Cancellation cancel) throws InterruptedException, ExecutionException {
        Sides sides = p.sides();
        SilenceWatch watch = new SilenceWatch(listener);
        SmokeRun run = smoke.run(sides.plan(), sides.target(), sides.source(), sides.options(), watch, cancel).get();
        List<String> problems = new ArrayList<>(p.preflight().problems());
        if (cancel.isCancelled()) {
            return new Outcome(run, null, true, problems);
        }
        listener.onRunFinished(run);
        Reconciliation rec = null;
        if (p.reconcile() && watch.targetSilent) {
            // Its books would wait as long for nothing (issue 17, case 7): no request of the run reached it.
            problems.add("The gateway's usage log, quota and rate limits were not read after the suite: it did not "
                    + "answer GET /models, so no other request was sent to it. Nothing of this run can be billed.");
        } else if (p.reconcile()) {
            try {
                rec = books.reconcile(run, p.preflight(), sides.target().baseUrl(), sides.target().apiKey(), cancel);
            } catch (RuntimeException e) {
                problems.add("The gateway's log could not be checked (" + e.getMessage() + "); confirm the requests by hand.");
            }
        }
        return new Outcome(run, cancel.isCancelled() ? null : rec, false, problems);
    }

    /** Passes every event on, noting whether the target went silent (see {@link SmokeListener#onSilent}). */
    /**
     * A listener that passes every event on to another; a subclass changes only the events it is about, so no event
     * is lost when the listener interface grows.
     */
    public static class Forwarding implements Listener {
        private final Listener to;

        public Forwarding(Listener to) {
            this.to = to;
        }

        @Override
        public void onStarted(Check check) {
            to.onStarted(check);
        }

        @Override
        public void onToken(Check check, String text) {
            to.onToken(check, text);
        }

        @Override
        public void onToolCallFragment(Check check, Integer index, String name, String arguments) {
            to.onToolCallFragment(check, index, name, arguments);
        }

        @Override
        public void onRawSse(Check check, String text) {
            to.onRawSse(check, text);
        }

        @Override
        public void onMedia(Check check, String requestId, List<MediaEvidence> media) {
            to.onMedia(check, requestId, media);
        }

        @Override
        public void onFinished(Check check, ai.flatkey.migrate.plan.CheckResult result) {
            to.onFinished(check, result);
        }

        @Override
        public void onTimedOut(Check check) {
            to.onTimedOut(check);
        }

        @Override
        public void onSilent(Check catalog) {
            to.onSilent(catalog);
        }

        @Override
        public void onRunFinished(SmokeRun run) {
            to.onRunFinished(run);
        }
    }

    /** Notes that the target did not answer its catalog check, so the books are not read after the suite. */
    private static final class SilenceWatch extends Forwarding {
        private volatile boolean targetSilent;

        SilenceWatch(Listener to) {
            super(to);
        }

        @Override
        public void onSilent(Check catalog) {
            if (!catalog.source()) {
                targetSilent = true;
            }
            super.onSilent(catalog);
        }
    }

    private String key(Endpoint e, Problem missing, String what) throws NotStartable {
        String ref = e.keyRef();
        java.util.Optional<String> key = keys.resolve(ref);
        if (!ref.isBlank() && key.isEmpty()) {
            throw new NotStartable(missing, "No key for " + what + " in " + Endpoint.describeKeyRef(ref) + ".");
        }
        return key.orElse(null);
    }
}
