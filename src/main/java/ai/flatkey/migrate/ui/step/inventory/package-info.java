/** Step 1, Inventory: the form over the plan's inventory (View + ViewModel). */
package ai.flatkey.migrate.ui.step.inventory;
