package ai.flatkey.migrate.plan;

import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What an importer of another format (a curl command, a promptfoo config) made of a file: the request checks it could
 * write, and its report: what it dropped or changed on the way ({@code notes}) and what it could not import, by name
 * ({@code notImported}). Nothing an importer reads is left out of both.
 */
public record ForeignChecks(String format, List<RequestCheck> checks, List<String> notes, List<String> notImported) {
    public ForeignChecks {
        checks = List.copyOf(checks);
        notes = List.copyOf(notes);
        notImported = List.copyOf(notImported);
    }

    /** Collects checks in the check file's own form, each held to the same rules as a check file's. */
    static final class Builder {
        private final String format;
        private final List<RequestCheck> checks = new ArrayList<>();
        private final Set<String> names = new LinkedHashSet<>();
        final List<String> notes = new ArrayList<>();
        final List<String> notImported = new ArrayList<>();

        Builder(String format) {
            this.format = format;
        }

        /** A name for a check that no earlier check of this import has: {@code base}, else {@code base-2}, … */
        String unique(String base) {
            String b = base.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[^A-Za-z0-9]+", "").replaceAll("-+$", "");
            if (b.isEmpty()) {
                b = "check";
            }
            b = b.length() > 72 ? b.substring(0, 72).replaceAll("-+$", "") : b;
            String n = b;
            for (int i = 2; names.contains(n); i++) {
                n = b + "-" + i;
            }
            names.add(n);
            return n;
        }

        /** {@code check} ({name, endpoint, body, assert}) read as a check file's check; a problem makes it not imported. */
        void add(JsonObject check, String what) {
            List<String> problems = new ArrayList<>();
            RequestCheck c = CheckSyntax.check(check, (at, message) -> problems.add(message));
            if (c == null || !problems.isEmpty()) {
                notImported.add(what + ": " + String.join("; ", problems));
            } else {
                checks.add(c.withOrigin(""));
            }
        }

        ForeignChecks build() {
            return new ForeignChecks(format, checks, notes, notImported);
        }
    }
}
