/**
 * The open plan document (dirty tracking, title), preferences (recent plans, window geometry) and the dialog
 * interfaces the wizard uses for files and questions. Depends on {@code plan} and JavaFX properties only.
 */
package ai.flatkey.migrate.ui.doc;
