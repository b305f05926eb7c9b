package ai.flatkey.migrate.ui.step.smoke;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The smoke step's live pane: the output of the one check it follows, as lines (the streamed text first, then one
 * line per streamed tool call, updated in place as its arguments grow), or its raw SSE lines while the raw view is
 * on. During a run it follows the check that is streaming, until the person picks a row.
 */
final class FollowedOutput {
    /** The followed check's output as lines; the view shows it in a virtualized list. */
    final ObservableList<String> lines = FXCollections.observableArrayList();
    /** The followed check's raw SSE lines while the raw view is on (empty otherwise, so a hidden view costs nothing). */
    final ObservableList<String> rawLines = FXCollections.observableArrayList();
    /** Whether the live pane shows the raw event stream instead of the rendered text and tool calls. */
    final BooleanProperty rawView = new SimpleBooleanProperty(this, "rawView");
    final StringProperty rawNote = new SimpleStringProperty(this, "rawNote", "");
    final ObjectProperty<CheckRow> followed = new SimpleObjectProperty<>(this, "followed");
    /** How many of {@link #lines} hold streamed text (the tool-call lines follow them). */
    private int textLines;
    private boolean autoFollow = true;

    FollowedOutput() {
        rawView.addListener((o, was, now) -> showRaw());
    }

    /** Follows nothing and goes back to following the live check. */
    void reset() {
        lines.clear();
        textLines = 0;
        autoFollow = true;
        followed.set(null);
        showRaw();
    }

    /** The person picked a row: show it, and stop following the live one. */
    void pick(CheckRow row) {
        if (row == null || row.isGroup() || row == followed.get()) {
            return;
        }
        autoFollow = false;
        follow(row);
    }

    /** {@code text} arrived for {@code row} (already appended to its output). */
    void tokens(CheckRow row, String text) {
        if (autoFollow && followed.get() != row) {
            follow(row);
        } else if (followed.get() == row) {
            appendLines(text);
        }
    }

    /** A tool call of {@code row} grew or started ({@code added}) at {@code position}. */
    void toolCall(CheckRow row, int position, boolean added) {
        if (autoFollow && followed.get() != row) {
            follow(row);
        } else if (followed.get() == row) {
            String line = row.toolCalls.at(position).line();
            if (added) {
                lines.add(line);
            } else {
                lines.set(textLines + position, line);
            }
        }
    }

    /** Raw lines arrived for {@code row}: {@code added} at the end, {@code dropped} from the start of its tail. */
    void raw(CheckRow row, List<String> added, int dropped) {
        if (followed.get() != row) {
            return;
        }
        if (rawView.get()) {
            if (dropped >= rawLines.size()) {
                rawLines.setAll(row.raw.lines());
            } else {
                if (dropped > 0) {
                    rawLines.remove(0, dropped);
                }
                rawLines.addAll(added);
            }
        }
        rawNoteFor(row);
    }

    /** {@code row} finished; a non-streamed answer shows now ({@code hadOutput}: it had streamed text before). */
    void finished(CheckRow row, boolean hadOutput) {
        if (followed.get() != row) {
            return;
        }
        if (!hadOutput && row.output.length() > 0) {
            appendLines(row.output.toString());
        }
        rawNoteFor(row);
    }

    private void follow(CheckRow row) {
        followed.set(row);
        List<String> all = new ArrayList<>();
        if (row != null && row.output.length() > 0) {
            all.addAll(Arrays.asList(row.output.toString().split("\n", -1)));
        }
        textLines = all.size();
        if (row != null) {
            all.addAll(row.toolCallLines());
        }
        lines.setAll(all);
        showRaw();
    }

    /**
     * Appends text to the text lines: the first part extends the last text line, each newline starts a new one.
     * Tool-call lines, if any, stay after the text.
     */
    private void appendLines(String text) {
        String[] parts = text.split("\n", -1);
        if (textLines == 0) {
            lines.add(0, "");
            textLines = 1;
        }
        int last = textLines - 1;
        lines.set(last, lines.get(last) + parts[0]);
        if (parts.length > 1) {
            lines.addAll(textLines, Arrays.asList(parts).subList(1, parts.length));
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
            rawNote.set(String.format(Locale.ROOT, "%,d raw lines as received (keys redacted)", row.raw.size())
                    + (row.raw.dropped() > 0 ? String.format(Locale.ROOT, "; the %,d before them were dropped (the last %,d are kept)",
                    row.raw.dropped(), RawTail.MAX_LINES) : ""));
        }
    }
}
