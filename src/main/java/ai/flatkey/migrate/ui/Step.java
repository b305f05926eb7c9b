package ai.flatkey.migrate.ui;

/** The seven wizard steps, in order (DESIGN.md §1). */
public enum Step {
    INVENTORY("Inventory", "What the app sends today"),
    ENDPOINTS("Keys & endpoints", "Target, key, connection"),
    MAPPING("Model mapping", "Current → target model IDs"),
    SMOKE("Smoke tests", "Run checks, watch output"),
    VERIFY("Verify", "Usage log, billing, quota"),
    ROLLOUT("Rollout & rollback", "Stages and the way back"),
    CHECKLIST("Checklist & export", "Review, sign off, export");

    private final String title;
    private final String subtitle;

    Step(String title, String subtitle) {
        this.title = title;
        this.subtitle = subtitle;
    }

    /** 1-based number shown in the rail. */
    public int number() {
        return ordinal() + 1;
    }

    public String title() {
        return title;
    }

    public String subtitle() {
        return subtitle;
    }

    /** A file-name-friendly slug, e.g. {@code keys-endpoints}. */
    public String slug() {
        return title.toLowerCase(java.util.Locale.ROOT).replace("&", "").replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
