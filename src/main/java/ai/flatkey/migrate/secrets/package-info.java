/**
 * Where keys live: memory (typed in this session), environment variables, and the OS keychain (java-keyring, with a
 * memory fallback where no keychain runs).
 * A plan holds only a reference such as {@code env:FLATKEY_API_KEY}; this package turns it into the value in memory.
 * Depends on nothing else in the app (java-keyring for the OS keychain).
 */
package ai.flatkey.migrate.secrets;
