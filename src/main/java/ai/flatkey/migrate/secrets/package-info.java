/**
 * Where keys live: memory (typed in this session), environment variables, and later the OS keychain.
 * A plan holds only a reference such as {@code env:FLATKEY_API_KEY}; this package turns it into the value in memory.
 * Depends on nothing else in the app.
 */
package ai.flatkey.migrate.secrets;
