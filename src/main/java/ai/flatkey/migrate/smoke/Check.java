package ai.flatkey.migrate.smoke;

/**
 * One smoke check: a feature exercised against one target model (or the target itself for per-target checks).
 *
 * @param id      stable ID, {@code feature} or {@code feature:model}
 * @param feature {@code models}, {@code chat} or {@code streaming}
 * @param model   the target model, empty for per-target checks
 * @param title   what a person reads
 */
public record Check(String id, String feature, String model, String title) {
    public static final String MODELS = "models";
    public static final String CHAT = "chat";
    public static final String STREAMING = "streaming";
}
