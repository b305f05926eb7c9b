package ai.flatkey.migrate.plan;

/**
 * How to go back: the previous base URL and model (and where the previous key is kept), restored by an
 * environment change, not a code change.
 */
public record Rollback(String baseUrl, String model, String keyRef, String notes) {
    public Rollback {
        baseUrl = Lists.text(baseUrl).strip();
        model = Lists.text(model).strip();
        keyRef = Lists.text(keyRef).strip();
        notes = Lists.text(notes);
    }

    public static Rollback empty() {
        return new Rollback("", "", "", "");
    }

    public boolean isReady() {
        return !baseUrl.isBlank() && !model.isBlank();
    }
}
