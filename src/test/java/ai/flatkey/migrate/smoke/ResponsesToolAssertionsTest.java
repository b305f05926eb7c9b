package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.plan.Assertion;
import ai.flatkey.migrate.plan.AssertionResult;
import ai.flatkey.migrate.plan.RequestCheck;
import ai.flatkey.migrate.wire.ResponseOutputItem;
import ai.flatkey.migrate.wire.ResponsesResult;
import ai.flatkey.migrate.wire.Usage;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Responses request check's tool assertions judge the answer's {@code function_call} output items: they were judged
 * on no tool calls at all, so a model that called the function failed "tool call made" (issue 18).
 */
class ResponsesToolAssertionsTest {
    /** The Responses API's flat function tool (name and parameters beside "type", not under "function"). */
    private static final JsonObject BODY = JsonParser.parseString("{\"model\":\"m\",\"input\":\"Weather in Lisbon?\","
            + "\"tools\":[{\"type\":\"function\",\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\","
            + "\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"],\"additionalProperties\":false}}]}")
            .getAsJsonObject();

    private static ResponsesResult answer(String arguments) {
        List<ResponseOutputItem> output = List.of(
                new ResponseOutputItem("function_call", "fc_1", null, "completed", null, null, "get_weather", arguments,
                        "call_1"));
        return new ResponsesResult("resp_1", "response", "completed", "m", "", output, new Usage(20, 8, 28), null,
                null, "req_1", 200, null, false, null, List.of(), null, null);
    }

    private static List<AssertionResult> decide(ResponsesResult r, Assertion... assertions) {
        RequestCheck check = new RequestCheck("weather", RequestCheck.Api.RESPONSES, BODY, List.of(assertions), "");
        return Assertions.decide(check, BODY, Assertions.Seen.of(r), Optional.empty(), "m", new Judgement());
    }

    @Test
    void aFunctionCallItemIsTheToolCallTheAssertionsSee() {
        List<AssertionResult> held = decide(answer("{\"city\":\"Lisbon\"}"), Assertion.toolCall("get_weather", 1),
                Assertion.of(Assertion.Kind.TOOL_ARGS));
        assertThat(held).extracting(AssertionResult::status).containsOnly(AssertionResult.Status.PASS);
        assertThat(held.get(0).evidence()).contains("get_weather");
    }

    @Test
    void argumentsThatBreakTheFlatToolsSchemaFail() {
        List<AssertionResult> r = decide(answer("{\"town\":1}"), Assertion.of(Assertion.Kind.TOOL_ARGS));
        assertThat(r).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(AssertionResult.Status.FAIL);
            assertThat(a.ruleId()).isEqualTo("ASSERT-TOOL-ARGS");
        });
    }

    @Test
    void aTextAnswerStillFailsToolCallMade() {
        ResponsesResult text = new ResponsesResult("resp_2", "response", "completed", "m", "It is sunny.",
                List.of(new ResponseOutputItem("message", "msg_1", "assistant", "completed", "It is sunny.",
                        "output_text", null, null, null)), new Usage(20, 4, 24), null, null, "req_2", 200, null, false,
                null, List.of(), null, null);
        assertThat(decide(text, Assertion.toolCall("get_weather", null))).singleElement()
                .satisfies(a -> assertThat(a.status()).isEqualTo(AssertionResult.Status.FAIL));
    }
}
