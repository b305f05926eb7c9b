package ai.flatkey.migrate.ui.step.smoke;

import ai.flatkey.migrate.export.ClientSnippets;
import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.Reconciliation;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.Verdict;
import ai.flatkey.migrate.secrets.KeyResolver;
import ai.flatkey.migrate.smoke.SuiteOptions;
import ai.flatkey.migrate.ui.services.UsageService;
import ai.flatkey.migrate.ui.support.Bind;
import ai.flatkey.migrate.ui.support.Validation;
import ai.flatkey.migrate.usage.KeyQuota;
import ai.flatkey.migrate.usage.ModelPrice;
import ai.flatkey.migrate.usage.PriceTable;
import ai.flatkey.migrate.usage.QuotaGuard;
import ai.flatkey.migrate.usage.Reconciler;
import ai.flatkey.migrate.usage.UsageAdapter;
import ai.flatkey.migrate.usage.UsageException;
import javafx.beans.binding.StringBinding;
import javafx.collections.ListChangeListener;
import ai.flatkey.migrate.smoke.Check;
import ai.flatkey.migrate.smoke.SmokeListener;
import ai.flatkey.migrate.smoke.Target;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.ui.services.SmokeService;
import ai.flatkey.migrate.ui.support.Background;
import ai.flatkey.migrate.ui.support.Notifier;
import ai.flatkey.migrate.ui.support.UiBridge;
import ai.flatkey.migrate.wire.ApiException;
import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.FailureKind;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * Step 4, Smoke tests: runs the plan's smoke suite, shows each check's live status and the streamed output.
 * Runner events arrive on network threads and are buffered; {@link #flush()} applies them once per UI pulse
 * (tokens for the same check are joined in the buffer), so a fast stream costs one UI update per frame.
 * Before a run it reads the key's quota and the gateway's prices and asks before running over budget; after it,
 * the run is stored in the plan and reconciled with the gateway's log (step 5 shows that). All network work runs
 * off the UI thread through {@link Background}.
 */
public final class SmokeViewModel {

    /** Runs kept in the plan, so a later run can be compared with earlier ones. */
    public static final int KEEP_RUNS = 10;

    private sealed interface Event permits Started, Tokens, Fragments, Raw, Finished {
    }

    /** Tool-call fragments of one call in a row, joined; {@code name} from the first of them. */
    private record Fragments(Check check, Integer index, String name, StringBuilder arguments) implements Event {
    }

    /** Raw SSE events of one check in a row, each in SSE syntax. */
    private record Raw(Check check, List<String> events) implements Event {
    }

    private record Started(Check check) implements Event {
    }

    private record Tokens(Check check, StringBuilder text) implements Event {
    }

    private record Finished(Check check, CheckResult result) implements Event {
    }

    private final PlanDocument doc;
    private final KeyResolver keys;
    private final SmokeService smoke;
    private final UsageService usage;
    private final Background background;
    private final UiBridge ui;
    private final Notifier notifier;

    private final ObservableList<CheckRow> rows = FXCollections.observableArrayList();
    private final ObservableList<CheckRow> groupedRows = FXCollections.observableArrayList();
    private final Map<String, CheckRow> byId = new LinkedHashMap<>();
    /**
     * The followed check's output as lines; the view shows it in a virtualized list. The streamed text comes first
     * ({@link #textLines} lines), then one line per streamed tool call, updated in place as its arguments grow.
     */
    private final ObservableList<String> outputLines = FXCollections.observableArrayList();
    /** The followed check's raw SSE lines while the raw view is on (empty otherwise, so a hidden view costs nothing). */
    private final ObservableList<String> rawLines = FXCollections.observableArrayList();
    /** Whether the live pane shows the raw event stream instead of the rendered text and tool calls. */
    private final BooleanProperty rawView = new SimpleBooleanProperty(this, "rawView");
    private final StringProperty rawNote = new SimpleStringProperty(this, "rawNote", "");
    /** How many of {@link #outputLines} hold streamed text (the tool-call lines follow them). */
    private int textLines;
    /** Whether {@link #rows} lists the checks a run would send (no run yet), not checks of a run. */
    private boolean planned;
    /** Bumped whenever the rows change for another reason, so a late list of planned checks is dropped. */
    private long plannedGeneration;
    /** A list of planned checks is being derived; {@link #relist}: the plan changed meanwhile, derive again. */
    private boolean listing;
    private boolean relist;
    private final ObservableList<Metrics.ModelLatency> latency = FXCollections.observableArrayList();
    private final ObjectProperty<CheckRow> followed = new SimpleObjectProperty<>(this, "followed");
    private final BooleanProperty running = new SimpleBooleanProperty(this, "running");
    private final BooleanProperty reconciling = new SimpleBooleanProperty(this, "reconciling");
    private final StringProperty summary = new SimpleStringProperty(this, "summary", "");
    private final StringProperty summaryStyle = new SimpleStringProperty(this, "summaryStyle", "");
    private final StringProperty progress = new SimpleStringProperty(this, "progress", "");
    private final StringProperty budgetWarning = new SimpleStringProperty(this, "budgetWarning", "");
    /** Repeat N as typed; validated. */
    public final StringProperty repeat = new SimpleStringProperty(this, "repeat", "1");
    public final StringBinding repeatError = Bind.text(
            () -> Validation.integer(repeat.get(), 1, SuiteOptions.MAX_REPEAT), repeat);
    /** Whether the same checks also run against the current provider (step 2's source). */
    public final BooleanProperty compare = new SimpleBooleanProperty(this, "compare");
    /** Which checks run: comma-separated globs over check IDs, blank for all. */
    public final StringProperty checks = new SimpleStringProperty(this, "checks", "");

    private final Object lock = new Object();
    private List<Event> pending = new ArrayList<>();
    /**
     * The text, raw and tool-call events of {@link #pending} that later ones of the same kind join, keyed by check ID
     * (and tool-call index): text and raw events of one check interleave on the wire, and without this each token
     * would be its own UI update.
     */
    private Map<String, Event> joinable = new java.util.HashMap<>();
    private boolean autoFollow = true;
    private Cancellation cancel;
    private UiBridge.Registration pulse;
    private int finishedCount;
    private PriceTable prices = PriceTable.empty();
    private SuiteOptions pendingOptions;

    /** Without a usage API: nothing is reconciled automatically (the Verify step asks for confirmations). */
    public SmokeViewModel(PlanDocument doc, KeyResolver keys, SmokeService smoke, Background background) {
        this(doc, keys, smoke, UsageService.manualOnly(), background);
    }

    public SmokeViewModel(PlanDocument doc, KeyResolver keys, SmokeService smoke, UsageService usage, Background background) {
        this(doc, keys, smoke, usage, background, new Notifier());
    }

    public SmokeViewModel(PlanDocument doc, KeyResolver keys, SmokeService smoke, UsageService usage, Background background,
                          Notifier notifier) {
        this.notifier = notifier;
        this.doc = doc;
        this.keys = keys;
        this.smoke = smoke;
        this.usage = usage;
        this.background = background;
        this.ui = background.ui();
        rows.addListener((ListChangeListener<CheckRow>) c -> regroup());
        rawView.addListener((o, was, now) -> showRaw());
        checks.addListener((o, was, now) -> replan());
        // an edit in another step (a mapping added, a feature ticked) changes what Run all would send
        doc.planProperty().addListener((o, was, now) -> {
            if (now.latestRun().isEmpty()) {
                replan();
            }
        });
        doc.revisionProperty().addListener((o, a, b) -> {
            if (!running.get()) {
                showStored(doc.plan());
            }
        });
        showStored(doc.plan());
    }

    public ObservableList<CheckRow> rows() {
        return rows;
    }

    /** The rows with a header row before each group (side and model), in a stable order. */
    public ObservableList<CheckRow> groupedRows() {
        return groupedRows;
    }

    /** Latency per feature, one entry per target model, from the latest run. */
    public ObservableList<Metrics.ModelLatency> latency() {
        return latency;
    }

    public ObservableList<String> outputLines() {
        return outputLines;
    }

    /** The followed check's raw SSE lines (empty while the raw view is off). */
    public ObservableList<String> rawLines() {
        return rawLines;
    }

    /** Raw view on: the live pane shows the event stream exactly as received (redacted) instead of the rendered text. */
    public BooleanProperty rawViewProperty() {
        return rawView;
    }

    /** What the raw view holds for the followed check: how many lines, how many dropped, or why there are none. */
    public ReadOnlyStringProperty rawNoteProperty() {
        return rawNote;
    }

    public ObjectProperty<CheckRow> followedProperty() {
        return followed;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running;
    }

    /** True while the finished run is being reconciled with the gateway's log. */
    public ReadOnlyBooleanProperty reconcilingProperty() {
        return reconciling;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary;
    }

    /** "text-success", "text-danger", "text-warning" or "" for the summary. */
    public ReadOnlyStringProperty summaryStyleProperty() {
        return summaryStyle;
    }

    public ReadOnlyStringProperty progressProperty() {
        return progress;
    }

    /** Set when the suite would run over the key's quota or the plan's budget; {@link #runAnyway()} goes on. */
    public ReadOnlyStringProperty budgetWarningProperty() {
        return budgetWarning;
    }

    /** Shows a check's output (the person picked a row); stops following the live one. */
    public void follow(CheckRow row) {
        if (row == null || row.isGroup() || row == followed.get()) {
            return;
        }
        autoFollow = false;
        setFollowed(row);
    }

    /** The suite options from the fields (repeat, compare, selection). */
    public SuiteOptions options() {
        int n = repeatError.get().isEmpty() && !repeat.get().isBlank() ? Integer.parseInt(repeat.get().strip()) : 1;
        return SuiteOptions.defaults().withRepeat(n).withCompare(compare.get()).withChecks(checks.get());
    }

    /** Starts the smoke suite for the current plan with the options in the fields. */
    public void run() {
        start(options(), false);
    }

    /** Runs a single check again (same options, only that check). */
    public void runOne(CheckRow row) {
        if (row == null || row.isGroup()) {
            return;
        }
        String id = row.isSource() && row.id.startsWith("source:") ? "" : row.id;
        if (id.isEmpty()) {
            fail("Run one works on target checks; select the target row of this check.");
            return;
        }
        start(options().withChecks(id).withCompare(false), false);
    }

    /** Runs despite the budget warning (the person agreed). */
    public void runAnyway() {
        SuiteOptions o = pendingOptions;
        budgetWarning.set("");
        if (o != null) {
            start(o, true);
        }
    }

    /** Drops the budget warning without running. */
    public void dismissBudgetWarning() {
        budgetWarning.set("");
        pendingOptions = null;
        summary.set("Not run: the estimate is over the budget. Lower Repeat, narrow the checks, or raise the budget in step 5.");
        summaryStyle.set("text-warning");
    }

    private void start(SuiteOptions options, boolean overBudgetAgreed) {
        if (running.get()) {
            return;
        }
        if (!repeatError.get().isEmpty()) {
            fail("Repeat: " + repeatError.get());
            return;
        }
        MigrationPlan plan = doc.plan();
        String url = plan.target().baseUrl();
        if (url.isBlank()) {
            fail("Set the target's base URL in step 2 first.");
            return;
        }
        String ref = plan.target().keyRef();
        Optional<String> key = keys.resolve(ref);
        if (!ref.isBlank() && key.isEmpty()) {
            fail("No key for " + Endpoint.describeKeyRef(ref)
                    + ". Set it up in step 2 (or use the embedded demo gateway), then run again.");
            return;
        }
        Target source = null;
        if (options.compare()) {
            Endpoint src = plan.source();
            if (src.baseUrl().isBlank()) {
                fail("Compare needs the current provider's base URL: set it in step 2, or turn Compare off.");
                return;
            }
            Optional<String> srcKey = keys.resolve(src.keyRef());
            if (!src.keyRef().isBlank() && srcKey.isEmpty()) {
                fail("No key for the current provider (" + Endpoint.describeKeyRef(src.keyRef())
                        + "). Set it up in step 2, or turn Compare off.");
                return;
            }
            source = new Target(src.baseUrl(), srcKey.orElse(null));
        }
        List<Check> checkList = smoke.derive(plan, options);
        if (checkList.isEmpty()) {
            fail("No check matches \"" + options.checks() + "\". Clear the selection to run all checks.");
            return;
        }
        budgetWarning.set("");
        pendingOptions = null;
        plannedGeneration++;
        planned = false;
        rows.clear();
        byId.clear();
        checkList.forEach(this::rowFor);
        outputLines.clear();
        textLines = 0;
        latency.clear();
        autoFollow = true;
        followed.set(null);
        showRaw();
        finishedCount = 0;
        synchronized (lock) {
            pending = new ArrayList<>();
            joinable = new java.util.HashMap<>();
        }
        running.set(true);
        summary.set("Reading the key's quota and the gateway's prices…");
        summaryStyle.set("");
        updateProgress();
        Cancellation c = new Cancellation();
        cancel = c;
        pulse = ui.onPulse(this::flush);
        Target target = new Target(url, key.orElse(null));
        Target src = source;
        int billable = (int) checkList.stream().filter(ch -> Reconciler.isBillable(ch.kind())).count() * options.repeat();
        background.run(() -> preflight(plan, key.orElse(null), billable), pre -> {
            if (c != cancel) {
                return;
            }
            if (c.isCancelled()) {
                finishWithError(new CancellationException(), c);
                return;
            }
            prices = pre.prices();
            if (pre.warning().isPresent() && !overBudgetAgreed) {
                stopPulse();
                running.set(false);
                rows.forEach(CheckRow::cancelled);
                pendingOptions = options;
                budgetWarning.set(pre.warning().get());
                summary.set("Not run yet: " + pre.warning().get() + " Run anyway, or lower Repeat / narrow the checks.");
                summaryStyle.set("text-warning");
                return;
            }
            summary.set("Running " + checkList.size() + " checks against " + url
                    + (src != null ? " and the current provider " + src.baseUrl() : "")
                    + (options.repeat() > 1 ? ", " + options.repeat() + " times each" : "") + "…");
            background.deliver(smoke.run(plan, target, src, options, listener(), c),
                    run -> finish(run, c, pre), error -> finishWithError(error, c));
        }, error -> finishWithError(error, c));
    }

    /** What the suite is expected to cost, and the quota before it. */
    private record Preflight(UsageAdapter adapter, Optional<KeyQuota> before, PriceTable prices, Optional<String> warning,
                             String problem) {
    }

    private Preflight preflight(MigrationPlan plan, String key, int billable) {
        UsageAdapter adapter;
        String problem = "";
        try {
            adapter = usage.adapter(plan.target(), key);
        } catch (UsageException e) {
            adapter = UsageAdapter.manual();
            problem = "Usage cannot be checked: " + e.getMessage();
        }
        Optional<KeyQuota> before = Optional.empty();
        if (adapter.canReadQuota()) {
            try {
                before = adapter.quota();
            } catch (UsageException e) {
                problem = "The key's quota could not be read: " + e.getMessage();
            }
        }
        List<ModelPrice> gatewayPrices = List.of();
        try {
            gatewayPrices = adapter.prices();
        } catch (UsageException e) {
            problem = "The gateway's prices could not be read: " + e.getMessage();
        }
        PriceTable table = PriceTable.of(gatewayPrices, List.of(), plan);
        QuotaGuard.Estimate estimate = QuotaGuard.estimate(billable, ai.flatkey.migrate.smoke.SmokeSuite.targetModels(plan), table);
        return new Preflight(adapter, before, table, QuotaGuard.check(estimate, before, plan.budgetUsd()), problem);
    }

    /** Cancels a running suite; nothing is stored in the plan. */
    public void cancel() {
        if (running.get() && cancel != null) {
            summary.set("Cancelling…");
            cancel.cancel();
        }
    }

    /** The curl command of a check, for the clipboard. */
    public String curlFor(CheckRow row) {
        return row == null ? "" : row.curl.get();
    }

    /** Python (openai package) for a check, in the runbook's env-var pattern. */
    public String pythonFor(CheckRow row) {
        return row == null || row.isGroup() ? "" : ClientSnippets.python(doc.plan(), row.model.get(), row.feature);
    }

    /** Node.js (openai package) for a check, in the runbook's env-var pattern. */
    public String nodeFor(CheckRow row) {
        return row == null || row.isGroup() ? "" : ClientSnippets.node(doc.plan(), row.model.get(), row.feature);
    }

    /** Applies buffered runner events; called once per UI pulse while a run is going, and when it ends. */
    public void flush() {
        List<Event> batch;
        synchronized (lock) {
            if (pending.isEmpty()) {
                return;
            }
            batch = pending;
            pending = new ArrayList<>();
            joinable = new java.util.HashMap<>();
        }
        for (Event e : batch) {
            if (e instanceof Started s) {
                rowFor(s.check()).running();
            } else if (e instanceof Tokens t) {
                CheckRow row = rowFor(t.check());
                row.output.append(t.text());
                if (autoFollow && followed.get() != row) {
                    setFollowed(row);
                } else if (followed.get() == row) {
                    appendLines(t.text().toString());
                }
            } else if (e instanceof Fragments f) {
                CheckRow row = rowFor(f.check());
                int before = row.toolCalls.size();
                int position = row.toolCalls.add(f.index(), f.name(), f.arguments().toString());
                if (autoFollow && followed.get() != row) {
                    setFollowed(row);
                } else if (followed.get() == row) {
                    String line = row.toolCalls.at(position).line();
                    if (row.toolCalls.size() > before) {
                        outputLines.add(line);
                    } else {
                        outputLines.set(textLines + position, line);
                    }
                }
            } else if (e instanceof Raw r) {
                CheckRow row = rowFor(r.check());
                List<String> added = new ArrayList<>();
                int dropped = row.raw.add(r.events(), added);
                if (followed.get() == row && rawView.get()) {
                    if (dropped >= rawLines.size()) {
                        rawLines.setAll(row.raw.lines());
                    } else {
                        if (dropped > 0) {
                            rawLines.remove(0, dropped);
                        }
                        rawLines.addAll(added);
                    }
                }
                if (followed.get() == row) {
                    rawNoteFor(row);
                }
            } else if (e instanceof Finished f) {
                CheckRow row = rowFor(f.check());
                boolean hadOutput = row.output.length() > 0;
                row.finished(f.result(), prices);
                if (!hadOutput && row.output.length() > 0 && followed.get() == row) {
                    appendLines(row.output.toString());
                }
                if (followed.get() == row) {
                    rawNoteFor(row);
                }
                finishedCount++;
            }
        }
        updateProgress();
    }

    private SmokeListener listener() {
        return new SmokeListener() {
            @Override
            public void onStarted(Check c) {
                synchronized (lock) {
                    pending.add(new Started(c));
                }
            }

            @Override
            public void onToken(Check c, String text) {
                if (text == null || text.isEmpty()) {
                    return;
                }
                synchronized (lock) {
                    if (joinable.get("t:" + c.id()) instanceof Tokens t) {
                        t.text().append(text);
                    } else {
                        Tokens t = new Tokens(c, new StringBuilder(text));
                        joinable.put("t:" + c.id(), t);
                        pending.add(t);
                    }
                }
            }

            @Override
            public void onToolCallFragment(Check c, Integer index, String name, String arguments) {
                String args = arguments == null ? "" : arguments;
                // a fragment without an index continues the latest call: joined only with its direct predecessor
                String key = "f:" + c.id() + "#" + index;
                synchronized (lock) {
                    Event last = pending.isEmpty() ? null : pending.get(pending.size() - 1);
                    Event open = index == null ? last : joinable.get(key);
                    if (open instanceof Fragments f && f.check().id().equals(c.id()) && java.util.Objects.equals(f.index(), index)
                            && (name == null || name.isEmpty())) {
                        f.arguments().append(args);
                    } else {
                        Fragments f = new Fragments(c, index, name, new StringBuilder(args));
                        joinable.put(key, f);
                        pending.add(f);
                    }
                }
            }

            @Override
            public void onRawSse(Check c, String text) {
                if (text == null) {
                    return;
                }
                synchronized (lock) {
                    if (joinable.get("r:" + c.id()) instanceof Raw r) {
                        r.events().add(text);
                    } else {
                        List<String> events = new ArrayList<>();
                        events.add(text);
                        Raw r = new Raw(c, events);
                        joinable.put("r:" + c.id(), r);
                        pending.add(r);
                    }
                }
            }

            @Override
            public void onFinished(Check c, CheckResult r) {
                synchronized (lock) {
                    pending.add(new Finished(c, r));
                }
            }
        };
    }

    private void finish(SmokeRun run, Cancellation c, Preflight pre) {
        if (c != cancel) {
            return;
        }
        stopPulse();
        flush();
        running.set(false);
        for (CheckResult r : run.results()) {
            CheckRow row = byId.get(r.checkId());
            if (row == null) {
                row = CheckRow.of(r, false);
                byId.put(r.checkId(), row);
                rows.add(row);
            }
            if (row.result == null || !row.result.equals(r)) {
                row.finished(r, prices);
            }
        }
        if (c.isCancelled()) {
            rows.forEach(CheckRow::cancelled);
            summary.set("Run cancelled. Its results were not stored in the plan.");
            summaryStyle.set("text-warning");
            return;
        }
        doc.edit(p -> p.withSmokeRunAdded(run, KEEP_RUNS));
        latency.setAll(Metrics.latency(run));
        long pass = run.count(Verdict.PASS);
        int n = run.results().size();
        if (run.allPassed()) {
            summary.set("All " + n + " checks passed. The run is stored in the plan (see steps 5 and 7).");
            summaryStyle.set("text-success");
        } else {
            summary.set(pass + " of " + n + " checks passed; " + run.count(Verdict.FAIL) + " failed, "
                    + run.count(Verdict.UNSUPPORTED) + " unsupported, " + run.count(Verdict.ERROR)
                    + " errors. Select a row for the rule and its evidence. The run is stored in the plan.");
            summaryStyle.set("text-danger");
        }
        updateProgress();
        reconcile(run, pre);
    }

    /** Reads the quota after the suite and looks each request up in the gateway's log; stores the reconciliation. */
    private void reconcile(SmokeRun run, Preflight pre) {
        reconciling.set(true);
        UsageAdapter adapter = pre.adapter();
        String baseUrl = run.targetBaseUrl();
        String key = keys.resolve(doc.plan().target().keyRef()).orElse(null);
        background.run(() -> {
            Optional<KeyQuota> after = Optional.empty();
            if (adapter.canReadQuota()) {
                try {
                    after = adapter.quota();
                } catch (UsageException e) {
                    after = Optional.empty();
                }
            }
            List<String> limits;
            try {
                limits = usage.rateLimits(baseUrl, key);
            } catch (java.io.IOException e) {
                limits = List.of();
            }
            return usage.reconciler(adapter).reconcile(run, pre.prices(), pre.before(), after, limits);
        }, rec -> {
            reconciling.set(false);
            doc.edit(p -> p.latestRun().filter(r -> r.startedAt().equals(run.startedAt())).isPresent()
                    ? p.withReconciliation(rec) : p);
            if (!pre.problem().isEmpty()) {
                summary.set(summary.get() + " " + pre.problem());
            }
        }, error -> {
            reconciling.set(false);
            summary.set(summary.get() + " The gateway's log could not be checked (" + error.getMessage()
                    + "); confirm the requests by hand in step 5.");
            notifier.warning("The gateway's log could not be checked", error.getMessage() + " Confirm the requests by hand in step 5.");
        });
    }

    private void finishWithError(Throwable error, Cancellation c) {
        if (c != cancel) {
            return;
        }
        stopPulse();
        flush();
        running.set(false);
        rows.forEach(CheckRow::cancelled);
        boolean cancelled = c.isCancelled() || error instanceof CancellationException
                || (error instanceof ApiException api && api.kind() == FailureKind.CANCELLED);
        if (cancelled) {
            summary.set("Run cancelled. Its results were not stored in the plan.");
            summaryStyle.set("text-warning");
        } else {
            fail("The run stopped: " + error.getMessage() + " Check the target in step 2, then run again.");
            notifier.error("The smoke run stopped", error.getMessage() + " Check the target in step 2, then run again.");
        }
    }

    private void stopPulse() {
        if (pulse != null) {
            pulse.cancel();
            pulse = null;
        }
    }

    private void fail(String message) {
        summary.set(message);
        summaryStyle.set("text-danger");
    }

    private CheckRow rowFor(Check c) {
        CheckRow row = byId.get(c.id());
        if (row == null) {
            row = CheckRow.of(c);
            byId.put(c.id(), row);
            rows.add(row);
        }
        return row;
    }

    private void regroup() {
        Map<String, List<CheckRow>> groups = new LinkedHashMap<>();
        List<CheckRow> ordered = new ArrayList<>(rows);
        ordered.sort(java.util.Comparator.comparing((CheckRow r) -> r.isSource() ? 1 : 0)
                .thenComparing(r -> r.model.get().isBlank() ? 0 : 1));
        for (CheckRow r : ordered) {
            groups.computeIfAbsent(r.groupKey(), k -> new ArrayList<>()).add(r);
        }
        List<CheckRow> out = new ArrayList<>();
        groups.forEach((k, list) -> {
            out.add(CheckRow.group(k, list.get(0).groupSide(), list.get(0).groupTitle()));
            out.addAll(list);
        });
        groupedRows.setAll(out);
    }

    private void setFollowed(CheckRow row) {
        followed.set(row);
        List<String> lines = new ArrayList<>();
        if (row != null && row.output.length() > 0) {
            lines.addAll(java.util.Arrays.asList(row.output.toString().split("\n", -1)));
        }
        textLines = lines.size();
        if (row != null) {
            lines.addAll(row.toolCallLines());
        }
        outputLines.setAll(lines);
        showRaw();
    }

    /**
     * Appends text to the text lines: the first part extends the last text line, each newline starts a new one.
     * Tool-call lines, if any, stay after the text.
     */
    private void appendLines(String text) {
        String[] parts = text.split("\n", -1);
        if (textLines == 0) {
            outputLines.add(0, "");
            textLines = 1;
        }
        int last = textLines - 1;
        outputLines.set(last, outputLines.get(last) + parts[0]);
        if (parts.length > 1) {
            outputLines.addAll(textLines, java.util.Arrays.asList(parts).subList(1, parts.length));
            textLines += parts.length - 1;
        }
    }

    /** Fills (raw view on) or empties (off) the raw lines for the followed check. */
    private void showRaw() {
        CheckRow row = followed.get();
        if (rawView.get() && row != null) {
            rawLines.setAll(row.raw.lines());
        } else {
            rawLines.clear();
        }
        rawNoteFor(row);
    }

    private void rawNoteFor(CheckRow row) {
        if (row == null) {
            rawNote.set("Select a check to see its raw event stream.");
        } else if (row.raw.isEmpty()) {
            rawNote.set(row.status.get().equals("queued") || row.status.get().equals("running")
                    ? "No events yet: raw events appear here as a streamed check receives them."
                    : "No raw events: this check was not streamed, or it ran before this session (its exchange is under Evidence).");
        } else {
            rawNote.set(String.format(java.util.Locale.ROOT, "%,d raw lines as received (keys redacted)", row.raw.size())
                    + (row.raw.dropped() > 0 ? String.format(java.util.Locale.ROOT, "; the %,d before them were dropped (the last %,d are kept)",
                    row.raw.dropped(), RawTail.MAX_LINES) : ""));
        }
    }

    private void updateProgress() {
        progress.set(rows.isEmpty() ? "" : planned ? rows.size() + " checks to run"
                : finishedCount + " of " + rows.size() + " checks finished");
    }

    private void showStored(MigrationPlan plan) {
        plannedGeneration++;
        boolean keepPlanned = planned && plan.latestRun().isEmpty();
        if (!keepPlanned) {
            rows.clear();
            byId.clear();
            planned = false;
        }
        outputLines.clear();
        textLines = 0;
        followed.set(null);
        showRaw();
        autoFollow = true;
        finishedCount = 0;
        latency.clear();
        plan.latestRun().ifPresentOrElse(run -> {
            PriceTable typed = PriceTable.of(List.of(), List.of(), plan);
            List<CheckRow> list = new ArrayList<>();
            for (CheckResult r : run.results()) {
                list.add(stored(r, false, typed));
            }
            for (CheckResult r : run.sourceResults()) {
                list.add(stored(r, true, typed));
            }
            rows.setAll(list);
            latency.setAll(Metrics.latency(run));
            summary.set("Showing the stored run of " + run.when() + " against " + run.targetBaseUrl() + ": "
                    + run.count(Verdict.PASS) + " of " + run.results().size() + " passed.");
            summaryStyle.set(run.allPassed() ? "text-success" : "text-danger");
        }, () -> {
            summary.set("No run yet. Press Run all: one check per feature and mapped model, against the target from step 2.");
            summaryStyle.set("");
            showPlanned(plan);
        });
        updateProgress();
    }

    /**
     * Before the first run, lists the checks a run would send (status "not run"), derived off the UI thread. Besides
     * showing what Run all will do, this has the table build its rows and cells right after the step first shows, not
     * on the click on Run all (building them there stalled the UI thread for a few hundred ms).
     */
    private void showPlanned(MigrationPlan plan) {
        long generation = plannedGeneration;
        SuiteOptions o = options();
        listing = true;
        background.run(() -> smoke.derive(plan, o), list -> {
            listing = false;
            if (generation != plannedGeneration || running.get() || doc.plan().latestRun().isPresent()) {
                return;
            }
            if (relist) {
                relist = false;
                showPlanned(doc.plan());
                return;
            }
            if (planned && list.stream().map(Check::id).toList().equals(rows.stream().map(r -> r.id).toList())) {
                return;
            }
            byId.clear();
            List<CheckRow> fresh = new ArrayList<>();
            for (Check c : list) {
                CheckRow row = CheckRow.of(c);
                row.notRun();
                byId.put(c.id(), row);
                fresh.add(row);
            }
            planned = true;
            rows.setAll(fresh);
            updateProgress();
        }, error -> {
            listing = false;
            summary.set("No run yet. The checks could not be listed (" + error.getMessage()
                + "); Run all says what to fix.");
        });
    }

    /** Lists the planned checks again (the plan or the selection changed), at most one listing at a time. */
    private void replan() {
        if (!planned || running.get()) {
            return;
        }
        if (listing) {
            relist = true;
            return;
        }
        showPlanned(doc.plan());
    }

    private CheckRow stored(CheckResult r, boolean source, PriceTable typed) {
        CheckRow row = CheckRow.of(r, source);
        row.finished(r, typed);
        byId.put(r.checkId(), row);
        finishedCount++;
        return row;
    }
}
