package ai.flatkey.migrate.ui.step.smoke;

import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.smoke.Check;
import ai.flatkey.migrate.usage.PriceTable;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The smoke step's table of checks: one row per check of the running, stored or planned run, the same rows grouped
 * by side and model with a header row per group, and the progress line ("3 of 15 checks finished").
 */
final class CheckTable {
    final ObservableList<CheckRow> rows = FXCollections.observableArrayList();
    /** The rows with a header row before each group (side and model), in a stable order. */
    final ObservableList<CheckRow> groupedRows = FXCollections.observableArrayList();
    final StringProperty progress = new SimpleStringProperty(this, "progress", "");
    private final Map<String, CheckRow> byId = new LinkedHashMap<>();
    /** Whether {@link #rows} lists the checks a run would send (no run yet), not checks of a run. */
    private boolean planned;
    private int finished;

    /**
     * How a group's model reads (side, model) → words: the plan names the Azure deployment a target model stands in for,
     * and a deployment asked on the current provider.
     */
    private final java.util.function.BiFunction<Boolean, String, String> describe;

    CheckTable() {
        this((source, model) -> model);
    }

    CheckTable(java.util.function.BiFunction<Boolean, String, String> describe) {
        this.describe = describe;
        rows.addListener((ListChangeListener<CheckRow>) c -> regroup());
    }

    boolean isPlanned() {
        return planned;
    }

    /** Lists {@code checks} as the rows of a run about to start. */
    void showRun(List<Check> checks) {
        clear();
        checks.forEach(this::rowFor);
        updateProgress();
    }

    /** Lists the checks a run would send, each "not run"; false when they are the ones listed already. */
    boolean showPlanned(List<Check> checks) {
        if (planned && checks.stream().map(Check::id).toList().equals(rows.stream().map(r -> r.id).toList())) {
            return false;
        }
        byId.clear();
        List<CheckRow> fresh = new ArrayList<>();
        for (Check c : checks) {
            CheckRow row = CheckRow.of(c);
            row.notRun();
            byId.put(c.id(), row);
            fresh.add(row);
        }
        planned = true;
        finished = 0;
        rows.setAll(fresh);
        updateProgress();
        return true;
    }

    /** Shows a stored run (both sides), with costs typed from {@code typed}. */
    void showStored(SmokeRun run, PriceTable typed) {
        clear();
        List<CheckRow> list = new ArrayList<>();
        for (CheckResult r : run.results()) {
            list.add(stored(r, false, typed));
        }
        for (CheckResult r : run.sourceResults()) {
            list.add(stored(r, true, typed));
        }
        rows.setAll(list);
        updateProgress();
    }

    /** Adds the run's other side (a replay's recorded answers) under the rows the run showed live. */
    void addSources(SmokeRun run, PriceTable typed) {
        boolean replay = ai.flatkey.migrate.traffic.Replay.replayed(run);
        rows.addAll(run.sourceResults().stream()
                .map(r -> replay ? stored(r, true, typed).recorded() : stored(r, true, typed)).toList());
        updateProgress();
    }

    /** Empties the table, unless {@code keepPlanned} and it lists planned checks. */
    void clearUnlessPlanned(boolean keepPlanned) {
        if (!(keepPlanned && planned)) {
            clear();
        }
        updateProgress();
    }

    /** The row of {@code c}, added when it has none yet (a check the run added, such as a repeat). */
    CheckRow rowFor(Check c) {
        CheckRow row = byId.get(c.id());
        if (row == null) {
            row = CheckRow.of(c);
            byId.put(c.id(), row);
            rows.add(row);
        }
        return row;
    }

    /** A check finished: its row shows the result. */
    void finished(CheckRow row, CheckResult result, PriceTable prices) {
        row.finished(result, prices);
        finished++;
        updateProgress();
    }

    /** Every result of the finished run, shown (those the live events already showed are left as they are). */
    void settle(SmokeRun run, PriceTable prices) {
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
        updateProgress();
    }

    /** The run stopped: rows still queued or running say so. */
    void cancelled() {
        rows.forEach(CheckRow::cancelled);
    }

    private void clear() {
        planned = false;
        rows.clear();
        byId.clear();
        finished = 0;
    }

    private CheckRow stored(CheckResult r, boolean source, PriceTable typed) {
        CheckRow row = CheckRow.of(r, source);
        row.finished(r, typed);
        byId.put(r.checkId(), row);
        finished++;
        return row;
    }

    private void updateProgress() {
        progress.set(rows.isEmpty() ? "" : planned ? rows.size() + " checks to run"
                : finished + " of " + rows.size() + " checks finished");
    }

    private void regroup() {
        Map<String, List<CheckRow>> groups = new LinkedHashMap<>();
        List<CheckRow> ordered = new ArrayList<>(rows);
        ordered.sort(Comparator.comparing((CheckRow r) -> r.isSource() ? 1 : 0)
                .thenComparing(r -> r.model.get().isBlank() ? 0 : 1));
        for (CheckRow r : ordered) {
            groups.computeIfAbsent(r.groupKey(), k -> new ArrayList<>()).add(r);
        }
        List<CheckRow> out = new ArrayList<>();
        groups.forEach((k, list) -> {
            CheckRow first = list.get(0);
            String title = first.model.get().isBlank() ? first.groupTitle() : describe.apply(first.isSource(), first.model.get());
            out.add(CheckRow.group(k, first.groupSide(), title));
            out.addAll(list);
        });
        groupedRows.setAll(out);
    }
}
