/** Step 6, Rollout &amp; rollback: rollout stages with status and note, and the rollback configuration. */
package ai.flatkey.migrate.ui.step.rollout;
