package ai.flatkey.migrate.export;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** An export format, with the name the command line uses for it. */
public enum Format {
    MARKDOWN("md", "Markdown checklist"),
    HTML("html", "HTML report"),
    PDF("pdf", "PDF report"),
    JSON("json", "JSON (machine-readable)"),
    JUNIT("junit", "JUnit XML of the latest run"),
    ENV("env", ".env files (new and rollback)"),
    SNIPPETS("snippets", "client snippets");

    /** Every format, in the order above. */
    public static final Set<Format> ALL = Collections.unmodifiableSet(EnumSet.allOf(Format.class));

    private final String cliName;
    private final String description;

    Format(String cliName, String description) {
        this.cliName = cliName;
        this.description = description;
    }

    public String cliName() {
        return cliName;
    }

    public String description() {
        return description;
    }

    /** The format called {@code name} on the command line ("md", "html", …; case-insensitive). */
    public static Optional<Format> byName(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        if (n.equals("markdown")) {
            return Optional.of(MARKDOWN);
        }
        return Arrays.stream(values()).filter(f -> f.cliName.equals(n)).findFirst();
    }

    /** "md|html|pdf|json|junit|env|snippets". */
    public static String names() {
        return Arrays.stream(values()).map(Format::cliName).collect(Collectors.joining("|"));
    }
}
