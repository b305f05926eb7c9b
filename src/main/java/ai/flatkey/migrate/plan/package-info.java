/**
 * The migration plan: immutable records, the checklist derived from them, and the JSON store
 * (schema version, atomic save, located load errors). Depends on nothing else in the app; Gson only.
 */
package ai.flatkey.migrate.plan;
