package ai.flatkey.migrate.wire;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Call;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * A client for one OpenAI-compatible endpoint: {@code GET /models}, chat completions (plain and streamed), and the
 * equivalent {@code curl} command. Every failure becomes an {@link ApiException} with a plain-language message;
 * no text leaves this class without passing the {@link Redactor}. Thread-safe; calls block the calling thread.
 */
public final class OpenAiClient {
    static final long DEFAULT_MAX_BODY_BYTES = 16L * 1024 * 1024;
    static final long DEFAULT_MAX_ERROR_BYTES = 64L * 1024;
    static final long DEFAULT_MAX_EVENT_BYTES = 1024L * 1024;

    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
    private static final String ACCEPT_JSON = "application/json";
    private static final String ACCEPT_SSE = "text/event-stream";
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private final OkHttpClient http;
    private final ClientConfig config;
    private final Failures failures;
    private final long maxBodyBytes;
    private final long maxErrorBytes;
    private final long maxEventBytes;

    /**
     * @param http   the shared client (connection pool, dispatcher, proxy, TLS); a per-endpoint client with the
     *               config's timeouts is derived from it
     * @param config where to call, with which key and timeouts
     */
    public OpenAiClient(OkHttpClient http, ClientConfig config) {
        this(http, config, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_ERROR_BYTES, DEFAULT_MAX_EVENT_BYTES);
    }

    /** With explicit body limits (tests use small ones). */
    OpenAiClient(OkHttpClient http, ClientConfig config, long maxBodyBytes, long maxErrorBytes, long maxEventBytes) {
        Objects.requireNonNull(http, "http");
        this.config = Objects.requireNonNull(config, "config");
        this.http = http.newBuilder()
                .connectTimeout(config.connectTimeout())
                .readTimeout(config.readTimeout())
                .writeTimeout(config.readTimeout())
                .callTimeout(config.callTimeout())
                .build();
        this.failures = new Failures(config);
        this.maxBodyBytes = maxBodyBytes;
        this.maxErrorBytes = maxErrorBytes;
        this.maxEventBytes = maxEventBytes;
    }

    /**
     * The default shared client: daemon dispatcher threads named {@code flatkey-http-N}; no silent retry on a
     * connection failure (a smoke test must see the first answer); redirects followed, and OkHttp drops
     * {@code Authorization} when a redirect leaves the host.
     */
    public static OkHttpClient newHttpClient() {
        AtomicInteger count = new AtomicInteger();
        ExecutorService executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "flatkey-http-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        return new OkHttpClient.Builder()
                .dispatcher(new Dispatcher(executor))
                .retryOnConnectionFailure(false)
                .followRedirects(true)
                .followSslRedirects(true)
                .build();
    }

    public ClientConfig config() {
        return config;
    }

    // ---------------------------------------------------------------- GET /models

    /** {@code GET {base}/models}. */
    public ModelList listModels(Cancellation cancel) throws ApiException {
        HttpUrl url = endpoint("models");
        Request request = request(url, ACCEPT_JSON).get().build();
        Exchange ex = new Exchange(url, cancel, false);
        try (Response response = ex.execute(request)) {
            String requestId = requestId(response);
            int status = response.code();
            if (!response.isSuccessful()) {
                throw httpError(response, requestId, null, url);
            }
            String text = readSuccessBody(response, requestId, "model list");
            long total = ex.elapsedMs();
            JsonElement json = ErrorBody.parseJson(text);
            if (json == null) {
                throw failures.http(status, response.headers(), ErrorBody.parse(text, contentType(response)),
                        requestId, null, url);
            }
            JsonArray data = json.isJsonArray() ? json.getAsJsonArray()
                    : json.getAsJsonObject().get("data") instanceof JsonArray a ? a : null;
            if (data == null) {
                throw shapeError(json, status, response, requestId, null, url,
                        "The model list has no \"data\" array, so it is not the OpenAI shape "
                                + "({\"object\":\"list\",\"data\":[…]}): the URL may not be an OpenAI-compatible API.");
            }
            List<ModelInfo> models = new ArrayList<>();
            for (JsonElement item : data) {
                if (!item.isJsonObject()) {
                    continue;
                }
                JsonObject m = item.getAsJsonObject();
                String id = ErrorBody.str(m, "id");
                if (!id.isEmpty()) {
                    models.add(new ModelInfo(id, ErrorBody.str(m, "owned_by"), longOr0(m.get("created"))));
                }
            }
            return new ModelList(models, requestId, status, total);
        } catch (IOException e) {
            throw ex.failure(e, null);
        } finally {
            ex.end();
        }
    }

