/**
 * The JavaFX desktop wizard: the application, its composition root ({@link ai.flatkey.migrate.ui.AppContext}),
 * the window shell, and one package per step ({@code step/<name>/}: View + ViewModel). The only package that
 * imports {@code javafx.*}; it uses plan, secrets, wire, demo, smoke and export, and nothing uses it.
 */
package ai.flatkey.migrate.ui;
