/**
 * The wizard's look: light and dark AtlantaFX themes, the OS colour-scheme probe, and the icon set. May depend on
 * JavaFX, AtlantaFX, Ikonli and the JDK only.
 */
package ai.flatkey.migrate.ui.theme;
