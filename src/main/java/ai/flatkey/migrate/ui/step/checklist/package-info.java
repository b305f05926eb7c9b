/** Step 7, Checklist &amp; export: checklist rows kept in step with the plan, Markdown preview and export. */
package ai.flatkey.migrate.ui.step.checklist;
