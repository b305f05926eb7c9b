package ai.flatkey.migrate.ui.theme;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The wizard's icons (Feather via Ikonli), named for what they mean here so every view uses the same one. */
public final class Icons {

    private Icons() {
    }

    public static FontIcon icon(Ikon ikon) {
        FontIcon i = new FontIcon(ikon);
        i.getStyleClass().add("fk-icon");
        return i;
    }

    /** An icon with an extra style class (e.g. text-success for colour). */
    public static FontIcon icon(Ikon ikon, String styleClass) {
        FontIcon i = icon(ikon);
        if (styleClass != null && !styleClass.isBlank()) {
            i.getStyleClass().add(styleClass);
        }
        return i;
    }

    /** The icon of a check status word (queued, running, pass, fail, unsupported, error, cancelled). */
    public static Ikon forStatus(String status) {
        return switch (status == null ? "" : status) {
            case "pass", "match", "match (rounding)", "done" -> Feather.CHECK_CIRCLE;
            case "fail", "mismatch" -> Feather.X_CIRCLE;
            case "error" -> Feather.ALERT_OCTAGON;
            case "unsupported", "not visible yet", "over budget" -> Feather.ALERT_TRIANGLE;
            case "running" -> Feather.LOADER;
            case "cancelled", "not checkable", "n/a" -> Feather.SLASH;
            default -> Feather.CIRCLE;
        };
    }

    public static final Ikon INVENTORY = Feather.CLIPBOARD;
    public static final Ikon ENDPOINTS = Feather.KEY;
    public static final Ikon MAPPING = Feather.SHUFFLE;
    public static final Ikon SMOKE = Feather.ACTIVITY;
    public static final Ikon VERIFY = Feather.SEARCH;
    public static final Ikon ROLLOUT = Feather.TRENDING_UP;
    public static final Ikon CHECKLIST = Feather.CHECK_SQUARE;
    public static final Ikon RUN = Feather.PLAY;
    /** Stops something running: a stop sign in a circle (a plain square read as an empty checkbox). */
    public static final Ikon CANCEL = Feather.STOP_CIRCLE;
    public static final Ikon COPY = Feather.COPY;
    public static final Ikon REFRESH = Feather.REFRESH_CW;
    public static final Ikon NEW = Feather.FILE_PLUS;
    public static final Ikon OPEN = Feather.FOLDER;
    public static final Ikon DEMO = Feather.PLAY_CIRCLE;
    public static final Ikon BACK = Feather.ARROW_LEFT;
    public static final Ikon NEXT = Feather.ARROW_RIGHT;
    public static final Ikon SUN = Feather.SUN;
    public static final Ikon MOON = Feather.MOON;
    public static final Ikon RECOVER = Feather.LIFE_BUOY;
    public static final Ikon SHIELD = Feather.SHIELD;
    public static final Ikon CHART = Feather.BAR_CHART_2;
}
