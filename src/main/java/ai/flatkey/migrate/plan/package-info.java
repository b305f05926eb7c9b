/**
 * The migration plan: immutable records, the checklist derived from them, the JSON store (schema version, atomic
 * save, located load errors), the endpoint presets, and the mapping table's CSV form and target suggestions.
 * Depends on nothing else in the app; Gson only.
 */
package ai.flatkey.migrate.plan;
