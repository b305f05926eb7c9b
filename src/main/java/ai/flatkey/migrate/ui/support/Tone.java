package ai.flatkey.migrate.ui.support;

/**
 * How a status message or value should read: a ViewModel states the tone, the view turns it into a style
 * ({@link #styleClass()}), so no ViewModel deals in style-class strings.
 */
public enum Tone {
    NEUTRAL(""),
    SUCCESS("text-success"),
    WARNING("text-warning"),
    DANGER("text-danger"),
    MUTED("text-muted"),
    /** Something under way (a check that is running) or a heading to pick out, in the theme's accent colour. */
    ACCENT("text-accent");

    private final String styleClass;

    Tone(String styleClass) {
        this.styleClass = styleClass;
    }

    /** The theme's style class for this tone (empty for {@link #NEUTRAL}). */
    public String styleClass() {
        return styleClass;
    }
}
