package ai.flatkey.migrate.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The gateway's own books: per key, the quota granted and used, and a log of every model request it answered or
 * refused (request ID, model, tokens, quota charged, status). Costs come from the catalog's prices, in new-api
 * quota units: {@value #QUOTA_PER_USD} per US dollar, at least 1 for any paid request. A request is charged when it
 * is served, before its first byte; one the remaining quota cannot pay for is refused and charges nothing.
 */
final class Ledger {

    /** new-api's unit: quota per US dollar. */
    static final long QUOTA_PER_USD = 500_000;
    /** Entries kept per key (oldest dropped first). */
    static final int MAX_ENTRIES = 10_000;

    /**
     * One logged request.
     *
     * @param id               sequence number across the gateway, from 1
     * @param requestId        the {@code x-request-id} it was answered with
     * @param createdAt        epoch seconds
     * @param endpoint         e.g. {@code /v1/chat/completions}
     * @param model            the model asked for
     * @param promptTokens     input tokens
     * @param completionTokens output tokens
     * @param quota            quota charged (0 when refused)
     * @param stream           whether it was streamed
     * @param status           the HTTP status answered
     * @param content          a short description, as new-api's log {@code content}
     */
    record Entry(long id, String requestId, long createdAt, String endpoint, String model, int promptTokens,
                 int completionTokens, long quota, boolean stream, int status, String content) {
    }

    /** The outcome of a charge. */
    sealed interface Charge permits Charged, Refused {
    }

    /** Charged; {@code available} is what is left afterwards. */
    record Charged(Entry entry, long available) implements Charge {
    }

    /** Refused for lack of quota: {@code available} is less than {@code needed}. */
    record Refused(long available, long needed) implements Charge {
    }

    /** A key's balance. */
    record Balance(String name, long granted, long used, long available, boolean unlimited) {
    }

    private static final class Account {
        private final KeyPlan plan;
        /** The plan's grant in the tariff's unit. */
        private final long granted;
        private long used;
        private final List<Entry> entries = new ArrayList<>();

        Account(KeyPlan plan, long granted) {
            this.plan = plan;
            this.granted = granted;
        }

        long available() {
            return plan.unlimited() ? granted : Math.max(0, granted - used);
        }
    }

    private final Map<String, Account> accounts;
    private final LongSupplier epochSeconds;
    private final Tariff tariff;
    private final AtomicLong nextId = new AtomicLong(1);

    Ledger(Map<String, KeyPlan> plans, LongSupplier epochSeconds) {
        this(plans, epochSeconds, Tariff.of(DemoConfig.Personality.FLATKEY));
    }

    /** Plans state their grants at {@value #QUOTA_PER_USD} per dollar; the ledger keeps them in the tariff's unit. */
    Ledger(Map<String, KeyPlan> plans, LongSupplier epochSeconds, Tariff tariff) {
        Map<String, Account> map = new LinkedHashMap<>();
        plans.forEach((key, plan) -> map.put(key, new Account(plan, BigDecimal.valueOf(plan.quotaGranted())
                .multiply(BigDecimal.valueOf(tariff.quotaPerUsd())).divide(BigDecimal.valueOf(QUOTA_PER_USD), 0,
                        RoundingMode.HALF_UP).longValue())));
        this.accounts = Map.copyOf(map);
        this.epochSeconds = epochSeconds;
        this.tariff = tariff;
    }

    Tariff tariff() {
        return tariff;
    }

    /** The plan of a known key. */
    Optional<KeyPlan> plan(String key) {
        return Optional.ofNullable(accounts.get(key)).map(a -> a.plan);
    }

    /**
     * The quota a request costs: {@code (prompt * input + completion * output) / 1M USD}, plus the model's price per
     * request (images, whisper, video), in quota units.
     */
    static long quota(CatalogModel model, int promptTokens, int completionTokens) {
        BigDecimal usd = BigDecimal.valueOf(model.inputPerMillionUsd()).multiply(BigDecimal.valueOf(promptTokens))
                .add(BigDecimal.valueOf(model.outputPerMillionUsd()).multiply(BigDecimal.valueOf(completionTokens)))
                .divide(BigDecimal.valueOf(1_000_000)).add(BigDecimal.valueOf(model.perCallUsd()));
        long quota = usd.multiply(BigDecimal.valueOf(QUOTA_PER_USD)).setScale(0, RoundingMode.HALF_UP).longValue();
        return quota == 0 && usd.signum() > 0 ? 1 : quota;
    }

    /** Formats quota as dollars the way new-api's messages do: {@code $0.000500}. */
    static String dollars(long quota) {
        return "$" + BigDecimal.valueOf(quota).divide(BigDecimal.valueOf(QUOTA_PER_USD), 6, RoundingMode.HALF_UP)
                .toPlainString();
    }

    Charge charge(String key, String requestId, String endpoint, CatalogModel model, int promptTokens,
                  int completionTokens, boolean stream) {
        return charge(key, requestId, endpoint, model, promptTokens, completionTokens, stream, 0);
    }

    /** Charges a request; {@code taskSeconds} &gt; 0: a video task, priced per second ({@link Tariff#taskQuota}). */
    Charge charge(String key, String requestId, String endpoint, CatalogModel model, int promptTokens,
                  int completionTokens, boolean stream, int taskSeconds) {
        Account account = account(key);
        long needed = taskSeconds > 0 ? tariff.taskQuota(model, taskSeconds)
                : tariff.quota(model, promptTokens, completionTokens);
        synchronized (account) {
            long available = account.available();
            if (!account.plan.unlimited() && needed > available) {
                add(account, new Entry(nextId.getAndIncrement(), requestId, epochSeconds.getAsLong(), endpoint,
                        model.id(), promptTokens, 0, 0, stream, 429, "insufficient quota: need "
                        + tariff.dollars(needed) + ", remaining " + tariff.dollars(available)));
                return new Refused(available, needed);
            }
            account.used += needed;
            Entry entry = new Entry(nextId.getAndIncrement(), requestId, epochSeconds.getAsLong(), endpoint,
                    model.id(), promptTokens, completionTokens, needed, stream, 200,
                    tariff.content(model) + (taskSeconds > 0 ? ", seconds " + taskSeconds : ""));
            add(account, entry);
            return new Charged(entry, account.available());
        }
    }

    /** Logs a request that was answered with an error, charging nothing. */
    void recordFailure(String key, String requestId, String endpoint, String model, boolean stream, int status,
                       String content) {
        Account account = account(key);
        synchronized (account) {
            add(account, new Entry(nextId.getAndIncrement(), requestId, epochSeconds.getAsLong(), endpoint, model,
                    0, 0, 0, stream, status, content));
        }
    }

    Balance balance(String key) {
        Account account = account(key);
        synchronized (account) {
            return new Balance(account.plan.name(), account.granted, account.used, account.available(),
                    account.plan.unlimited());
        }
    }

    /** The key's log, oldest first. */
    List<Entry> entries(String key) {
        Account account = account(key);
        synchronized (account) {
            return List.copyOf(account.entries);
        }
    }

    private Account account(String key) {
        Account account = accounts.get(key);
        if (account == null) {
            throw new IllegalArgumentException("not a key of this gateway");
        }
        return account;
    }

    private static void add(Account account, Entry entry) {
        if (account.entries.size() >= MAX_ENTRIES) {
            account.entries.remove(0);
        }
        account.entries.add(entry);
    }
}
