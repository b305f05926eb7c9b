/**
 * Source-tree scanner: walks a folder (honouring .gitignore), finds OpenAI-compatible SDK use, raw HTTP calls and
 * configuration per language, and turns the findings into plan prefill proposals with file:line evidence.
 * Depends only on {@code plan}, {@code wire}'s credential matcher (to mask keys in findings), the JDK and Gson.
 */
package ai.flatkey.migrate.scan;
