/**
 * The migration plan: immutable records, the checklist derived from them, the JSON store (schema version, atomic
 * save, located load errors), the endpoint presets, the mapping table's CSV form and target suggestions, and the
 * request checks (records, their JSON/YAML check files read by line, their JSON Schemas). Depends on nothing else in
 * the app; Gson, SnakeYAML Engine (check files) and the dev.harrel JSON Schema validator only.
 */
package ai.flatkey.migrate.plan;
