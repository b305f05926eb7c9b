/**
 * Smoke tests: the check catalog derived from the plan, the concurrent cancellable runner with live events, the
 * conformance rules that turn an exchange into a verdict (the endpoint families' in {@link
 * ai.flatkey.migrate.smoke.FamilyChecks} and {@link ai.flatkey.migrate.smoke.FamilyRules}), the person's request
 * checks and their assertions ({@link ai.flatkey.migrate.smoke.Assertions}), and the rollout's stage gates measured
 * from the plan's evidence ({@link ai.flatkey.migrate.smoke.Gates}). Depends on {@code wire} and {@code plan}, and on
 * {@code usage} for which requests are billed and what they cost (the gates, cost assertions).
 */
package ai.flatkey.migrate.smoke;
