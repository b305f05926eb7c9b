package ai.flatkey.migrate.demo;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static ai.flatkey.migrate.demo.TestHttp.error;
import static ai.flatkey.migrate.demo.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Tools, tool results and JSON output modes on chat completions, over the JDK's HttpClient. */
class DemoToolsAndFormatsTest {

    private static final String WEATHER = "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
            + "\"description\":\"Current weather\",\"parameters\":{\"type\":\"object\",\"properties\":{"
            + "\"location\":{\"type\":\"string\"},\"unit\":{\"type\":\"string\",\"enum\":[\"celsius\",\"fahrenheit\"]},"
            + "\"days\":{\"type\":\"integer\",\"minimum\":1}},\"required\":[\"location\",\"unit\"],"
            + "\"additionalProperties\":false}}}";
    private static final String TIME = "{\"type\":\"function\",\"function\":{\"name\":\"get_local_time\","
            + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}}";

    private static DemoGateway gateway;
    private static TestHttp http;

    @BeforeAll
    static void start() throws Exception {
        gateway = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(0));
        http = new TestHttp(gateway);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static String body(String prompt, String extra) {
        return TestHttp.chatBody("gpt-4o-mini", prompt, extra);
    }

    private static JsonObject message(HttpResponse<String> response) {
        return json(response).getAsJsonArray("choices").get(0).getAsJsonObject().getAsJsonObject("message");
    }

    private static String finish(HttpResponse<String> response) {
        return json(response).getAsJsonArray("choices").get(0).getAsJsonObject().get("finish_reason").getAsString();
    }

    @Test
    void callsTheToolThePromptAsksForWithArgumentsValidAgainstItsSchema() {
        HttpResponse<String> response = http.chat(body("What is the weather in Buenos Aires today?",
                "\"tools\":[" + TIME + "," + WEATHER + "]"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(finish(response)).isEqualTo("tool_calls");
        JsonObject message = message(response);
        assertThat(message.get("content").isJsonNull()).isTrue();
        JsonArray calls = message.getAsJsonArray("tool_calls");
        assertThat(calls).hasSize(1);
        JsonObject call = calls.get(0).getAsJsonObject();
        assertThat(call.get("id").getAsString()).matches("call_[A-Za-z0-9]{24}");
        assertThat(call.get("type").getAsString()).isEqualTo("function");
        assertThat(call.getAsJsonObject("function").get("name").getAsString()).isEqualTo("get_weather");
        String arguments = call.getAsJsonObject("function").get("arguments").getAsString();
        JsonObject parsed = JsonParser.parseString(arguments).getAsJsonObject();
        JsonObject schema = JsonParser.parseString(WEATHER).getAsJsonObject().getAsJsonObject("function")
                .getAsJsonObject("parameters");
        assertThat(SchemaCheck.errors(schema, parsed)).isEmpty();
        assertThat(parsed.get("location").getAsString()).isEqualTo("Buenos Aires");
        assertThat(parsed.get("unit").getAsString()).isEqualTo("celsius");
    }

    @Test
    void honoursToolChoice() {
        String tools = "\"tools\":[" + WEATHER + "," + TIME + "]";
        HttpResponse<String> none = http.chat(body("Weather in Rome?", tools + ",\"tool_choice\":\"none\""));
        HttpResponse<String> auto = http.chat(body("Hello there", tools + ",\"tool_choice\":\"auto\""));
        HttpResponse<String> required = http.chat(body("Hello there", tools + ",\"tool_choice\":\"required\""));
        HttpResponse<String> named = http.chat(body("Weather in Rome?", tools
                + ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"get_local_time\"}}"));

        assertThat(finish(none)).isEqualTo("stop");
        assertThat(message(none).has("tool_calls")).isFalse();
        assertThat(finish(auto)).isEqualTo("stop");
        assertThat(finish(required)).isEqualTo("tool_calls");
        assertThat(message(required).getAsJsonArray("tool_calls").get(0).getAsJsonObject()
                .getAsJsonObject("function").get("name").getAsString()).isEqualTo("get_weather");
        assertThat(message(named).getAsJsonArray("tool_calls")).hasSize(1);
        assertThat(message(named).getAsJsonArray("tool_calls").get(0).getAsJsonObject()
                .getAsJsonObject("function").get("name").getAsString()).isEqualTo("get_local_time");
    }

    @Test
    void makesParallelCallsUnlessParallelToolCallsIsFalse() {
        String tools = "\"tools\":[" + WEATHER + "," + TIME + "]";
        String prompt = "Weather and local time in Tokyo?";

        HttpResponse<String> parallel = http.chat(body(prompt, tools + ",\"parallel_tool_calls\":true"));
        HttpResponse<String> single = http.chat(body(prompt, tools + ",\"parallel_tool_calls\":false"));
        HttpResponse<String> generic = http.chat(body("Use the tools", tools + ",\"parallel_tool_calls\":true"));

        assertThat(message(parallel).getAsJsonArray("tool_calls")).hasSize(2);
        assertThat(message(single).getAsJsonArray("tool_calls")).hasSize(1);
        assertThat(message(generic).getAsJsonArray("tool_calls")).hasSize(2);
    }

    @Test
    void streamsToolCallDeltasExactlyAsOpenAiDoes() {
        SseEvents events = SseEvents.parse(http.streamLines(body("Weather and local time in Tokyo?",
                "\"stream\":true,\"tools\":[" + WEATHER + "," + TIME + "]")));

        List<JsonObject> chunks = events.chunks();
        assertThat(events.last()).isEqualTo("[DONE]");
        JsonObject first = delta(chunks.get(0));
        assertThat(first.get("role").getAsString()).isEqualTo("assistant");
        assertThat(first.get("content").isJsonNull()).isTrue();
        StringBuilder[] arguments = {new StringBuilder(), new StringBuilder()};
        String[] ids = new String[2];
        for (JsonObject chunk : chunks.subList(0, chunks.size() - 1)) {
            JsonArray toolCalls = delta(chunk).getAsJsonArray("tool_calls");
            assertThat(toolCalls).as(chunk.toString()).hasSize(1);
            JsonObject fragment = toolCalls.get(0).getAsJsonObject();
            int index = fragment.get("index").getAsInt();
            if (fragment.has("id")) {
                assertThat(ids[index]).isNull();
                ids[index] = fragment.get("id").getAsString();
                assertThat(fragment.get("type").getAsString()).isEqualTo("function");
                assertThat(fragment.getAsJsonObject("function").get("name").getAsString()).isNotBlank();
                assertThat(fragment.getAsJsonObject("function").get("arguments").getAsString()).isEmpty();
            } else {
                assertThat(ids[index]).as("id before arguments").isNotNull();
                assertThat(fragment.getAsJsonObject("function").keySet()).containsExactly("arguments");
                arguments[index].append(fragment.getAsJsonObject("function").get("arguments").getAsString());
            }
        }
        assertThat(ids).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(JsonParser.parseString(arguments[0].toString()).getAsJsonObject().get("location").getAsString())
                .isEqualTo("Tokyo");
        assertThat(JsonParser.parseString(arguments[1].toString()).getAsJsonObject().get("city").getAsString())
                .isEqualTo("Tokyo");
        JsonObject last = chunks.get(chunks.size() - 1).getAsJsonArray("choices").get(0).getAsJsonObject();
        assertThat(last.get("finish_reason").getAsString()).isEqualTo("tool_calls");
        assertThat(last.getAsJsonObject("delta").keySet()).isEmpty();
    }

    @Test
    void answersToolResultsAndChecksTheirOrder() {
        String call = "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{}\"}}]}";
        String result = "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"sunny, 25 C\"}";
        String user = "{\"role\":\"user\",\"content\":\"Weather in Rome?\"}";
        String tools = ",\"tools\":[" + WEATHER + "]";

        HttpResponse<String> answered = http.chat("{\"model\":\"gpt-4o-mini\",\"messages\":[" + user + "," + call + ","
                + result + "]" + tools + "}");
        HttpResponse<String> orphan = http.chat("{\"model\":\"gpt-4o-mini\",\"messages\":[" + user + "," + result
                + "]}");
        HttpResponse<String> unanswered = http.chat("{\"model\":\"gpt-4o-mini\",\"messages\":[" + user + "," + call
                + "," + user + "]}");
        HttpResponse<String> noId = http.chat("{\"model\":\"gpt-4o-mini\",\"messages\":[" + user + "," + call
                + ",{\"role\":\"tool\",\"content\":\"x\"}]}");

        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        assertThat(finish(answered)).isEqualTo("stop");
        assertThat(message(answered).get("content").getAsString()).contains("\"sunny, 25 C\"");
        assertThat(orphan.statusCode()).isEqualTo(400);
        assertThat(error(orphan).get("param").getAsString()).isEqualTo("messages[1].role");
        assertThat(error(orphan).get("message").getAsString()).contains("must be a response to a preceeding message");
        assertThat(unanswered.statusCode()).isEqualTo(400);
        assertThat(error(unanswered).get("message").getAsString()).endsWith("did not have response messages: call_1");
        assertThat(noId.statusCode()).isEqualTo(400);
        assertThat(error(noId).get("param").getAsString()).isEqualTo("messages[2].tool_call_id");
    }

    @Test
    void refusesMalformedToolsNamingTheParameter() {
        HttpResponse<String> choiceWithoutTools = http.chat(body("hi", "\"tool_choice\":\"auto\""));
        HttpResponse<String> badName = http.chat(body("hi", "\"tools\":[{\"type\":\"function\",\"function\":"
                + "{\"name\":\"no spaces allowed\"}}]"));
        HttpResponse<String> unknownNamed = http.chat(body("hi", "\"tools\":[" + WEATHER + "],\"tool_choice\":"
                + "{\"type\":\"function\",\"function\":{\"name\":\"nope\"}}"));
        HttpResponse<String> badChoice = http.chat(body("hi", "\"tools\":[" + WEATHER + "],\"tool_choice\":\"always\""));

        assertThat(error(choiceWithoutTools).get("param").getAsString()).isEqualTo("tool_choice");
        assertThat(error(badName).get("param").getAsString()).isEqualTo("tools[0].function.name");
        assertThat(error(unknownNamed).get("param").getAsString()).isEqualTo("tool_choice.function.name");
        assertThat(error(badChoice).get("message").getAsString())
                .isEqualTo("Invalid value: 'always'. Supported values are: 'none', 'auto', and 'required'.");
    }

    @Test
    void answersJsonObjectModeWithAJsonObjectAndRequiresTheWordJson() {
        String format = "\"response_format\":{\"type\":\"json_object\"}";
        HttpResponse<String> ok = http.chat(body("Answer as JSON please", format));
        HttpResponse<String> missingWord = http.chat(body("Answer please", format));

        assertThat(ok.statusCode()).isEqualTo(200);
        JsonObject content = JsonParser.parseString(message(ok).get("content").getAsString()).getAsJsonObject();
        assertThat(content.get("answer").getAsString()).contains("Answer as JSON please");
        assertThat(missingWord.statusCode()).isEqualTo(400);
        assertThat(error(missingWord).get("param").getAsString()).isEqualTo("messages");
        assertThat(error(missingWord).get("message").getAsString()).contains("must contain the word 'json'");
    }

    @Test
    void answersJsonSchemaModeWithContentValidAgainstTheSchema() {
        String schema = "{\"type\":\"object\",\"properties\":{\"title\":{\"type\":\"string\"},"
                + "\"score\":{\"type\":\"number\",\"maximum\":10},\"count\":{\"type\":\"integer\",\"minimum\":5},"
                + "\"ok\":{\"type\":\"boolean\"},\"mood\":{\"type\":\"string\",\"enum\":[\"calm\",\"busy\"]},"
                + "\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\"},\"minItems\":2},"
                + "\"author\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"},"
                + "\"age\":{\"type\":\"integer\"}},\"required\":[\"name\",\"age\"],\"additionalProperties\":false}},"
                + "\"required\":[\"title\",\"score\",\"count\",\"ok\",\"mood\",\"tags\",\"author\"],"
                + "\"additionalProperties\":false}";
        String format = "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"review\","
                + "\"strict\":true,\"schema\":" + schema + "}}";

        HttpResponse<String> plain = http.chat(body("Review this", format));
        SseEvents streamed = SseEvents.parse(http.streamLines(body("Review this", format + ",\"stream\":true")));
        HttpResponse<String> noName = http.chat(body("x", "\"response_format\":{\"type\":\"json_schema\","
                + "\"json_schema\":{\"schema\":{}}}"));

        assertThat(plain.statusCode()).as(plain.body()).isEqualTo(200);
        String content = message(plain).get("content").getAsString();
        assertThat(SchemaCheck.errors(JsonParser.parseString(schema).getAsJsonObject(),
                JsonParser.parseString(content))).isEmpty();
        assertThat(streamed.content()).isEqualTo(content);
        assertThat(error(noName).get("param").getAsString()).isEqualTo("response_format.json_schema.name");
    }

    @Test
    void leavesOutToolCallIndexesWhenAskedTo() {
        List<TestHttp.TimedLine> lines = http.lines(http.faulty("/chat/completions", body("Weather in Oslo?",
                "\"stream\":true,\"tools\":[" + WEATHER + "]"), "tool-index-missing"));
        List<JsonObject> chunks = SseEvents.parse(lines).chunks();

        assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy(chunk ->
                assertThat(delta(chunk).getAsJsonArray("tool_calls").get(0).getAsJsonObject().has("index")).isFalse());
    }

    private static JsonObject delta(JsonObject chunk) {
        return chunk.getAsJsonArray("choices").get(0).getAsJsonObject().getAsJsonObject("delta");
    }
}