    // ---------------------------------------------------------------- POST /chat/completions

    /** {@code POST {base}/chat/completions} without streaming (the request's {@code stream} flag is ignored). */
    public ChatResult chat(ChatRequest request, Cancellation cancel) throws ApiException {
        Objects.requireNonNull(request, "request");
        HttpUrl url = endpoint("chat/completions");
        Request call = request(url, ACCEPT_JSON).post(RequestBody.create(bodyJson(request, false), JSON_TYPE)).build();
        Exchange ex = new Exchange(url, cancel, false);
        try (Response response = ex.execute(call)) {
            String requestId = requestId(response);
            int status = response.code();
            long ttfb = ex.elapsedMs();
            if (!response.isSuccessful()) {
                throw httpError(response, requestId, request.model(), url);
            }
            String text = readSuccessBody(response, requestId, "chat completion");
            long total = ex.elapsedMs();
            JsonElement json = ErrorBody.parseJson(text);
            if (json == null) {
                throw failures.http(status, response.headers(), ErrorBody.parse(text, contentType(response)),
                        requestId, request.model(), url);
            }
            JsonObject root = json.isJsonObject() ? json.getAsJsonObject() : null;
            JsonObject choice = root == null ? null : firstChoice(root);
            if (choice == null) {
                throw shapeError(json, status, response, requestId, request.model(), url,
                        "The chat answer has no choices[0], so it is not the OpenAI chat.completion shape: the "
                                + "gateway or a proxy changed the answer.");
            }
            JsonObject message = choice.get("message") instanceof JsonObject m ? m : new JsonObject();
            return new ChatResult(ErrorBody.str(root, "id"), ErrorBody.str(root, "model"),
                    ErrorBody.str(message, "content"), nullIfEmpty(ErrorBody.str(choice, "finish_reason")),
                    usage(root.get("usage")), requestId, status, new Timing(ttfb, null, total), false, 0, true);
        } catch (IOException e) {
            throw ex.failure(e, null);
        } finally {
            ex.end();
        }
    }

    /**
     * {@code POST {base}/chat/completions} with {@code stream: true}. Blocks until the stream ends; {@code listener}
     * gets each chunk on the calling thread as soon as it is decoded.
     *
     * @throws ApiException {@link FailureKind#TRUNCATED_STREAM} when the stream ends without {@code data: [DONE]},
     *                      {@link FailureKind#MIDSTREAM_ERROR} for an error event, both with {@link ApiException#partial()}
     */
    public ChatResult streamChat(ChatRequest request, StreamListener listener, Cancellation cancel)
            throws ApiException {
        Objects.requireNonNull(request, "request");
        StreamListener sink = listener == null ? chunk -> { } : listener;
        HttpUrl url = endpoint("chat/completions");
        Request call = request(url, ACCEPT_SSE).post(RequestBody.create(bodyJson(request, true), JSON_TYPE)).build();
        Exchange ex = new Exchange(url, cancel, true);
        StreamState state = new StreamState();
        try (Response response = ex.execute(call)) {
            state.requestId = requestId(response);
            state.status = response.code();
            state.ttfb = ex.elapsedMs();
            if (!response.isSuccessful()) {
                throw httpError(response, state.requestId, request.model(), url);
            }
            readStream(response, request, url, ex, state, sink);
            return state.result(ex.elapsedMs(), true);
        } catch (IOException e) {
            throw ex.failure(e, state.status == 0 ? null : state.result(ex.elapsedMs(), false));
        } finally {
            ex.end();
        }
    }

