/** Step 5, Verify: the latest run's request IDs and usage, and the usage-log, billing and quota confirmations. */
package ai.flatkey.migrate.ui.step.verify;
