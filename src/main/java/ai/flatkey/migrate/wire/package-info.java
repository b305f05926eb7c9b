/**
 * The OpenAI-compatible client: OkHttp + Gson + SSE. Chat completions (tools, JSON modes, images, streams with
 * tool-call deltas rebuilt by index and a per-chunk trace), the Responses API, embeddings and models; the endpoint
 * families beyond chat ({@link ai.flatkey.migrate.wire.FamilyClient}: images, audio, moderations, video jobs, routes a
 * gateway may lack) through the same exchange engine; the error
 * taxonomy with plain-language messages and per-kind advice, the one credential matcher (also used by {@code scan} and
 * {@code export}), redaction, timing, transcripts, typed rate-limit headers, retries, per-endpoint
 * timeouts, proxies and custom CA bundles; and {@link ai.flatkey.migrate.wire.Relay}, which sends an app's request
 * unchanged and hands back the answer as it arrives (the recording proxy's and shadow's one path upstream). Depends on
 * no other package of the app.
 */
package ai.flatkey.migrate.wire;