    private void readStream(Response response, ChatRequest request, HttpUrl url, Exchange ex, StreamState state,
                            StreamListener sink) throws IOException, ApiException {
        ResponseBody body = response.body();
        BufferedSource source = body.source();
        String contentType = contentType(response);
        if (!source.request(1)) {
            throw new ApiException(FailureKind.TRUNCATED_STREAM, "The stream ended before any event arrived "
                    + "(empty body, no data: [DONE]): the gateway or a proxy cut it. Retry; if it repeats, try "
                    + "without streaming to see the gateway's error.", state.status, state.requestId, "",
                    state.result(ex.elapsedMs(), false), null);
        }
        byte first = source.getBuffer().getByte(0);
        boolean eventStream = contentType.contains("text/event-stream");
        if (first == '<' || first == '{' || first == '[' || (!eventStream && "de:ir\r\n".indexOf(first) < 0)) {
            // Not SSE at all: a web page, a single JSON answer or error, or plain text.
            String text = readCapped(source, maxErrorBytes);
            ErrorBody error = ErrorBody.parse(text, contentType);
            JsonElement json = ErrorBody.parseJson(text);
            if (json != null && error.shape() == ErrorBody.Shape.JSON_OTHER) {
                throw failures.protocol("Asked for a stream, the gateway answered with a single JSON body ("
                        + (contentType.isEmpty() ? "no content type" : contentType) + "): it ignores stream=true. "
                        + "Use non-streaming calls with this gateway, or ask its operator to enable streaming.",
                        state.requestId, state.status, null);
            }
            throw failures.http(state.status, response.headers(), error, state.requestId, request.model(), url);
        }
        SseReader reader = new SseReader(source, maxEventBytes);
        SseReader.Event event;
        while ((event = reader.next()) != null) {
            String data = event.data().strip();
            if (data.equals("[DONE]")) {
                state.sawDone = true;
                return;
            }
            if (data.isEmpty()) {
                continue;
            }
            JsonElement json = ErrorBody.parseJson(data);
            if (json == null || !json.isJsonObject()) {
                if (event.name().equalsIgnoreCase("error")) {
                    throw midstream(ErrorBody.parse(data, ""), state, ex);
                }
                throw failures.protocol("The stream sent an event that is not JSON after " + state.chunks
                        + " chunk" + (state.chunks == 1 ? "" : "s") + " (\""
                        + Failures.clip(ErrorBody.oneLine(data), 120) + "\"): the gateway or a proxy broke the SSE "
                        + "framing.", state.requestId, state.status, state.result(ex.elapsedMs(), false));
            }
            JsonObject chunk = json.getAsJsonObject();
            boolean errorObject = chunk.get("error") != null && !chunk.get("error").isJsonNull();
            if (errorObject && !chunk.has("choices") || event.name().equalsIgnoreCase("error")) {
                throw midstream(ErrorBody.fromJson(chunk), state, ex);
            }
            StreamChunk decoded = state.add(chunk, ex.elapsedMs());
            if (state.content.length() > maxBodyBytes) {
                throw failures.protocol("The stream's content passed " + (maxBodyBytes / (1024 * 1024))
                        + " MB, more than any chat answer: stopped reading.", state.requestId, state.status,
                        state.result(ex.elapsedMs(), false));
            }
            sink.onChunk(decoded);
        }
        long total = ex.elapsedMs();
        if (state.chunks == 0 && !eventStream) {
            throw new ApiException(FailureKind.NON_JSON_BODY, failures.redact("The gateway answered with "
                    + (contentType.isEmpty() ? "an untyped body" : contentType) + " holding no stream events: "
                    + "the base URL probably does not point at an OpenAI-compatible API."), state.status,
                    state.requestId, "", state.result(total, false), null);
        }
        throw new ApiException(FailureKind.TRUNCATED_STREAM, "The stream ended after " + state.chunks + " chunk"
                + (state.chunks == 1 ? "" : "s") + " without data: [DONE], so the answer may be cut short: the "
                + "gateway or a proxy closed it early. Retry; if it repeats, report it with the request ID.",
                state.status, state.requestId, "", state.result(total, false), null);
    }

    private ApiException midstream(ErrorBody error, StreamState state, Exchange ex) {
        String server = Failures.clip(failures.redact(error.message()), 2000);
        return new ApiException(FailureKind.MIDSTREAM_ERROR, failures.redact("The gateway reported an error inside "
                + "the stream after " + state.chunks + " chunk" + (state.chunks == 1 ? "" : "s")
                + (server.isEmpty() ? "" : ": \"" + Failures.clip(server, 300) + "\"")
                + ". The answer is incomplete; retry, or try another model if it repeats."),
                state.status, state.requestId, server, state.result(ex.elapsedMs(), false), null);
    }

    // ---------------------------------------------------------------- curl

