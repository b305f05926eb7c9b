package ai.flatkey.migrate.ui.components;

import ai.flatkey.migrate.plan.Checklist;
import ai.flatkey.migrate.plan.ChecklistItem;
import ai.flatkey.migrate.plan.ItemStatus;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Keeps a list of {@link ChecklistRow}s in step with {@link Checklist#derive} for the open plan, and writes a
 * person's status or note back as a {@link ChecklistItem}. Used by step 7 (all items) and step 5 (the
 * usage-log, billing and quota items), so both show the same values.
 */
public final class ChecklistRows {

    private final PlanDocument doc;
    private final Predicate<String> include;
    private final Map<String, ChecklistRow> byId = new LinkedHashMap<>();
    private final ObservableList<ChecklistRow> rows = FXCollections.observableArrayList();
    private boolean refreshing;

    public ChecklistRows(PlanDocument doc, Predicate<String> include) {
        this.doc = doc;
        this.include = include;
        doc.planProperty().addListener((o, a, b) -> refresh(b));
        refresh(doc.plan());
    }

    public static ChecklistRows only(PlanDocument doc, Set<String> ids) {
        return new ChecklistRows(doc, ids::contains);
    }

    public ObservableList<ChecklistRow> rows() {
        return rows;
    }

    private void refresh(MigrationPlan plan) {
        refreshing = true;
        try {
            List<Checklist.Entry> entries = Checklist.derive(plan).stream().filter(e -> include.test(e.id())).toList();
            boolean structural = entries.size() != rows.size();
            for (int i = 0; !structural && i < entries.size(); i++) {
                structural = !entries.get(i).id().equals(rows.get(i).id);
            }
            if (structural) {
                byId.clear();
                for (Checklist.Entry e : entries) {
                    byId.put(e.id(), newRow(e.id()));
                }
            }
            for (Checklist.Entry e : entries) {
                ChecklistRow r = byId.get(e.id());
                r.title.set(e.title());
                r.evidence.set(e.evidence());
                r.status.set(e.status());
                if (!r.note.get().equals(e.note())) {
                    r.note.set(e.note());
                }
                r.source.set(e.fromPerson() ? "set by you" : (e.status() == ItemStatus.DONE ? "from evidence" : ""));
            }
            if (structural) {
                rows.setAll(byId.values());
            }
        } finally {
            refreshing = false;
        }
    }

    private ChecklistRow newRow(String id) {
        ChecklistRow r = new ChecklistRow(id);
        r.status.addListener((o, was, now) -> {
            if (!refreshing && now != null) {
                setStatus(id, now);
            }
        });
        r.note.addListener((o, was, now) -> {
            if (!refreshing) {
                setNote(id, now);
            }
        });
        return r;
    }

    /** Records the person's status for an item. */
    public void setStatus(String id, ItemStatus status) {
        doc.edit(p -> p.withChecklistItem(new ChecklistItem(id, status, p.checklistItem(id).note())));
    }

    /** Records the person's note for an item, keeping their status. */
    public void setNote(String id, String note) {
        doc.edit(p -> p.withChecklistItem(new ChecklistItem(id, p.checklistItem(id).status(), note)));
    }
}
