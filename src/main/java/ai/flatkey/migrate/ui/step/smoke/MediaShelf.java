package ai.flatkey.migrate.ui.step.smoke;

import ai.flatkey.migrate.smoke.MediaEvidence;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The images and sounds of this session's family checks, by check, and those of the check the step shows. They live
 * in memory only: the plan keeps a check's words and figures, not its bytes (an image's thumbnail is small, but a
 * plan file is for review and diffs). A stored result from an earlier session, or from another run of the same check,
 * shows a note instead: its request ID is not the one the media came with.
 */
final class MediaShelf {
    /** How many checks' media are kept (the latest first out). */
    static final int MAX_CHECKS = 32;

    private record Kept(String requestId, List<MediaEvidence> media) {
    }

    /** The shown check's images and sounds, in the order the check made them; empty when it has none. */
    final ObjectProperty<List<MediaEvidence>> shown = new SimpleObjectProperty<>(this, "shown", List.of());
    /** Why a check that comes with images or sounds shows none; empty otherwise. */
    final StringProperty note = new SimpleStringProperty(this, "note", "");

    private final Map<String, Kept> byCheck = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Kept> eldest) {
            return size() > MAX_CHECKS;
        }
    };
    private CheckRow row;

    /** A check's media arrived (on the UI thread), for the result with {@code requestId} that follows. */
    void put(String checkId, String requestId, List<MediaEvidence> media) {
        byCheck.put(checkId, new Kept(requestId, List.copyOf(media)));
    }

    /** Shows {@code row}'s media (null or a group header: none). */
    void show(CheckRow row) {
        this.row = row;
        refresh();
    }

    /** Shows the current row's media again (its result or its media arrived). */
    void refresh() {
        CheckRow r = row;
        if (r == null || r.isGroup()) {
            set(List.of(), "");
            return;
        }
        Kept kept = byCheck.get(r.id);
        if (kept != null && r.result != null && r.result.requestId().equals(kept.requestId())) {
            set(kept.media(), "");
        } else if (r.result != null && MediaEvidence.comesWith(r.feature)) {
            set(List.of(), "Images and sounds are kept in memory while the app runs, not in the plan: press Run"
                    + " selected to see this check's again.");
        } else {
            set(List.of(), "");
        }
    }

    private void set(List<MediaEvidence> media, String why) {
        if (!media.equals(shown.get())) {
            shown.set(media);
        }
        note.set(why);
    }
}
