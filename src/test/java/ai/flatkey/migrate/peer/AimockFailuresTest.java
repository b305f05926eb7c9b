package ai.flatkey.migrate.peer;

import ai.flatkey.migrate.wire.ApiException;
import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.ChatRequest;
import ai.flatkey.migrate.wire.ChatResult;
import ai.flatkey.migrate.wire.ClientConfig;
import ai.flatkey.migrate.wire.EmbeddingsRequest;
import ai.flatkey.migrate.wire.FailureKind;
import ai.flatkey.migrate.wire.OpenAiClient;
import ai.flatkey.migrate.wire.ResponsesRequest;
import ai.flatkey.migrate.wire.RetryPolicy;
import ai.flatkey.migrate.wire.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** How {@code wire/} classifies and words aimock's errors: 401, 404 (model and route), 429, 500, broken streams. */
@ExtendWith(AimockExtension.class)
class AimockFailuresTest {
    private static final OkHttpClient HTTP = OpenAiClient.newHttpClient();
    private static Aimock aimock;
    private static OpenAiClient client;

    @BeforeAll
    static void connect(Aimock server) {
        aimock = server;
        client = new OpenAiClient(HTTP, ClientConfig.of(server.baseUrl(), Aimock.KEY));
    }

    private static ApiException failure(ThrowingCall call) {
        ApiException e = catchThrowableOfType(ApiException.class, call::run);
        assertThat(e).as("an ApiException").isNotNull();
        System.out.println("[aimock] " + e.kind() + " " + e.status() + ": " + e.getMessage());
        return e;
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void wrongKeyIs401Authentication() {
        OpenAiClient wrong = new OpenAiClient(HTTP, ClientConfig.of(aimock.baseUrl(), "sk-test-wrong-key-9999"));
        ApiException e = failure(() -> wrong.chat(ChatRequest.simple("gpt-4o-mini", "say hello", false),
                new Cancellation()));
        assertThat(e.kind()).isEqualTo(FailureKind.AUTHENTICATION);
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.serverMessage()).isEqualTo("Invalid API key");
        assertThat(e.getMessage()).isEqualTo("The gateway rejected the key (HTTP 401): \"Invalid API key\". Check that "
                + "the key is for this gateway and not revoked.");
        assertThat(e.getMessage()).doesNotContain("sk-test-wrong-key-9999");
        assertThat(e.transcript().render()).doesNotContain("sk-test-wrong-key-9999");
    }

