package ai.flatkey.migrate.ui.step.inventory;

import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.scan.Finding;
import ai.flatkey.migrate.scan.PlanScan;
import ai.flatkey.migrate.scan.Prefill;
import ai.flatkey.migrate.scan.Proposal;
import ai.flatkey.migrate.scan.ScanResult;
import ai.flatkey.migrate.scan.Scanner;
import ai.flatkey.migrate.ui.doc.FileDialogs;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.ui.support.Background;
import ai.flatkey.migrate.ui.support.BackgroundTask;
import ai.flatkey.migrate.ui.support.Bind;
import ai.flatkey.migrate.ui.support.UiBridge;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Step 1's source scan: pick or drop a folder, scan it off the UI thread with live progress and cancel, then review
 * the proposed values (each with its file:line evidence) and apply the accepted ones. Applying merges: it fills only
 * empty fields and adds missing mapping rows, so re-scanning never wipes an edit.
 */
public final class ScanViewModel {

    private final PlanDocument doc;
    private final FileDialogs files;
    private final UiBridge ui;
    private final PlanScan planScan;

    private final BooleanProperty running = new SimpleBooleanProperty(this, "running");
    private final IntegerProperty filesVisited = new SimpleIntegerProperty(this, "filesVisited");
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final StringProperty folder = new SimpleStringProperty(this, "folder", "");
    private final ObservableList<ProposalRow> proposals = FXCollections.observableArrayList(
            r -> new javafx.beans.Observable[]{r.accepted, r.changesPlan});
    private final ObservableList<Finding> findings = FXCollections.observableArrayList();
    private final BooleanBinding hasResults = Bindings.isNotEmpty(findings);
    private final StringProperty applyLabel = new SimpleStringProperty(this, "applyLabel", "Apply accepted values");
    private final BooleanBinding canApply;
    private final BackgroundTask.Slot task;
    private UiBridge.Registration pulse;
    private PlanScan.Outcome outcome;
    private boolean applying;
    private Path lastFolder;

    public ScanViewModel(PlanDocument doc, FileDialogs files, Background background, Scanner scanner) {
        this.doc = doc;
        this.files = files;
        this.ui = background.ui();
        this.task = new BackgroundTask.Slot(background);
        this.planScan = new PlanScan(scanner);
        doc.revisionProperty().addListener((o, a, b) -> {
            if (!applying) {
                reset();
            }
        });
        // Counts what applying would change: an accepted value already in the plan, or one the plan keeps its own
        // value for, is not applied (after "Filled 8 values", the button no longer offers to apply 12).
        applyLabel.bind(Bind.text(() -> {
            long n = toApply();
            return n == 0 ? "Nothing left to apply" : "Apply " + n + " accepted value" + (n == 1 ? "" : "s");
        }, proposals));
        canApply = Bind.flag(() -> toApply() > 0, proposals);
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running;
    }

    public IntegerProperty filesVisitedProperty() {
        return filesVisited;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public StringProperty folderProperty() {
        return folder;
    }

    public StringProperty applyLabelProperty() {
        return applyLabel;
    }

    /** Whether an accepted value would change the plan if applied. */
    public BooleanBinding canApplyProperty() {
        return canApply;
    }

    private long toApply() {
        return proposals.stream().filter(r -> r.accepted.get() && r.changesPlan.get()).count();
    }

    public ObservableList<ProposalRow> proposals() {
        return proposals;
    }

    /** Findings, risks first, then by file and line. */
    public ObservableList<Finding> findings() {
        return findings;
    }

    public BooleanBinding hasResultsProperty() {
        return hasResults;
    }

    /** Asks for a folder and scans it. */
    public void chooseAndScan() {
        if (running.get()) {
            return;
        }
        files.chooseFolder(lastFolder, "Scan a source folder").ifPresent(this::scan);
    }

    /** Scans a dropped path: a folder, or the folder that holds a dropped file. */
    public void scanDropped(Path p) {
        Path dir = Files.isDirectory(p) ? p : p.getParent();
        if (dir != null) {
            scan(dir);
        }
    }

    /** Starts a scan of {@code dir} off the UI thread; progress is published once per frame. */
    public void scan(Path dir) {
        if (running.get()) {
            return;
        }
        lastFolder = dir;
        folder.set(dir.toString());
        running.set(true);
        filesVisited.set(0);
        status.set("Scanning " + dir + " …");
        AtomicInteger visited = new AtomicInteger();
        pulse = ui.onPulse(() -> filesVisited.set(visited.get()));
        Optional<MigrationPlan> plan = Optional.of(doc.plan());
        task.start(BackgroundTask.of(cancel -> planScan.run(plan, dir, visited::set, cancel))
                .onSuccess(this::show)
                .onError(IOException.class, e -> status.set("Could not scan " + dir + ": "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())))
                .onError(e -> status.set("The scan stopped unexpectedly (" + e + "); the plan was not changed."))
                .onCancelled(() -> cancelled(visited.get()))
                .andFinally(() -> {
                    stopPulse();
                    running.set(false);
                }));
    }

