package ai.flatkey.migrate.traffic;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;

/**
 * A small upstream for the proxy's edge cases: a paced stream, an endless one that notices its client leaving, an
 * echo of everything the request held (credentials too), gzip, chunked, an HTTP error and a binary body.
 */
final class StubUpstream implements AutoCloseable {
    final HttpServer server;
    /** Counted down when the endless stream's write failed: its client (the proxy) closed the connection. */
    final CountDownLatch endlessAbandoned = new CountDownLatch(1);
    volatile String lastAuthorization;

    StubUpstream() throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v1/paced", ex -> paced(ex, 4, 200));
        server.createContext("/v1/endless", this::endless);
        server.createContext("/v1/echo", this::echo);
        server.createContext("/v1/gzip", StubUpstream::gzip);
        server.createContext("/v1/chunked", StubUpstream::chunked);
        server.createContext("/v1/error", ex -> send(ex, 429, "application/json",
                "{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit\",\"param\":null,\"code\":null}}"));
        server.createContext("/v1/audio/speech", StubUpstream::audio);
        server.createContext("/v1/chat/completions", StubUpstream::chat);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        ex.getRequestBody().readAllBytes();
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("x-request-id", "req_stub");
        ex.getResponseHeaders().add("Set-Cookie", "session=s3cr3tcookievalue");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    private static void paced(HttpExchange ex, int events, long gapMs) throws IOException {
        ex.getRequestBody().readAllBytes();
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        try {
            for (int i = 0; i < events; i++) {
                if (i > 0) {
                    Thread.sleep(gapMs);
                }
                out.write(("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"e" + i + "\"}}]}\n\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ex.close();
    }

    private void endless(HttpExchange ex) throws IOException {
        ex.getRequestBody().readAllBytes();
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        try {
            for (int i = 0; i < 400; i++) {
                out.write(("data: {\"n\":" + i + "}\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(25);
            }
        } catch (IOException gone) {
            endlessAbandoned.countDown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ex.close();
    }

    /** Echoes what it got — the credentials included, as a careless or hostile server might. */
    private void echo(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        lastAuthorization = ex.getRequestHeaders().getFirst("Authorization");
        String seen = "auth=" + ex.getRequestHeaders().getFirst("Authorization") + " apikey="
                + ex.getRequestHeaders().getFirst("api-key") + " query=" + ex.getRequestURI().getRawQuery();
        if (body.contains("\"stream\":true")) {
            ex.getResponseHeaders().set("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            out.write(("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":" + json(seen)
                    + "},\"finish_reason\":null}]}\n\n").getBytes(StandardCharsets.UTF_8));
            out.write(("data: {\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,"
                    + "\"total_tokens\":5}}\n\ndata: [DONE]\n\n").getBytes(StandardCharsets.UTF_8));
            ex.close();
            return;
        }
        send(ex, 200, "application/json", "{\"echo\":" + json(seen) + ",\"body\":" + json(body)
                + ",\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}");
    }

    private static String json(String s) {
        return new com.google.gson.Gson().toJson(s);
    }

    /** A chat answer that depends only on the request (no random IDs): direct and proxied answers compare as bytes. */
    private static void chat(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        var req = com.google.gson.JsonParser.parseString(body).getAsJsonObject();
        String model = req.get("model").getAsString();
        String said = req.getAsJsonArray("messages").get(0).getAsJsonObject().get("content").getAsString();
        String head = "{\"id\":\"chatcmpl-" + Integer.toHexString(body.hashCode()) + "\",\"created\":1700000000,"
                + "\"model\":" + json(model) + ",";
        String usage = "\"usage\":{\"prompt_tokens\":" + said.length() + ",\"completion_tokens\":3,\"total_tokens\":"
                + (said.length() + 3) + "}";
        if (!body.contains("\"stream\":true")) {
            send(ex, 200, "application/json", head + "\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
                    + "\"message\":{\"role\":\"assistant\",\"content\":" + json("you said " + said)
                    + "},\"finish_reason\":\"stop\"}]," + usage + "}");
            return;
        }
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        String chunk = head + "\"object\":\"chat.completion.chunk\",";
        for (String word : ("you said " + said).split(" ")) {
            out.write(("data: " + chunk + "\"choices\":[{\"index\":0,\"delta\":{\"content\":" + json(word + " ")
                    + "},\"finish_reason\":null}]}\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        out.write(("data: " + chunk + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
                + "data: " + chunk + "\"choices\":[]," + usage + "}\n\ndata: [DONE]\n\n")
                .getBytes(StandardCharsets.UTF_8));
        ex.close();
    }

    private static void gzip(HttpExchange ex) throws IOException {
        ex.getRequestBody().readAllBytes();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(b)) {
            z.write("{\"object\":\"list\",\"usage\":{\"prompt_tokens\":4,\"total_tokens\":4}}"
                    .getBytes(StandardCharsets.UTF_8));
        }
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.getResponseHeaders().set("Content-Encoding", "gzip");
        ex.sendResponseHeaders(200, b.size());
        ex.getResponseBody().write(b.toByteArray());
        ex.close();
    }

    private static void chunked(HttpExchange ex) throws IOException {
        ex.getRequestBody().readAllBytes();
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, 0);
        ex.getResponseBody().write("{\"a\":".getBytes(StandardCharsets.UTF_8));
        ex.getResponseBody().flush();
        ex.getResponseBody().write("1}".getBytes(StandardCharsets.UTF_8));
        ex.close();
    }

    private static void audio(HttpExchange ex) throws IOException {
        ex.getRequestBody().readAllBytes();
        byte[] b = new byte[70_000];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 31);
        }
        ex.getResponseHeaders().set("Content-Type", "audio/mpeg");
        ex.sendResponseHeaders(200, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
