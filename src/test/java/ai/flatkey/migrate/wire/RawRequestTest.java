package ai.flatkey.migrate.wire;

import static ai.flatkey.migrate.wire.Fixtures.client;
import static ai.flatkey.migrate.wire.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** A body sent exactly as written: every field reaches the wire, streaming follows the body, errors keep their type. */
class RawRequestTest {
    @StartStop
    private final MockWebServer server = new MockWebServer();

    private static final String BODY = "{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],"
            + "\"temperature\":0.2,\"response_format\":{\"type\":\"json_object\"},"
            + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":{\"type\":\"object\"}}}],"
            + "\"x_vendor\":{\"a\":[1,2]}}";

    private RecordedRequest taken() throws InterruptedException {
        return server.takeRequest(5, TimeUnit.SECONDS);
    }

    @Test
    void theBodyIsSentAsWrittenFieldForField() throws Exception {
        server.enqueue(json(200, ChatFeaturesTest.TOOL_ANSWER));
        RawRequest req = new RawRequest(RawRequest.Api.CHAT, JsonParser.parseString(BODY).getAsJsonObject());

        ChatResult r = client(server, "/v1").chat(req, null, new Cancellation());

        RecordedRequest recorded = taken();
        assertThat(recorded.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
        assertThat(recorded.getBody().utf8()).isEqualTo(BODY);
        assertThat(r.toolCalls()).extracting(ToolCall::name).containsExactly("get_weather", "get_time");
        assertThat(r.streamed()).isFalse();
    }

    @Test
    void theModelIsReplacedInPlaceAndNothingElseChanges() {
        RawRequest req = new RawRequest(RawRequest.Api.CHAT, JsonParser.parseString(BODY).getAsJsonObject())
                .withModel("acme-1");
        assertThat(req.json()).isEqualTo(BODY.replace("gpt-test", "acme-1"));
        RawRequest none = new RawRequest(RawRequest.Api.EMBEDDINGS,
                JsonParser.parseString("{\"input\":\"x\"}").getAsJsonObject()).withModel("emb-1");
        assertThat(none.json()).isEqualTo("{\"model\":\"emb-1\",\"input\":\"x\"}");
    }

    @Test
    void streamTrueInTheBodyIsReadAsAStream() throws Exception {
        server.enqueue(Fixtures.eventStream().body(Fixtures.sse(Fixtures.chunk("Hel", null),
                Fixtures.chunk("lo", "stop"), "[DONE]")).build());
        JsonObject body = JsonParser.parseString("{\"model\":\"gpt-test\",\"stream\":true,\"messages\":[]}")
                .getAsJsonObject();

        ChatResult r = client(server, "/v1").chat(new RawRequest(RawRequest.Api.CHAT, body), null, new Cancellation());

        assertThat(r.streamed()).isTrue();
        assertThat(r.content()).isEqualTo("Hello");
        assertThat(r.sawDone()).isTrue();
        assertThat(taken().getHeaders().get("Accept")).isEqualTo("text/event-stream");
    }

    @Test
    void anErrorKeepsTheServersTypeAndCode() {
        server.enqueue(json(400, "{\"error\":{\"message\":\"response_format is not supported\",\"type\":"
                + "\"invalid_request_error\",\"param\":\"response_format\",\"code\":\"unsupported_parameter\"}}"));
        RawRequest req = new RawRequest(RawRequest.Api.CHAT, JsonParser.parseString(BODY).getAsJsonObject());

        assertThatThrownBy(() -> client(server, "/v1").chat(req, null, new Cancellation()))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errorType()).isEqualTo("invalid_request_error");
                    assertThat(e.errorCode()).isEqualTo("unsupported_parameter");
                });
    }

    @Test
    void aBodyForAnotherEndpointIsRefused() {
        RawRequest req = new RawRequest(RawRequest.Api.EMBEDDINGS, new JsonObject());
        assertThatThrownBy(() -> client(server, "/v1").chat(req, null, new Cancellation()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCurlLineCarriesTheBodyAsWritten() {
        RawRequest req = new RawRequest(RawRequest.Api.RESPONSES,
                JsonParser.parseString("{\"model\":\"m\",\"input\":\"it's\",\"stream\":true}").getAsJsonObject());
        String curl = client(server, "/v1").curl(req, "FLATKEY_API_KEY");
        assertThat(curl).contains("/v1/responses'").contains(" -N ").contains("\"input\":\"it'\\''s\"");
    }
}