    /**
     * The equivalent {@code curl -sS} command (with {@code -N} for streams). The key is referenced as
     * {@code "$keyEnvVar"}, never written; without a variable name no {@code Authorization} header is shown.
     *
     * @throws IllegalArgumentException when {@code keyEnvVar} is not a shell variable name
     */
    public String curl(ChatRequest request, String keyEnvVar) {
        Objects.requireNonNull(request, "request");
        if (keyEnvVar != null && !keyEnvVar.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("not a shell variable name: " + keyEnvVar);
        }
        StringBuilder sb = new StringBuilder("curl -sS");
        if (request.stream()) {
            sb.append(" -N");
        }
        sb.append(' ').append(shellQuote(joined("chat/completions")));
        if (keyEnvVar != null) {
            sb.append(" \\\n  -H \"Authorization: Bearer $").append(keyEnvVar).append('"');
        }
        sb.append(" \\\n  -H 'Content-Type: application/json'");
        sb.append(" \\\n  -H 'Accept: ").append(request.stream() ? ACCEPT_SSE : ACCEPT_JSON).append('\'');
        sb.append(" \\\n  -d ").append(shellQuote(bodyJson(request, request.stream())));
        return failures.redact(sb.toString());
    }

    // ---------------------------------------------------------------- helpers

    /** The JSON body: {@code model}, {@code messages}, and only the options that are set. */
    static String bodyJson(ChatRequest request, boolean stream) {
        JsonObject body = new JsonObject();
        body.addProperty("model", request.model());
        JsonArray messages = new JsonArray();
        for (ChatMessage m : request.messages()) {
            JsonObject o = new JsonObject();
            o.addProperty("role", m.role());
            o.addProperty("content", m.content());
            messages.add(o);
        }
        body.add("messages", messages);
        if (stream) {
            body.addProperty("stream", true);
            if (request.includeUsage()) {
                JsonObject options = new JsonObject();
                options.addProperty("include_usage", true);
                body.add("stream_options", options);
            }
        }
        if (request.temperature() != null) {
            body.addProperty("temperature", request.temperature());
        }
        if (request.maxTokens() != null) {
            body.addProperty("max_tokens", request.maxTokens());
        }
        return GSON.toJson(body);
    }

    private String joined(String path) {
        return config.baseUrl().strip().replaceAll("/+$", "") + "/" + path;
    }

    private HttpUrl endpoint(String path) throws ApiException {
        HttpUrl url = HttpUrl.parse(joined(path));
        if (url == null) {
            throw new ApiException(FailureKind.WRONG_PATH, failures.redact("The base URL \"" + config.baseUrl()
                    + "\" is not a valid http(s) address: write it in full, e.g. https://router.flatkey.ai/v1."),
                    0, "", "", null, null);
        }
        return url;
    }

    private Request.Builder request(HttpUrl url, String accept) {
        Request.Builder b = new Request.Builder().url(url).header("Accept", accept);
        if (config.apiKey() != null) {
            b.header("Authorization", "Bearer " + config.apiKey());
        }
        return b;
    }

    /** The request ID: {@code x-request-id}, else {@code request-id}, {@code x-oneapi-request-id}, {@code cf-ray}. */
    static String requestId(Response response) {
        for (String name : new String[] {"x-request-id", "request-id", "x-oneapi-request-id", "cf-ray"}) {
            String v = response.header(name);
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return "";
    }

    private static String contentType(Response response) {
        String ct = response.header("Content-Type");
        return ct == null ? "" : ct.toLowerCase(Locale.ROOT);
    }

    private ApiException httpError(Response response, String requestId, String model, HttpUrl url)
            throws IOException {
        String text = readCapped(response.body().source(), maxErrorBytes);
        return failures.http(response.code(), response.headers(), ErrorBody.parse(text, contentType(response)),
                requestId, model, url);
    }

    /** Reads a success body up to the limit; larger is a {@link FailureKind#PROTOCOL} failure. */
    private String readSuccessBody(Response response, String requestId, String what) throws IOException, ApiException {
        BufferedSource source = response.body().source();
        if (response.body().contentLength() > maxBodyBytes || source.request(maxBodyBytes + 1)) {
            throw failures.protocol("The " + what + " is larger than " + megabytes(maxBodyBytes) + ", far more than "
                    + "an API answer: the URL probably serves something else (a file or a page). Check the base URL.",
                    requestId, response.code(), null);
        }
        return source.getBuffer().readUtf8();
    }

    /** At most {@code max} bytes of the body as text; the rest is left unread and closed with the response. */
    private static String readCapped(BufferedSource source, long max) throws IOException {
        source.request(max);
        long n = Math.min(max, source.getBuffer().size());
        return source.getBuffer().readUtf8(n);
    }

    private ApiException shapeError(JsonElement json, int status, Response response, String requestId, String model,
                                    HttpUrl url, String message) {
        ErrorBody error = ErrorBody.fromJson(json);
        if (error.shape() == ErrorBody.Shape.JSON_ERROR) {
            return failures.http(status, response.headers(), error, requestId, model, url);
        }
        return failures.protocol(message, requestId, status, null);
    }

    private static String megabytes(long bytes) {
        return bytes >= 1024 * 1024 ? bytes / (1024 * 1024) + " MB" : bytes / 1024 + " KB";
    }

    private static JsonObject firstChoice(JsonObject root) {
        if (!(root.get("choices") instanceof JsonArray choices) || choices.isEmpty()) {
            return null;
        }
        for (JsonElement c : choices) {
            if (c.isJsonObject() && "0".equals(ErrorBody.str(c.getAsJsonObject(), "index"))) {
                return c.getAsJsonObject();
            }
        }
        return choices.get(0).isJsonObject() ? choices.get(0).getAsJsonObject() : null;
    }

    /** Usage as the server reported it; an absent field counts as 0. Null when there is no usage object. */
    static Usage usage(JsonElement e) {
        if (!(e instanceof JsonObject u)) {
            return null;
        }
        return new Usage((int) longOr0(u.get("prompt_tokens")), (int) longOr0(u.get("completion_tokens")),
                (int) longOr0(u.get("total_tokens")));
    }

    private static long longOr0(JsonElement e) {
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            return 0;
        }
        return e.getAsJsonPrimitive().getAsNumber().longValue();
    }

