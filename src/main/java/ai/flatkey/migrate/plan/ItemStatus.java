package ai.flatkey.migrate.plan;

/** Where a checklist item or rollout stage stands. */
public enum ItemStatus {
    OPEN("open"), DONE("done"), NOT_APPLICABLE("n/a");

    private final String label;

    ItemStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
