package ai.flatkey.migrate.usage;

import ai.flatkey.migrate.plan.BilledRequest;
import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.Reconciliation;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.Verdict;
import ai.flatkey.migrate.wire.ResponseHeaders;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reconciles a smoke run with the gateway's own records: for each billable smoke request, the model asked vs the
 * model billed, the tokens we saw vs the tokens logged, our cost estimate vs the gateway's, with a verdict per row.
 * A request not yet in the log is looked up again, a bounded number of times (logs lag by seconds on some gateways).
 */
public final class Reconciler {
    /**
     * Check features whose requests the gateway does not bill: listing models, and the probes that are meant to be
     * refused (an invalid key, an unknown model, an unknown parameter, the base-URL diagnosis), and the probes of
     * routes a gateway may lack ({@code files}, {@code fine-tuning}, {@code batches}). Every other check sends a
     * model request that is billed.
     */
    static final Set<String> NOT_BILLED = Set.of("models", "auth", "unknown-model", "unsupported-param", "base-url",
            "files", "fine-tuning", "batches");
    /** Relative tolerance when comparing costs (rounding of quota units). */
    static final double COST_TOLERANCE = 0.02;

    /** Whether requests of a check feature are billed by the gateway (so they are reconciled and count against quota). */
    public static boolean isBillable(String feature) {
        return feature != null && !feature.isBlank() && !NOT_BILLED.contains(feature);
    }

    /** Waits between lookups; tests pass one that does not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private final UsageAdapter adapter;
    private final Clock clock;
    private final Sleeper sleeper;
    private final int attempts;
    private final long delayMs;

    /**
     * @param attempts how many times to look up a request that is not in the log yet (at least 1)
     * @param delayMs  the wait between lookups
     */
    public Reconciler(UsageAdapter adapter, Clock clock, Sleeper sleeper, int attempts, long delayMs) {
        this.adapter = adapter;
        this.clock = clock;
        this.sleeper = sleeper;
        this.attempts = Math.max(1, attempts);
        this.delayMs = Math.max(0, delayMs);
    }

    public Reconciliation reconcile(SmokeRun run, PriceTable prices, Optional<KeyQuota> before, Optional<KeyQuota> after,
                                    List<String> rateLimits) throws InterruptedException {
        List<CheckResult> billable = run.results().stream().filter(r -> isBillable(r.feature())).toList();
        Map<String, Reconciliation.Row> rows = new LinkedHashMap<>();
        List<CheckResult> pending = new ArrayList<>();
        String problem = "";
        for (CheckResult r : billable) {
            Reconciliation.Row fixed = precheck(r, prices);
            if (fixed != null) {
                rows.put(r.checkId(), fixed);
            } else {
                pending.add(r);
                rows.put(r.checkId(), null);
            }
        }
        for (int attempt = 1; attempt <= attempts && !pending.isEmpty(); attempt++) {
            if (attempt > 1) {
                sleeper.sleep(delayMs);
            }
            List<CheckResult> still = new ArrayList<>();
            for (CheckResult r : pending) {
                Map<String, String> ids = requestIds(r);
                Optional<UsageAdapter.Found> logged;
                try {
                    logged = adapter.lookupAny(List.copyOf(ids.keySet()));
                } catch (UsageException e) {
                    problem = e.getMessage();
                    rows.put(r.checkId(), row(r, prices, null, Reconciliation.Status.NOT_CHECKABLE,
                            "The gateway's log could not be read: " + e.getMessage()));
                    continue;
                }
                if (logged.isPresent()) {
                    rows.put(r.checkId(), compare(r, prices, logged.get(), ids));
                } else {
                    still.add(r);
                }
            }
            pending = still;
        }
        for (CheckResult r : pending) {
            rows.put(r.checkId(), row(r, prices, null, Reconciliation.Status.NOT_VISIBLE_YET,
                    "Not in the gateway's log after " + attempts + (attempts == 1 ? " lookup" : " lookups")
                            + "; look again later or confirm it in the dashboard."));
        }
        SuiteCost suiteCost = suiteCost(run, prices);
        Double quotaBefore = before.map(KeyQuota::availableUsd).orElse(null);
        Double quotaAfter = after.map(KeyQuota::availableUsd).orElse(null);
        List<Reconciliation.Row> list = new ArrayList<>(rows.values());
        String note = note(list, adapter, quotaBefore, quotaAfter, suiteCost, problem);
        return new Reconciliation(run.startedAt(), clock.instant().toString(), adapter.name(), list, quotaBefore, quotaAfter,
                suiteCost.usd(), rateLimits, note);
    }

