package ai.flatkey.migrate.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.Okio;
import okio.Source;
import okio.Timeout;

/**
 * Property tests on generated input (10,000 tries each): the SSE reader never throws anything but its own
 * {@link SseReader.TooLarge}, and gives back exactly the events written however the lines end and whatever comments
 * surround them; the chat stream decoder ({@link OpenAiClient#streamChat}, fed by an interceptor instead of a socket)
 * either returns a result or throws a classified {@link ApiException}, whose text never holds the key.
 */
class SseReaderPropertiesTest {
    private static final int TRIES = 10_000;
    private static final String KEY = "sk-test-propertycanary-0123456789";
    private static final AtomicLong INPUTS = new AtomicLong();

    @BeforeContainer
    static void reset() {
        INPUTS.set(0);
    }

    @AfterContainer
    static void count() {
        System.out.println("SseReaderPropertiesTest: " + INPUTS.get() + " generated inputs checked");
    }

    // ------------------------------------------------------------------ the SSE reader on any bytes

    @Property(tries = TRIES)
    void anyBytesGiveEventsOrTooLargeAndNothingElse(@ForAll("sseishBytes") byte[] input,
                                                    @ForAll("limits") int limit) {
        INPUTS.incrementAndGet();
        SseReader reader = new SseReader(new Buffer().write(input), limit);
        int events = 0;
        try {
            SseReader.Event e;
            while ((e = reader.next()) != null) {
                assertThat(e.data().length()).isLessThanOrEqualTo(limit);
                assertThat(e.name()).isNotNull();
                assertThat(++events).isLessThanOrEqualTo(input.length + 1);
            }
        } catch (SseReader.TooLarge tooLarge) {
            assertThat(tooLarge.getMessage()).contains(String.valueOf(limit));
        } catch (IOException other) {
            throw new AssertionError("unclassified " + other, other);
        }
    }