    @Test
    void missingKeyIs401OnEveryEndpoint() {
        OpenAiClient none = new OpenAiClient(HTTP, ClientConfig.of(aimock.baseUrl(), null));
        List<ThrowingCall> calls = List.of(
                () -> none.listModels(new Cancellation()),
                () -> none.streamChat(ChatRequest.simple("gpt-4o-mini", "say hello", true), c -> { }, new Cancellation()),
                () -> none.streamResponses(ResponsesRequest.simple("gpt-4o-mini", "say hello", true), ev -> { },
                        new Cancellation()),
                () -> none.embeddings(EmbeddingsRequest.of("text-embedding-3-small", "hello world", null),
                        new Cancellation()));
        for (ThrowingCall call : calls) {
            ApiException e = failure(call);
            assertThat(e.kind()).isEqualTo(FailureKind.AUTHENTICATION);
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.getMessage()).isEqualTo("The gateway wants a key and none was sent (HTTP 401): \"Invalid API "
                    + "key\". Enter the gateway's API key (or set FLATKEY_API_KEY).");
        }
    }

    @Test
    void unknownModelIs404ModelNotFound() {
        ApiException chat = failure(() -> client.chat(ChatRequest.simple("gpt-missing", "hi", false),
                new Cancellation()));
        assertThat(chat.kind()).isEqualTo(FailureKind.MODEL_NOT_FOUND);
        assertThat(chat.status()).isEqualTo(404);
        assertThat(chat.getMessage()).isEqualTo("The model \"gpt-missing\" does not exist on this gateway or this key "
                + "may not use it (HTTP 404): \"The model `gpt-missing` does not exist or you do not have access to it.\" "
                + "Pick a model ID from the gateway's model list.");

        ApiException stream = failure(() -> client.streamChat(ChatRequest.simple("gpt-missing", "hi", true), c -> { },
                new Cancellation()));
        assertThat(stream.kind()).isEqualTo(FailureKind.MODEL_NOT_FOUND);

        ApiException responses = failure(() -> client.responses(ResponsesRequest.simple("gpt-missing", "hi", false),
                new Cancellation()));
        assertThat(responses.kind()).isEqualTo(FailureKind.MODEL_NOT_FOUND);

        ApiException embeddings = failure(() -> client.embeddings(EmbeddingsRequest.of("text-embedding-missing",
                "hello world", null), new Cancellation()));
        assertThat(embeddings.kind()).isEqualTo(FailureKind.MODEL_NOT_FOUND);
        assertThat(embeddings.getMessage()).contains("text-embedding-missing");
    }

    @Test
    void baseUrlWithoutV1Is404WrongPathNamingTheFix() {
        OpenAiClient noPrefix = new OpenAiClient(HTTP, ClientConfig.of(aimock.origin(), Aimock.KEY));
        ApiException e = failure(() -> noPrefix.listModels(new Cancellation()));
        assertThat(e.kind()).isEqualTo(FailureKind.WRONG_PATH);
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.getMessage()).isEqualTo("Nothing answers at /models (HTTP 404): \"Not found\". The base URL "
                + "probably lacks the /v1 prefix: try " + aimock.origin() + "/v1.");
    }

    @Test
    void rateLimitIsRetriedAfterTheServersRetryAfter() throws Exception {
        List<Duration> waits = new CopyOnWriteArrayList<>();
        Sleeper recording = (delay, cancel) -> waits.add(delay);
        OpenAiClient retrying = new OpenAiClient(HTTP, ClientConfig.of(aimock.baseUrl(), Aimock.KEY),
                RetryPolicy.standard(), recording);
        ChatResult r = retrying.chat(ChatRequest.simple("gpt-4o-mini", "retry after a rate limit", false),
                new Cancellation());
        assertThat(r.content()).isEqualTo("Second attempt answered.");
        assertThat(waits).containsExactly(Duration.ofSeconds(1));
        assertThat(r.transcript().attempts()).hasSize(2);
        assertThat(r.transcript().attempts().get(0).status()).isEqualTo(429);
        assertThat(r.transcript().attempts().get(0).retryDelayMs()).isEqualTo(1000);
        assertThat(r.transcript().attempts().get(1).status()).isEqualTo(200);
    }

    @Test
    void rateLimitWithoutRetriesIsReportedWithItsHeaders() {
        ApiException e = failure(() -> client.chat(ChatRequest.simple("gpt-4o-mini", "rate limit me for good", false),
                new Cancellation()));
        assertThat(e.kind()).isEqualTo(FailureKind.RATE_LIMITED);
        assertThat(e.status()).isEqualTo(429);
        assertThat(e.headers().retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(e.headers().limitRequests()).isEqualTo(60L);
        assertThat(e.headers().remainingRequests()).isEqualTo(0L);
        assertThat(e.headers().resetTokens()).isEqualTo(Duration.ofMinutes(6));
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(e.getMessage()).isEqualTo("The gateway is rate-limiting this key (HTTP 429): \"Rate limit reached for "
                + "requests.\" Wait as asked (retry-after: 7 s) and retry, or raise the key's rate limit.");
    }

    @Test
    void serverErrorIs500() {
        ApiException e = failure(() -> client.chat(ChatRequest.simple("gpt-4o-mini", "server error please", false),
                new Cancellation()));
        assertThat(e.kind()).isEqualTo(FailureKind.SERVER_ERROR);
        assertThat(e.status()).isEqualTo(500);
        assertThat(e.serverMessage()).isEqualTo("The server had an error while processing your request.");
        assertThat(e.getMessage()).isEqualTo("The gateway failed with HTTP 500: \"The server had an error while "
                + "processing your request.\" This is a server-side problem: retry later, and report it (request ID "
                + e.requestId() + ") if it persists.");
        assertThat(e.requestId()).startsWith("req-");
    }

    @Test
    void streamCutMidwayIsTruncatedAndKeepsWhatArrived() {
        ApiException e = failure(() -> client.streamChat(ChatRequest.simple("gpt-4o-mini", "cut me off", true),
                c -> { }, new Cancellation()));
        assertThat(e.kind()).isEqualTo(FailureKind.TRUNCATED_STREAM);
        assertThat(e.partial()).isNotNull();
        assertThat(e.partial().sawDone()).isFalse();
        assertThat(e.partial().chunkCount()).isGreaterThanOrEqualTo(1);
        assertThat("This answer is cut off part of the way through the stream, and the client has to notice that it "
                + "never ended.").startsWith(e.partial().content());
        assertThat(e.transcript().events()).hasSize(e.partial().chunkCount());
        assertThat(e.getMessage()).isEqualTo("The connection broke after " + e.partial().chunkCount() + " stream chunk"
                + (e.partial().chunkCount() == 1 ? "" : "s") + ", before the stream's end (EOFException): the gateway or a proxy closed the stream. Retry; if it "
                + "repeats, check proxy idle timeouts.");
    }

    @Test
    void connectionDroppedBeforeAnswerIsANetworkFailure() {
        ApiException e = failure(() -> client.chat(ChatRequest.simple("gpt-4o-mini", "drop the line", false),
                new Cancellation()));
        assertThat(e.kind()).isEqualTo(FailureKind.NETWORK);
        assertThat(e.status()).isZero();
        String hostPort = aimock.origin().substring("http://".length());
        assertThat(e.getMessage()).isEqualTo("The connection to " + hostPort + " failed (unexpected end of stream on "
                + aimock.origin() + "/...). Check the base URL, the network and proxy settings.");
    }

    @Test
    void malformedJsonWithStatus200IsNamed() {
        ApiException e = failure(() -> client.chat(ChatRequest.simple("gpt-4o-mini", "garbled answer", false),
                new Cancellation()));
        assertThat(e.kind()).isEqualTo(FailureKind.NON_JSON_BODY);
        assertThat(e.status()).isEqualTo(200);
        assertThat(e.getMessage()).isEqualTo("/v1/chat/completions answered HTTP 200 with plain text instead of JSON: "
                + "\"{malformed json: <<<chaos>>>\". Check that the base URL points at an OpenAI-compatible API.");
    }

    @Test
    void unmatchedRequestIsReportedWithTheServersWords() {
        ApiException e = failure(() -> client.chat(ChatRequest.simple("gpt-4o-mini", "nothing matches this prompt",
                false), new Cancellation()));
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.serverMessage()).isEqualTo("No fixture matched");
    }
}
