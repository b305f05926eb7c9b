package ai.flatkey.migrate.demo;

import com.google.gson.JsonObject;

import java.util.List;
import java.util.OptionalInt;

/**
 * A validated {@code POST /v1/responses} request.
 *
 * @param model           the catalog model asked for
 * @param messages        the input items as messages, instructions first (as a developer message)
 * @param instructions    {@code instructions}, or {@code null}
 * @param stream          whether to answer as typed server-sent events
 * @param maxOutputTokens {@code max_output_tokens}, when given
 * @param format          {@code text.format}
 * @param echo            request fields the response object repeats ({@code temperature}, {@code top_p},
 *                        {@code metadata}, {@code user}, {@code store}, ...); a private copy
 */
record ResponsesCall(CatalogModel model, List<PromptMessage> messages, String instructions, boolean stream,
                     OptionalInt maxOutputTokens, OutputFormat format, JsonObject echo) {

    ResponsesCall {
        messages = List.copyOf(messages);
        echo = echo.deepCopy();
    }
}
