package ai.flatkey.migrate.demo;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static ai.flatkey.migrate.demo.TestHttp.chatBody;
import static ai.flatkey.migrate.demo.TestHttp.error;
import static ai.flatkey.migrate.demo.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The non-streaming routes, errors and headers, seen through the JDK's own HTTP client. */
class DemoGatewayHttpTest {

    private DemoGateway gateway;
    private TestHttp http;

    @BeforeEach
    void start() throws Exception {
        gateway = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(0));
        http = new TestHttp(gateway);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void listensOnLoopbackWithAV1BaseUrl() {
        assertThat(gateway.port()).isPositive();
        assertThat(gateway.baseUrl()).isEqualTo("http://127.0.0.1:" + gateway.port() + "/v1");
    }

    @Test
    void listsAMultiVendorCatalogInOpenAiShape() {
        HttpResponse<String> response = http.get("/models", DemoGateway.DEMO_KEY);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonObject body = json(response);
        assertThat(body.get("object").getAsString()).isEqualTo("list");
        List<JsonObject> data = body.getAsJsonArray("data").asList().stream()
                .map(JsonElement::getAsJsonObject).toList();
        assertThat(data).hasSizeGreaterThanOrEqualTo(10);
        for (JsonObject model : data) {
            assertThat(model.get("id").getAsString()).isNotBlank();
            assertThat(model.get("object").getAsString()).isEqualTo("model");
            assertThat(model.get("created").getAsLong()).isGreaterThan(1_600_000_000L);
            assertThat(model.get("owned_by").getAsString()).isNotBlank();
            JsonObject pricing = model.getAsJsonObject("pricing");
            double perRequest = pricing.has("per_request") ? pricing.get("per_request").getAsDouble() : 0;
            // priced per token or per request (images, whisper, video); moderation is free, as at OpenAI
            assertThat(pricing.get("input_per_1m").getAsDouble() > 0 || perRequest > 0
                    || model.get("id").getAsString().contains("moderation")).as(model.toString()).isTrue();
            assertThat(pricing.get("output_per_1m").getAsDouble()).isNotNegative();
        }
        assertThat(data.stream().map(m -> m.get("id").getAsString()).toList())
                .containsExactlyElementsOf(gateway.modelIds())
                .contains("gpt-5.5", "gpt-4o-mini", "claude-sonnet-4.5", "gemini-2.5-flash", "deepseek-chat");
        assertThat(data.stream().map(m -> m.get("owned_by").getAsString()).distinct().count())
                .isGreaterThanOrEqualTo(4);
    }

