/**
 * Renders the plan for people and machines: the Markdown checklist now; HTML, PDF, JSON, JUnit XML, .env files and
 * client snippets later. Depends on {@code plan} only, and never renders a key value — only where a key is kept.
 */
package ai.flatkey.migrate.export;
