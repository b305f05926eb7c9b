package ai.flatkey.migrate.usage;

import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.Reconciliation;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.Texts;
import ai.flatkey.migrate.wire.Redactor;
import ai.flatkey.migrate.wire.SafeText;
import ai.flatkey.migrate.wire.Cancellation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The use case "verify with the gateway's books": what a suite is expected to cost before it runs (quota, prices,
 * budget), the reconciliation of a run's requests with the gateway's log after it, and "look again" later. The
 * wizard's smoke and verify steps and the CLI's {@code run} call this; none of them reads the books on its own.
 * Blocking; call off a UI thread.
 */
public final class Verification {

    /**
     * What the gateway's books say before a suite: the adapter to reconcile with, the key's quota, the price table,
     * the over-budget warning (empty when within quota and budget) and what could not be read, in words.
     */
    public record Preflight(UsageAdapter adapter, Optional<KeyQuota> before, PriceTable prices, QuotaGuard.Estimate estimate,
                            Optional<String> overBudget, List<String> problems) {
        public Preflight {
            problems = List.copyOf(problems);
        }
    }

    private final UsageService usage;

    public Verification(UsageService usage) {
        this.usage = usage;
    }

    /**
     * Reads the quota and the prices for a suite of {@code billable} requests on {@code models}, and checks the
     * estimate against the quota and the plan's budget. With {@code reconcile} false nothing is read (manual books).
     */
    public Preflight preflight(MigrationPlan plan, String key, int billable, List<String> models, List<ModelPrice> extraPrices,
                               boolean reconcile) {
        List<QuotaGuard.Bill> bills = new ArrayList<>(billable);
        for (int i = 0; i < billable; i++) {
            bills.add(QuotaGuard.Bill.probe(models.isEmpty() ? null : models.get(i % models.size())));
        }
        return preflight(plan, key, bills, extraPrices, reconcile);
    }

    /**
     * Reads the quota and the prices for a suite of these billable requests, each priced at its own prompt and output
     * limit, and checks the estimate against the quota and the plan's budget. With {@code reconcile} false nothing
     * is read (manual books).
     */
    public Preflight preflight(MigrationPlan plan, String key, List<QuotaGuard.Bill> bills, List<ModelPrice> extraPrices,
                               boolean reconcile) {
        List<String> problems = new ArrayList<>();
        UsageAdapter adapter = UsageAdapter.manual();
        if (reconcile) {
            try {
                adapter = usage.adapter(plan.target(), key);
            } catch (UsageException e) {
                problems.add("Usage cannot be checked: " + e.getMessage());
            }
        }
        // The quota and the prices are read at once: against a gateway that does not answer, the two waits overlap.
        UsageAdapter books = adapter;
        java.util.concurrent.FutureTask<PricesRead> pricesRead = new java.util.concurrent.FutureTask<>(() -> {
            try {
                return new PricesRead(books.prices(), null);
            } catch (UsageException e) {
                return new PricesRead(List.of(), e);
            }
        });
        Thread reader = new Thread(pricesRead, "books-prices");
        reader.setDaemon(true);
        reader.start();
        Optional<KeyQuota> before = quota(adapter, problems);
        PricesRead read = joined(pricesRead);
        if (read.failure() != null) {
            problems.add("The gateway's prices could not be read: " + read.failure().getMessage());
        }
        List<ModelPrice> gatewayPrices = read.prices();
        PriceTable prices = PriceTable.of(gatewayPrices, extraPrices, plan);
        QuotaGuard.Estimate estimate = QuotaGuard.estimate(bills, prices);
        return new Preflight(adapter, before, prices, estimate, QuotaGuard.check(estimate, before, plan.budgetUsd()), problems);
    }

    /** After a suite: the quota now, the rate-limit headers now, and each request looked up in the gateway's log. */
    public Reconciliation reconcile(SmokeRun run, Preflight pre, String key, Cancellation cancel) throws InterruptedException {
        return reconcile(run, pre, run.targetBaseUrl(), key, cancel);
    }

    /**
     * The same against {@code baseUrl} (the run stores its base URL with any password masked). Every text the gateway
     * sent (IDs, model names, notes, rate-limit lines) is scrubbed of the key, the base URL's password and control
     * characters.
     */
    public Reconciliation reconcile(SmokeRun run, Preflight pre, String baseUrl, String key, Cancellation cancel)
            throws InterruptedException {
        List<String> ignored = new ArrayList<>();
        Optional<KeyQuota> after = quota(pre.adapter(), ignored);
        List<String> limits = usage.rateLimits(baseUrl, key, cancel);
        return scrubbed(usage.reconciler(pre.adapter(), cancel).reconcile(run, pre.prices(), pre.before(), after, limits),
                key, baseUrl);
    }

    private static Reconciliation scrubbed(Reconciliation rec, String key, String baseUrl) {
        return Texts.map(rec, s -> SafeText.scrub(s, key, Redactor.urlPassword(baseUrl)));
    }

    /**
     * Looks the latest run's requests up in the gateway's log again (logs can lag). The quota before the suite and
     * the rate limits are the ones the first reconciliation recorded. Empty when the plan has no run.
     */
    public Optional<Reconciliation> recheck(MigrationPlan plan, String key, Cancellation cancel)
            throws UsageException, InterruptedException {
        Optional<SmokeRun> run = plan.latestRun();
        if (run.isEmpty()) {
            return Optional.empty();
        }
        Optional<Reconciliation> previous = plan.latestReconciliation();
        UsageAdapter adapter = usage.adapter(plan.target(), key);
        List<String> ignored = new ArrayList<>();
        List<ModelPrice> gatewayPrices;
        try {
            gatewayPrices = adapter.prices();
        } catch (UsageException e) {
            gatewayPrices = List.of();
        }
        PriceTable prices = PriceTable.of(gatewayPrices, List.of(), plan);
        Optional<KeyQuota> before = previous.map(Reconciliation::quotaBefore)
                .map(v -> new KeyQuota("before the suite", null, null, v, false, 0));
        Optional<KeyQuota> after = adapter.canReadQuota() ? adapter.quota() : Optional.empty();
        List<String> limits = previous.map(Reconciliation::rateLimits).orElse(List.of());
        return Optional.of(scrubbed(usage.reconciler(adapter, cancel).reconcile(run.get(), prices, before, after, limits),
                key, plan.target().baseUrl()));
    }

    /** Stores {@code rec} into {@code plan} when the plan's latest run is still the one it reconciles. */
    public static MigrationPlan store(MigrationPlan plan, Reconciliation rec) {
        return plan.latestRun().filter(r -> r.startedAt().equals(rec.runStartedAt())).isPresent()
                ? plan.withReconciliation(rec) : plan;
    }

    /** What reading the prices gave: the prices, or the failure (and no prices). */
    private record PricesRead(List<ModelPrice> prices, UsageException failure) {
    }

    /**
     * The prices read on another thread. A runtime failure there is thrown here, as if the read had run on this
     * thread; an interrupt of this thread ends the wait (the read's own timeouts end the read).
     */
    private static PricesRead joined(java.util.concurrent.FutureTask<PricesRead> read) {
        try {
            return read.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PricesRead(List.of(), new UsageException("interrupted while waiting for them", e));
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static Optional<KeyQuota> quota(UsageAdapter adapter, List<String> problems) {
        if (!adapter.canReadQuota()) {
            return Optional.empty();
        }
        try {
            return adapter.quota();
        } catch (UsageException e) {
            problems.add("The key's quota could not be read: " + e.getMessage());
            return Optional.empty();
        }
    }
}
