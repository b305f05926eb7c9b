/** Step 3, Model mapping: the editable source → target model table, checked against the target catalog. */
package ai.flatkey.migrate.ui.step.mapping;
