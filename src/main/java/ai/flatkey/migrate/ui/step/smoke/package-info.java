/** Step 4, Smoke tests: runs the smoke suite with live per-check status and coalesced streaming output. */
package ai.flatkey.migrate.ui.step.smoke;
