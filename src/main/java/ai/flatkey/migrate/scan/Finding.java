package ai.flatkey.migrate.scan;

import java.util.Objects;

/**
 * One piece of evidence: where it is ({@code file} relative to the scanned folder, with '/' separators, and a 1-based
 * line), the line as written with any key value masked, how sure the scanner is, what it is, the plan field it
 * fills and the value it proposes. {@code detail} says in words how the value was read. {@code provider} names the
 * provider the finding belongs to (see {@link FindingKind#PROVIDER}), or is empty when the scan cannot tell.
 */
public record Finding(String id, String file, int line, String snippet, Confidence confidence, FindingKind kind,
                      InventoryField field, String value, String detail, String provider) {

    /** A finding that belongs to no provider in particular. */
    public Finding(String id, String file, int line, String snippet, Confidence confidence, FindingKind kind,
                   InventoryField field, String value, String detail) {
        this(id, file, line, snippet, confidence, kind, field, value, detail, "");
    }

    public Finding {
        id = id == null ? "" : id;
        file = Objects.requireNonNull(file);
        snippet = KeyMask.maskLine(snippet == null ? "" : snippet);
        confidence = Objects.requireNonNull(confidence);
        kind = Objects.requireNonNull(kind);
        field = field == null ? InventoryField.NONE : field;
        value = KeyMask.maskValue(value == null ? "" : value);
        detail = KeyMask.maskLine(detail == null ? "" : detail);
        provider = provider == null ? "" : provider;
    }

    public Finding withId(String newId) {
        return new Finding(newId, file, line, snippet, confidence, kind, field, value, detail, provider);
    }

    Finding withProvider(String newProvider) {
        return new Finding(id, file, line, snippet, confidence, kind, field, value, detail, newProvider);
    }

    Finding withField(InventoryField newField, String newDetail) {
        return new Finding(id, file, line, snippet, confidence, kind, newField, value, newDetail, provider);
    }

    Finding withValue(String newValue) {
        return new Finding(id, file, line, snippet, confidence, kind, field, newValue, detail, provider);
    }

    /** {@code file:line}. */
    public String location() {
        return file + ":" + line;
    }
}
