package ai.flatkey.migrate.ui.step.verify;

import ai.flatkey.migrate.plan.Checklist;
import ai.flatkey.migrate.plan.ChecklistItem;
import ai.flatkey.migrate.plan.Confirmation;
import ai.flatkey.migrate.plan.ItemStatus;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.Reconciliation;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.secrets.KeyResolver;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.ui.components.ChecklistRow;
import ai.flatkey.migrate.ui.components.ChecklistRows;
import ai.flatkey.migrate.ui.support.Background;
import ai.flatkey.migrate.ui.support.BackgroundTask;
import ai.flatkey.migrate.ui.support.Tone;
import ai.flatkey.migrate.ui.support.Bind;
import ai.flatkey.migrate.ui.support.Validation;
import ai.flatkey.migrate.usage.UsageException;
import ai.flatkey.migrate.usage.Verification;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Step 5, Verify: the latest run's requests; their reconciliation with the gateway's own log (model asked vs billed,
 * tokens seen vs logged, cost estimated vs charged); the key's quota before and after the suite against the suite's
 * estimated cost; the rate limits seen; a budget for runs; and manual confirmations (who, when, evidence) for what
 * no API shows. Looking the requests up again runs off the UI thread.
 */
public final class VerifyViewModel {

    /** One request of the latest run, as shown. */
    public record RequestRow(String check, String model, String verdict, String requestId, String tokens, String timing,
                             Tone tone) {
    }

    /** One reconciliation row, as shown. */
    public record RecRow(String requestId, String check, String model, String tokens, String cost, String status,
                         String difference, Tone tone) {
    }

    /**
     * The items a person confirms here: the checklist's usage-log, billing and quota items, and the routing path
     * (the evidence for the checklist's base-URL item, see {@link Checklist#ROUTING}).
     */
    public static final List<String> CONFIRMABLE = List.of(Checklist.USAGE_LOG, Checklist.BILLING, Checklist.QUOTA, Checklist.ROUTING);

    private static final Set<String> CHECKLIST_ITEMS = Set.of(Checklist.USAGE_LOG, Checklist.BILLING, Checklist.QUOTA,
            Checklist.BASE_URL);

    /** The checklist item a confirmation counts for. */
    static String checklistItemFor(String confirmationId) {
        return Checklist.ROUTING.equals(confirmationId) ? Checklist.BASE_URL : confirmationId;
    }

    /** A manual confirmation being filled in. */
    public final class ConfirmRow {
        final String itemId;
        final String title;
        public final StringProperty who = new SimpleStringProperty(this, "who", "");
        public final StringProperty evidence = new SimpleStringProperty(this, "evidence", "");
        final StringProperty when = new SimpleStringProperty(this, "when", "");
        final StringProperty state = new SimpleStringProperty(this, "state", "");

        ConfirmRow(String itemId, String title) {
            this.itemId = itemId;
            this.title = title;
        }

        public String itemId() {
            return itemId;
        }

        public String title() {
            return title;
        }

        /** "Confirmed by … on …" or what is missing. */
        public ReadOnlyStringProperty stateProperty() {
            return state;
        }

        public ReadOnlyStringProperty whenProperty() {
            return when;
        }

        /** Records the confirmation (now) and marks the checklist item done with the evidence as its note. */
        public void confirm() {
            if (who.get().isBlank() || evidence.get().isBlank()) {
                state.set("Enter who confirmed it and the evidence (a note, a dashboard link or a pasted request ID).");
                return;
            }
            if (Validation.looksLikeKey(evidence.get())) {
                state.set("That evidence looks like an API key. Paste a request ID or a note instead — keys never go in the plan.");
                return;
            }
            Confirmation c = new Confirmation(itemId, who.get(), clock.instant().toString(), evidence.get().strip());
            String item = checklistItemFor(itemId);
            doc.edit(p -> {
                MigrationPlan q = p.withConfirmation(c);
                return CHECKLIST_ITEMS.contains(item)
                        ? q.withChecklistItem(new ChecklistItem(item, ItemStatus.DONE, c.evidence())) : q;
            });
        }
    }

