package ai.flatkey.migrate.wire;

import static ai.flatkey.migrate.wire.Fixtures.MODEL;
import static ai.flatkey.migrate.wire.Fixtures.client;
import static ai.flatkey.migrate.wire.Fixtures.eventStream;
import static ai.flatkey.migrate.wire.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** The Responses API (plain and streamed) and embeddings (float and base64). */
class ResponsesAndEmbeddingsTest {
    @StartStop
    private final MockWebServer server = new MockWebServer();

    static final String RESPONSE = "{\"id\":\"resp_1\",\"object\":\"response\",\"status\":\"completed\","
            + "\"model\":\"gpt-test\",\"output\":[{\"type\":\"message\",\"id\":\"msg_1\",\"role\":\"assistant\","
            + "\"status\":\"completed\",\"content\":[{\"type\":\"output_text\",\"text\":\"Hello \"},"
            + "{\"type\":\"output_text\",\"text\":\"world\"}]}],"
            + "\"usage\":{\"input_tokens\":5,\"output_tokens\":2,\"total_tokens\":7}}";

    private static String event(String type, int seq, String rest) {
        return "event: " + type + "\ndata: {\"type\":\"" + type + "\",\"sequence_number\":" + seq + rest + "}\n\n";
    }

    @Test
    void responsesNonStreamed() throws Exception {
        server.enqueue(json(200, RESPONSE));

        ResponsesResult r = client(server, "/v1").responses(ResponsesRequest.simple(MODEL, "Say hello", false), null);

        assertThat(r.object()).isEqualTo("response");
        assertThat(r.status()).isEqualTo("completed");
        assertThat(r.outputText()).isEqualTo("Hello world");
        assertThat(r.output()).singleElement().satisfies(item -> {
            assertThat(item.type()).isEqualTo("message");
            assertThat(item.partTypes()).isEqualTo("output_text,output_text");
        });
        assertThat(r.usage()).isEqualTo(new Usage(5, 2, 7));
        assertThat(r.streamed()).isFalse();
        JsonObject sent = JsonParser.parseString(server.takeRequest(5, TimeUnit.SECONDS).getBody().utf8())
                .getAsJsonObject();
        assertThat(sent.toString()).isEqualTo("{\"model\":\"gpt-test\",\"input\":\"Say hello\"}");
        assertThat(r.transcript().outcome()).isEqualTo("response resp_1, status completed, 1 output item, "
                + "11 characters of text, usage 5+2=7");
    }

    @Test
    void responsesStreamedEventsInOrder() throws Exception {
        server.enqueue(eventStream().body(
                event("response.created", 0, ",\"response\":{\"id\":\"resp_1\",\"object\":\"response\",\"status\":"
                        + "\"in_progress\",\"output\":[]}")
                        + event("response.output_text.delta", 1, ",\"delta\":\"Hel\"")
                        + event("response.output_text.delta", 2, ",\"delta\":\"lo\"")
                        + event("response.completed", 3, ",\"response\":" + RESPONSE)).build());
        List<ResponseEvent> seen = new ArrayList<>();

        ResponsesResult r = client(server, "/v1").streamResponses(ResponsesRequest.simple(MODEL, "x", true),
                seen::add, null);

        assertThat(r.eventTypes()).containsExactly("response.created", "response.output_text.delta",
                "response.output_text.delta", "response.completed");
        assertThat(r.sequenceNumbersIncrease()).isTrue();
        assertThat(r.terminalEvent()).isEqualTo("response.completed");
        assertThat(r.status()).isEqualTo("completed");
        assertThat(r.outputText()).isEqualTo("Hello world");
        assertThat(seen).extracting(ResponseEvent::delta).containsExactly("", "Hel", "lo", "");
        assertThat(r.timing().ttftMs()).isNotNull();
        assertThat(r.transcript().events()).hasSize(4);
        assertThat(r.transcript().events().get(1).event()).isEqualTo("response.output_text.delta");
    }

    @Test
    void incompleteIsATerminalAnswer() throws Exception {
        server.enqueue(eventStream().body(event("response.output_text.delta", 1, ",\"delta\":\"Hi\"")
                + event("response.incomplete", 2, ",\"response\":{\"id\":\"r\",\"object\":\"response\",\"status\":"
                + "\"incomplete\",\"incomplete_details\":{\"reason\":\"max_output_tokens\"},\"output\":[]}")).build());

        ResponsesResult r = client(server, "/v1").streamResponses(ResponsesRequest.simple(MODEL, "x", true), null, null);

        assertThat(r.status()).isEqualTo("incomplete");
        assertThat(r.incompleteReason()).isEqualTo("max_output_tokens");
        assertThat(r.outputText()).as("the deltas when the final object holds no text").isEqualTo("Hi");
    }

    @Test
    void failedResponseIsAMidStreamErrorWithThePartial() {
        server.enqueue(eventStream().body(event("response.output_text.delta", 1, ",\"delta\":\"Hi\"")
                + event("response.failed", 2, ",\"response\":{\"id\":\"r\",\"status\":\"failed\",\"error\":"
                + "{\"code\":\"server_error\",\"message\":\"upstream died\"}}")).build());

        ApiException e = catchThrowableOfType(ApiException.class, () -> client(server, "/v1")
                .streamResponses(ResponsesRequest.simple(MODEL, "x", true), null, null));

        assertThat(e.kind()).isEqualTo(FailureKind.MIDSTREAM_ERROR);
        assertThat(e.getMessage()).isEqualTo("The gateway reported an error inside the stream after 2 events: "
                + "\"upstream died\". The answer is incomplete; retry, or try another model if it repeats.");
        assertThat(e.partialResponse().outputText()).isEqualTo("Hi");
        assertThat(e.partialResponse().terminalEvent()).isEqualTo("response.failed");
        assertThat(e.transcript().errorKind()).isEqualTo(FailureKind.MIDSTREAM_ERROR);
    }

