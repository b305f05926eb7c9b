/**
 * Recorded traffic: the recording file (versioned JSON Lines, redacted as it is written), and the use cases built on
 * it (record through a local proxy, inventory from a recording, replay against the target, shadow). Depends on
 * {@code plan}, {@code wire}, {@code smoke} (a replay runs as request checks), {@code usage} (its price) and
 * {@code scan} (the inventory proposes as the scanner does); never on {@code ui}, {@code cli} or {@code demo}.
 */
package ai.flatkey.migrate.traffic;
