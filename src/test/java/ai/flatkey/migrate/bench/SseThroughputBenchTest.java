package ai.flatkey.migrate.bench;

import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.ChatRequest;
import ai.flatkey.migrate.wire.ChatResult;
import ai.flatkey.migrate.wire.ClientConfig;
import ai.flatkey.migrate.wire.OpenAiClient;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okhttp3.sse.internal.ServerSentEventReader;
import okio.Buffer;
import okio.BufferedSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SSE reading and chunk decoding throughput on a recorded 100,000-chunk stream, against okhttp-sse's own event
 * parser ({@code ServerSentEventReader}, what {@code EventSources} runs) on the same bytes, from the same in-memory
 * source type ({@link Buffer}). Rounds of the variants alternate; warm-up rounds are dropped; the median is reported.
 */
@Tag("bench")
class SseThroughputBenchTest {
    private static final int CHUNKS = 100_000;
    private static final int WARMUP = Integer.getInteger("bench.warmup", 5);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 11);
    private static final MediaType SSE = MediaType.get("text/event-stream");

    /** {@code wire.SseReader} is package-private: reached through method handles (inlined by the JIT). */
    private static final MethodHandle NEW_READER;
    private static final MethodHandle NEXT;
    private static final MethodHandle DATA;

    static {
        try {
            Class<?> reader = Class.forName("ai.flatkey.migrate.wire.SseReader");
            Class<?> event = Class.forName("ai.flatkey.migrate.wire.SseReader$Event");
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(reader, MethodHandles.lookup());
            NEW_READER = lookup.findConstructor(reader, MethodType.methodType(void.class, BufferedSource.class,
                    long.class)).asType(MethodType.methodType(Object.class, BufferedSource.class, long.class));
            NEXT = lookup.findVirtual(reader, "next", MethodType.methodType(event))
                    .asType(MethodType.methodType(Object.class, Object.class));
            DATA = MethodHandles.privateLookupIn(event, MethodHandles.lookup())
                    .findVirtual(event, "data", MethodType.methodType(String.class))
                    .asType(MethodType.methodType(String.class, Object.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final byte[] STREAM = RecordedStream.generate(CHUNKS, 20_240_601L);

    /** What one pass saw: events (or chunks) and a checksum that keeps the JIT from dropping the work. */
    private record Pass(long count, long checksum) {
    }

    @Test
    void sseReaderAndDecodingAgainstOkhttpSse() throws Throwable {
        OpenAiClient client = new OpenAiClient(replaying(STREAM), ClientConfig.of("http://127.0.0.1:9/v1",
                "sk-test-bench-0001"));
        ChatRequest request = ChatRequest.simple("gpt-4o-mini", "bench", true);

        List<Variant> variants = List.of(
                new Variant("events: ours (wire.SseReader)", SseThroughputBenchTest::oursEvents),
                new Variant("events: okhttp-sse ServerSentEventReader", SseThroughputBenchTest::okhttpEvents),
                new Variant("chunks: ours (OpenAiClient.streamChat, full)", () -> oursDecoded(client, request)),
                new Variant("chunks: okhttp-sse + Gson (delta text only)", SseThroughputBenchTest::okhttpDecoded));
        // Same answer from every variant, or the comparison means nothing.
        Pass events = oursEvents();
        assertThat(okhttpEvents()).isEqualTo(events);
        assertThat(events.count()).isEqualTo(CHUNKS + 1);
        Pass decoded = oursDecoded(client, request);
        assertThat(decoded.count()).isEqualTo(CHUNKS);
        assertThat(okhttpDecoded()).isEqualTo(decoded);

        for (int round = 0; round < WARMUP + ROUNDS; round++) {
            for (Variant v : variants) {
                long t0 = System.nanoTime();
                Pass p = v.body.run();
                long ns = System.nanoTime() - t0;
                if (p.count() == 0) {
                    throw new AssertionError("no events");
                }
                if (round >= WARMUP) {
                    v.times.add(ns);
                }
            }
        }
        double mb = STREAM.length / 1e6;
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "%nSSE throughput, %,d chunks (%.1f MB), median of %d rounds after %d warm-up%n", CHUNKS, mb, ROUNDS,
                WARMUP));
        table.append(String.format(Locale.ROOT, "| %-46s | %10s | %10s | %14s |%n", "variant", "median ms", "MB/s",
                "chunks/s"));
        table.append("|").append("-".repeat(48)).append("|").append("-".repeat(12)).append("|")
                .append("-".repeat(12)).append("|").append("-".repeat(16)).append("|\n");
        for (Variant v : variants) {
            double ms = v.median() / 1e6;
            table.append(String.format(Locale.ROOT, "| %-46s | %10.1f | %10.1f | %,14.0f |%n", v.name, ms,
                    mb / (ms / 1000), CHUNKS / (ms / 1000)));
        }
        double eventsRatio = variants.get(1).median() / (double) variants.get(0).median();
        double decodedRatio = variants.get(3).median() / (double) variants.get(2).median();
        double fullVsParser = variants.get(1).median() / (double) variants.get(2).median();
        table.append(String.format(Locale.ROOT, "ratio events (okhttp time / ours time): %.2f  (goal >= 1.0)%n",
                eventsRatio));
        table.append(String.format(Locale.ROOT, "ratio chunks (okhttp+Gson time / ours full time): %.2f%n",
                decodedRatio));
        table.append(String.format(Locale.ROOT, "ratio okhttp events only / ours full decoding: %.2f%n",
                fullVsParser));
        System.out.println(table);
    }

    private record Variant(String name, Body body, List<Long> times) {
        Variant(String name, Body body) {
            this(name, body, new ArrayList<>());
        }

        long median() {
            long[] a = times.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(a);
            return a[a.length / 2];
        }
    }

    @FunctionalInterface
    private interface Body {
        Pass run() throws Throwable;
    }

    private static Buffer source() {
        return new Buffer().write(STREAM);
    }

    private static Pass oursEvents() throws Throwable {
        Object reader = NEW_READER.invokeExact((BufferedSource) source(), 1024L * 1024);
        long n = 0;
        long sum = 0;
        Object e;
        while ((e = NEXT.invokeExact(reader)) != null) {
            n++;
            sum += ((String) DATA.invokeExact(e)).length();
        }
        return new Pass(n, sum);
    }

    private static Pass okhttpEvents() throws Exception {
        long[] acc = new long[2];
        ServerSentEventReader reader = new ServerSentEventReader(source(), new ServerSentEventReader.Callback() {
            @Override
            public void onEvent(String id, String type, String data) {
                acc[0]++;
                acc[1] += data.length();
            }

            @Override
            public void onRetryChange(long timeMs) {
            }
        });
        while (reader.processNextEvent()) {
            // each call dispatches at most one event
        }
        return new Pass(acc[0], acc[1]);
    }

    private static Pass oursDecoded(OpenAiClient client, ChatRequest request) throws Exception {
        long[] acc = new long[2];
        ChatResult r = client.streamChat(request, c -> {
            acc[0]++;
            acc[1] += c.contentDelta().length();
        }, new Cancellation());
        if (!r.sawDone()) {
            throw new AssertionError("stream not complete");
        }
        return new Pass(acc[0], acc[1]);
    }

    /** The least a caller of okhttp-sse must do to get the same text: parse each chunk and read delta.content. */
    private static Pass okhttpDecoded() throws Exception {
        long[] acc = new long[2];
        ServerSentEventReader reader = new ServerSentEventReader(source(), new ServerSentEventReader.Callback() {
            @Override
            public void onEvent(String id, String type, String data) {
                if (data.equals("[DONE]")) {
                    return;
                }
                JsonObject chunk = JsonParser.parseString(data).getAsJsonObject();
                acc[0]++;
                JsonArray choices = chunk.getAsJsonArray("choices");
                if (choices != null && !choices.isEmpty()) {
                    JsonElement delta = choices.get(0).getAsJsonObject().get("delta");
                    JsonElement content = delta == null ? null : delta.getAsJsonObject().get("content");
                    if (content != null && !content.isJsonNull()) {
                        acc[1] += content.getAsString().length();
                    }
                }
            }

            @Override
            public void onRetryChange(long timeMs) {
            }
        });
        while (reader.processNextEvent()) {
            // each call dispatches at most one event
        }
        return new Pass(acc[0], acc[1]);
    }

    /** A client whose every call is answered at once with {@code bytes} as an SSE body: no socket involved. */
    private static OkHttpClient replaying(byte[] bytes) {
        return OpenAiClient.newHttpClient().newBuilder().addInterceptor(chain -> new Response.Builder()
                .request(chain.request()).protocol(Protocol.HTTP_1_1).code(200).message("OK")
                .header("Content-Type", "text/event-stream").header("x-request-id", "req_bench")
                .body(ResponseBody.create(bytes, SSE)).build()).build();
    }
}
