/**
 * Headless commands on picocli, one class per sub-command ({@code run}, {@code export}, {@code scan},
 * {@code demo-gateway}, {@code completion}) wired by {@link ai.flatkey.migrate.cli.Cli}: the same core the wizard
 * uses, for CI and scripts. May depend on every core package and picocli; never on {@code ui} or JavaFX.
 */
package ai.flatkey.migrate.cli;
