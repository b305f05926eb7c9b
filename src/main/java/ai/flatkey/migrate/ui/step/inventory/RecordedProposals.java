package ai.flatkey.migrate.ui.step.inventory;

import ai.flatkey.migrate.scan.PlanScan;
import ai.flatkey.migrate.traffic.TrafficInventory;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.ui.support.Bind;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a recording proposes for the inventory ({@link TrafficInventory}), as rows the person accepts or not; applied
 * as the scan's proposals are (only empty fields filled, missing mapping rows added), with the scan's effect words.
 */
final class RecordedProposals {
    final ObservableList<ProposalRow> rows = FXCollections.observableArrayList(
            r -> new javafx.beans.Observable[]{r.accepted, r.changesPlan});
    final StringProperty applyLabel = new SimpleStringProperty(this, "applyLabel", "");
    final BooleanBinding canApply;
    private final PlanDocument doc;
    private TrafficInventory.Outcome outcome;
    private boolean applying;

    RecordedProposals(PlanDocument doc) {
        this.doc = doc;
        applyLabel.bind(Bind.text(() -> {
            long n = toApply();
            return n == 0 ? "Nothing left to apply" : "Apply " + n + " accepted value" + (n == 1 ? "" : "s");
        }, rows));
        canApply = Bind.flag(() -> toApply() > 0, rows);
        // an edit in the form changes what applying a proposal would do
        doc.planProperty().addListener((o, a, b) -> {
            if (!applying && !rows.isEmpty()) {
                ScanViewModel.refreshEffects(b, rows);
            }
        });
    }

    /** Shows {@code o}'s proposals; {@code prefix} (the file name) is left out of each evidence line. */
    void show(TrafficInventory.Outcome o, String prefix) {
        outcome = o;
        rows.setAll(o.proposals().stream().map(p -> new ProposalRow(p, String.join("; ", p.evidence().stream()
                .map(e -> e.startsWith(prefix) ? e.substring(prefix.length()) : e).toList()),
                o.defaultAccepted().contains(p.id()))).toList());
        ScanViewModel.refreshEffects(doc.plan(), rows);
    }

    void clear() {
        outcome = null;
        rows.clear();
    }

    /** Merges the accepted proposals into the plan and reloads the forms; null when there is nothing to apply. */
    PlanScan.Applied apply() {
        if (outcome == null) {
            return null;
        }
        Set<String> accepted = rows.stream().filter(r -> r.accepted.get()).map(r -> r.proposal.id())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        PlanScan.Applied applied = outcome.applyTo(doc.plan(), accepted);
        applying = true;
        try {
            doc.editAndReload(p -> applied.plan());
        } finally {
            applying = false;
        }
        ScanViewModel.refreshEffects(doc.plan(), rows);
        return applied;
    }

    private long toApply() {
        return rows.stream().filter(r -> r.accepted.get() && r.changesPlan.get()).count();
    }
}
