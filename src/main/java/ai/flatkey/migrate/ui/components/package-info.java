/** Shared view building blocks (page and form builders, the live output view). JavaFX only; no plan logic. */
package ai.flatkey.migrate.ui.components;
