/**
 * Headless commands ({@code run}, {@code export}, {@code demo-gateway}): the same core the wizard uses, for CI and
 * scripts. May depend on every core package; never on {@code ui} or JavaFX.
 */
package ai.flatkey.migrate.cli;
