package ai.flatkey.migrate.ui.step.smoke;

import ai.flatkey.migrate.plan.Assertion;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.math.BigDecimal;

/**
 * One assertion in the check editor, as typed: its kind, its value (text, a number, a JSON Schema or a function
 * name), ignore-case for the text comparisons, and a call count for a tool call. It is turned into the check file's
 * form ({@link #toJson()}) and read by the same validator as a file ({@code CheckFile.edited}), so a wrong value gets
 * the file's message.
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
        AssertionDraft d = new AssertionDraft(a.kind(), "");
        switch (a.kind().arg()) {
            case TEXT, TOOL -> d.value.set(a.text());
            case NUMBER, WHOLE_NUMBER -> d.value.set(a.number() == null ? ""
                    : BigDecimal.valueOf(a.number()).stripTrailingZeros().toPlainString());
            case SCHEMA -> d.value.set(a.schema() == null ? "" : a.schema().toString());
            case NONE -> { }
        }
        d.ignoreCase.set(a.ignoreCase());
        if (a.kind() == Assertion.Kind.TOOL_CALL && a.number() != null) {
            d.count.set(String.valueOf(a.whole()));
        }
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
        Assertion.Kind k = kind.get();
        return k == Assertion.Kind.CONTAINS || k == Assertion.Kind.NOT_CONTAINS || k == Assertion.Kind.EQUALS;
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
            case NOT_EMPTY, TOOL_ARGS, USAGE, DONE -> "no value";
            default -> "text";
        };
    }

    /** The check file's form of what is typed; a value that is not what the kind takes is passed on for the validator to name. */
    JsonElement toJson() {
        Assertion.Kind k = kind.get();
        String v = value.get() == null ? "" : value.get().strip();
        JsonObject o = new JsonObject();
        switch (k.arg()) {
            case NONE -> {
                return new JsonPrimitive(k.key());
            }
            case TEXT -> {
                o.addProperty(k.key(), value.get());
                if (caseless() && ignoreCase.get()) {
                    o.addProperty("ignore-case", true);
                }
            }
            case NUMBER, WHOLE_NUMBER -> o.add(k.key(), number(v));
            case SCHEMA -> {
                if (v.isEmpty()) {
                    return new JsonPrimitive(k.key());
                }
                o.add(k.key(), schema(v));
            }
            case TOOL -> {
                String c = count.get() == null ? "" : count.get().strip();
                if (c.isEmpty()) {
                    return v.isEmpty() ? new JsonPrimitive(k.key()) : tool(k, v);
                }
                JsonObject t = new JsonObject();
                if (!v.isEmpty()) {
                    t.addProperty("name", v);
                }
                t.add("count", number(c));
                o.add(k.key(), t);
            }
        }
        return o;
    }

    private static JsonObject tool(Assertion.Kind k, String name) {
        JsonObject o = new JsonObject();
        o.addProperty(k.key(), name);
        return o;
    }

    /** A number as typed, or the text itself when it is not one (the validator says what it needs). */
    private static JsonPrimitive number(String v) {
        try {
            return new JsonPrimitive(new BigDecimal(v));
        } catch (NumberFormatException notANumber) {
            return new JsonPrimitive(v);
        }
    }

    /** The schema as JSON, or the text itself when it is not JSON (the validator says a schema is needed). */
    private static JsonElement schema(String v) {
        try {
            return com.google.gson.JsonParser.parseString(v);
        } catch (RuntimeException notJson) {
            return new JsonPrimitive(v);
        }
    }
}
