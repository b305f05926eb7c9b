package ai.flatkey.migrate.plan;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the plan's ISO-8601 instants read to a person. */
public final class Instants {

    private static final DateTimeFormatter READABLE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Instants() {
    }

    /** {@code instant} as {@code 2026-11-25 09:44:00 UTC}. */
    public static String readable(Instant instant) {
        return READABLE.format(instant);
    }

    /** {@code 2026-11-25T09:44:00Z} as {@code 2026-11-25 09:44:00 UTC}; text that is not an instant as it is. */
    public static String readable(String iso) {
        try {
            return READABLE.format(Instant.parse(iso));
        } catch (DateTimeException e) {
            return iso;
        }
    }
}
