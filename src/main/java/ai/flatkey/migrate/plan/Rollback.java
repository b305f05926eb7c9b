package ai.flatkey.migrate.plan;

/**
 * How to go back: the previous base URL and model (and where the previous key is kept), restored by an
 * environment change, not a code change.
 *
 * @param provedAt when the basic checks last passed against exactly this base URL, model and key reference
 *                 (ISO-8601 instant), or empty if the rollback has not been proved since it last changed
 */
public record Rollback(String baseUrl, String model, String keyRef, String notes, String provedAt) {
    public Rollback {
        baseUrl = Lists.text(baseUrl).strip();
        model = Lists.text(model).strip();
        keyRef = Lists.text(keyRef).strip();
        notes = Lists.text(notes);
        provedAt = Lists.text(provedAt).strip();
    }

    /** A rollback that has not been proved. */
    public Rollback(String baseUrl, String model, String keyRef, String notes) {
        this(baseUrl, model, keyRef, notes, "");
    }

    public static Rollback empty() {
        return new Rollback("", "", "", "");
    }

    public boolean isReady() {
        return !baseUrl.isBlank() && !model.isBlank();
    }

    public boolean isProved() {
        return !provedAt.isEmpty();
    }

    /** When it was proved, as {@code 2026-11-25 09:44:00 UTC} (or as written if that is not an ISO-8601 instant). */
    public String provedWhen() {
        return Instants.readable(provedAt);
    }

    /** The same rollback, proved at {@code when} (ISO-8601). */
    public Rollback provedAt(String when) {
        return new Rollback(baseUrl, model, keyRef, notes, when);
    }

    /**
     * This rollback with new values; the proof is kept only if what it proved (base URL, model, key reference)
     * did not change.
     */
    public Rollback edited(String newBaseUrl, String newModel, String newKeyRef, String newNotes) {
        Rollback next = new Rollback(newBaseUrl, newModel, newKeyRef, newNotes);
        boolean same = next.baseUrl.equals(baseUrl) && next.model.equals(model) && next.keyRef.equals(keyRef);
        return same ? next.provedAt(provedAt) : next;
    }
}
