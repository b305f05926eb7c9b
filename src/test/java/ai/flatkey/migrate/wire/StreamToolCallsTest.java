package ai.flatkey.migrate.wire;

import static ai.flatkey.migrate.wire.Fixtures.MODEL;
import static ai.flatkey.migrate.wire.Fixtures.client;
import static ai.flatkey.migrate.wire.Fixtures.eventStream;
import static ai.flatkey.migrate.wire.Fixtures.sse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** Streamed tool calls rebuilt by index, and the per-chunk facts a conformance checker reads. */
class StreamToolCallsTest {
    @StartStop
    private final MockWebServer server = new MockWebServer();

    private static String head(String id, long created) {
        return "{\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":" + created
                + ",\"model\":\"gpt-test\",";
    }

    private static String tool(String fragment) {
        return head("chatcmpl-t", 1) + "\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[" + fragment
                + "]},\"finish_reason\":null}]}";
    }

    private static String finish(String reason) {
        return head("chatcmpl-t", 1) + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"" + reason + "\"}]}";
    }

    @Test
    void parallelCallsAreRebuiltByIndexEvenWhenInterleaved() throws Exception {
        server.enqueue(eventStream().body(sse(
                head("chatcmpl-t", 1) + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null},"
                        + "\"finish_reason\":null}]}",
                tool("{\"index\":0,\"id\":\"call_a\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                        + "\"arguments\":\"\"}}"),
                tool("{\"index\":1,\"id\":\"call_b\",\"type\":\"function\",\"function\":{\"name\":\"get_time\","
                        + "\"arguments\":\"{\\\"tz\\\"\"}}"),
                tool("{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\"}}"),
                tool("{\"index\":1,\"function\":{\"arguments\":\":\\\"CET\\\"}\"}}"),
                tool("{\"index\":0,\"function\":{\"arguments\":\"\\\"Paris\\\"}\"}}"),
                finish("tool_calls"), "[DONE]")).build());
        List<StreamChunk> seen = new ArrayList<>();

        ChatResult r = client(server, "/v1").streamChat(ChatRequest.simple(MODEL, "hi", true), seen::add, null);

        assertThat(r.toolCalls()).containsExactly(
                new ToolCall(0, "call_a", "function", "get_weather", "{\"city\":\"Paris\"}", true),
                new ToolCall(1, "call_b", "function", "get_time", "{\"tz\":\"CET\"}", true));
        assertThat(r.finishReason()).isEqualTo("tool_calls");
        assertThat(seen.get(1).toolCallDeltas()).containsExactly(new ToolCallDelta(0, "call_a", "get_weather", ""));
        assertThat(seen.get(3).toolCallDeltas()).containsExactly(new ToolCallDelta(0, null, null, "{\"city\":"));
        assertThat(r.trace().toolFragments()).isEqualTo(5);
        assertThat(r.trace().toolFragmentsWithoutIndex()).isZero();
        assertThat(r.timing().ttftMs()).as("the first tool fragment counts as the first token").isNotNull();
    }

    @Test
    void fragmentsWithoutIndexAreCountedAndStillJoined() throws Exception {
        server.enqueue(eventStream().body(sse(
                tool("{\"id\":\"call_a\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"a\\\"\"}}"),
                tool("{\"function\":{\"arguments\":\":1}\"}}"),
                tool("{\"id\":\"call_b\",\"type\":\"function\",\"function\":{\"name\":\"g\",\"arguments\":\"{}\"}}"),
                finish("stop"), "[DONE]")).build());

        ChatResult r = client(server, "/v1").streamChat(ChatRequest.simple(MODEL, "hi", true), null, null);

        assertThat(r.toolCalls()).extracting(ToolCall::index, ToolCall::id, ToolCall::name, ToolCall::arguments)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, "call_a", "f", "{\"a\":1}"),
                        org.assertj.core.groups.Tuple.tuple(1, "call_b", "g", "{}"));
        assertThat(r.trace().toolFragmentsWithoutIndex()).isEqualTo(3);
        assertThat(r.finishReason()).as("the gateway said stop instead of tool_calls; kept as sent").isEqualTo("stop");
    }

    @Test
    void traceKeepsTheRawFactsOfEveryChunk() throws Exception {
        server.enqueue(eventStream().body(
                ": OPENROUTER PROCESSING\r\n\r\n"
                        + sse(head("chatcmpl-1", 1) + "\"choices\":[]}",
                        head("chatcmpl-1", 1) + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"He\"},"
                                + "\"finish_reason\":null}]}",
                        head("chatcmpl-2", 2) + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"llo\"},"
                                + "\"finish_reason\":\"stop\"}]}",
                        head("chatcmpl-2", 2) + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}",
                        head("chatcmpl-2", 2) + "\"choices\":[],\"usage\":{\"prompt_tokens\":3,"
                                + "\"completion_tokens\":2,\"total_tokens\":5}}",
                        "[DONE]")).build());

        ChatResult r = client(server, "/v1").streamChat(ChatRequest.simple(MODEL, "hi", true), null, null);

        StreamTrace t = r.trace();
        assertThat(t.chunks()).hasSize(5);
        assertThat(t.commentLines()).isEqualTo(1);
        assertThat(t.crlf()).isTrue();
        assertThat(t.sawDone()).isTrue();
        assertThat(t.distinctIds()).containsExactly("chatcmpl-1", "chatcmpl-2");
        assertThat(t.distinctCreated()).containsExactly(1L, 2L);
        assertThat(t.allObjectsAre("chat.completion.chunk")).isTrue();
        assertThat(t.finishReasonCounts()).isEqualTo(Map.of(0, 2));
        assertThat(t.firstChunkHasEmptyChoices()).isTrue();
        assertThat(t.emptyChoiceChunksWithoutUsage()).isEqualTo(1);
        assertThat(t.usageChunks()).isEqualTo(1);
        assertThat(t.usageOnlyInFinalEmptyChunk()).isTrue();
        assertThat(t.contentChunks()).isEqualTo(2);
        assertThat(t.chunks().get(1)).satisfies(c -> {
            assertThat(c.choiceCount()).isEqualTo(1);
            assertThat(c.hasDelta()).isTrue();
            assertThat(c.contentChars()).isEqualTo(2);
        });
        assertThat(r.content()).isEqualTo("Hello");
        assertThat(r.timing().gapsMs()).hasSize(1);
        assertThat(r.timing().gapP50Ms()).isEqualTo(r.timing().gapMaxMs());
    }
}
