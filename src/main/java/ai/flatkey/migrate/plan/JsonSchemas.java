package ai.flatkey.migrate.plan;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON Schemas request checks carry ({@code is-json} with a schema, a tool's {@code parameters}), checked by the
 * networknt validator (drafts 4 to 2020-12; 2020-12 unless the schema's {@code $schema} names another). A schema is
 * checked against its draft's meta-schema when a check is read; answers are validated when it runs. Remote
 * {@code $ref}s are never fetched: a check does not reach the network except through the client. Built on first use
 * (the validator's classes take a moment to load), and thread-safe.
 */
public final class JsonSchemas {
    private static final int MAX_MESSAGES = 5;
    private static volatile SchemaRegistry registry;
    private static final Map<String, Schema> COMPILED = new ConcurrentHashMap<>();

    private JsonSchemas() {
    }

    private static SchemaRegistry registry() {
        SchemaRegistry r = registry;
        if (r == null) {
            synchronized (JsonSchemas.class) {
                if (registry == null) {
                    registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                            b -> b.schemaLoader(l -> l.fetchRemoteResources(false)));
                }
                r = registry;
            }
        }
        return r;
    }

    /**
     * What is wrong with {@code schema} as a JSON Schema (not an object, not valid against its draft's meta-schema, an
     * unresolvable reference), in words, or null when it is usable.
     */
    public static String problem(JsonElement schema) {
        if (schema == null || !(schema.isJsonObject() || schema.isJsonPrimitive() && schema.getAsJsonPrimitive().isBoolean())) {
            return "a JSON Schema is an object (or true/false), not " + describe(schema);
        }
        if (schema.isJsonPrimitive()) {
            return null;
        }
        SpecificationVersion draft = SpecificationVersion.DRAFT_2020_12;
        JsonElement declared = schema.getAsJsonObject().get("$schema");
        if (declared != null && declared.isJsonPrimitive()) {
            draft = SpecificationVersion.fromDialectId(declared.getAsString()).orElse(null);
            if (draft == null) {
                return "\"$schema\" names an unknown draft (" + declared.getAsString() + "); leave it out for 2020-12";
            }
        }
        try {
            Schema meta = registry().getSchema(SchemaLocation.of(draft.getDialectId()));
            List<String> found = messages(meta.validate(schema.toString(), InputFormat.JSON));
            if (!found.isEmpty()) {
                return "not a valid JSON Schema: " + String.join("; ", found);
            }
            compile(schema.getAsJsonObject());
            return null;
        } catch (SchemaException | IllegalArgumentException | IllegalStateException e) {
            return "the schema cannot be used: " + reason(e);
        }
    }

    /**
     * Where {@code instance} breaks {@code schema}: up to five messages, each naming the place ({@code $.city: …});
     * empty when it is valid.
     *
     * @throws IllegalArgumentException when the schema itself cannot be used (see {@link #problem})
     */
    public static List<String> violations(JsonObject schema, JsonElement instance) {
        try {
            return messages(compile(schema).validate(instance.toString(), InputFormat.JSON));
        } catch (SchemaException | IllegalStateException e) {
            throw new IllegalArgumentException("the schema cannot be used: " + reason(e), e);
        }
    }

    private static Schema compile(JsonObject schema) {
        String text = schema.toString();
        return COMPILED.computeIfAbsent(text, t -> registry().getSchema(t, InputFormat.JSON));
    }

    private static List<String> messages(List<com.networknt.schema.Error> errors) {
        List<String> out = new ArrayList<>();
        for (com.networknt.schema.Error e : errors) {
            if (out.size() == MAX_MESSAGES) {
                out.add("and " + (errors.size() - MAX_MESSAGES) + " more");
                break;
            }
            String where = String.valueOf(e.getInstanceLocation());
            out.add("$" + (where.isEmpty() ? "" : where.startsWith("/") ? where.replace('/', '.') : "." + where)
                    + ": " + e.getMessage());
        }
        return out;
    }

    private static String reason(Exception e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        if (t instanceof java.io.FileNotFoundException) {
            return "a reference could not be resolved (" + m + "); remote $refs are not fetched, so keep the schema"
                    + " self-contained ($defs)";
        }
        return m;
    }

    private static String describe(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return "null";
        }
        return e.isJsonArray() ? "a list" : e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? "text"
                : e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber() ? "a number" : e.toString();
    }
}
