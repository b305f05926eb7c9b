package ai.flatkey.migrate.ui.step.smoke;

import ai.flatkey.migrate.plan.Assertion;
import ai.flatkey.migrate.plan.AssertionText;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;


/**
 * One assertion in the check editor, as typed: its kind, its value (text, a number, a JSON Schema or a function
 * name), ignore-case for the text comparisons, and a call count for a tool call. It is read by the same validator as
 * a check file ({@link #text()}, {@code CheckFile.edited}), so a wrong value gets the file's message.
 */
public final class AssertionDraft {
    public final ObjectProperty<Assertion.Kind> kind = new SimpleObjectProperty<>(this, "kind", Assertion.Kind.CONTAINS);
    /** The text, number, schema (JSON) or function name, as typed; unused by the kinds without a value. */
    public final StringProperty value = new SimpleStringProperty(this, "value", "");
    public final BooleanProperty ignoreCase = new SimpleBooleanProperty(this, "ignoreCase");
    /** For a tool call: how many calls exactly, blank for "at least one". */
    public final StringProperty count = new SimpleStringProperty(this, "count", "");

    public AssertionDraft() {
    }

    public AssertionDraft(Assertion.Kind kind, String value) {
        this.kind.set(kind);
        this.value.set(value == null ? "" : value);
    }

    /** The editor's copy of a stored assertion. */
    static AssertionDraft of(Assertion a) {
        AssertionText t = AssertionText.of(a);
        AssertionDraft d = new AssertionDraft(t.kind(), t.value());
        d.ignoreCase.set(t.ignoreCase());
        d.count.set(t.count());
        return d;
    }

    AssertionDraft copy() {
        AssertionDraft d = new AssertionDraft(kind.get(), value.get());
        d.ignoreCase.set(ignoreCase.get());
        d.count.set(count.get());
        return d;
    }

    /** What an edit of this assertion changes. */
    Observable[] dependencies() {
        return new Observable[]{kind, value, ignoreCase, count};
    }

    /** Whether the kind takes ignore-case. */
    public boolean caseless() {
        return text().caseless();
    }

    /** What the value field asks for, for its prompt text and accessible text. */
    public String valuePrompt() {
        return switch (kind.get()) {
            case STATUS -> "HTTP status, e.g. 200 or 4xx";
            case ERROR_TYPE -> "error type or code";
            case REGEX -> "regular expression";
            case FINISH_REASON -> "stop, length, tool_calls…";
            case IS_JSON -> "JSON Schema (optional)";
            case TOOL_CALL -> "function name (optional)";
            case TTFT, LATENCY -> "milliseconds";
            case COST -> "US dollars";
            case TOKENS -> "tokens";
            case CHUNKS -> "chunks";
            case EMBEDDING_DIMENSIONS -> "dimensions";
            case EMBEDDING_COUNT -> "embeddings";
            case IMAGE_COUNT -> "images";
            case IMAGE_FORMAT -> "b64_json or url";
            case CONTENT_TYPE -> "media type, e.g. audio/wav";
            case MODERATION_COUNT -> "results";
            case FLAGGED -> "true or false";
            case NOT_EMPTY, TOOL_ARGS, USAGE, DONE -> "no value";
            default -> "text";
        };
    }

    /** What is typed, for the check file's validator ({@code CheckFile.edited}). */
    AssertionText text() {
        return new AssertionText(kind.get(), value.get(), ignoreCase.get(), count.get());
    }
}
