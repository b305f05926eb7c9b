package ai.flatkey.migrate.plan;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.harrel.jsonschema.InvalidSchemaException;
import dev.harrel.jsonschema.JsonSchemaException;
import dev.harrel.jsonschema.Validator;
import dev.harrel.jsonschema.ValidatorFactory;
import dev.harrel.jsonschema.providers.GsonNode;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON Schemas request checks carry ({@code is-json} with a schema, a tool's {@code parameters}), checked by the
 * dev.harrel json-schema validator (drafts 4, 6, 7, 2019-09 and 2020-12; 2020-12 unless the schema's {@code $schema}
 * names another), which reads the Gson trees the app already holds. A schema is checked against its draft's
 * meta-schema when a check is read; answers are validated when it runs. Remote {@code $ref}s are never fetched: the
 * validator resolves only the meta-schemas it carries and the schema's own parts, so a check does not reach the
 * network except through the client. Built on first use, and thread-safe.
 *
 * <p>Why this validator and not networknt's: it works on Gson's tree directly, where networknt 3 brings Jackson 3 — about
 * 900 classes that a cold {@code run} of a check file with one schema loaded for ~0.4 s before its first request
 * (BENCHMARKS.md, "Cold runs").
 */
public final class JsonSchemas {
    private static final int MAX_MESSAGES = 5;
    /** The draft IDs {@code $schema} may name (with or without the trailing {@code #}), and the default. */
    private static final Set<String> DRAFTS = Set.of("https://json-schema.org/draft/2020-12/schema",
            "https://json-schema.org/draft/2019-09/schema", "http://json-schema.org/draft-07/schema",
            "http://json-schema.org/draft-06/schema", "http://json-schema.org/draft-04/schema");
    /** Keywords that only combine the verdicts of others: their own message repeats what the others say. */
    private static final Set<String> COMBINING = Set.of("allOf", "anyOf", "oneOf", "not", "$ref", "$dynamicRef",
            "$recursiveRef", "if", "then", "else", "properties", "items", "prefixItems", "additionalItems",
            "patternProperties", "dependentSchemas", "contains", "unevaluatedItems", "unevaluatedProperties");
    private static final ValidatorFactory FACTORY = new ValidatorFactory().withJsonNodeFactory(new GsonNode.Factory());
    private static volatile Validator shared;
    private static final Map<String, Compiled> COMPILED = new ConcurrentHashMap<>();
    /** Each schema's own URI in the shared validator (two schemas never share one, even compiled at once). */
    private static final java.util.concurrent.atomic.AtomicLong NEXT_ID = new java.util.concurrent.atomic.AtomicLong();

    /** A registered schema: the validator that holds it and its URI there. */
    private record Compiled(Validator validator, URI uri) {
    }

    private JsonSchemas() {
    }

    /**
     * What is wrong with {@code schema} as a JSON Schema (not an object, not valid against its draft's meta-schema, a
     * reference that cannot be resolved), in words, or null when it is usable.
     */
    public static String problem(JsonElement schema) {
        if (schema == null || !(schema.isJsonObject() || schema.isJsonPrimitive() && schema.getAsJsonPrimitive().isBoolean())) {
            return "a JSON Schema is an object (or true/false), not " + describe(schema);
        }
        if (schema.isJsonPrimitive()) {
            return null;
        }
        JsonElement declared = schema.getAsJsonObject().get("$schema");
        if (declared != null && !(declared.isJsonPrimitive() && DRAFTS.contains(declared.getAsString().strip()
                .replaceFirst("#$", "")))) {
            return "\"$schema\" names an unknown draft (" + (declared.isJsonPrimitive() ? declared.getAsString()
                    : declared.toString()) + "); leave it out for 2020-12";
        }
        String remote = remoteRef(schema);
        if (remote != null) {
            return "the schema cannot be used: a reference could not be resolved (" + remote + "); remote $refs are"
                    + " not fetched, so keep the schema self-contained ($defs)";
        }
        try {
            compile(schema.getAsJsonObject());
            return null;
        } catch (InvalidSchemaException e) {
            return "not a valid JSON Schema: " + String.join("; ", messages(e.getErrors()));
        } catch (JsonSchemaException | IllegalArgumentException | IllegalStateException e) {
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
            Compiled c = compile(schema);
            Validator.Result result;
            synchronized (c.validator()) {
                result = c.validator().validate(c.uri(), (Object) instance);
            }
            return result.isValid() ? List.of() : messages(result.getErrors());
        } catch (InvalidSchemaException e) {
            throw new IllegalArgumentException("not a valid JSON Schema: " + String.join("; ", messages(e.getErrors())), e);
        } catch (JsonSchemaException | IllegalStateException e) {
            throw new IllegalArgumentException("the schema cannot be used: " + reason(e), e);
        }
    }

    /**
     * The schema registered (checked against its meta-schema on the way). Schemas without an {@code $id} share one
     * validator, each under a URI of its own; one that declares IDs gets a validator of its own, so two check files'
     * schemas with the same {@code $id} never stand in for each other.
     */
    private static Compiled compile(JsonObject schema) {
        String text = schema.toString();
        Compiled known = COMPILED.get(text);
        if (known != null) {
            return known;
        }
        boolean ids = declaresIds(schema);
        Validator validator = ids ? FACTORY.createValidator() : shared();
        Compiled c;
        synchronized (validator) {
            c = new Compiled(validator, ids ? validator.registerSchema((Object) schema)
                    : validator.registerSchema(URI.create("urn:flatkey:schema:" + NEXT_ID.incrementAndGet()),
                    (Object) schema));
        }
        Compiled raced = COMPILED.putIfAbsent(text, c);
        return raced == null ? c : raced;
    }

    private static Validator shared() {
        Validator v = shared;
        if (v == null) {
            synchronized (JsonSchemas.class) {
                if (shared == null) {
                    shared = FACTORY.createValidator();
                }
                v = shared;
            }
        }
        return v;
    }

    /** The first {@code $ref} that points outside the schema (not {@code #…}) in a schema that declares no IDs, or null. */
    private static String remoteRef(JsonElement e) {
        return declaresIds(e.getAsJsonObject()) ? null : firstRemoteRef(e);
    }

    /** Whether the schema names IDs of its own ({@code $id}; {@code id} in draft 4), against which refs resolve. */
    private static boolean declaresIds(JsonObject schema) {
        String text = schema.toString();
        JsonElement draft = schema.get("$schema");
        return text.contains("\"$id\"") || draft != null && String.valueOf(draft).contains("draft-04")
                && text.contains("\"id\"");
    }

    private static String firstRemoteRef(JsonElement e) {
        if (e.isJsonArray()) {
            for (JsonElement x : e.getAsJsonArray()) {
                String found = firstRemoteRef(x);
                if (found != null) {
                    return found;
                }
            }
        } else if (e.isJsonObject()) {
            for (Map.Entry<String, JsonElement> m : e.getAsJsonObject().entrySet()) {
                JsonElement v = m.getValue();
                if (m.getKey().equals("$ref") && v.isJsonPrimitive() && !v.getAsString().startsWith("#")) {
                    return v.getAsString();
                }
                String found = firstRemoteRef(v);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /**
     * The messages, most specific first: a keyword that only combines others' verdicts ({@code allOf}, {@code anyOf},
     * {@code properties}…) is left out when another message names the place, and one message per place.
     */
    private static List<String> messages(List<dev.harrel.jsonschema.Error> errors) {
        List<dev.harrel.jsonschema.Error> leaves = errors.stream().filter(e -> e.getKeyword() == null || !COMBINING.contains(e.getKeyword()))
                .toList();
        List<dev.harrel.jsonschema.Error> shown = leaves.isEmpty() ? errors : leaves;
        Set<String> places = new LinkedHashSet<>();
        List<String> out = new ArrayList<>();
        for (dev.harrel.jsonschema.Error e : shown) {
            String where = e.getInstanceLocation() == null ? "" : e.getInstanceLocation();
            if (!places.add(where)) {
                continue;
            }
            out.add("$" + (where.isEmpty() ? "" : where.startsWith("/") ? where.replace('/', '.') : "." + where)
                    + ": " + words(e.getError()));
        }
        if (out.size() > MAX_MESSAGES) {
            int more = out.size() - MAX_MESSAGES;
            out = new ArrayList<>(out.subList(0, MAX_MESSAGES));
            out.add("and " + more + " more");
        }
        return out;
    }

    /** The validator's message, its lists printed once bracketed, and a {@code false} schema's failure said plainly. */
    private static String words(String error) {
        if (error == null || error.isBlank()) {
            return "breaks the schema";
        }
        return error.equals("False schema always fails") ? "not allowed by the schema"
                : error.replace("[[", "[").replace("]]", "]");
    }

    private static String reason(Exception e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static String describe(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return "null";
        }
        return e.isJsonArray() ? "a list" : e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? "text"
                : e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber() ? "a number" : e.toString();
    }
}
