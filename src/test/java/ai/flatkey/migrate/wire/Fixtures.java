package ai.flatkey.migrate.wire;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import okio.BufferedSink;

/** Shared helpers for the wire tests: fake keys, chunk JSON, SSE bodies, and a body that waits between parts. */
final class Fixtures {
    static final String KEY = "sk-test-0000000000000000";
    /** A key with no {@code sk-} shape: only the known-secret rule can catch it. */
    static final String ODD_KEY = "fk_live_QWERTYUIOPASDFGH";
    static final String MODEL = "gpt-test";

    private Fixtures() {
    }

    static ClientConfig config(MockWebServer server, String path, String key) {
        return new ClientConfig(server.url(path).toString(), key, Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(20));
    }

    static OpenAiClient client(MockWebServer server, String path) {
        return new OpenAiClient(OpenAiClient.newHttpClient(), config(server, path, KEY));
    }

    static String chunk(String content, String finish) {
        JsonObject o = head();
        JsonArray choices = new JsonArray();
        JsonObject choice = new JsonObject();
        choice.addProperty("index", 0);
        JsonObject delta = new JsonObject();
        if (content != null) {
            delta.addProperty("content", content);
        }
        choice.add("delta", delta);
        if (finish == null) {
            choice.add("finish_reason", com.google.gson.JsonNull.INSTANCE);
        } else {
            choice.addProperty("finish_reason", finish);
        }
        choices.add(choice);
        o.add("choices", choices);
        return o.toString();
    }

    static String usageChunk(int prompt, int completion) {
        JsonObject o = head();
        o.add("choices", new JsonArray());
        JsonObject u = new JsonObject();
        u.addProperty("prompt_tokens", prompt);
        u.addProperty("completion_tokens", completion);
        u.addProperty("total_tokens", prompt + completion);
        o.add("usage", u);
        return o.toString();
    }

    static String emptyChoicesChunk() {
        JsonObject o = head();
        o.add("choices", new JsonArray());
        return o.toString();
    }

    private static JsonObject head() {
        JsonObject o = new JsonObject();
        o.addProperty("id", "chatcmpl-abc");
        o.addProperty("object", "chat.completion.chunk");
        o.addProperty("created", 1_700_000_000);
        o.addProperty("model", MODEL);
        return o;
    }

    /** {@code data: x\n\n} for each event. */
    static String sse(String... data) {
        StringBuilder sb = new StringBuilder();
        for (String d : data) {
            sb.append("data: ").append(d).append("\n\n");
        }
        return sb.toString();
    }

    static MockResponse.Builder eventStream() {
        return new MockResponse.Builder().setHeader("Content-Type", "text/event-stream");
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    /**
     * A body sent in parts: after each part but the last it flushes and waits for the matching gate. A gate that is
     * never opened leaves the stream hanging there (until the client gives up or the test ends).
     */
    static final class GatedBody implements MockResponseBody {
        private final List<byte[]> parts;
        private final List<CountDownLatch> gates;
        final CountDownLatch finished = new CountDownLatch(1);

        GatedBody(List<String> parts, List<CountDownLatch> gates) {
            this.parts = parts.stream().map(p -> p.getBytes(StandardCharsets.UTF_8)).toList();
            this.gates = gates;
        }

        @Override
        public long getContentLength() {
            return parts.stream().mapToLong(p -> p.length).sum();
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            for (int i = 0; i < parts.size(); i++) {
                sink.write(parts.get(i));
                sink.flush();
                if (i < gates.size()) {
                    try {
                        if (!gates.get(i).await(30, TimeUnit.SECONDS)) {
                            throw new IOException("gate " + i + " never opened");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("interrupted at gate " + i);
                    }
                }
            }
            finished.countDown();
        }
    }

    /**
     * A one-shot loopback HTTP server that reads one request, writes {@code rawResponse} verbatim, and closes the
     * socket: for answers MockWebServer will not produce (a connection dropped mid-body).
     */
    static final class RawServer implements AutoCloseable {
        private final java.net.ServerSocket socket;
        private final Thread thread;

        private final boolean readRequest;

        RawServer(String rawResponse) throws IOException {
            this(rawResponse, true);
        }

        /** @param readRequest false to answer at once, before the client has sent anything (or a TLS hello) */
        RawServer(String rawResponse, boolean readRequest) throws IOException {
            this.readRequest = readRequest;
            socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
            thread = new Thread(() -> serve(rawResponse.getBytes(StandardCharsets.UTF_8)), "raw-server");
            thread.setDaemon(true);
            thread.start();
        }

        String baseUrl(String path) {
            return baseUrl("http", path);
        }

        String baseUrl(String scheme, String path) {
            return scheme + "://127.0.0.1:" + socket.getLocalPort() + path;
        }

        private void serve(byte[] response) {
            try (java.net.Socket s = socket.accept()) {
                if (!readRequest) {
                    s.getOutputStream().write(response);
                    s.getOutputStream().flush();
                    return;
                }
                java.io.InputStream in = s.getInputStream();
                StringBuilder head = new StringBuilder();
                while (!head.toString().endsWith("\r\n\r\n")) {
                    int b = in.read();
                    if (b < 0) {
                        return;
                    }
                    head.append((char) b);
                }
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length:\\s*(\\d+)")
                        .matcher(head);
                long remaining = m.find() ? Long.parseLong(m.group(1)) : 0;
                while (remaining-- > 0 && in.read() >= 0) {
                    // drain the request body
                }
                s.getOutputStream().write(response);
                s.getOutputStream().flush();
            } catch (IOException ignored) {
                // the test sees what the client saw
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
