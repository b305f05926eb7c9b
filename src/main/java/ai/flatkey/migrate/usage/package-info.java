/**
 * The gateway's own books: usage, quota and billing adapters (Flatkey / new-api, OpenRouter, LiteLLM, the demo
 * gateway, manual), prices, the reconciliation of smoke requests with the gateway's log, and the quota guard.
 * Depends on {@code plan}, {@code wire} (HTTP client, redaction) and Gson; never on {@code smoke}, {@code ui} or {@code cli}.
 */
package ai.flatkey.migrate.usage;
