/**
 * What the wizard needs from the core, as small interfaces (connection check, demo gateway host, smoke runs,
 * exports) plus their adapters over {@code wire}, {@code demo}, {@code smoke} and {@code export}. ViewModels
 * depend on the interfaces so tests can give fakes.
 */
package ai.flatkey.migrate.ui.services;
