/**
 * The gateway's own books: usage, quota and billing adapters (Flatkey / new-api, OpenRouter, LiteLLM, the demo
 * gateway, manual), prices, the reconciliation of smoke requests with the gateway's log, and the quota guard.
 * Depends on {@code plan}, {@code wire} (every read goes through {@code OpenAiClient.getJson}: one network path, one
 * set of failure messages; redaction) and Gson; on OkHttp only in the
 * deprecated {@code UsageAdapters} overload kept for old callers; never on {@code smoke}, {@code ui} or {@code cli}.
 */
package ai.flatkey.migrate.usage;