    private static String nullIfEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    // ---------------------------------------------------------------- one exchange

    /** One call: its start time, its cancel hook and how far it got. */
    private final class Exchange {
        private final HttpUrl url;
        private final Cancellation cancel;
        private final boolean streaming;
        private Call call;
        private Runnable hook;
        private long startNanos;
        private boolean gotHeaders;
        private int status;
        private String requestId = "";

        Exchange(HttpUrl url, Cancellation cancel, boolean streaming) {
            this.url = url;
            this.cancel = cancel;
            this.streaming = streaming;
        }

        Response execute(Request request) throws IOException {
            call = http.newCall(request);
            if (cancel != null) {
                hook = call::cancel;
                cancel.onCancel(hook);
            }
            startNanos = System.nanoTime();
            Response response = call.execute();
            gotHeaders = true;
            status = response.code();
            requestId = requestId(response);
            return response;
        }

        long elapsedMs() {
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        }

        ApiException failure(IOException e, ChatResult partial) {
            boolean cancelled = cancel != null && cancel.isCancelled();
            return failures.io(e, url, cancelled, gotHeaders, streaming, status, requestId, partial);
        }

        void end() {
            if (hook != null) {
                cancel.remove(hook);
            }
        }
    }

    /** What a stream has delivered so far. */
    private static final class StreamState {
        final StringBuilder content = new StringBuilder();
        String id = "";
        String model = "";
        String finishReason;
        Usage usage;
        String requestId = "";
        int status;
        long ttfb;
        Long ttft;
        int chunks;
        boolean sawDone;

        StreamChunk add(JsonObject chunk, long elapsedMs) {
            chunks++;
            String chunkId = ErrorBody.str(chunk, "id");
            String chunkModel = ErrorBody.str(chunk, "model");
            if (id.isEmpty()) {
                id = chunkId;
            }
            if (model.isEmpty()) {
                model = chunkModel;
            }
            String delta = "";
            String finish = null;
            JsonObject choice = firstChoice(chunk);
            if (choice != null) {
                if (choice.get("delta") instanceof JsonObject d) {
                    delta = ErrorBody.str(d, "content");
                }
                finish = nullIfEmpty(ErrorBody.str(choice, "finish_reason"));
            }
            Usage chunkUsage = usage(chunk.get("usage"));
            if (chunkUsage != null) {
                usage = chunkUsage;
            }
            if (finish != null) {
                finishReason = finish;
            }
            if (!delta.isEmpty()) {
                if (ttft == null) {
                    ttft = elapsedMs;
                }
                content.append(delta);
            }
            return new StreamChunk(chunkId, chunkModel, delta, finish, chunkUsage, elapsedMs);
        }

        ChatResult result(long totalMs, boolean done) {
            return new ChatResult(id, model, content.toString(), finishReason, usage, requestId, status,
                    new Timing(ttfb, ttft, totalMs), true, chunks, done && sawDone);
        }
    }
}