    /** Rows that need no lookup: nothing to look up by, or an adapter that cannot look up. */
    private Reconciliation.Row precheck(CheckResult r, PriceTable prices) {
        if (!adapter.canLookUp()) {
            return row(r, prices, null, Reconciliation.Status.NOT_CHECKABLE,
                    "This gateway offers no usage API here: confirm the request in its dashboard.");
        }
        if (r.requestId().isBlank() && requestIds(r).isEmpty()) {
            return row(r, prices, null, Reconciliation.Status.NOT_CHECKABLE,
                    r.verdict() == Verdict.ERROR ? "The request failed before the gateway answered." : "The response carried no request ID.");
        }
        if (r.totalTokens() == null && r.verdict() != Verdict.PASS) {
            return row(r, prices, null, Reconciliation.Status.NOT_CHECKABLE, "The request was refused; refused requests are not billed.");
        }
        return null;
    }

    /**
     * Every ID the request's response carried, each once, with where it came from: the ID the check recorded, then
     * the request-ID headers of its transcript (the gateway's own first), then the answer's own {@code id}.
     */
    static Map<String, String> requestIds(CheckResult r) {
        Map<String, String> fromTranscript = ResponseHeaders.requestIdsIn(r.transcript());
        Map<String, String> ids = new LinkedHashMap<>();
        if (!r.requestId().isBlank()) {
            String source = fromTranscript.entrySet().stream().filter(e -> e.getValue().equals(r.requestId()))
                    .map(Map.Entry::getKey).findFirst().orElse("request ID");
            ids.put(r.requestId(), source);
        }
        fromTranscript.forEach((source, id) -> ids.putIfAbsent(id, source));
        return ids;
    }

    /** "joined on x-oneapi-request-id" and the other IDs the response carried, as evidence. */
    private static String joinedOn(UsageAdapter.Found found, Map<String, String> ids) {
        String source = ids.getOrDefault(found.id(), "request ID");
        StringBuilder sb = new StringBuilder("joined on ").append(source.equals("id") ? "the response's id" : source);
        if (!found.logged().matchedBy().isBlank() && !found.logged().matchedBy().equals("request_id")) {
            sb.append(" (the log's ").append(found.logged().matchedBy()).append(')');
        }
        List<String> others = ids.entrySet().stream().filter(e -> !e.getKey().equals(found.id()))
                .map(e -> e.getValue() + " " + e.getKey()).toList();
        if (!others.isEmpty()) {
            sb.append("; also sent: ").append(String.join(", ", others));
        }
        return sb.toString();
    }

    private Reconciliation.Row compare(CheckResult r, PriceTable prices, UsageAdapter.Found found, Map<String, String> ids) {
        LoggedRequest l = found.logged();
        List<String> diffs = new ArrayList<>();
        if (l.model() != null && !sameModel(r.model(), l.model())) {
            diffs.add("billed as " + l.model() + ", asked for " + r.model());
        }
        Integer logged = l.totalTokens();
        String note = "";
        if (r.totalTokens() == null && logged != null) {
            note = "tokens not compared: the response carried no usage (the log says " + logged + ")";
        }
        if (r.totalTokens() != null && logged != null && !r.totalTokens().equals(logged)) {
            diffs.add("tokens " + r.totalTokens() + " seen, " + logged + " logged (" + signed(logged - r.totalTokens()) + ")");
        } else if (r.promptTokens() != null && l.promptTokens() != null && !r.promptTokens().equals(l.promptTokens())) {
            diffs.add("prompt tokens " + r.promptTokens() + " seen, " + l.promptTokens() + " logged");
        }
        Double estimate = cost(r, prices);
        QuotaFormula formula = prices.price(r.model()).map(ModelPrice::formula).orElse(null);
        int seconds = MediaPricing.taskSeconds(r.feature());
        if (formula != null && l.quota() != null && (seconds > 0 || r.promptTokens() != null && r.completionTokens() != null)) {
            // The gateway's own formula in its own unit: equal to the unit, or not.
            long expected = seconds > 0 ? formula.taskQuota(seconds) : formula.quota(r.promptTokens(), r.completionTokens());
            if (expected != l.quota()) {
                diffs.add(String.format(Locale.ROOT, "cost %d quota units by the gateway's formula ($%.6f), %d charged"
                        + " ($%.6f)", expected, formula.usd(expected), l.quota(), formula.usd(l.quota())));
            }
        } else if (estimate != null && l.costUsd() != null && !close(estimate, l.costUsd())) {
            diffs.add(String.format(Locale.ROOT, "cost $%.6f estimated, $%.6f charged (%+.6f)", estimate, l.costUsd(), l.costUsd() - estimate));
        } else if (estimate != null && l.costUsd() != null && !usd(estimate).equals(usd(l.costUsd()))) {
            // Close enough to count as the same charge, but not equal as shown: say so, and by how much.
            note = (note.isEmpty() ? "" : note + "; ") + withinRounding(estimate, l.costUsd());
        }
        String joined = joinedOn(found, ids);
        Reconciliation.Row row = row(r, prices, l, diffs.isEmpty() ? Reconciliation.Status.MATCH : Reconciliation.Status.MISMATCH,
                diffs.isEmpty() ? (note.isEmpty() ? joined : note + "; " + joined) : String.join("; ", diffs) + "; " + joined);
        return found.id().equals(r.requestId()) ? row : new Reconciliation.Row(row.checkId(), found.id(), row.modelAsked(),
                row.modelBilled(), row.tokensSeen(), row.tokensLogged(), row.costEstimateUsd(), row.costLoggedUsd(),
                row.requestStatus(), row.status(), row.difference());
    }

