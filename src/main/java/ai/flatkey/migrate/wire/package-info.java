/**
 * The OpenAI-compatible client: OkHttp + Gson + SSE. Requests and responses, stream events, the error taxonomy
 * with plain-language messages, redaction, timing and request IDs. Depends on no other package of the app.
 */
package ai.flatkey.migrate.wire;