    private final PlanDocument doc;
    private final KeyResolver keys;
    private final Verification books;
    private final Background background;
    private final Clock clock;
    private final ObservableList<RequestRow> requests = FXCollections.observableArrayList();
    private final ObservableList<RecRow> reconciliation = FXCollections.observableArrayList();
    private final ObservableList<ConfirmRow> confirmRows = FXCollections.observableArrayList();
    private final ChecklistRows confirmations;
    private final StringBinding runSummary;
    private final StringProperty recSummary = new SimpleStringProperty(this, "recSummary", "");
    private final StringProperty quotaBefore = new SimpleStringProperty(this, "quotaBefore", "—");
    private final StringProperty quotaAfter = new SimpleStringProperty(this, "quotaAfter", "—");
    private final StringProperty quotaDrop = new SimpleStringProperty(this, "quotaDrop", "—");
    private final StringProperty suiteCost = new SimpleStringProperty(this, "suiteCost", "—");
    private final StringProperty dropVerdict = new SimpleStringProperty(this, "dropVerdict", "");
    private final StringProperty rateLimits = new SimpleStringProperty(this, "rateLimits", "");
    private final BooleanProperty rechecking = new SimpleBooleanProperty(this, "rechecking");
    private final StringProperty recheckMessage = new SimpleStringProperty(this, "recheckMessage", "");
    /** The plan's budget for smoke runs, in USD, as typed. */
    public final StringProperty budget = new SimpleStringProperty(this, "budget", "");
    public final StringBinding budgetError = Bind.text(() -> Validation.decimal(budget.get(), 0, 1_000_000), budget);
    private final BooleanBinding anyNotVisible;
    private boolean loading;
    private final BackgroundTask.Slot rechecks;

    public VerifyViewModel(PlanDocument doc, KeyResolver keys, Verification books, Background background, Clock clock) {
        this.doc = doc;
        this.keys = keys;
        this.books = books;
        this.background = background;
        this.rechecks = new BackgroundTask.Slot(background);
        this.clock = clock;
        this.confirmations = ChecklistRows.only(doc, CHECKLIST_ITEMS);
        for (String id : CONFIRMABLE) {
            confirmRows.add(new ConfirmRow(id, switch (id) {
                case Checklist.USAGE_LOG -> "The smoke requests are in the gateway's usage log";
                case Checklist.BILLING -> "Billing shows the expected model and price unit";
                case Checklist.QUOTA -> "A quota limit is set on the test key";
                default -> "Requests go through the new gateway path, not a stale direct-provider config"
                        + " (the evidence for \u201cBase URL is centralized\u201d)";
            }));
        }
        runSummary = Bind.text(() -> VerifyTexts.summary(doc.plan()), doc.planProperty());
        anyNotVisible = Bind.flag(() -> doc.plan().latestReconciliation()
                .map(r -> r.count(Reconciliation.Status.NOT_VISIBLE_YET) > 0).orElse(false), doc.planProperty());
        budget.addListener((o, a, b) -> saveBudget());
        doc.planProperty().addListener((o, a, b) -> {
            if (a == null || !a.smokeRuns().equals(b.smokeRuns()) || !java.util.Objects.equals(a.reconciliation(), b.reconciliation())) {
                refresh(b);
            }
            if (a == null || !a.confirmations().equals(b.confirmations())) {
                loadConfirmations(b);
            }
        });
        doc.revisionProperty().addListener((o, a, b) -> loadBudget(doc.plan()));
        doc.openedProperty().addListener((o, a, b) -> {
            rechecks.drop(); // a look-up for the last plan's requests: its answer is not about this plan
            rechecking.set(false);
            recheckMessage.set("");
        });
        refresh(doc.plan());
        loadConfirmations(doc.plan());
        loadBudget(doc.plan());
    }

    public ObservableList<RequestRow> requests() {
        return requests;
    }

    public ObservableList<RecRow> reconciliation() {
        return reconciliation;
    }

    public ObservableList<ConfirmRow> confirmRows() {
        return confirmRows;
    }

    public ObservableList<ChecklistRow> confirmations() {
        return confirmations.rows();
    }

    public StringBinding runSummaryProperty() {
        return runSummary;
    }

    /** Which adapter answered and what it found, in a sentence. */
    public ReadOnlyStringProperty reconciliationSummaryProperty() {
        return recSummary;
    }

    public ReadOnlyStringProperty quotaBeforeProperty() {
        return quotaBefore;
    }

    public ReadOnlyStringProperty quotaAfterProperty() {
        return quotaAfter;
    }

    public ReadOnlyStringProperty quotaDropProperty() {
        return quotaDrop;
    }

    public ReadOnlyStringProperty suiteCostProperty() {
        return suiteCost;
    }

    /** Whether the quota drop matches the suite's estimated cost. */
    public ReadOnlyStringProperty dropVerdictProperty() {
        return dropVerdict;
    }

    /** The rate-limit headers seen, one per line. */
    public ReadOnlyStringProperty rateLimitsProperty() {
        return rateLimits;
    }

    public ReadOnlyBooleanProperty recheckingProperty() {
        return rechecking;
    }

    public ReadOnlyStringProperty recheckMessageProperty() {
        return recheckMessage;
    }

    /** True when some request was not in the gateway's log yet. */
    public BooleanBinding anyNotVisibleProperty() {
        return anyNotVisible;
    }