    private static Reconciliation.Row row(CheckResult r, PriceTable prices, LoggedRequest l, Reconciliation.Status status, String diff) {
        return new Reconciliation.Row(r.checkId(), r.requestId(), r.model(), l == null || l.model() == null ? "" : l.model(),
                r.totalTokens(), l == null ? null : l.totalTokens(), cost(r, prices),
                l == null ? null : l.costUsd(), l == null ? "" : l.status(), status, diff);
    }

    /** Our estimate of what a check's request cost: a video job per second of video (see {@link MediaPricing}). */
    private static Double cost(CheckResult r, PriceTable prices) {
        return prices.cost(r.model(), r.promptTokens(), r.completionTokens(), MediaPricing.taskSeconds(r.feature()));
    }

    /** A billed model matches the one asked when equal, or when it is a dated version or vendor-prefixed form of it. */
    static boolean sameModel(String asked, String billed) {
        if (asked.equals(billed)) {
            return true;
        }
        String b = billed.contains("/") ? billed.substring(billed.lastIndexOf('/') + 1) : billed;
        return b.equals(asked) || b.startsWith(asked + "-20") || b.startsWith(asked + "-0");
    }

    /** "cost matches within rounding: $0.000581 estimated, $0.000582 charged (+$0.000001, 0.17 %)". */
    static String withinRounding(double estimate, double charged) {
        double diff = charged - estimate;
        return String.format(Locale.ROOT, "cost matches within rounding: %s estimated, %s charged (%s$%.6f, %.2f %%)",
                usd(estimate), usd(charged), diff < 0 ? "−" : "+", Math.abs(diff), estimate == 0 ? 0.0 : Math.abs(diff) / estimate * 100);
    }

    private static String usd(double v) {
        return String.format(Locale.ROOT, "$%.6f", v);
    }

    static boolean close(double a, double b) {
        double scale = Math.max(Math.abs(a), Math.abs(b));
        return Math.abs(a - b) <= Math.max(1e-6, scale * COST_TOLERANCE);
    }

    /**
     * What the suite cost by our own estimate: every billed request priced, a check's other requests included (a
     * transcription's spoken clip, each transcription format), or null without a price for any.
     *
     * @param unpriced billed requests left out: no price for the model, or no usage in an answer priced per token
     */
    record SuiteCost(Double usd, int unpriced) {
    }

    static SuiteCost suiteCost(SmokeRun run, PriceTable prices) {
        double total = 0;
        boolean any = false;
        int unpriced = 0;
        for (CheckResult r : run.results()) {
            if (!isBillable(r.feature())) {
                continue;
            }
            Double c = cost(r, prices);
            if (c != null) {
                total += c;
                any = true;
            } else if (!r.requestId().isBlank() && (r.verdict() == Verdict.PASS || r.totalTokens() != null)) {
                unpriced++; // answered, so billed, but without usage or a price we cannot say for how much
            }
            for (BilledRequest o : r.otherRequests()) {
                Double other = prices.cost(o.model(), o.promptTokens(), o.completionTokens());
                if (other != null) {
                    total += other;
                    any = true;
                } else {
                    unpriced++;
                }
            }
        }
        return new SuiteCost(any ? total : null, unpriced);
    }

    private static String note(List<Reconciliation.Row> rows, UsageAdapter adapter, Double before, Double after,
                               SuiteCost suite, String problem) {
        Double cost = suite.usd();
        long match = rows.stream().filter(r -> r.status() == Reconciliation.Status.MATCH).count();
        long mismatch = rows.stream().filter(r -> r.status() == Reconciliation.Status.MISMATCH).count();
        StringBuilder sb = new StringBuilder();
        if (!adapter.canLookUp()) {
            sb.append("No usage API for this gateway: confirm usage, billing and quota by hand.");
        } else {
            sb.append(match).append(" of ").append(rows.size()).append(" requests match the gateway's log");
            if (mismatch > 0) {
                sb.append("; ").append(mismatch).append(" differ");
            }
            sb.append('.');
        }
        if (before != null && after != null) {
            sb.append(String.format(Locale.ROOT, " Quota dropped by $%.6f", before - after));
            if (cost != null) {
                sb.append(String.format(Locale.ROOT, " (our estimate for the suite: $%.6f", cost));
                if (suite.unpriced() > 0) {
                    sb.append("; ").append(suite.unpriced()).append(suite.unpriced() == 1 ? " request" : " requests")
                            .append(" not in it: no usage in the answer or no price for the model");
                }
                sb.append(')');
            }
            sb.append('.');
        }
        if (!problem.isBlank()) {
            sb.append(" ").append(problem);
        }
        return sb.toString();
    }

    private static String signed(int n) {
        return n > 0 ? "+" + n : String.valueOf(n);
    }
}
