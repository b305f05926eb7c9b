/**
 * Recorded traffic: the recording proxy ({@link ai.flatkey.migrate.traffic.RecordingProxy}, JDK HttpServer on loopback,
 * relaying through {@code wire.Relay}), shadow mirrors ({@link ai.flatkey.migrate.traffic.Shadow}), the recording file
 * (versioned JSON Lines, redacted as it is written), and the use cases built on it (record through a local proxy,
 * inventory from a recording, replay against the target, shadow). Depends on {@code plan}, {@code wire} and
 * {@code smoke}; never on {@code ui}, {@code cli} or {@code demo}.
 */
package ai.flatkey.migrate.traffic;
