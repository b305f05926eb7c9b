package ai.flatkey.migrate.scan;

import java.util.Objects;

/**
 * One piece of evidence: where it is ({@code file} relative to the scanned folder, with '/' separators, and a 1-based
 * line), the line as written with any key value masked, how sure the scanner is, what it is, the plan field it
 * fills and the value it proposes. {@code detail} says in words how the value was read.
 */
public record Finding(String id, String file, int line, String snippet, Confidence confidence, FindingKind kind,
                      InventoryField field, String value, String detail) {

    public Finding {
        id = id == null ? "" : id;
        file = Objects.requireNonNull(file);
        snippet = KeyMask.maskLine(snippet == null ? "" : snippet);
        confidence = Objects.requireNonNull(confidence);
        kind = Objects.requireNonNull(kind);
        field = field == null ? InventoryField.NONE : field;
        value = KeyMask.maskValue(value == null ? "" : value);
        detail = KeyMask.maskLine(detail == null ? "" : detail);
    }

    public Finding withId(String newId) {
        return new Finding(newId, file, line, snippet, confidence, kind, field, value, detail);
    }

    /** {@code file:line}. */
    public String location() {
        return file + ":" + line;
    }
}