    /** Stops a running scan; nothing in the plan changes. */
    public void cancel() {
        if (running.get()) {
            task.cancel();
            status.set("Cancelling…");
        }
    }

    /** The cancel reaches the scanner through the task's cancellation; the count is the last one it reported. */
    private void cancelled(int visited) {
        filesVisited.set(visited);
        status.set("Scan cancelled after " + visited + " files; the plan was not changed.");
    }

    private void stopPulse() {
        if (pulse != null) {
            pulse.cancel();
            pulse = null;
        }
    }

    /** Another plan was opened (New, Open, Recover, demo): a running scan is dropped and its results go. */
    private void reset() {
        task.drop();
        stopPulse();
        running.set(false);
        outcome = null;
        proposals.clear();
        findings.clear();
        filesVisited.set(0);
        status.set("");
    }

    private void show(PlanScan.Outcome scanned) {
        outcome = scanned;
        ScanResult result = scanned.result();
        proposals.setAll(scanned.proposals().stream()
                .map(p -> new ProposalRow(p, evidence(result, p), scanned.defaultAccepted().contains(p.id()))).toList());
        refreshEffects(doc.plan(), proposals);
        findings.setAll(result.findings().stream()
                .sorted(Comparator.comparing((Finding f) -> !f.kind().isRisk()).thenComparing(Finding::file).thenComparingInt(Finding::line))
                .toList());
        filesVisited.set(result.stats().filesVisited());
        long risks = result.risks().size();
        status.set(result.findings().isEmpty()
                ? "No OpenAI-compatible client use found in " + result.stats().filesVisited() + " files."
                : String.format("%d findings in %d files (%d risks). %d values proposed: review them and apply the ones you accept.",
                result.findings().size(), result.stats().filesVisited(), risks, scanned.proposals().size()));
    }

    /** Merges the accepted proposals into the plan (empty fields and missing rows only) and reloads the forms. */
    public int applyAccepted() {
        if (outcome == null) {
            return 0;
        }
        Set<String> accepted = proposals.stream().filter(r -> r.accepted.get()).map(r -> r.proposal.id())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        PlanScan.Applied applied = outcome.applyTo(doc.plan(), accepted);
        applying = true;
        try {
            doc.editAndReload(p -> applied.plan());
        } finally {
            applying = false;
        }
        refreshEffects(doc.plan(), proposals);
        int filled = applied.filled();
        int kept = applied.kept();
        status.set("Filled " + filled + " value" + (filled == 1 ? "" : "s") + " from the scan"
                + (kept > 0 ? "; kept " + kept + " value" + (kept == 1 ? "" : "s") + " you had entered" : "") + ".");
        return filled;
    }

    /** Ticks or clears every proposal. */
    public void acceptAll(boolean accept) {
        proposals.forEach(r -> r.accepted.set(accept));
    }

    /** Says for each row what applying it would do to {@code plan} (shared with the recording's proposals). */
    static void refreshEffects(MigrationPlan plan, List<ProposalRow> rows) {
        for (ProposalRow r : rows) {
            Prefill.Effect effect = Prefill.effect(plan, r.proposal);
            r.changesPlan.set(effect == Prefill.Effect.FILLS);
            r.effect.set(switch (effect) {
                case FILLS -> changeText(plan, r.proposal);
                case ALREADY_SET -> "already in the plan";
                case KEEPS_PLAN_VALUE -> "plan keeps: " + Prefill.current(plan, r.proposal);
            });
        }
    }

    /** What applying a proposal that changes the plan does to it, in words true for its field. */
    private static String changeText(MigrationPlan plan, Proposal p) {
        String now = Prefill.current(plan, p);
        return switch (p.target()) {
            case STREAM, TOOLS, JSON_OUTPUT -> "ticks this option";
            case ENDPOINT -> "adds this endpoint";
            case MAPPING -> "adds a mapping row";
            case FALLBACK_MODEL -> now.isBlank() ? "fills an empty field" : "adds to: " + now;
            default -> now.isBlank() ? "fills an empty field" : "sets it (now: " + now + ")";
        };
    }

    private static String evidence(ScanResult result, Proposal p) {
        List<String> where = p.evidence().stream().map(result::finding).flatMap(java.util.Optional::stream)
                .map(Finding::location).distinct().toList();
        return where.stream().limit(3).collect(Collectors.joining(", ")) + (where.size() > 3 ? " (+" + (where.size() - 3) + ")" : "");
    }
}
