package ai.flatkey.migrate.demo;

import com.google.gson.JsonObject;

/**
 * A function tool offered in a request.
 *
 * @param name        the function name
 * @param description its description ("" when none)
 * @param parameters  its JSON schema ({@code {}} when none); a private copy
 */
record ToolSpec(String name, String description, JsonObject parameters) {

    ToolSpec {
        parameters = parameters.deepCopy();
    }
}