    @Test
    void modelsNeedAKey() {
        HttpResponse<String> response = http.get("/models", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(error(response).get("code").getAsString()).isEqualTo("invalid_api_key");
    }

    @Test
    void retrievesOneModelAndRefusesAnUnknownOne() {
        HttpResponse<String> known = http.get("/models/claude-haiku-4.5", DemoGateway.DEMO_KEY);
        HttpResponse<String> unknown = http.get("/models/gpt-nope", DemoGateway.DEMO_KEY);

        assertThat(known.statusCode()).isEqualTo(200);
        assertThat(json(known).get("id").getAsString()).isEqualTo("claude-haiku-4.5");
        assertThat(json(known).get("owned_by").getAsString()).isEqualTo("anthropic");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(error(unknown).get("code").getAsString()).isEqualTo("model_not_found");
    }

    @Test
    void answersAChatCompletionInOpenAiShapeWithConsistentUsage() {
        HttpResponse<String> response = http.chat(chatBody("gpt-4o-mini", "What is the capital of France?", ""));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonObject body = json(response);
        assertThat(body.get("id").getAsString()).matches("chatcmpl-[A-Za-z0-9]{29}");
        assertThat(body.get("object").getAsString()).isEqualTo("chat.completion");
        assertThat(body.get("created").getAsLong()).isCloseTo(System.currentTimeMillis() / 1000, within(60));
        assertThat(body.get("model").getAsString()).isEqualTo("gpt-4o-mini");
        JsonObject choice = body.getAsJsonArray("choices").get(0).getAsJsonObject();
        assertThat(body.getAsJsonArray("choices")).hasSize(1);
        assertThat(choice.get("index").getAsInt()).isZero();
        assertThat(choice.get("finish_reason").getAsString()).isEqualTo("stop");
        JsonObject message = choice.getAsJsonObject("message");
        assertThat(message.get("role").getAsString()).isEqualTo("assistant");
        String content = message.get("content").getAsString();
        assertThat(content).startsWith("Demo gateway reply from gpt-4o-mini: ")
                .contains("What is the capital of France?");
        JsonObject usage = body.getAsJsonObject("usage");
        int prompt = usage.get("prompt_tokens").getAsInt();
        int completion = usage.get("completion_tokens").getAsInt();
        // "What is the capital of France?" = 6 words: ceil(6 * 4 / 3) + 3 per message.
        assertThat(prompt).isEqualTo(11);
        assertThat(completion).isEqualTo(content.split(" ").length).isBetween(30, 70);
        assertThat(usage.get("total_tokens").getAsInt()).isEqualTo(prompt + completion);
    }

    @Test
    void answersTheSamePromptWithTheSameTextEveryTime() {
        String body = chatBody("deepseek-chat", "Tell me something repeatable", "");

        String first = json(http.chat(body)).getAsJsonArray("choices").get(0).getAsJsonObject()
                .getAsJsonObject("message").get("content").getAsString();
        String second = json(http.chat(body)).getAsJsonArray("choices").get(0).getAsJsonObject()
                .getAsJsonObject("message").get("content").getAsString();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void honoursMaxTokensAndMaxCompletionTokensWithFinishReasonLength() {
        for (String limit : List.of("\"max_tokens\":6", "\"max_completion_tokens\":6")) {
            JsonObject body = json(http.chat(chatBody("gpt-4.1-mini", "Count to ten please", limit)));

            JsonObject choice = body.getAsJsonArray("choices").get(0).getAsJsonObject();
            assertThat(choice.get("finish_reason").getAsString()).as(limit).isEqualTo("length");
            assertThat(choice.getAsJsonObject("message").get("content").getAsString())
                    .isEqualTo("Demo gateway reply from gpt-4.1-mini: you");
            assertThat(body.getAsJsonObject("usage").get("completion_tokens").getAsInt()).isEqualTo(6);
        }
    }

    @Test
    void acceptsImagesOnVisionModelsAndRefusesThemElsewhere() {
        String messages = "[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What is this?\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,iVBORw0KGgo=\"}}]}]";

        HttpResponse<String> vision = http.chat("{\"model\":\"gpt-4o-mini\",\"messages\":" + messages + "}");
        HttpResponse<String> textOnly = http.chat("{\"model\":\"deepseek-chat\",\"messages\":" + messages + "}");

        assertThat(vision.statusCode()).isEqualTo(200);
        assertThat(json(vision).getAsJsonArray("choices").get(0).getAsJsonObject().getAsJsonObject("message")
                .get("content").getAsString()).contains("you sent 1 image and said \"What is this?\"");
        // 3 words -> 4, + 3 per message, + 85 per image.
        assertThat(json(vision).getAsJsonObject("usage").get("prompt_tokens").getAsInt()).isEqualTo(92);
        assertThat(textOnly.statusCode()).isEqualTo(400);
        assertThat(error(textOnly).get("param").getAsString()).isEqualTo("messages");
        assertThat(error(textOnly).get("type").getAsString()).isEqualTo("invalid_request_error");
        assertThat(error(textOnly).get("message").getAsString()).contains("deepseek-chat");
    }

    @Test
    void refusesAWrongKeyWith401ShowingOnlyAMaskedKey() {
        HttpResponse<String> response = http.post("/chat/completions", TestHttp.FAKE_WRONG_KEY,
                chatBody("gpt-4o-mini", "hi", ""));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonObject error = error(response);
        assertThat(error.keySet()).containsExactlyInAnyOrder("message", "type", "param", "code");
        assertThat(error.get("type").getAsString()).isEqualTo("invalid_request_error");
        assertThat(error.get("param").isJsonNull()).isTrue();
        assertThat(error.get("code").getAsString()).isEqualTo("invalid_api_key");
        assertThat(error.get("message").getAsString())
                .startsWith("Incorrect API key provided: sk-f****9999.")
                .doesNotContain(TestHttp.FAKE_WRONG_KEY)
                .doesNotContain("not-a-real");
        assertThat(response.body()).doesNotContain(TestHttp.FAKE_WRONG_KEY);
    }

    @Test
    void refusesAMissingKeyOrAnotherSchemeWith401() {
        HttpResponse<String> missing = http.post("/chat/completions", null, chatBody("gpt-4o-mini", "hi", ""));
        HttpResponse<String> basic = http.send(http.request("/chat/completions", null)
                .header("Authorization", "Basic " + DemoGateway.DEMO_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(chatBody("gpt-4o-mini", "hi", ""))).build());

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(error(missing).get("message").getAsString()).startsWith("You didn't provide an API key.");
        assertThat(basic.statusCode()).isEqualTo(401);
    }

    @Test
    void refusesAnUnknownModelWith404ModelNotFound() {
        HttpResponse<String> response = http.chat(chatBody("xyz", "hi", ""));

        assertThat(response.statusCode()).isEqualTo(404);
        JsonObject error = error(response);
        assertThat(error.get("message").getAsString())
                .isEqualTo("The model `xyz` does not exist or you do not have access to it.");
        assertThat(error.get("type").getAsString()).isEqualTo("invalid_request_error");
        assertThat(error.get("param").getAsString()).isEqualTo("model");
        assertThat(error.get("code").getAsString()).isEqualTo("model_not_found");
    }

    @Test
    void refusesAnEmbeddingModelOnChatNamingIt() {
        HttpResponse<String> response = http.chat(chatBody("text-embedding-3-small", "hi", ""));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response).get("message").getAsString()).contains("text-embedding-3-small");
        assertThat(error(response).get("param").getAsString()).isEqualTo("model");
    }

