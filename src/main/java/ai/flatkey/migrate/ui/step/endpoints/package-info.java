/** Step 2, Keys &amp; endpoints: target preset, base URL, key reference, live connection check, source endpoint. */
package ai.flatkey.migrate.ui.step.endpoints;
