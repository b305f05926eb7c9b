package ai.flatkey.migrate.demo;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static ai.flatkey.migrate.demo.TestHttp.chatBody;
import static ai.flatkey.migrate.demo.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Server-sent-event streams: shape, usage, pacing, concurrency and clients that leave early. */
class DemoGatewayStreamTest {

    private static final String PROMPT = "Stream me a short answer about gateways";

    @Test
    void streamsChunksWithOneIdThatReassembleToTheNonStreamedText() throws Exception {
        try (DemoGateway gateway = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(0))) {
            TestHttp http = new TestHttp(gateway);
            HttpResponse<Stream<String>> head = http.streamResponse(chatBody("gemini-2.5-flash", PROMPT,
                    "\"stream\":true"));
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
            assertThat(head.headers().firstValue("x-request-id")).isPresent();
            head.body().close();

            SseEvents events = SseEvents.parse(http.streamLines(chatBody("gemini-2.5-flash", PROMPT,
                    "\"stream\":true")));
            String plain = json(http.chat(chatBody("gemini-2.5-flash", PROMPT, ""))).getAsJsonArray("choices")
                    .get(0).getAsJsonObject().getAsJsonObject("message").get("content").getAsString();

            assertThat(events.last()).isEqualTo("[DONE]");
            List<JsonObject> chunks = events.chunks();
            String id = chunks.get(0).get("id").getAsString();
            long created = chunks.get(0).get("created").getAsLong();
            assertThat(id).startsWith("chatcmpl-");
            for (JsonObject chunk : chunks) {
                assertThat(chunk.get("object").getAsString()).isEqualTo("chat.completion.chunk");
                assertThat(chunk.get("id").getAsString()).isEqualTo(id);
                assertThat(chunk.get("created").getAsLong()).isEqualTo(created);
                assertThat(chunk.get("model").getAsString()).isEqualTo("gemini-2.5-flash");
                assertThat(chunk.has("usage")).as("usage only with include_usage").isFalse();
                JsonArray choices = chunk.getAsJsonArray("choices");
                assertThat(choices).hasSize(1);
                assertThat(choices.get(0).getAsJsonObject().get("index").getAsInt()).isZero();
                assertThat(choices.get(0).getAsJsonObject().has("delta")).isTrue();
            }
            JsonObject firstDelta = delta(chunks.get(0));
            assertThat(firstDelta.get("role").getAsString()).isEqualTo("assistant");
            assertThat(firstDelta.get("content").getAsString()).isEmpty();
            JsonObject finish = chunks.get(chunks.size() - 1).getAsJsonArray("choices").get(0).getAsJsonObject();
            assertThat(finish.getAsJsonObject("delta").keySet()).isEmpty();
            assertThat(finish.get("finish_reason").getAsString()).isEqualTo("stop");
            assertThat(chunks.stream().filter(c -> !c.getAsJsonArray("choices").get(0).getAsJsonObject()
                    .get("finish_reason").isJsonNull()).count()).isEqualTo(1);
            assertThat(events.content()).isEqualTo(plain);
            // one chunk per word: role chunk + words + finish chunk
            assertThat(chunks).hasSize(plain.split(" ").length + 2);
        }
    }

    @Test
    void addsOneUsageChunkWithEmptyChoicesOnlyWhenAsked() throws Exception {
        try (DemoGateway gateway = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(0))) {
            TestHttp http = new TestHttp(gateway);
            SseEvents events = SseEvents.parse(http.streamLines(chatBody("qwen3-max", PROMPT,
                    "\"stream\":true,\"stream_options\":{\"include_usage\":true}")));
            SseEvents without = SseEvents.parse(http.streamLines(chatBody("qwen3-max", PROMPT,
                    "\"stream\":true,\"stream_options\":{\"include_usage\":false}")));

            List<JsonObject> chunks = events.chunks();
            JsonObject usageChunk = chunks.get(chunks.size() - 1);
            assertThat(usageChunk.getAsJsonArray("choices")).isEmpty();
            JsonObject usage = usageChunk.getAsJsonObject("usage");
            int words = events.content().split(" ").length;
            assertThat(usage.get("completion_tokens").getAsInt()).isEqualTo(words);
            assertThat(usage.get("prompt_tokens").getAsInt()).isEqualTo((7 * 4 + 2) / 3 + 3);
            assertThat(usage.get("total_tokens").getAsInt())
                    .isEqualTo(usage.get("prompt_tokens").getAsInt() + words);
            for (JsonObject chunk : chunks.subList(0, chunks.size() - 1)) {
                assertThat(chunk.has("usage")).isTrue();
                assertThat(chunk.get("usage").isJsonNull()).isTrue();
                assertThat(chunk.getAsJsonArray("choices")).hasSize(1);
            }
            assertThat(chunks.stream().filter(c -> c.getAsJsonArray("choices").isEmpty()).count()).isEqualTo(1);

            assertThat(without.chunks()).noneMatch(c -> c.getAsJsonArray("choices").isEmpty());
            assertThat(without.chunks()).noneMatch(c -> c.has("usage"));
            assertThat(without.last()).isEqualTo("[DONE]");
        }
    }

    @Test
    void stopsAtMaxTokensWithFinishReasonLength() throws Exception {
        try (DemoGateway gateway = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(0))) {
            SseEvents events = SseEvents.parse(new TestHttp(gateway).streamLines(chatBody("gpt-5.5", PROMPT,
                    "\"stream\":true,\"max_completion_tokens\":3")));

            assertThat(events.content()).isEqualTo("Demo gateway reply");
            List<JsonObject> chunks = events.chunks();
            assertThat(chunks.get(chunks.size() - 1).getAsJsonArray("choices").get(0).getAsJsonObject()
                    .get("finish_reason").getAsString()).isEqualTo("length");
            assertThat(events.last()).isEqualTo("[DONE]");
        }
    }

    @Test
    void paceContentChunksAtTheConfiguredTokensPerSecond() throws Exception {
        int tps = 20;
        int tokens = 10;
        try (DemoGateway gateway = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(tps))) {
            SseEvents events = SseEvents.parse(new TestHttp(gateway).streamLines(chatBody("gpt-4o-mini", PROMPT,
                    "\"stream\":true,\"max_tokens\":" + tokens)));

            List<Long> times = events.arrivalNanos();
            // events: role, 10 content chunks, finish, [DONE]
            assertThat(times).hasSize(tokens + 3);
            long firstToLastMs = TimeUnit.NANOSECONDS.toMillis(times.get(times.size() - 1) - times.get(0));
            long nominalMs = tokens * 1000L / tps;
            assertThat(firstToLastMs).as("a buffered stream would arrive at once")
                    .isGreaterThanOrEqualTo(nominalMs * 8 / 10);
            long spacedGaps = 0;
            for (int i = 1; i <= tokens; i++) {
                long gapMs = TimeUnit.NANOSECONDS.toMillis(times.get(i) - times.get(i - 1));
                if (gapMs >= 1000 / tps / 2) {
                    spacedGaps++;
                }
            }
            assertThat(spacedGaps).as("content chunks arriving spread in time").isGreaterThanOrEqualTo(tokens - 2);
        }
    }

    @Test
    void concurrentStreamsDoNotWaitForEachOther() throws Exception {
        int streams = 4;
        try (DemoGateway gateway = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(25))) {
            TestHttp http = new TestHttp(gateway);
            ExecutorService clients = Executors.newFixedThreadPool(streams);
            try {
                List<Future<SseEvents>> results = new ArrayList<>();
                for (int i = 0; i < streams; i++) {
                    String body = chatBody("claude-haiku-4.5", "Parallel stream " + i, "\"stream\":true,"
                            + "\"max_tokens\":20");
                    results.add(clients.submit(() -> SseEvents.parse(http.streamLines(body))));
                }
                long latestFirst = Long.MIN_VALUE;
                long earliestLast = Long.MAX_VALUE;
                for (Future<SseEvents> result : results) {
                    SseEvents events = result.get(30, TimeUnit.SECONDS);
                    assertThat(events.last()).isEqualTo("[DONE]");
                    latestFirst = Math.max(latestFirst, events.arrivalNanos().get(1));
                    earliestLast = Math.min(earliestLast, events.arrivalNanos().get(events.data().size() - 1));
                }
                assertThat(latestFirst).as("every stream had started before any stream finished")
                        .isLessThan(earliestLast);
            } finally {
                clients.shutdownNow();
            }
        }
    }

    @Test
    void stopsGeneratingQuietlyWhenTheClientLeaves() throws Exception {
        LinkedBlockingQueue<StreamOutcome> outcomes = new LinkedBlockingQueue<>();
        try (DemoGateway gateway = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(50),
                GatewayOptions.defaults().withStreamListener(outcomes::add))) {
            String body = chatBody("gpt-4o-mini", PROMPT, "\"stream\":true");
            try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
                OutputStream out = socket.getOutputStream();
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Authorization: Bearer " + DemoGateway.DEMO_KEY + "\r\n"
                        + "Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
                out.flush();
                readUntil(socket.getInputStream(), "\"content\":\" gateway\"");
            }

            StreamOutcome outcome = outcomes.poll(20, TimeUnit.SECONDS);
            assertThat(outcome).as("the stream reported its end").isNotNull();
            assertThat(outcome.end()).isEqualTo(StreamOutcome.End.CLIENT_GONE);
            assertThat(outcome.piecesSent()).isGreaterThanOrEqualTo(2).isLessThan(outcome.piecesPlanned());

            // still serving afterwards
            assertThat(new TestHttp(gateway).get("/models", DemoGateway.DEMO_KEY).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void reportsACompletedStream() throws Exception {
        CompletableFuture<StreamOutcome> outcome = new CompletableFuture<>();
        try (DemoGateway gateway = DemoGateway.start(DemoConfig.defaults().withTokensPerSecond(0),
                GatewayOptions.defaults().withStreamListener(outcome::complete))) {
            SseEvents events = SseEvents.parse(new TestHttp(gateway).streamLines(chatBody("gpt-4o-mini", PROMPT,
                    "\"stream\":true")));

            StreamOutcome ended = outcome.get(10, TimeUnit.SECONDS);
            assertThat(ended.end()).isEqualTo(StreamOutcome.End.COMPLETED);
            assertThat(ended.piecesSent()).isEqualTo(ended.piecesPlanned())
                    .isEqualTo(events.content().split(" ").length);
        }
    }

    private static JsonObject delta(JsonObject chunk) {
        return chunk.getAsJsonArray("choices").get(0).getAsJsonObject().getAsJsonObject("delta");
    }

    private static void readUntil(InputStream in, String marker) throws Exception {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        byte[] buffer = new byte[1024];
        int n;
        while ((n = in.read(buffer)) != -1) {
            seen.write(buffer, 0, n);
            if (seen.toString(StandardCharsets.UTF_8).contains(marker)) {
                return;
            }
        }
        throw new AssertionError("stream ended before " + marker + ": " + seen.toString(StandardCharsets.UTF_8));
    }
}