    @Test
    void refusesMalformedJsonWith400() {
        for (String bad : List.of("{bad", "", "{\"model\":\"gpt-4o-mini\",}", "{'model':'gpt-4o-mini'}",
                "{\"model\":\"gpt-4o-mini\"} trailing")) {
            HttpResponse<String> response = http.chat(bad);

            assertThat(response.statusCode()).as(bad).isEqualTo(400);
            assertThat(error(response).get("type").getAsString()).isEqualTo("invalid_request_error");
            assertThat(error(response).get("message").getAsString()).contains("could not parse the JSON body");
        }
        HttpResponse<String> array = http.chat("[]");
        assertThat(array.statusCode()).isEqualTo(400);
        assertThat(error(array).get("code").getAsString()).isEqualTo("invalid_type");
    }

    @Test
    void namesTheMissingOrInvalidParameter() {
        assertError(http.chat("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
                400, "model", "missing_required_parameter");
        assertError(http.chat("{\"model\":\"gpt-4o-mini\"}"), 400, "messages", "missing_required_parameter");
        assertError(http.chat("{\"model\":\"gpt-4o-mini\",\"messages\":[]}"), 400, "messages", "empty_array");
        assertError(http.chat("{\"model\":\"gpt-4o-mini\",\"messages\":\"hi\"}"), 400, "messages", "invalid_type");
        assertError(http.chat("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}"),
                400, "messages[0].role", "invalid_value");
        assertError(http.chat(chatBody("gpt-4o-mini", "hi", "\"max_tokens\":0")),
                400, "max_tokens", "integer_below_min_value");
        assertError(http.chat(chatBody("gpt-4o-mini", "hi", "\"temperature\":3")),
                400, "temperature", "decimal_above_max_value");
        assertError(http.chat(chatBody("gpt-4o-mini", "hi", "\"stream_options\":{\"include_usage\":true}")),
                400, "stream_options", "invalid_value");
        assertError(http.chat(chatBody("gpt-4o-mini", "hi", "\"frobnicate\":true")),
                400, "frobnicate", "unknown_parameter");
    }

    @Test
    void refusesFeaturesItDoesNotOfferClearly() {
        assertError(http.chat(chatBody("gpt-4o-mini", "hi", "\"tools\":[]")), 400, "tools", "empty_array");
        assertError(http.chat(chatBody("gpt-4o-mini", "hi", "\"functions\":[{\"name\":\"f\"}]")), 400,
                "functions", "unsupported_parameter");
        assertError(http.chat(chatBody("gpt-4o-mini", "hi", "\"response_format\":{\"type\":\"xml\"}")),
                400, "response_format.type", "invalid_value");
        assertError(http.chat(chatBody("gpt-4o-mini", "hi", "\"frobnicate\":true")), 400, "frobnicate",
                "unknown_parameter");
        assertError(http.chat(chatBody("gpt-4o-mini", "hi", "\"n\":2")), 400, "n", "unsupported_value");
    }

    @Test
    void acceptsOrdinaryOptionalParametersAndTheDeveloperRole() {
        String body = "{\"model\":\"claude-sonnet-4.5\",\"temperature\":0.2,\"top_p\":1,\"seed\":7,\"user\":\"u1\","
                + "\"stream\":false,\"n\":1,\"response_format\":{\"type\":\"text\"},\"tools\":null,"
                + "\"messages\":[{\"role\":\"developer\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"user\",\"content\":\"Hello there\"},"
                + "{\"role\":\"assistant\",\"content\":null},{\"role\":\"user\",\"content\":\"And again\"}]}";

        HttpResponse<String> response = http.chat(body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).getAsJsonArray("choices").get(0).getAsJsonObject().getAsJsonObject("message")
                .get("content").getAsString()).contains("you said \"And again\"").contains("4 messages");
    }

