package ai.flatkey.migrate.demo;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The tests' own client: the JDK's HttpClient, nothing from the app's wire package. */
final class TestHttp {

    static final String FAKE_WRONG_KEY = "sk-fake-not-a-real-key-9999";

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String baseUrl;

    TestHttp(DemoGateway gateway) {
        this.baseUrl = gateway.baseUrl();
    }

    HttpResponse<String> get(String path, String key) {
        return send(request(path, key).GET().build());
    }

    HttpResponse<String> post(String path, String key, String body) {
        return send(request(path, key).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> chat(String body) {
        return post("/chat/completions", DemoGateway.DEMO_KEY, body);
    }

    /** A streamed chat; each line is timestamped when the test reads it, i.e. as it arrives. */
    List<TimedLine> streamLines(String body) {
        HttpRequest request = request("/chat/completions", DemoGateway.DEMO_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() != 200) {
                throw new AssertionError("stream answered " + response.statusCode());
            }
            List<TimedLine> lines = new ArrayList<>();
            try (Stream<String> body2 = response.body()) {
                body2.forEach(line -> lines.add(new TimedLine(line, System.nanoTime())));
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Any request's body as timestamped lines, whatever the status. */
    List<TimedLine> lines(HttpRequest request) {
        try {
            HttpResponse<Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());
            List<TimedLine> lines = new ArrayList<>();
            try (Stream<String> body = response.body()) {
                body.forEach(line -> lines.add(new TimedLine(line, System.nanoTime())));
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** A POST with the demo key and an {@code x-demo-fault} header (none when blank). */
    HttpRequest faulty(String path, String body, String fault) {
        HttpRequest.Builder builder = request(path, DemoGateway.DEMO_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (!fault.isBlank()) {
            builder.header(DemoGateway.FAULT_HEADER, fault);
        }
        return builder.build();
    }

    /** Sends and returns the raw bytes and the failure, if the connection broke. */
    RawResult raw(HttpRequest request) {
        try {
            HttpResponse<java.io.InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            IOException failure = null;
            try (java.io.InputStream in = response.body()) {
                byte[] buffer = new byte[8192];
                int n;
                while ((n = in.read(buffer)) != -1) {
                    bytes.write(buffer, 0, n);
                }
            } catch (IOException e) {
                failure = e;
            }
            return new RawResult(response, bytes.toString(java.nio.charset.StandardCharsets.UTF_8), failure);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    record RawResult(HttpResponse<java.io.InputStream> response, String body, IOException failure) {
    }

    HttpResponse<Stream<String>> streamResponse(String body) throws IOException, InterruptedException {
        HttpRequest request = request("/chat/completions", DemoGateway.DEMO_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofLines());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Sends a request and keeps its body as bytes (audio, images, video). */
    HttpResponse<byte[]> sendBytes(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    HttpRequest.Builder request(String path, String key) {
        return requestAt(baseUrl + path, key);
    }

    /** A request to a path from the server root, without the {@code /v1} prefix. */
    HttpRequest.Builder rootRequest(String path, String key) {
        return requestAt(baseUrl.substring(0, baseUrl.length() - "/v1".length()) + path, key);
    }

    private HttpRequest.Builder requestAt(String url, String key) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json");
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        return builder;
    }

    static JsonObject json(HttpResponse<String> response) {
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    static JsonObject error(HttpResponse<String> response) {
        return json(response).getAsJsonObject("error");
    }

    /** A chat body with one user message. */
    static String chatBody(String model, String userText, String extraFields) {
        JsonObject message = new JsonObject();
        message.addProperty("role", "user");
        message.addProperty("content", userText);
        String messages = "[" + message + "]";
        return "{\"model\":\"" + model + "\",\"messages\":" + messages
                + (extraFields.isEmpty() ? "" : "," + extraFields) + "}";
    }

    record TimedLine(String text, long nanos) {
    }
}
