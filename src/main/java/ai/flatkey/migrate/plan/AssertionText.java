package ai.flatkey.migrate.plan;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.math.BigDecimal;

/**
 * An assertion as a person types it into a form (the wizard's check editor): its kind and its value as text, with
 * ignore-case and a tool call's count. {@link CheckFile#edited} turns it into the check file's form and reads it with
 * {@link CheckSyntax}, so a value the kind does not take gets the file's message.
 *
 * @param kind       what is asserted
 * @param value      the text, number, JSON Schema (as JSON) or function name, as typed; ignored by kinds without a value
 * @param ignoreCase for contains, not-contains and equals
 * @param count      for a tool call: how many calls exactly, blank for "at least one"
 */
public record AssertionText(Assertion.Kind kind, String value, boolean ignoreCase, String count) {

    public AssertionText {
        kind = kind == null ? Assertion.Kind.CONTAINS : kind;
        value = Lists.text(value);
        count = Lists.text(count);
    }

    /** A stored assertion as the form shows it. */
    public static AssertionText of(Assertion a) {
        String value = switch (a.kind().arg()) {
            case TEXT, TOOL -> a.text();
            case NUMBER, WHOLE_NUMBER -> a.number() == null ? "" : BigDecimal.valueOf(a.number()).stripTrailingZeros().toPlainString();
            case SCHEMA -> a.schema() == null ? "" : a.schema().toString();
            case NONE -> "";
        };
        String count = a.kind() == Assertion.Kind.TOOL_CALL && a.number() != null ? String.valueOf(a.whole()) : "";
        return new AssertionText(a.kind(), value, a.ignoreCase(), count);
    }

    /** Whether the kind takes ignore-case. */
    public boolean caseless() {
        return kind == Assertion.Kind.CONTAINS || kind == Assertion.Kind.NOT_CONTAINS || kind == Assertion.Kind.EQUALS;
    }

    /** The check file's form of what is typed; a value the kind does not take is passed on for the validator to name. */
    JsonElement toJson() {
        String v = value.strip();
        JsonObject o = new JsonObject();
        switch (kind.arg()) {
            case NONE -> {
                return new JsonPrimitive(kind.key());
            }
            case TEXT -> {
                o.addProperty(kind.key(), value);
                if (caseless() && ignoreCase) {
                    o.addProperty("ignore-case", true);
                }
            }
            case NUMBER, WHOLE_NUMBER -> o.add(kind.key(), number(v));
            case SCHEMA -> {
                if (v.isEmpty()) {
                    return new JsonPrimitive(kind.key());
                }
                o.add(kind.key(), schema(v));
            }
            case TOOL -> {
                String c = count.strip();
                if (c.isEmpty() && v.isEmpty()) {
                    return new JsonPrimitive(kind.key());
                }
                if (c.isEmpty()) {
                    o.addProperty(kind.key(), v);
                } else {
                    JsonObject t = new JsonObject();
                    if (!v.isEmpty()) {
                        t.addProperty("name", v);
                    }
                    t.add("count", number(c));
                    o.add(kind.key(), t);
                }
            }
        }
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