    @Test
    void answersUnknownRoutesWithAJsonError404() {
        HttpResponse<String> missingV1 = http.send(http.rootRequest("/chat/completions", DemoGateway.DEMO_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(chatBody("gpt-4o-mini", "hi", ""))).build());
        HttpResponse<String> doubled = http.post("/chat/completions/chat/completions", DemoGateway.DEMO_KEY,
                chatBody("gpt-4o-mini", "hi", ""));

        assertThat(error(missingV1).get("message").getAsString()).isEqualTo("Invalid URL (POST /chat/completions)");
        for (HttpResponse<String> response : List.of(missingV1, doubled)) {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
            assertThat(error(response).get("message").getAsString()).startsWith("Invalid URL (POST /");
            assertThat(error(response).get("message").getAsString()).doesNotContain("..");
            assertThat(response.headers().firstValue("x-request-id")).isPresent();
        }
    }

    @Test
    void answersAWrongMethodWith405() {
        HttpResponse<String> getChat = http.get("/chat/completions", DemoGateway.DEMO_KEY);
        HttpResponse<String> postModels = http.post("/models", DemoGateway.DEMO_KEY, "{}");

        assertThat(getChat.statusCode()).isEqualTo(405);
        assertThat(getChat.headers().firstValue("allow")).hasValue("POST");
        assertThat(error(getChat).get("type").getAsString()).isEqualTo("invalid_request_error");
        assertThat(postModels.statusCode()).isEqualTo(405);
        assertThat(postModels.headers().firstValue("allow")).hasValue("GET");
    }

    @Test
    void refusesABodyOver4MbWith413() {
        String padding = "a".repeat(GatewayHandler.MAX_BODY_BYTES);
        HttpResponse<String> response = http.chat(chatBody("gpt-4o-mini", padding, ""));
        HttpResponse<String> justUnder = http.chat(chatBody("gpt-4o-mini",
                "a".repeat(GatewayHandler.MAX_BODY_BYTES - 200), ""));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(error(response).get("code").getAsString()).isEqualTo("request_too_large");
        assertThat(justUnder.statusCode()).isEqualTo(200);
    }

