package ai.flatkey.migrate.ui.support;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Display formats shared by the steps. */
public final class Formats {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Formats() {
    }

    /** An ISO-8601 instant as "2026-06-11 09:30:12 UTC"; other text is returned unchanged. */
    public static String when(String iso) {
        if (iso == null || iso.isBlank()) {
            return "(unknown time)";
        }
        try {
            return WHEN.format(Instant.parse(iso));
        } catch (DateTimeParseException e) {
            return iso;
        }
    }
}
