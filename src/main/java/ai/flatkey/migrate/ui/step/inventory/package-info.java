/** Step 1, Inventory: the form over the plan's inventory, and the source scan that prefills it (Views + ViewModels). */
package ai.flatkey.migrate.ui.step.inventory;
