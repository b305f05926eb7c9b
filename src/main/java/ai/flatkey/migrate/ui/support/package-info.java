/**
 * Threading for the UI: named executors, the one FX-thread adapter ({@link ai.flatkey.migrate.ui.support.UiBridge})
 * and the background-task helper ViewModels use. May depend on JavaFX and the JDK only.
 */
package ai.flatkey.migrate.ui.support;
