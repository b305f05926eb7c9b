/**
 * Recorded traffic: the recording proxy ({@link ai.flatkey.migrate.traffic.RecordingProxy}, JDK HttpServer on loopback,
 * relaying through {@code wire.Relay}), shadow mirrors ({@link ai.flatkey.migrate.traffic.Shadow}), the recording file
 * (versioned JSON Lines, redacted as it is written), and the use cases built on it (inventory from a recording, replay
 * against the target). Depends on {@code plan}, {@code wire}, {@code smoke} (a replay runs as request checks),
 * {@code usage} (its price) and {@code scan} (the inventory proposes as the scanner does); never on {@code ui},
 * {@code cli} or {@code demo}.
 */
package ai.flatkey.migrate.traffic;
