package ai.flatkey.migrate.ui.step.inventory;

import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.scan.Finding;
import ai.flatkey.migrate.scan.Prefill;
import ai.flatkey.migrate.scan.Proposal;
import ai.flatkey.migrate.scan.ScanCancelledException;
import ai.flatkey.migrate.scan.ScanOptions;
import ai.flatkey.migrate.scan.ScanResult;
import ai.flatkey.migrate.scan.Scanner;
import ai.flatkey.migrate.ui.doc.FileDialogs;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.ui.support.Background;
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
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
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
    private final Background background;
    private final UiBridge ui;
    private final Scanner scanner;

    private final BooleanProperty running = new SimpleBooleanProperty(this, "running");
    private final IntegerProperty filesVisited = new SimpleIntegerProperty(this, "filesVisited");
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final StringProperty folder = new SimpleStringProperty(this, "folder", "");
    private final ObservableList<ProposalRow> proposals = FXCollections.observableArrayList(r -> new javafx.beans.Observable[]{r.accepted});
    private final ObservableList<Finding> findings = FXCollections.observableArrayList();
    private final BooleanBinding hasResults = Bindings.isNotEmpty(findings);
    private final StringProperty applyLabel = new SimpleStringProperty(this, "applyLabel", "Apply accepted values");
    private AtomicBoolean cancel = new AtomicBoolean();
    private Path lastFolder;

    public ScanViewModel(PlanDocument doc, FileDialogs files, Background background, Scanner scanner) {
        this.doc = doc;
        this.files = files;
        this.background = background;
        this.ui = background.ui();
        this.scanner = scanner;
        applyLabel.bind(Bind.text(() -> {
            long n = proposals.stream().filter(r -> r.accepted.get()).count();
            return "Apply " + n + " accepted value" + (n == 1 ? "" : "s");
        }, proposals));
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
        AtomicBoolean stop = new AtomicBoolean();
        cancel = stop;
        AtomicInteger visited = new AtomicInteger();
        UiBridge.Registration pulse = ui.onPulse(() -> filesVisited.set(visited.get()));
        Set<String> mapped = doc.plan().mappings().stream().map(ModelMapping::sourceModel).collect(Collectors.toSet());
        background.run(() -> scanner.scan(dir, ScanOptions.defaults().withMappedModels(mapped), visited::set, stop::get),
                result -> {
                    pulse.cancel();
                    running.set(false);
                    show(result);
                },
                error -> {
                    pulse.cancel();
                    running.set(false);
                    filesVisited.set(visited.get());
                    status.set(message(dir, error));
                });
    }

    /** Stops a running scan; nothing in the plan changes. */
    public void cancel() {
        if (running.get()) {
            cancel.set(true);
            status.set("Cancelling…");
        }
    }

    private void show(ScanResult result) {
        List<Proposal> ps = Prefill.propose(result);
        MigrationPlan plan = doc.plan();
        proposals.setAll(ps.stream().map(p -> new ProposalRow(p, evidence(result, p))).toList());
        refreshEffects(plan);
        findings.setAll(result.findings().stream()
                .sorted(Comparator.comparing((Finding f) -> !f.kind().isRisk()).thenComparing(Finding::file).thenComparingInt(Finding::line))
                .toList());
        filesVisited.set(result.stats().filesVisited());
        long risks = result.risks().size();
        status.set(result.findings().isEmpty()
                ? "No OpenAI-compatible client use found in " + result.stats().filesVisited() + " files."
                : String.format("%d findings in %d files (%d risks). %d values proposed: review them and apply the ones you accept.",
                result.findings().size(), result.stats().filesVisited(), risks, ps.size()));
    }

    /** Merges the accepted proposals into the plan (empty fields and missing rows only) and reloads the forms. */
    public int applyAccepted() {
        Set<String> accepted = proposals.stream().filter(r -> r.accepted.get()).map(r -> r.proposal.id())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        List<Proposal> ps = proposals.stream().map(r -> r.proposal).toList();
        MigrationPlan before = doc.plan();
        long filling = proposals.stream().filter(r -> r.accepted.get() && Prefill.effect(before, r.proposal) == Prefill.Effect.FILLS).count();
        long kept = proposals.stream().filter(r -> r.accepted.get() && Prefill.effect(before, r.proposal) == Prefill.Effect.KEEPS_PLAN_VALUE).count();
        doc.editAndReload(p -> Prefill.merge(p, ps, accepted));
        refreshEffects(doc.plan());
        status.set("Filled " + filling + " value" + (filling == 1 ? "" : "s") + " from the scan"
                + (kept > 0 ? "; kept " + kept + " value" + (kept == 1 ? "" : "s") + " you had entered" : "") + ".");
        return (int) filling;
    }

    /** Ticks or clears every proposal. */
    public void acceptAll(boolean accept) {
        proposals.forEach(r -> r.accepted.set(accept));
    }

    private void refreshEffects(MigrationPlan plan) {
        for (ProposalRow r : proposals) {
            r.effect.set(switch (Prefill.effect(plan, r.proposal)) {
                case FILLS -> "fills an empty field";
                case ALREADY_SET -> "already in the plan";
                case KEEPS_PLAN_VALUE -> "plan keeps: " + Prefill.current(plan, r.proposal);
            });
        }
    }

    private static String evidence(ScanResult result, Proposal p) {
        List<String> where = p.evidence().stream().map(result::finding).flatMap(java.util.Optional::stream)
                .map(Finding::location).distinct().toList();
        return where.stream().limit(3).collect(Collectors.joining(", ")) + (where.size() > 3 ? " (+" + (where.size() - 3) + ")" : "");
    }

    private static String message(Path dir, Throwable error) {
        if (error instanceof ScanCancelledException c) {
            return "Scan cancelled after " + c.filesVisited() + " files; the plan was not changed.";
        }
        if (error instanceof IOException io) {
            String m = io.getMessage() == null ? io.getClass().getSimpleName() : io.getMessage();
            return "Could not scan " + dir + ": " + m;
        }
        return "The scan stopped unexpectedly (" + error + "); the plan was not changed.";
    }
}