    /** Looks the latest run's requests up in the gateway's log again (logs can lag); stores the new reconciliation. */
    public void recheck() {
        MigrationPlan plan = doc.plan();
        Optional<SmokeRun> run = plan.latestRun();
        if (run.isEmpty()) {
            recheckMessage.set("Run the smoke tests in step 4 first.");
            return;
        }
        if (rechecking.get()) {
            return;
        }
        rechecking.set(true);
        recheckMessage.set("Looking the requests up in the gateway's log…");
        String key = keys.resolve(plan.target().keyRef()).orElse(null);
        rechecks.start(BackgroundTask.of(c -> books.recheck(plan, key, c)).onSuccess(found -> {
            if (found.isEmpty()) {
                recheckMessage.set("Run the smoke tests in step 4 first.");
                return;
            }
            Reconciliation rec = found.get();
            doc.edit(p -> Verification.store(p, rec));
            long missing = rec.count(Reconciliation.Status.NOT_VISIBLE_YET);
            recheckMessage.set(missing == 0 ? "Looked again: every checkable request is accounted for."
                    : "Looked again: " + missing + " request(s) still not in the log. Some gateways lag by minutes; try later or confirm by hand.");
        }).onCancelled(() -> recheckMessage.set("Stopped looking; the reconciliation was not changed."))
                .onError(UsageException.class, e -> recheckMessage.set("The gateway's log could not be read: " + e.getMessage()))
                .onError(e -> recheckMessage.set("The gateway's log could not be read: " + e.getMessage()
                        + " Check the key and the connection in step 2."))
                .andFinally(() -> rechecking.set(false)));
    }

    /** Stops looking the requests up (the waits between lookups end at once). */
    public void cancelRecheck() {
        rechecks.cancel();
    }

    private void refresh(MigrationPlan plan) {
        requests.setAll(plan.latestRun().map(run -> run.results().stream().map(VerifyTexts::row).toList())
                .orElse(List.of()));
        Optional<Reconciliation> rec = plan.latestReconciliation();
        reconciliation.setAll(rec.map(r -> r.rows().stream().map(VerifyTexts::recRow).toList()).orElse(List.of()));
        quotaBefore.set(rec.map(Reconciliation::quotaBefore).map(VerifyTexts::usd).orElse("—"));
        quotaAfter.set(rec.map(Reconciliation::quotaAfter).map(VerifyTexts::usd).orElse("—"));
        quotaDrop.set(rec.map(Reconciliation::quotaDrop).map(VerifyTexts::usd).orElse("—"));
        suiteCost.set(rec.map(Reconciliation::suiteCostUsd).map(VerifyTexts::usd).orElse("—"));
        dropVerdict.set(rec.map(VerifyTexts::dropVerdict).orElse(""));
        rateLimits.set(rec.map(r -> r.rateLimits().isEmpty() ? "No rate-limit headers seen." : String.join("\n", r.rateLimits()))
                .orElse(""));
        recSummary.set(rec.map(r -> "Checked " + when(r.checkedAt()) + " via the " + r.source() + " usage API: "
                        + r.count(Reconciliation.Status.MATCH) + " match, " + r.count(Reconciliation.Status.MISMATCH) + " differ, "
                        + r.count(Reconciliation.Status.NOT_VISIBLE_YET) + " not visible yet, "
                        + r.count(Reconciliation.Status.NOT_CHECKABLE) + " not checkable. " + r.note())
                .orElse(plan.latestRun().isPresent()
                        ? "The latest run has not been reconciled with the gateway's log yet. Press \"Check the gateway's log again\"."
                        : "Run the smoke tests in step 4; their requests are then looked up in the gateway's log here."));
    }

    private void loadConfirmations(MigrationPlan plan) {
        for (ConfirmRow row : confirmRows) {
            Optional<Confirmation> c = plan.confirmations().stream().filter(x -> x.itemId().equals(row.itemId)).findFirst();
            if (c.isPresent()) {
                row.who.set(c.get().who());
                row.evidence.set(c.get().evidence());
                row.when.set(c.get().when());
                row.state.set("Confirmed by " + c.get().who() + " on " + when(c.get().when()) + ".");
            } else {
                row.when.set("");
                row.state.set("Not confirmed yet.");
            }
        }
    }

    private void loadBudget(MigrationPlan plan) {
        loading = true;
        try {
            budget.set(plan.budgetUsd() == null ? "" : stripZeros(plan.budgetUsd()));
        } finally {
            loading = false;
        }
    }

    private void saveBudget() {
        if (loading || !budgetError.get().isEmpty()) {
            return;
        }
        Double v = budget.get().isBlank() ? null : Double.parseDouble(budget.get().strip());
        doc.edit(p -> p.withBudgetUsd(v));
    }

    private static String stripZeros(double d) {
        return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    private static String when(String iso) {
        try {
            return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC)
                    .format(java.time.Instant.parse(iso));
        } catch (RuntimeException e) {
            return iso;
        }
    }
}