    @Test
    void streamWithoutATerminalEventIsTruncated() {
        server.enqueue(eventStream().body(event("response.created", 0, "")
                + event("response.output_text.delta", 1, ",\"delta\":\"Hi\"")).build());

        ApiException e = catchThrowableOfType(ApiException.class, () -> client(server, "/v1")
                .streamResponses(ResponsesRequest.simple(MODEL, "x", true), null, null));

        assertThat(e.kind()).isEqualTo(FailureKind.TRUNCATED_STREAM);
        assertThat(e.getMessage()).isEqualTo("The Responses stream ended after 2 events without response.completed, "
                + "so the answer may be cut short: the gateway or a proxy closed it early. Retry; if it repeats, "
                + "report it with the request ID.");
        assertThat(e.partialResponse().outputText()).isEqualTo("Hi");
        assertThat(e.partialResponse().sequenceNumbersIncrease()).isTrue();
    }

    @Test
    void missingResponsesRouteIsAWrongPath() {
        server.enqueue(json(404, "{\"error\":{\"message\":\"Invalid URL (POST /v1/responses)\",\"type\":"
                + "\"invalid_request_error\"}}"));

        ApiException e = catchThrowableOfType(ApiException.class, () -> client(server, "/v1")
                .responses(ResponsesRequest.simple(MODEL, "x", false), null));

        assertThat(e.kind()).isEqualTo(FailureKind.WRONG_PATH);
        assertThat(e.getMessage()).isEqualTo("Nothing answers at /v1/responses (HTTP 404): \"Invalid URL (POST "
                + "/v1/responses)\". If GET /models answers at this base URL, the path is right and this gateway does "
                + "not offer the Responses API: use chat completions with it.");
    }

    private static String base64(float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return Base64.getEncoder().encodeToString(b.array());
    }

    @Test
    void embeddingsFloatAndBase64AreBothDecoded() throws Exception {
        server.enqueue(json(200, "{\"object\":\"list\",\"model\":\"emb-1\",\"data\":[{\"object\":\"embedding\","
                + "\"index\":0,\"embedding\":[0.25,-1.5,3.0]}],\"usage\":{\"prompt_tokens\":2,\"total_tokens\":2}}"));
        server.enqueue(json(200, "{\"object\":\"list\",\"model\":\"emb-1\",\"data\":[{\"object\":\"embedding\","
                + "\"index\":0,\"embedding\":\"" + base64(0.25f, -1.5f, 3.0f) + "\"}],\"usage\":{\"prompt_tokens\":2,"
                + "\"total_tokens\":2}}"));
        OpenAiClient client = client(server, "/v1");

        EmbeddingsResult floats = client.embeddings(EmbeddingsRequest.of("emb-1", "hello", "float"), null);
        EmbeddingsResult packed = client.embeddings(EmbeddingsRequest.of("emb-1", "hello", "base64"), null);

        assertThat(floats.data().get(0).vector()).containsExactly(0.25f, -1.5f, 3.0f);
        assertThat(packed.data().get(0).vector()).containsExactly(0.25f, -1.5f, 3.0f);
        assertThat(packed.data().get(0).encoding()).isEqualTo("base64");
        assertThat(packed.encodingHonoured()).isTrue();
        assertThat(floats.usage()).isEqualTo(new Usage(2, 0, 2));
        assertThat(floats.object()).isEqualTo("list");
        assertThat(server.takeRequest().getBody().utf8())
                .isEqualTo("{\"model\":\"emb-1\",\"input\":\"hello\",\"encoding_format\":\"float\"}");
    }

    @Test
    void base64AskedButFloatsAnsweredIsReportedNotHidden() throws Exception {
        server.enqueue(json(200, "{\"object\":\"list\",\"model\":\"emb-1\",\"data\":[{\"index\":0,"
                + "\"embedding\":[1.0]}]}"));

        EmbeddingsResult r = client(server, "/v1").embeddings(EmbeddingsRequest.of("emb-1", "x", "base64"), null);

        assertThat(r.encodingRequested()).isEqualTo("base64");
        assertThat(r.encodingsReceived()).containsExactly("float");
        assertThat(r.encodingHonoured()).isFalse();
        assertThat(r.usage()).isNull();
    }

    @Test
    void base64OfAPartialFloatIsAClearProtocolFailure() {
        server.enqueue(json(200, "{\"object\":\"list\",\"data\":[{\"index\":0,\"embedding\":\"AAAAAAA=\"}]}"));

        ApiException e = catchThrowableOfType(ApiException.class, () -> client(server, "/v1")
                .embeddings(EmbeddingsRequest.of("emb-1", "x", "base64"), null));

        assertThat(e.kind()).isEqualTo(FailureKind.PROTOCOL);
        assertThat(e.getMessage()).isEqualTo("Embedding 0 decodes to 5 bytes, not a whole number of float32 values: "
                + "the gateway mangled encoding_format=base64. Ask for float instead.");
    }

    @Test
    void modelListKeepsTheShapeFacts() throws Exception {
        server.enqueue(json(200, "{\"object\":\"list\",\"data\":[{\"id\":\"m1\",\"object\":\"model\",\"created\":5,"
                + "\"owned_by\":\"x\"},{\"id\":\"models/m2\"}]}"));

        ModelList list = client(server, "/v1").listModels(null);

        assertThat(list.object()).isEqualTo("list");
        assertThat(list.models()).containsExactly(new ModelInfo("m1", "x", 5, "model"), new ModelInfo("models/m2", "", 0, ""));
        assertThat(list.transcript().outcome()).isEqualTo("model list of 2 models, object list");
    }
}
