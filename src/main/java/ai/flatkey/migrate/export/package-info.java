/**
 * Renders the plan for people and machines: Markdown, self-contained HTML, PDF, versioned JSON (with its JSON Schema),
 * JUnit XML, {@code .env} files and client snippets, through one entry point ({@link ai.flatkey.migrate.export.Exporter}).
 * Depends on {@code plan}, on {@code smoke} for the rollout gates' measured values
 * ({@link ai.flatkey.migrate.smoke.Gates}) and on {@code wire} for the shared credential matcher only (plus Gson and
 * openhtmltopdf); never renders a key value: only where a key is kept, and every text passes the key filter
 * ({@link ai.flatkey.migrate.export.KeyScrubber}).
 */
package ai.flatkey.migrate.export;
