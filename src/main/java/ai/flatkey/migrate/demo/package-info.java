/**
 * The embedded demo gateway: a real OpenAI-compatible HTTP server on loopback (JDK HttpServer + Gson), for demos,
 * offline use and tests. Depends on the JDK and Gson only: it shares no code with {@code wire} or {@code smoke},
 * so a mistake in the client's model classes cannot hide behind the same mistake in the server.
 */
package ai.flatkey.migrate.demo;
