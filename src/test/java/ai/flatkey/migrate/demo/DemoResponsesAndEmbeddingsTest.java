package ai.flatkey.migrate.demo;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static ai.flatkey.migrate.demo.TestHttp.error;
import static ai.flatkey.migrate.demo.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The Responses API (object and typed event stream) and embeddings, over the JDK's HttpClient. */
class DemoResponsesAndEmbeddingsTest {

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

    /** One typed event: its {@code event:} name and its {@code data:} JSON. */
    record Event(String name, JsonObject data) {
    }

    private static List<Event> events(List<TestHttp.TimedLine> lines) {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).text();
            if (line.isEmpty()) {
                continue;
            }
            assertThat(line).startsWith("event: ");
            String data = lines.get(i + 1).text();
            assertThat(data).startsWith("data: ");
            assertThat(lines.get(i + 2).text()).isEmpty();
            events.add(new Event(line.substring(7), JsonParser.parseString(data.substring(6)).getAsJsonObject()));
            i += 2;
        }
        return events;
    }

    @Test
    void answersAResponseObject() {
        HttpResponse<String> response = http.post("/responses", DemoGateway.DEMO_KEY,
                "{\"model\":\"gpt-5.5\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_text\","
                        + "\"text\":\"Hi there\"}]}],\"temperature\":0.3,\"metadata\":{\"run\":\"7\"}}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject body = json(response);
        assertThat(body.get("id").getAsString()).startsWith("resp_");
        assertThat(body.get("object").getAsString()).isEqualTo("response");
        assertThat(body.get("status").getAsString()).isEqualTo("completed");
        assertThat(body.get("temperature").getAsDouble()).isEqualTo(0.3);
        assertThat(body.getAsJsonObject("metadata").get("run").getAsString()).isEqualTo("7");
        JsonObject message = body.getAsJsonArray("output").get(0).getAsJsonObject();
        assertThat(message.get("type").getAsString()).isEqualTo("message");
        assertThat(message.get("role").getAsString()).isEqualTo("assistant");
        JsonObject text = message.getAsJsonArray("content").get(0).getAsJsonObject();
        assertThat(text.get("type").getAsString()).isEqualTo("output_text");
        assertThat(text.get("text").getAsString()).contains("you said \"Hi there\"");
        JsonObject usage = body.getAsJsonObject("usage");
        assertThat(usage.get("total_tokens").getAsInt())
                .isEqualTo(usage.get("input_tokens").getAsInt() + usage.get("output_tokens").getAsInt());
    }

    @Test
    void streamsTheTypedEventsInOpenAisOrder() {
        List<Event> events = events(http.lines(http.faulty("/responses",
                "{\"model\":\"gpt-4o-mini\",\"input\":\"Stream me\",\"stream\":true}", "")));

        List<String> names = events.stream().map(Event::name).toList();
        int deltas = (int) names.stream().filter("response.output_text.delta"::equals).count();
        List<String> expected = new ArrayList<>(List.of("response.created", "response.in_progress",
                "response.output_item.added", "response.content_part.added"));
        for (int i = 0; i < deltas; i++) {
            expected.add("response.output_text.delta");
        }
        expected.addAll(List.of("response.output_text.done", "response.content_part.done",
                "response.output_item.done", "response.completed"));
        assertThat(deltas).isGreaterThan(5);
        assertThat(names).isEqualTo(expected);
        String itemId = events.get(2).data().getAsJsonObject("item").get("id").getAsString();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < events.size(); i++) {
            JsonObject data = events.get(i).data();
            assertThat(data.get("type").getAsString()).isEqualTo(events.get(i).name());
            assertThat(data.get("sequence_number").getAsInt()).isEqualTo(i);
            if (events.get(i).name().equals("response.output_text.delta")) {
                assertThat(data.get("item_id").getAsString()).isEqualTo(itemId);
                assertThat(data.get("output_index").getAsInt()).isZero();
                assertThat(data.get("content_index").getAsInt()).isZero();
                text.append(data.get("delta").getAsString());
            }
        }
        JsonObject completed = events.get(events.size() - 1).data().getAsJsonObject("response");
        assertThat(completed.get("status").getAsString()).isEqualTo("completed");
        assertThat(completed.getAsJsonArray("output").get(0).getAsJsonObject().getAsJsonArray("content").get(0)
                .getAsJsonObject().get("text").getAsString()).isEqualTo(text.toString());
        assertThat(completed.getAsJsonObject("usage").get("output_tokens").getAsInt()).isEqualTo(deltas);
        assertThat(events.get(0).data().getAsJsonObject("response").get("status").getAsString())
                .isEqualTo("in_progress");
    }

    @Test
    void endsIncompleteAtMaxOutputTokens() {
        HttpResponse<String> plain = http.post("/responses", DemoGateway.DEMO_KEY,
                "{\"model\":\"gpt-4o-mini\",\"input\":\"Say a lot\",\"max_output_tokens\":16}");
        List<Event> streamed = events(http.lines(http.faulty("/responses",
                "{\"model\":\"gpt-4o-mini\",\"input\":\"Say a lot\",\"max_output_tokens\":16,\"stream\":true}", "")));

        assertThat(json(plain).get("status").getAsString()).isEqualTo("incomplete");
        assertThat(json(plain).getAsJsonObject("incomplete_details").get("reason").getAsString())
                .isEqualTo("max_output_tokens");
        assertThat(json(plain).getAsJsonObject("usage").get("output_tokens").getAsInt()).isEqualTo(16);
        assertThat(streamed.get(streamed.size() - 1).name()).isEqualTo("response.incomplete");
    }

    @Test
    void refusesBadResponsesRequestsNamingTheParameter() {
        HttpResponse<String> image = http.post("/responses", DemoGateway.DEMO_KEY, "{\"model\":\"deepseek-chat\","
                + "\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_image\",\"image_url\":\"data:x\"}]}]}");
        HttpResponse<String> noInput = http.post("/responses", DemoGateway.DEMO_KEY, "{\"model\":\"gpt-4o-mini\"}");
        HttpResponse<String> unknown = http.post("/responses", DemoGateway.DEMO_KEY,
                "{\"model\":\"gpt-4o-mini\",\"input\":\"x\",\"bogus\":1}");
        HttpResponse<String> embeddingModel = http.post("/responses", DemoGateway.DEMO_KEY,
                "{\"model\":\"text-embedding-3-small\",\"input\":\"x\"}");

        assertThat(image.statusCode()).isEqualTo(400);
        assertThat(error(image).get("param").getAsString()).isEqualTo("input");
        assertThat(error(noInput).get("code").getAsString()).isEqualTo("missing_required_parameter");
        assertThat(error(unknown).get("param").getAsString()).isEqualTo("bogus");
        assertThat(error(embeddingModel).get("param").getAsString()).isEqualTo("model");
    }

    @Test
    void embedsDeterministicallyAsFloatsOrLittleEndianBase64() {
        HttpResponse<String> floats = http.post("/embeddings", DemoGateway.DEMO_KEY,
                "{\"model\":\"text-embedding-3-small\",\"input\":[\"alpha beta\",\"gamma\"]}");
        HttpResponse<String> again = http.post("/embeddings", DemoGateway.DEMO_KEY,
                "{\"model\":\"text-embedding-3-small\",\"input\":\"alpha beta\",\"encoding_format\":\"float\"}");
        HttpResponse<String> base64 = http.post("/embeddings", DemoGateway.DEMO_KEY,
                "{\"model\":\"text-embedding-3-small\",\"input\":\"alpha beta\",\"encoding_format\":\"base64\"}");

        JsonObject body = json(floats);
        assertThat(body.get("object").getAsString()).isEqualTo("list");
        assertThat(body.get("model").getAsString()).isEqualTo("text-embedding-3-small");
        JsonArray data = body.getAsJsonArray("data");
        assertThat(data).hasSize(2);
        assertThat(data.get(1).getAsJsonObject().get("index").getAsInt()).isEqualTo(1);
        JsonArray first = data.get(0).getAsJsonObject().getAsJsonArray("embedding");
        assertThat(first).hasSize(1536);
        assertThat(first).isEqualTo(json(again).getAsJsonArray("data").get(0).getAsJsonObject()
                .getAsJsonArray("embedding"));
        assertThat(first).isNotEqualTo(data.get(1).getAsJsonObject().getAsJsonArray("embedding"));
        assertThat(body.getAsJsonObject("usage").get("prompt_tokens").getAsInt()).isEqualTo(3 + 2);
        assertThat(body.getAsJsonObject("usage").get("total_tokens").getAsInt()).isEqualTo(5);

        byte[] bytes = Base64.getDecoder().decode(json(base64).getAsJsonArray("data").get(0).getAsJsonObject()
                .get("embedding").getAsString());
        assertThat(bytes).hasSize(1536 * 4);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 1536; i++) {
            assertThat(buffer.getFloat()).isEqualTo(first.get(i).getAsFloat());
        }
    }

    @Test
    void honoursDimensionsAndRefusesBadEmbeddingRequests() {
        HttpResponse<String> small = http.post("/embeddings", DemoGateway.DEMO_KEY,
                "{\"model\":\"text-embedding-3-small\",\"input\":[1,2,3],\"dimensions\":256}");
        HttpResponse<String> chatModel = http.post("/embeddings", DemoGateway.DEMO_KEY,
                "{\"model\":\"gpt-4o-mini\",\"input\":\"x\"}");
        HttpResponse<String> unknownModel = http.post("/embeddings", DemoGateway.DEMO_KEY,
                "{\"model\":\"text-embedding-9\",\"input\":\"x\"}");
        HttpResponse<String> badFormat = http.post("/embeddings", DemoGateway.DEMO_KEY,
                "{\"model\":\"text-embedding-3-small\",\"input\":\"x\",\"encoding_format\":\"int8\"}");
        HttpResponse<String> empty = http.post("/embeddings", DemoGateway.DEMO_KEY,
                "{\"model\":\"text-embedding-3-small\",\"input\":[]}");

        assertThat(json(small).getAsJsonArray("data").get(0).getAsJsonObject().getAsJsonArray("embedding"))
                .hasSize(256);
        assertThat(json(small).getAsJsonObject("usage").get("prompt_tokens").getAsInt()).isEqualTo(3);
        assertThat(chatModel.statusCode()).isEqualTo(400);
        assertThat(error(chatModel).get("param").getAsString()).isEqualTo("model");
        assertThat(error(chatModel).get("message").getAsString()).contains("not an embedding model");
        assertThat(unknownModel.statusCode()).isEqualTo(404);
        assertThat(error(badFormat).get("message").getAsString())
                .isEqualTo("Invalid value: 'int8'. Supported values are: 'float' and 'base64'.");
        assertThat(error(empty).get("code").getAsString()).isEqualTo("empty_array");
    }
}
