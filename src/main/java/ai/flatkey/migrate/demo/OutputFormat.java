package ai.flatkey.migrate.demo;

import com.google.gson.JsonObject;

/**
 * The requested shape of the answer text: {@code response_format} in chat, {@code text.format} in Responses.
 *
 * @param kind   plain text, any JSON object, or JSON valid against {@code schema}
 * @param name   the schema's name ({@code json_schema.name}), "" otherwise
 * @param schema the JSON schema for {@link Kind#JSON_SCHEMA}, {@code {}} otherwise; a private copy
 */
record OutputFormat(Kind kind, String name, JsonObject schema) {

    enum Kind { TEXT, JSON_OBJECT, JSON_SCHEMA }

    static final OutputFormat TEXT = new OutputFormat(Kind.TEXT, "", new JsonObject());
    static final OutputFormat JSON_OBJECT = new OutputFormat(Kind.JSON_OBJECT, "", new JsonObject());

    OutputFormat {
        schema = schema.deepCopy();
    }
}