    @Test
    void givesEveryResponseAUniqueRequestIdAndProcessingTime() {
        List<HttpResponse<String>> responses = List.of(
                http.get("/models", DemoGateway.DEMO_KEY),
                http.get("/models", DemoGateway.DEMO_KEY),
                http.chat(chatBody("gpt-4o-mini", "hi", "")),
                http.chat(chatBody("xyz", "hi", "")),
                http.chat("{bad"),
                http.get("/models", TestHttp.FAKE_WRONG_KEY),
                http.get("/nowhere", null),
                http.get("/chat/completions", DemoGateway.DEMO_KEY));

        Set<String> ids = new HashSet<>();
        for (HttpResponse<String> response : responses) {
            String id = response.headers().firstValue("x-request-id").orElseThrow();
            assertThat(id).matches("req_[0-9a-f]{24}");
            ids.add(id);
            assertThat(response.headers().firstValue("openai-processing-ms").orElseThrow()).matches("\\d+");
        }
        assertThat(ids).hasSize(responses.size());
        assertThat(gateway.requestCount()).isEqualTo(responses.size());
    }

    @Test
    void countsRequestsPerKeyInRateLimitHeaders() {
        HttpResponse<String> first = http.get("/models", DemoGateway.DEMO_KEY);
        HttpResponse<String> second = http.chat(chatBody("gpt-4o-mini", "hi", ""));

        assertThat(first.headers().firstValue("x-ratelimit-limit-requests")).hasValue("600");
        int remainingFirst = Integer.parseInt(first.headers().firstValue("x-ratelimit-remaining-requests")
                .orElseThrow());
        int remainingSecond = Integer.parseInt(second.headers().firstValue("x-ratelimit-remaining-requests")
                .orElseThrow());
        assertThat(remainingFirst).isEqualTo(599);
        assertThat(remainingSecond).isEqualTo(598);
        assertThat(second.headers().firstValue("x-ratelimit-reset-requests").orElseThrow())
                .matches("\\d+ms|\\d+(\\.\\d+)?s");
    }

    @Test
    void answers429WithRetryAfterWhenAKeyRunsOutOfRequests() throws Exception {
        try (DemoGateway limited = DemoGateway.start(DemoConfig.defaults(),
                GatewayOptions.defaults().withRateLimit(new RateLimiter.Policy(2, Duration.ofHours(1))))) {
            TestHttp client = new TestHttp(limited);

            assertThat(client.get("/models", DemoGateway.DEMO_KEY).statusCode()).isEqualTo(200);
            assertThat(client.get("/models", DemoGateway.DEMO_KEY).statusCode()).isEqualTo(200);
            HttpResponse<String> refused = client.get("/models", DemoGateway.DEMO_KEY);

            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(error(refused).get("code").getAsString()).isEqualTo("rate_limit_exceeded");
            assertThat(error(refused).get("message").getAsString()).doesNotContain(DemoGateway.DEMO_KEY);
            assertThat(Long.parseLong(refused.headers().firstValue("retry-after").orElseThrow()))
                    .isBetween(1700L, 1800L);
            assertThat(refused.headers().firstValue("retry-after-ms")).isPresent();
            assertThat(refused.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
        }
    }

    private static void assertError(HttpResponse<String> response, int status, String param, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonObject error = error(response);
        assertThat(error.get("type").getAsString()).isEqualTo("invalid_request_error");
        assertThat(error.get("param").getAsString()).as(response.body()).isEqualTo(param);
        assertThat(error.get("code").getAsString()).as(response.body()).isEqualTo(code);
        assertThat(error.get("message").getAsString()).isNotBlank();
    }

    private static org.assertj.core.data.Offset<Long> within(long seconds) {
        return org.assertj.core.data.Offset.offset(seconds);
    }
}
