/**
 * Smoke tests: the check catalog derived from the plan, the concurrent cancellable runner with live events, and
 * the conformance rules that turn an exchange into a verdict. Depends on {@code wire} and {@code plan}.
 */
package ai.flatkey.migrate.smoke;
