package ai.flatkey.migrate.ui.theme;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.css.PseudoClass;
import javafx.scene.Scene;

import java.util.Objects;

/**
 * Applies the look to a scene: AtlantaFX Primer (light or dark) as the user-agent stylesheet, the wizard's own
 * stylesheet on top (it uses only the theme's colour variables, so it follows light and dark), and a {@code :dark}
 * pseudo-class on the root for the few places that differ.
 */
public final class Themes {

    private static final PseudoClass DARK = PseudoClass.getPseudoClass("dark");
    /** The precompiled (binary) stylesheets: they load several times faster than parsing the CSS. */
    private static final String LIGHT_CSS = new PrimerLight().getUserAgentStylesheetBSS();
    private static final String DARK_CSS = new PrimerDark().getUserAgentStylesheetBSS();

    private Themes() {
    }

    /** The wizard's own stylesheet URL. */
    public static String wizardStylesheet() {
        return Objects.requireNonNull(Themes.class.getResource("/ai/flatkey/migrate/ui/wizard.css")).toExternalForm();
    }

    /**
     * Sets the theme's user-agent stylesheet for the application. Call on the FX thread before the first control is
     * built: otherwise the first control loads JavaFX's default (Modena) stylesheet, only to have it replaced.
     */
    public static void useTheme(boolean dark) {
        String css = dark ? DARK_CSS : LIGHT_CSS;
        if (!css.equals(Application.getUserAgentStylesheet())) {
            Application.setUserAgentStylesheet(css);
        }
    }

    /** Sets the theme for the application and marks {@code scene}'s root. Call on the FX thread. */
    public static void apply(Scene scene, boolean dark) {
        useTheme(dark);
        if (!scene.getStylesheets().contains(wizardStylesheet())) {
            scene.getStylesheets().add(wizardStylesheet());
        }
        if (scene.getRoot() != null) {
            scene.getRoot().pseudoClassStateChanged(DARK, dark);
        }
    }
}
