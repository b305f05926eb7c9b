/**
 * Source-tree scanner: walks a folder (honouring .gitignore), finds OpenAI-compatible SDK use, raw HTTP calls and
 * configuration per language, tells the providers an app talks to apart (by host, SDK class or LiteLLM prefix; see
 * {@link ai.flatkey.migrate.scan.Providers}), and turns the findings into plan prefill proposals with file:line evidence.
 * {@link ai.flatkey.migrate.scan.PlanScan} is the scan-and-prefill use case the CLI and the wizard both call.
 * Depends only on {@code plan}, {@code wire}'s credential matcher (to mask keys in findings) and {@code Cancellation}, the JDK and Gson.
 */
package ai.flatkey.migrate.scan;
