package ai.flatkey.migrate.plan;

/** The person's own status and note for one checklist item (by stable ID, see {@link Checklist}). */
public record ChecklistItem(String id, ItemStatus status, String note) {
    public ChecklistItem {
        id = Lists.text(id);
        status = status == null ? ItemStatus.OPEN : status;
        note = Lists.text(note);
    }
}