    @Provide
    Arbitrary<byte[]> sseishBytes() {
        Arbitrary<String> line = Arbitraries.oneOf(
                Arbitraries.strings().withChars("data: {}[]\"\\:,\r\nevent:id:retry").ofMaxLength(40),
                Arbitraries.strings().all().ofMaxLength(30),
                Arbitraries.of("data: [DONE]", ": keep-alive", "event: error", "data:", "data", ":", "", "\r", "id: 1",
                        "data: {\"choices\":[]}", "retry: 10"));
        Arbitrary<byte[]> text = line.list().ofMaxSize(30)
                .map(ls -> String.join(ls.size() % 2 == 0 ? "\n" : "\r\n", ls).getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, text), net.jqwik.api.Tuple.of(1, raw));
    }

    @Provide
    Arbitrary<Integer> limits() {
        return Arbitraries.integers().between(1, 2048);
    }

    // ------------------------------------------------------------------ the SSE reader gives back what was written

    /** One event as written: its name (or empty), its data lines, comments before it, the line end. */
    record Written(String name, List<String> dataLines, int comments) {
    }

    @Property(tries = TRIES)
    void writtenEventsAreReadBackExactly(@ForAll("events") List<Written> written, @ForAll boolean crlf,
                                         @ForAll boolean finalBlankLine, @ForAll("splits") int split) {
        INPUTS.incrementAndGet();
        String eol = crlf ? "\r\n" : "\n";
        StringBuilder sb = new StringBuilder();
        int comments = 0;
        for (int i = 0; i < written.size(); i++) {
            Written w = written.get(i);
            for (int c = 0; c < w.comments(); c++) {
                sb.append(c % 2 == 0 ? ": keep-alive" : ": OPENROUTER PROCESSING").append(eol);
                comments++;
            }
            if (!w.name().isEmpty()) {
                sb.append("event: ").append(w.name()).append(eol);
            }
            for (String d : w.dataLines()) {
                sb.append("data: ").append(d).append(eol);
            }
            if (i < written.size() - 1 || finalBlankLine) {
                sb.append(eol);
            }
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        // Deliver the bytes in two reads, split anywhere (even inside a UTF-8 sequence or a CRLF).
        int at = bytes.length == 0 ? 0 : Math.floorMod(split, bytes.length + 1);
        SseReader reader = new SseReader(Okio.buffer(new TwoPartSource(bytes, at)), 1 << 20);
        List<SseReader.Event> read = new ArrayList<>();
        try {
            SseReader.Event e;
            while ((e = reader.next()) != null) {
                read.add(e);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        List<SseReader.Event> expected = written.stream()
                .map(w -> new SseReader.Event(w.name(), String.join("\n", w.dataLines()))).toList();
        assertThat(read).isEqualTo(expected);
        assertThat(reader.commentCount()).isEqualTo(comments);
        assertThat(reader.sawCrlf()).isEqualTo(crlf && bytes.length > 0 && sb.indexOf("\r\n") >= 0);
    }

    @Provide
    Arbitrary<List<Written>> events() {
        Arbitrary<String> payload = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().withCharRange('a', 'z').withChars(" {}\":,[]é你🙂").ofMaxLength(40))
                // A payload line holds no line break, and a leading space would be eaten as the separator.
                .map(s -> new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)
                        .replace("\r", "").replace("\n", "").replaceFirst("^ ", "x"));
        Arbitrary<String> name = Arbitraries.of("", "", "", "error", "message", "response.completed");
        Arbitrary<List<String>> lines = payload.list().ofMinSize(1).ofMaxSize(3);
        return Combinators.combine(name, lines, Arbitraries.integers().between(0, 3)).as(Written::new)
                .list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<Integer> splits() {
        return Arbitraries.integers().between(0, 10_000);
    }

    /** A source that hands out its bytes in two reads, split at {@code at}. */
    private static final class TwoPartSource implements Source {
        private final Buffer first = new Buffer();
        private final Buffer second = new Buffer();

        TwoPartSource(byte[] bytes, int at) {
            first.write(bytes, 0, at);
            second.write(bytes, at, bytes.length - at);
        }

        @Override
        public long read(Buffer sink, long byteCount) {
            Buffer from = first.size() > 0 ? first : second;
            if (from.size() == 0) {
                return -1;
            }
            long n = Math.min(byteCount, from.size());
            sink.write(from, n);
            return n;
        }

        @Override
        public Timeout timeout() {
            return Timeout.NONE;
        }

        @Override
        public void close() {
        }
    }

    // ------------------------------------------------------------------ the chunk decoder on generated streams

    /** The kinds a stream (or its refusal) may be classified as: never an unclassified exception. */
    private static final Set<FailureKind> STREAM_KINDS = EnumSet.of(FailureKind.PROTOCOL, FailureKind.TRUNCATED_STREAM,
            FailureKind.MIDSTREAM_ERROR, FailureKind.NON_JSON_BODY, FailureKind.WRONG_PATH, FailureKind.SERVER_ERROR,
            FailureKind.BAD_REQUEST, FailureKind.RATE_LIMITED, FailureKind.AUTHENTICATION, FailureKind.PERMISSION,
            FailureKind.MODEL_NOT_FOUND, FailureKind.UNSUPPORTED_PARAMETER, FailureKind.NETWORK, FailureKind.TIMEOUT);

    /** A generated answer: status, content type, body bytes, and where (if anywhere) the connection breaks. */
    record Answer(int status, String contentType, byte[] body, int breakAt) {
        @Override
        public String toString() {
            return "Answer[" + status + ", " + contentType + ", break at " + breakAt + ", body="
                    + new String(body, StandardCharsets.UTF_8) + "]";
        }
    }

    private static final OkHttpClient BASE = OpenAiClient.newHttpClient(NetworkConfig.direct());

    @Property(tries = TRIES)
    void decodedStreamsGiveAResultOrAClassifiedFailure(@ForAll("answers") Answer answer) {
        INPUTS.incrementAndGet();
        OkHttpClient http = BASE.newBuilder().addInterceptor(chain -> new Response.Builder()
                .request(chain.request()).protocol(Protocol.HTTP_1_1).code(answer.status()).message("X")
                .header("Content-Type", answer.contentType()).header("x-request-id", "req-prop")
                .body(ResponseBody.create(source(answer), MediaType.parse(answer.contentType()), -1L))
                .build()).build();
        OpenAiClient client = new OpenAiClient(http, new ClientConfig("http://127.0.0.1:9/v1", KEY,
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(5)));
        try {
            ChatResult r = client.streamChat(ChatRequest.simple("gpt-test", "hi", true), chunk -> { }, null);
            assertThat(r.transcript()).isNotNull();
            assertThat(r.transcript().render()).doesNotContain(KEY);
        } catch (ApiException e) {
            assertThat(e.kind()).as(answer.toString()).isIn(STREAM_KINDS);
            assertThat(e.getMessage()).as(answer.toString()).isNotBlank().doesNotContain(KEY);
            assertThat(e.serverMessage()).doesNotContain(KEY);
            if (e.transcript() != null) {
                assertThat(e.transcript().render()).doesNotContain(KEY);
            }
        } catch (RuntimeException unclassified) {
            throw new AssertionError("unclassified " + unclassified + " for " + answer, unclassified);
        }
    }

    private static BufferedSource source(Answer a) {
        Buffer all = new Buffer().write(a.body());
        if (a.breakAt() < 0) {
            return all;
        }
        return Okio.buffer(new Source() {
            long left = Math.min(a.breakAt(), a.body().length);

            @Override
            public long read(Buffer sink, long byteCount) throws IOException {
                if (left == 0) {
                    throw new SocketException("Connection reset");
                }
                long n = Math.min(Math.min(byteCount, left), all.size());
                sink.write(all, n);
                left -= n;
                return n;
            }

            @Override
            public Timeout timeout() {
                return Timeout.NONE;
            }

            @Override
            public void close() {
            }
        });
    }

    @Provide
    Arbitrary<Answer> answers() {
        Arbitrary<Integer> status = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(12, Arbitraries.just(200)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(201, 400, 401, 404, 429, 500, 502, 503)));
        Arbitrary<String> type = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(10, Arbitraries.just("text/event-stream")),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("text/event-stream; charset=utf-8", "application/json",
                        "text/html", "text/plain", "application/octet-stream", "")));
        Arbitrary<String> event = Arbitraries.oneOf(contentChunk(), toolFragment(), oddChunk(),
                Arbitraries.of("[DONE]", "[DONE]", "{\"error\":{\"message\":\"boom " + KEY + "\",\"type\":\"server_error\"}}",
                        "{\"message\":\"upstream failed for key " + KEY + "\"}", "not json", "[1,2]", "\"str\"", "null",
                        "{}", "{\"choices\":[]}", "<html><title>502</title></html>", "{\"choices\":"));
        Arbitrary<String> body = Combinators.combine(event.list().ofMaxSize(12),
                        Arbitraries.of("\n", "\r\n"), Arbitraries.integers().between(0, 4), Arbitraries.of("", "error"))
                .as((events, eol, comments, name) -> {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 0; i < events.size(); i++) {
                        if (i % 3 == 0 && comments > 0) {
                            sb.append(": keep-alive").append(eol);
                        }
                        if (i == events.size() - 1 && !name.isEmpty()) {
                            sb.append("event: ").append(name).append(eol);
                        }
                        sb.append("data: ").append(events.get(i)).append(eol).append(eol);
                    }
                    return sb.toString();
                });
        Arbitrary<String> prefix = Arbitraries.of("", "", "", "", "<!DOCTYPE html><html><title>Bad gateway</title>",
                "{\"error\":{\"message\":\"Invalid key " + KEY + "\"}}\n", "\uFEFF", "garbage line\n");
        Arbitrary<byte[]> bytes = Combinators.combine(prefix, body, Arbitraries.integers().between(-1, 2000))
                .as((p, b, cut) -> {
                    byte[] all = (p + b).getBytes(StandardCharsets.UTF_8);
                    if (cut < 0 || cut >= all.length) {
                        return all;
                    }
                    byte[] truncated = new byte[cut];
                    System.arraycopy(all, 0, truncated, 0, cut);
                    return truncated;
                });
        Arbitrary<Integer> breakAt = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, Arbitraries.just(-1)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 1500)));
        return Combinators.combine(status, type, bytes, breakAt).as(Answer::new);
    }

    private static JsonObject head() {
        JsonObject o = new JsonObject();
        o.addProperty("id", "chatcmpl-p");
        o.addProperty("object", "chat.completion.chunk");
        o.addProperty("created", 1_700_000_000);
        o.addProperty("model", "gpt-test");
        return o;
    }

    private Arbitrary<String> contentChunk() {
        return Combinators.combine(Arbitraries.strings().all().ofMaxLength(20),
                Arbitraries.of(null, "stop", "length", "tool_calls", "weird"), Arbitraries.integers().between(-2, 3))
                .as((text, finish, index) -> {
                    JsonObject o = head();
                    JsonObject choice = new JsonObject();
                    choice.addProperty("index", index);
                    JsonObject delta = new JsonObject();
                    delta.addProperty("content", text);
                    choice.add("delta", delta);
                    choice.addProperty("finish_reason", finish);
                    JsonArray choices = new JsonArray();
                    choices.add(choice);
                    o.add("choices", choices);
                    return o.toString();
                });
    }

    /** Tool-call fragments in any order: any index (even huge or negative), id and name on any fragment. */
    private Arbitrary<String> toolFragment() {
        return Combinators.combine(Arbitraries.of(0, 1, 2, 7, -1, Integer.MAX_VALUE), Arbitraries.of("", "call_1", "call_2"),
                Arbitraries.of("", "get_weather", "lookup"), Arbitraries.strings().withChars("{}\":, abc123").ofMaxLength(12),
                Arbitraries.of(true, false))
                .as((index, id, name, args, withIndex) -> {
                    JsonObject o = head();
                    JsonObject fn = new JsonObject();
                    if (!name.isEmpty()) {
                        fn.addProperty("name", name);
                    }
                    fn.addProperty("arguments", args);
                    JsonObject tc = new JsonObject();
                    if (withIndex) {
                        tc.addProperty("index", index);
                    }
                    if (!id.isEmpty()) {
                        tc.addProperty("id", id);
                        tc.addProperty("type", "function");
                    }
                    tc.add("function", fn);
                    JsonArray tcs = new JsonArray();
                    tcs.add(tc);
                    JsonObject delta = new JsonObject();
                    delta.add("tool_calls", tcs);
                    JsonObject choice = new JsonObject();
                    choice.addProperty("index", 0);
                    choice.add("delta", delta);
                    JsonArray choices = new JsonArray();
                    choices.add(choice);
                    o.add("choices", choices);
                    return o.toString();
                });
    }

    /** JSON of the right outline with wrong types where numbers, objects and strings belong. */
    private Arbitrary<String> oddChunk() {
        return Arbitraries.of(
                "{\"choices\":\"x\"}", "{\"choices\":[1,null,\"a\"]}", "{\"choices\":[{\"delta\":5}]}",
                "{\"choices\":[{\"index\":\"a\",\"delta\":{\"content\":7}}]}",
                "{\"choices\":[{\"index\":1e40,\"delta\":{\"content\":\"x\"}}]}",
                "{\"choices\":[{\"delta\":{\"tool_calls\":\"x\"}}]}",
                "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":{\"a\":1}}}]}}]}",
                "{\"choices\":[{\"delta\":{\"tool_calls\":[null,3]}}]}",
                "{\"choices\":[],\"usage\":{\"prompt_tokens\":\"x\",\"total_tokens\":1e30}}",
                "{\"choices\":[],\"usage\":7}", "{\"id\":5,\"model\":[],\"created\":\"x\",\"choices\":[]}",
                "{\"error\":null,\"choices\":[]}", "{\"error\":\"flat string " + KEY + "\"}",
                "{\"error\":{\"message\":{\"nested\":true}}}", "{\"choices\":[{\"finish_reason\":5,\"delta\":{}}]}",
                "{\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":null}}]}");
    }
}
