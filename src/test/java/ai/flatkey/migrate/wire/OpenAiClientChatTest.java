package ai.flatkey.migrate.wire;

import static ai.flatkey.migrate.wire.Fixtures.KEY;
import static ai.flatkey.migrate.wire.Fixtures.MODEL;
import static ai.flatkey.migrate.wire.Fixtures.client;
import static ai.flatkey.migrate.wire.Fixtures.config;
import static ai.flatkey.migrate.wire.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class OpenAiClientChatTest {
    @StartStop
    private final MockWebServer server = new MockWebServer();

    private static final String COMPLETION = """
            {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"gpt-test-2025",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Hello there."},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":9,"completion_tokens":3,"total_tokens":12}}""";

    @Test
    void chatParsesTheAnswerAndSendsTheExpectedRequest() throws Exception {
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/json")
                .setHeader("x-request-id", "req-123").body(COMPLETION).build());
        OpenAiClient client = client(server, "/v1");
        ChatRequest request = new ChatRequest(MODEL,
                List.of(ChatMessage.system("Be brief."), ChatMessage.user("Say <hello> & \"hi\"")),
                false, false, 0.2, 64);

        ChatResult result = client.chat(request, new Cancellation());

        assertThat(result.id()).isEqualTo("chatcmpl-1");
        assertThat(result.model()).isEqualTo("gpt-test-2025");
        assertThat(result.content()).isEqualTo("Hello there.");
        assertThat(result.finishReason()).isEqualTo("stop");
        assertThat(result.usage()).isEqualTo(new Usage(9, 3, 12));
        assertThat(result.requestId()).isEqualTo("req-123");
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.streamed()).isFalse();
        assertThat(result.sawDone()).isTrue();
        assertThat(result.timing().ttftMs()).isNull();
        assertThat(result.timing().ttfbMs()).isBetween(0L, result.timing().totalMs());

        RecordedRequest recorded = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(recorded.getMethod()).isEqualTo("POST");
        assertThat(recorded.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
        assertThat(recorded.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(recorded.getHeaders().get("Accept")).isEqualTo("application/json");
        assertThat(recorded.getHeaders().get("Content-Type")).startsWith("application/json");
        JsonObject body = JsonParser.parseString(recorded.getBody().utf8()).getAsJsonObject();
        assertThat(body.get("model").getAsString()).isEqualTo(MODEL);
        assertThat(body.getAsJsonArray("messages")).hasSize(2);
        assertThat(body.getAsJsonArray("messages").get(0).getAsJsonObject().get("role").getAsString())
                .isEqualTo("system");
        assertThat(body.getAsJsonArray("messages").get(1).getAsJsonObject().get("content").getAsString())
                .isEqualTo("Say <hello> & \"hi\"");
        assertThat(body.get("temperature").getAsDouble()).isEqualTo(0.2);
        assertThat(body.get("max_tokens").getAsInt()).isEqualTo(64);
        assertThat(body.has("stream")).isFalse();
        assertThat(body.has("stream_options")).isFalse();
    }

    @Test
    void nullOptionsAndNullKeyAreLeftOut() throws Exception {
        server.enqueue(json(200, COMPLETION));
        OpenAiClient client = new OpenAiClient(OpenAiClient.newHttpClient(), config(server, "/v1/", null));

        client.chat(ChatRequest.simple(MODEL, "hi", true), null);

        RecordedRequest recorded = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(recorded.getUrl().encodedPath()).as("trailing slash on the base URL").isEqualTo("/v1/chat/completions");
        assertThat(recorded.getHeaders().get("Authorization")).isNull();
        JsonObject body = JsonParser.parseString(recorded.getBody().utf8()).getAsJsonObject();
        assertThat(body.keySet()).containsExactlyInAnyOrder("model", "messages");
    }

    @Test
    void listModelsReadsTheCatalog() throws Exception {
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/json")
                .setHeader("x-oneapi-request-id", "oneapi-7")
                .body("""
                        {"object":"list","data":[
                          {"id":"gpt-5.5","object":"model","created":1715367049,"owned_by":"openai"},
                          {"id":"seedance2","object":"model","owned_by":"bytedance"},
                          {"object":"model"}]}""").build());

        ModelList list = client(server, "/v1").listModels(new Cancellation());

        assertThat(list.models()).containsExactly(new ModelInfo("gpt-5.5", "openai", 1715367049L),
                new ModelInfo("seedance2", "bytedance", 0L));
        assertThat(list.contains("gpt-5.5")).isTrue();
        assertThat(list.requestId()).isEqualTo("oneapi-7");
        assertThat(list.status()).isEqualTo(200);
        RecordedRequest recorded = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(recorded.getMethod()).isEqualTo("GET");
        assertThat(recorded.getUrl().encodedPath()).isEqualTo("/v1/models");
        assertThat(recorded.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
    }

    @Test
    void requestIdFallsBackThroughTheKnownHeaders() throws Exception {
        server.enqueue(new MockResponse.Builder().setHeader("cf-ray", "8a1b2c3d-AMS")
                .setHeader("Content-Type", "application/json").body("{\"object\":\"list\",\"data\":[]}").build());
        server.enqueue(new MockResponse.Builder().setHeader("request-id", "rid-1").setHeader("cf-ray", "x")
                .setHeader("Content-Type", "application/json").body("{\"object\":\"list\",\"data\":[]}").build());
        server.enqueue(json(200, "{\"object\":\"list\",\"data\":[]}"));
        OpenAiClient client = client(server, "/v1");

        assertThat(client.listModels(null).requestId()).isEqualTo("8a1b2c3d-AMS");
        assertThat(client.listModels(null).requestId()).isEqualTo("rid-1");
        assertThat(client.listModels(null).requestId()).isEmpty();
    }

    @Test
    void modelListWithoutDataIsAProtocolFailure() {
        server.enqueue(json(200, "{\"models\":[{\"name\":\"llama3\"}]}"));

        assertThatThrownBy(() -> client(server, "/v1").listModels(null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.PROTOCOL);
                    assertThat(e.getMessage()).contains("\"data\"");
                });
    }

    @Test
    void chatAnswerWithoutChoicesIsAProtocolFailure() {
        server.enqueue(json(200, "{\"id\":\"x\",\"object\":\"chat.completion\"}"));

        assertThatThrownBy(() -> client(server, "/v1").chat(ChatRequest.simple(MODEL, "hi", false), null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.PROTOCOL));
    }

    @Test
    void plainTextSuccessIsANonJsonBody() {
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/plain").body("OK").build());

        assertThatThrownBy(() -> client(server, "/v1").chat(ChatRequest.simple(MODEL, "hi", false), null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.NON_JSON_BODY);
                    assertThat(e.getMessage()).contains("plain text").contains("HTTP 200");
                });
    }

    @Test
    void oversizedSuccessBodyIsRefusedWithoutReadingItAll() {
        String big = "{\"id\":\"x\",\"choices\":[{\"index\":0,\"message\":{\"content\":\""
                + "a".repeat(50_000) + "\"}}]}";
        server.enqueue(json(200, big));
        OpenAiClient client = new OpenAiClient(OpenAiClient.newHttpClient(), config(server, "/v1", KEY),
                4096, 1024, 1024);

        assertThatThrownBy(() -> client.chat(ChatRequest.simple(MODEL, "hi", false), null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.PROTOCOL);
                    assertThat(e.getMessage()).contains("larger than 4 KB");
                });
    }

    @Test
    void curlUsesTheEnvironmentVariableNeverTheKey() {
        OpenAiClient client = client(server, "/v1");

        String stream = client.curl(ChatRequest.simple(MODEL, "hi", true), "FLATKEY_API_KEY");
        String plain = client.curl(new ChatRequest(MODEL, List.of(ChatMessage.user("hi")), false, false, 0.0, 5),
                "FLATKEY_API_KEY");

        assertThat(stream).startsWith("curl -sS -N ")
                .contains("-H \"Authorization: Bearer $FLATKEY_API_KEY\"")
                .contains("/v1/chat/completions")
                .contains("\"stream\":true")
                .contains("\"stream_options\":{\"include_usage\":true}")
                .contains("Accept: text/event-stream")
                .doesNotContain(KEY);
        assertThat(plain).startsWith("curl -sS ").doesNotContain(" -N ")
                .contains("\"max_tokens\":5").doesNotContain("\"stream\"").doesNotContain(KEY);
        assertThat(client.curl(ChatRequest.simple(MODEL, "hi", false), null)).doesNotContain("Authorization");
        assertThatThrownBy(() -> client.curl(ChatRequest.simple(MODEL, "hi", false), "X; rm -rf /"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void curlRedactsAKeyPastedIntoThePrompt() {
        String curl = client(server, "/v1").curl(ChatRequest.simple(MODEL, "my key is " + KEY, false), "K");

        assertThat(curl).doesNotContain(KEY).contains(Redactor.MARK);
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void curlCommandIsValidShellAndCarriesTheExactBody(@TempDir Path dir) throws Exception {
        String prompt = "It's a \"quoted\" $HOME `tick` \\ back\nnew line";
        ChatRequest request = ChatRequest.simple(MODEL, prompt, false);
        String curl = client(server, "/v1").curl(request, "FLATKEY_API_KEY");
        // Swap curl for a script that prints its arguments, one per file, and run the command in a real shell.
        Path script = dir.resolve("args.sh");
        Files.writeString(script, "#!/bin/sh\ni=0\nfor a in \"$@\"; do i=$((i+1)); printf '%s' \"$a\" > \""
                + dir + "/arg$i\"; done\n");
        script.toFile().setExecutable(true);
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", script + curl.substring("curl".length()))
                .redirectErrorStream(true);
        pb.environment().remove("FLATKEY_API_KEY");
        Process p = pb.start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();

        List<String> args = new java.util.ArrayList<>();
        for (int i = 1; Files.exists(dir.resolve("arg" + i)); i++) {
            args.add(Files.readString(dir.resolve("arg" + i), StandardCharsets.UTF_8));
        }
        assertThat(args).contains("-sS", "Authorization: Bearer ");  // $FLATKEY_API_KEY is unset in the test shell
        String body = args.get(args.indexOf("-d") + 1);
        assertThat(body).isEqualTo(OpenAiClient.bodyJson(request, false));
        assertThat(JsonParser.parseString(body).getAsJsonObject().getAsJsonArray("messages").get(0)
                .getAsJsonObject().get("content").getAsString()).isEqualTo(prompt);
    }

    @Test
    void cancelledBeforeStartFailsAsCancelled() throws IOException {
        server.enqueue(json(200, COMPLETION));
        Cancellation cancel = new Cancellation();
        cancel.cancel();

        assertThatThrownBy(() -> client(server, "/v1").chat(ChatRequest.simple(MODEL, "hi", false), cancel))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.CANCELLED));
    }
}
