package ai.flatkey.migrate.wire;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * A client for one OpenAI-compatible endpoint: {@code GET /models}, chat completions (plain and streamed, tools,
 * JSON modes, images), the Responses API (plain and streamed), embeddings (float and base64), and the equivalent
 * {@code curl} command. Every failure becomes an {@link ApiException} with a plain-language message; every result
 * and failure carries typed headers and a redacted {@link Transcript}; no text leaves this class without passing the
 * {@link Redactor}. Retries follow the {@link RetryPolicy} (none by default). Thread-safe; calls block the calling
 * thread; a {@link Cancellation} closes the connection at once.
 */
public final class OpenAiClient {
    static final long DEFAULT_MAX_BODY_BYTES = 16L * 1024 * 1024;
    static final long DEFAULT_MAX_ERROR_BYTES = 64L * 1024;
    static final long DEFAULT_MAX_EVENT_BYTES = 1024L * 1024;
    /** Most stream events, and characters of their data, one attempt's transcript keeps. */
    private static final int MAX_TRANSCRIPT_EVENTS = 10_000;
    private static final long MAX_TRANSCRIPT_CHARS = 4L * 1024 * 1024;

    /**
     * How long an idle connection stays in the pool: below the idle timeouts servers commonly close at (5 s for
     * llama-server, Node's http module and Apache; nginx and most proxies wait longer).
     */
    public static final Duration POOL_KEEP_ALIVE = Duration.ofSeconds(4);
    private static final int MAX_IDLE_CONNECTIONS = 16;
    /** A server's {@code Keep-Alive: timeout=N} is trusted this much less, for the time the close takes to arrive. */
    private static final long KEEP_ALIVE_MARGIN_MS = 500;
    private static final java.util.regex.Pattern KEEP_ALIVE_TIMEOUT =
            java.util.regex.Pattern.compile("(?i)(?:^|[,;\\s])timeout\\s*=\\s*(\\d{1,6})");

    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
    private static final String ACCEPT_JSON = "application/json";
    private static final String ACCEPT_SSE = "text/event-stream";

    private final OkHttpClient base;
    private final ClientConfig config;
    private final Failures failures;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final DoubleSupplier random;
    private final Clock clock;
    private final long maxBodyBytes;
    private final long maxErrorBytes;
    private final long maxEventBytes;
    private final ConcurrentHashMap<Timeouts, OkHttpClient> clients = new ConcurrentHashMap<>();
    /** The idle timeout the server announced ({@code Keep-Alive: timeout=N}) in ms when shorter than the pool's, or 0. */
    private volatile long serverIdleMs;
    /** When the last exchange of this client ended (System.nanoTime), or 0. */
    private volatile long lastEndNanos;

    /**
     * A client that never retries.
     *
     * @param http   the shared client (connection pool, dispatcher, proxy, TLS); per-endpoint clients with the
     *               config's timeouts are derived from it
     * @param config where to call, with which key and timeouts
     */
    public OpenAiClient(OkHttpClient http, ClientConfig config) {
        this(http, config, RetryPolicy.none());
    }

    public OpenAiClient(OkHttpClient http, ClientConfig config, RetryPolicy retry) {
        this(http, config, retry, Sleeper.real());
    }

    /** @param sleeper waits between retries (tests pass one that does not really sleep) */
    public OpenAiClient(OkHttpClient http, ClientConfig config, RetryPolicy retry, Sleeper sleeper) {
        this(http, config, retry, sleeper, () -> ThreadLocalRandom.current().nextDouble(), Clock.systemUTC(),
                DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_ERROR_BYTES, DEFAULT_MAX_EVENT_BYTES);
    }

    /** With explicit body limits (tests use small ones). */
    OpenAiClient(OkHttpClient http, ClientConfig config, long maxBodyBytes, long maxErrorBytes, long maxEventBytes) {
        this(http, config, RetryPolicy.none(), Sleeper.real(), () -> ThreadLocalRandom.current().nextDouble(),
                Clock.systemUTC(), maxBodyBytes, maxErrorBytes, maxEventBytes);
    }

    OpenAiClient(OkHttpClient http, ClientConfig config, RetryPolicy retry, Sleeper sleeper, DoubleSupplier random,
                 Clock clock, long maxBodyBytes, long maxErrorBytes, long maxEventBytes) {
        this.base = Objects.requireNonNull(http, "http");
        this.config = Objects.requireNonNull(config, "config");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.failures = new Failures(config);
        this.maxBodyBytes = maxBodyBytes;
        this.maxErrorBytes = maxErrorBytes;
        this.maxEventBytes = maxEventBytes;
    }

    /** The same client with another retry policy ({@link RetryPolicy#none()} for smoke checks). */
    public OpenAiClient withRetryPolicy(RetryPolicy policy) {
        return new OpenAiClient(base, config, policy, sleeper, random, clock, maxBodyBytes, maxErrorBytes,
                maxEventBytes);
    }

    public RetryPolicy retryPolicy() {
        return retry;
    }

    /**
     * The default shared client: daemon dispatcher threads named {@code flatkey-http-N}; idle connections kept
     * {@link #POOL_KEEP_ALIVE} (below the 5 s idle timeout of llama-server, Node and Apache); OkHttp's own silent
     * retries off (they would resend a request whose server failed after reading it, and repeat a 408: a smoke test
     * must see the first answer), this class sends again only a request that failed on a pooled connection the server
     * had closed; redirects followed, and OkHttp drops {@code Authorization} when a redirect leaves the host; proxies
     * from this process's environment.
     */
    public static OkHttpClient newHttpClient() {
        return newHttpClient(NetworkConfig.fromEnvironment());
    }

    /**
     * A shared client for a network setup: proxies from {@code network.env()} ({@code HTTPS_PROXY},
     * {@code HTTP_PROXY}, {@code ALL_PROXY}, {@code NO_PROXY}), and the CA bundle trusted in addition to the
     * system's. Certificates and host names are always verified.
     *
     * @throws IllegalArgumentException with a plain-language message when the CA bundle is missing or unreadable
     */
    public static OkHttpClient newHttpClient(NetworkConfig network) {
        AtomicInteger count = new AtomicInteger();
        ExecutorService executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "flatkey-http-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        EnvProxySelector proxies = new EnvProxySelector(network.env());
        OkHttpClient.Builder b = new OkHttpClient.Builder()
                .dispatcher(new Dispatcher(executor))
                .connectionPool(new ConnectionPool(MAX_IDLE_CONNECTIONS, POOL_KEEP_ALIVE.toMillis(),
                        TimeUnit.MILLISECONDS))
                .retryOnConnectionFailure(false)
                .followRedirects(true)
                .followSslRedirects(true)
                .proxySelector(proxies)
                .proxyAuthenticator(proxies.authenticator());
        if (network.caBundle() != null) {
            X509TrustManager trust = TrustBundle.withBundle(network.caBundle());
            try {
                SSLContext tls = SSLContext.getInstance("TLS");
                tls.init(null, new X509TrustManager[] {trust}, null);
                b.sslSocketFactory(tls.getSocketFactory(), trust);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("TLS is not available in this Java runtime: " + e.getMessage(), e);
            }
        }
        return b.build();
    }

    public ClientConfig config() {
        return config;
    }

    // ---------------------------------------------------------------- GET /models

    /** {@code GET {base}/models}. */
    public ModelList listModels(Cancellation cancel) throws ApiException {
        HttpUrl url = endpoint("models");
        Spec spec = new Spec(Endpoint.MODELS, "GET", url, "", ACCEPT_JSON, null, false, cancel);
        return exchange(spec, (response, ex) -> {
            String text = ex.readSuccess(response, "model list");
            JsonElement json = ErrorBody.parseJson(text);
            if (json == null) {
                throw failures.http(ex.status, response.headers(), ErrorBody.parse(text, contentType(response)),
                        ex.requestId, null, url);
            }
            JsonArray data = json.isJsonArray() ? json.getAsJsonArray()
                    : json.getAsJsonObject().get("data") instanceof JsonArray a ? a : null;
            if (data == null) {
                throw shapeError(json, ex, response, null, url,
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
                    models.add(new ModelInfo(id, ErrorBody.str(m, "owned_by"),
                            ChatDecoding.longOr0(m.get("created")), ErrorBody.str(m, "object")));
                }
            }
            String object = json.isJsonObject() ? ErrorBody.str(json.getAsJsonObject(), "object") : "";
            return new ModelList(models, ex.requestId, ex.status, ex.totalMs(), object, ex.headers, null);
        }, list -> "model list of " + list.models().size() + " model" + (list.models().size() == 1 ? "" : "s")
                + ", object " + (list.object().isEmpty() ? "(none)" : list.object()), ModelList::withTranscript,
                list -> null);
    }

    // ---------------------------------------------------------------- POST /chat/completions

    /** {@code POST {base}/chat/completions} without streaming (the request's {@code stream} flag is ignored). */
    public ChatResult chat(ChatRequest request, Cancellation cancel) throws ApiException {
        Objects.requireNonNull(request, "request");
        return chat(RequestBodies.chat(request, false), request.model(), cancel);
    }

    /**
     * {@code POST {base}/chat/completions} with a body exactly as written ({@link RawRequest}): streamed when the body
     * says {@code "stream": true} ({@code listener} gets the chunks, may be null). Failures are classified as for
     * the typed calls.
     *
     * @throws IllegalArgumentException when the request is not for the chat endpoint
     */
    public ChatResult chat(RawRequest request, StreamListener listener, Cancellation cancel) throws ApiException {
        require(request, RawRequest.Api.CHAT);
        return request.stream() ? streamChat(request.json(), request.model(), listener, cancel)
                : chat(request.json(), request.model(), cancel);
    }

    /** {@code POST {base}/responses} with a body as written; see {@link #chat(RawRequest, StreamListener, Cancellation)}. */
    public ResponsesResult responses(RawRequest request, ResponsesListener listener, Cancellation cancel)
            throws ApiException {
        require(request, RawRequest.Api.RESPONSES);
        return request.stream() ? streamResponses(request.json(), request.model(), listener, cancel)
                : responses(request.json(), request.model(), cancel);
    }

    /** {@code POST {base}/embeddings} with a body as written; base64 vectors are decoded. */
    public EmbeddingsResult embeddings(RawRequest request, Cancellation cancel) throws ApiException {
        require(request, RawRequest.Api.EMBEDDINGS);
        return embeddings(request.json(), request.model(), request.encodingFormat(), cancel);
    }

    private static void require(RawRequest request, RawRequest.Api api) {
        Objects.requireNonNull(request, "request");
        if (request.api() != api) {
            throw new IllegalArgumentException("a body for " + request.api().path() + " sent to " + api.path());
        }
    }

    private ChatResult chat(String body, String model, Cancellation cancel) throws ApiException {
        HttpUrl url = endpoint("chat/completions");
        Spec spec = new Spec(Endpoint.CHAT, "POST", url, body, ACCEPT_JSON, model, false, cancel);
        return exchange(spec, (response, ex) -> {
            String text = ex.readSuccess(response, "chat completion");
            long total = ex.totalMs();
            JsonElement json = ErrorBody.parseJson(text);
            if (json == null) {
                throw failures.http(ex.status, response.headers(), ErrorBody.parse(text, contentType(response)),
                        ex.requestId, model, url);
            }
            JsonObject root = json.isJsonObject() ? json.getAsJsonObject() : null;
            JsonObject choice = root == null ? null : ChatDecoding.firstChoice(root);
            if (choice == null) {
                throw shapeError(json, ex, response, model, url,
                        "The chat answer has no choices[0], so it is not the OpenAI chat.completion shape: the "
                                + "gateway or a proxy changed the answer.");
            }
            JsonObject message = choice.get("message") instanceof JsonObject m ? m : new JsonObject();
            return new ChatResult(ErrorBody.str(root, "id"), ErrorBody.str(root, "model"),
                    ErrorBody.str(message, "content"), ChatDecoding.nullIfEmpty(ErrorBody.str(choice, "finish_reason")),
                    ChatDecoding.usage(root.get("usage")), ex.requestId, ex.status, ex.timing(total, null, List.of()),
                    false, 0, true, ChatDecoding.toolCalls(message), ChatDecoding.shape(root, choice, message), null,
                    ex.headers, null);
        }, ChatResult::summary, ChatResult::withTranscript, ChatResult::timing);
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
        return streamChat(RequestBodies.chat(request, true), request.model(), listener, cancel);
    }

    private ChatResult streamChat(String body, String model, StreamListener listener, Cancellation cancel)
            throws ApiException {
        StreamListener sink = listener == null ? chunk -> { } : listener;
        HttpUrl url = endpoint("chat/completions");
        Spec spec = new Spec(Endpoint.CHAT_STREAM, "POST", url, body, ACCEPT_SSE, model, true, cancel);
        return exchange(spec, (response, ex) -> {
            ChatDecoding.StreamState state = new ChatDecoding.StreamState();
            state.requestId = ex.requestId;
            state.status = ex.status;
            state.ttfb = ex.ttfbMs;
            state.headers = ex.headers;
            state.connectMs = ex.timer.connectMs();
            state.tlsMs = ex.timer.tlsMs();
            try {
                readChatStream(response, model, url, ex, state, sink);
                return state.result(ex.elapsedMs(), true);
            } catch (IOException e) {
                throw ex.failure(e, state.result(ex.elapsedMs(), false), state.chunks);
            }
        }, ChatResult::summary, ChatResult::withTranscript, ChatResult::timing);
    }

    private void readChatStream(Response response, String model, HttpUrl url, Exchange ex,
                                ChatDecoding.StreamState state, StreamListener sink) throws IOException, ApiException {
        BufferedSource source = response.body().source();
        String contentType = contentType(response);
        boolean eventStream = contentType.contains("text/event-stream");
        refuseNonSse(response, source, ex, model, url, () -> state.result(ex.elapsedMs(), false));
        SseReader reader = new SseReader(source, maxEventBytes, maxBodyBytes,
                SseReader.DEFAULT_MAX_EVENTS, c -> sink.onRawComment(failures.redact(c)));
        SseReader.Event event;
        try {
            while ((event = next(reader, source, ex)) != null) {
                ex.event(event);
                sink.onRawEvent(failures.redact(event.name()), failures.redact(event.data()));
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
                        throw midstream(ErrorBody.parse(data, ""), state.chunks, "chunk", ex,
                                state.result(ex.elapsedMs(), false));
                    }
                    throw failures.protocol("The stream sent an event that is not JSON after " + state.chunks
                            + " chunk" + (state.chunks == 1 ? "" : "s") + " (\""
                            + Failures.clip(ErrorBody.oneLine(data), 120) + "\"): the gateway or a proxy broke the "
                            + "SSE framing.", ex.requestId, ex.status, state.result(ex.elapsedMs(), false));
                }
                JsonObject chunk = json.getAsJsonObject();
                boolean errorObject = chunk.get("error") != null && !chunk.get("error").isJsonNull();
                if (errorObject && !chunk.has("choices") || event.name().equalsIgnoreCase("error")) {
                    throw midstream(ErrorBody.fromJson(chunk), state.chunks, "chunk", ex,
                            state.result(ex.elapsedMs(), false));
                }
                StreamChunk decoded = state.add(chunk, event.name(), ex.elapsedMs());
                if (state.content.length() > maxBodyBytes) {
                    throw failures.protocol("The stream's content passed " + (maxBodyBytes / (1024 * 1024))
                            + " MB, more than any chat answer: stopped reading.", ex.requestId, ex.status,
                            state.result(ex.elapsedMs(), false));
                }
                sink.onChunk(decoded);
            }
        } finally {
            state.comments = reader.commentCount();
            state.crlf = reader.sawCrlf();
        }
        long total = ex.totalMs();
        if (ex.cancelled()) {
            throw ex.failure(new java.io.InterruptedIOException("Canceled"), state.result(total, false), state.chunks);
        }
        if (state.chunks == 0 && !eventStream) {
            throw new ApiException(FailureKind.NON_JSON_BODY, failures.redact("The gateway answered with "
                    + (contentType.isEmpty() ? "an untyped body" : contentType) + " holding no stream events: "
                    + "the base URL probably does not point at an OpenAI-compatible API."), ex.status,
                    ex.requestId, "", state.result(total, false), null);
        }
        throw new ApiException(FailureKind.TRUNCATED_STREAM, "The stream ended after " + state.chunks + " chunk"
                + (state.chunks == 1 ? "" : "s") + " without data: [DONE], so the answer may be cut short: the "
                + "gateway or a proxy closed it early. Retry; if it repeats, report it with the request ID.",
                ex.status, ex.requestId, "", state.result(total, false), null);
    }

    /**
     * Fails when a body that should be SSE is empty, a web page, a single JSON answer or error, or plain text.
     */
    private void refuseNonSse(Response response, BufferedSource source, Exchange ex, String model, HttpUrl url,
                              java.util.function.Supplier<ChatResult> partial) throws IOException, ApiException {
        String contentType = contentType(response);
        if (!source.request(1)) {
            throw new ApiException(FailureKind.TRUNCATED_STREAM, "The stream ended before any event arrived "
                    + "(empty body, no data: [DONE]): the gateway or a proxy cut it. Retry; if it repeats, try "
                    + "without streaming to see the gateway's error.", ex.status, ex.requestId, "",
                    partial.get(), null);
        }
        byte first = source.getBuffer().getByte(0);
        boolean eventStream = contentType.contains("text/event-stream");
        if (first == '<' || first == '{' || first == '[' || (!eventStream && "de:ir\r\n".indexOf(first) < 0)) {
            String text = readCapped(source, maxErrorBytes);
            ex.responseBody = text;
            ErrorBody error = ErrorBody.parse(text, contentType);
            JsonElement json = ErrorBody.parseJson(text);
            if (json != null && error.shape() == ErrorBody.Shape.JSON_OTHER) {
                throw failures.protocol("Asked for a stream, the gateway answered with a single JSON body ("
                        + (contentType.isEmpty() ? "no content type" : contentType) + "): it ignores stream=true. "
                        + "Use non-streaming calls with this gateway, or ask its operator to enable streaming.",
                        ex.requestId, ex.status, null);
            }
            throw failures.http(ex.status, response.headers(), error, ex.requestId, model, url);
        }
    }

    private ApiException midstream(ErrorBody error, int events, String unit, Exchange ex, ChatResult partial) {
        String server = Failures.clip(failures.redact(error.message()), 2000);
        return new ApiException(FailureKind.MIDSTREAM_ERROR, failures.redact("The gateway reported an error inside "
                + "the stream after " + events + " " + unit + (events == 1 ? "" : "s")
                + (server.isEmpty() ? "" : ": \"" + Failures.clip(server, 300) + "\"")
                + ". The answer is incomplete; retry, or try another model if it repeats."),
                ex.status, ex.requestId, server, partial, null);
    }

    // ---------------------------------------------------------------- POST /responses

    /** {@code POST {base}/responses} without streaming (the request's {@code stream} flag is ignored). */
    public ResponsesResult responses(ResponsesRequest request, Cancellation cancel) throws ApiException {
        Objects.requireNonNull(request, "request");
        return responses(RequestBodies.responses(request, false), request.model(), cancel);
    }

    private ResponsesResult responses(String body, String model, Cancellation cancel) throws ApiException {
        HttpUrl url = endpoint("responses");
        Spec spec = new Spec(Endpoint.RESPONSES, "POST", url, body, ACCEPT_JSON, model, false, cancel);
        return exchange(spec, (response, ex) -> {
            String text = ex.readSuccess(response, "Responses API answer");
            long total = ex.totalMs();
            JsonElement json = ErrorBody.parseJson(text);
            if (json == null) {
                throw failures.http(ex.status, response.headers(), ErrorBody.parse(text, contentType(response)),
                        ex.requestId, model, url);
            }
            JsonObject root = json.isJsonObject() ? json.getAsJsonObject() : null;
            if (root == null || !(root.get("output") instanceof JsonArray) && root.get("status") == null) {
                throw shapeError(json, ex, response, model, url,
                        "The Responses API answer has no output[] and no status, so it is not the OpenAI response "
                                + "shape: the gateway may not implement /responses.");
            }
            return ResponsesDecoding.result(root, "", ex.requestId, ex.status, ex.timing(total, null, List.of()),
                    false, "", List.of(), ex.headers, failures);
        }, ResponsesResult::summary, ResponsesResult::withTranscript, ResponsesResult::timing);
    }

    /**
     * {@code POST {base}/responses} with {@code stream: true}: typed events until {@code response.completed} or
     * {@code response.incomplete} (returned; see {@link ResponsesResult#status()}).
     *
     * @throws ApiException {@link FailureKind#MIDSTREAM_ERROR} for {@code response.failed} or an {@code error}
     *                      event, {@link FailureKind#TRUNCATED_STREAM} when the stream ends without a terminal event;
     *                      both with {@link ApiException#partialResponse()}
     */
    public ResponsesResult streamResponses(ResponsesRequest request, ResponsesListener listener, Cancellation cancel)
            throws ApiException {
        Objects.requireNonNull(request, "request");
        return streamResponses(RequestBodies.responses(request, true), request.model(), listener, cancel);
    }

    private ResponsesResult streamResponses(String body, String model, ResponsesListener listener,
                                            Cancellation cancel) throws ApiException {
        ResponsesListener sink = listener == null ? e -> { } : listener;
        HttpUrl url = endpoint("responses");
        Spec spec = new Spec(Endpoint.RESPONSES_STREAM, "POST", url, body, ACCEPT_SSE, model, true, cancel);
        return exchange(spec, (response, ex) -> {
            ResponsesDecoding.StreamState state = new ResponsesDecoding.StreamState(ex.requestId, ex.status, ex.headers,
                    ex.timing(0, null, List.of()), failures);
            try {
                BufferedSource source = response.body().source();
                refuseNonSse(response, source, ex, model, url, () -> null);
                SseReader reader = new SseReader(source, maxEventBytes, maxBodyBytes,
                SseReader.DEFAULT_MAX_EVENTS, c -> sink.onRawComment(failures.redact(c)));
                SseReader.Event event;
                while ((event = next(reader, source, ex)) != null) {
                    ex.event(event);
                    sink.onRawEvent(failures.redact(event.name()), failures.redact(event.data()));
                    String data = event.data().strip();
                    if (data.isEmpty() || data.equals("[DONE]")) {
                        if (data.equals("[DONE]")) {
                            break;
                        }
                        continue;
                    }
                    JsonElement json = ErrorBody.parseJson(data);
                    if (!(json instanceof JsonObject o)) {
                        throw failures.protocol("The Responses stream sent an event that is not JSON after "
                                + state.count() + " event" + (state.count() == 1 ? "" : "s") + " (\""
                                + Failures.clip(ErrorBody.oneLine(data), 120) + "\"): the gateway or a proxy broke "
                                + "the SSE framing.", ex.requestId, ex.status, null)
                                .attachPartialResponse(state.result(false));
                    }
                    ResponseEvent typed = state.add(o, event.name(), ex.elapsedMs());
                    sink.onEvent(typed);
                    if (state.failedError() != null) {
                        ErrorBody err = state.failedError();
                        throw midstream(err, state.count(), "event", ex, null)
                                .attachPartialResponse(state.result(false));
                    }
                    if (state.terminal()) {
                        return state.result(true);
                    }
                }
                if (ex.cancelled()) {
                    throw ex.failure(new java.io.InterruptedIOException("Canceled"), null, state.count())
                            .attachPartialResponse(state.result(false));
                }
                throw new ApiException(FailureKind.TRUNCATED_STREAM, "The Responses stream ended after "
                        + state.count() + " event" + (state.count() == 1 ? "" : "s") + " without response.completed, "
                        + "so the answer may be cut short: the gateway or a proxy closed it early. Retry; if it "
                        + "repeats, report it with the request ID.", ex.status, ex.requestId, "", null, null)
                        .attachPartialResponse(state.result(false));
            } catch (IOException e) {
                return throwIo(ex.failure(e, null, state.count()).attachPartialResponse(state.result(false)));
            }
        }, ResponsesResult::summary, ResponsesResult::withTranscript, ResponsesResult::timing);
    }

    /** Reads a family's SSE answer one JSON event at a time (a streamed transcription). */
    interface EventSink<T> {
        /** One event; true when it is the stream's terminal event. */
        boolean event(JsonObject event, long elapsedMs);

        /** What arrived: {@code complete} when the terminal event came. */
        T result(String requestId, int status, ResponseHeaders headers, Timing timing, boolean complete);
    }

    /**
     * A family call answered with an SSE stream (a multipart upload with {@code stream=true}), through the exchange
     * engine, timeouts, SSE framing and event and body limits of the chat and Responses streams. It ends at the sink's
     * terminal event, at {@code data: [DONE]} or when the body ends; a stream without its terminal event is returned
     * as such (not complete), keeping what arrived, for the caller's rules to judge.
     *
     * @throws ApiException as for every stream: an error event ({@link FailureKind#MIDSTREAM_ERROR}), an event that
     *                      is not JSON, a JSON answer to a stream request (the gateway ignores {@code stream})
     */
    <T> T stream(Endpoint endpoint, HttpUrl url, String bodyText, RequestBody raw, String model, Cancellation cancel,
                 EventSink<T> sink, Function<T, String> summary, BiFunction<T, Transcript, T> attach,
                 Function<T, Timing> timingOf) throws ApiException {
        Spec spec = new Spec(endpoint, "POST", url, bodyText, ACCEPT_SSE, model, true, cancel, true, raw, Map.of());
        return exchange(spec, (response, ex) -> {
            BufferedSource source = response.body().source();
            refuseNonSse(response, source, ex, model, url, () -> null);
            SseReader reader = new SseReader(source, maxEventBytes, maxBodyBytes, SseReader.DEFAULT_MAX_EVENTS, c -> { });
            SseReader.Event event;
            int count = 0;
            while ((event = next(reader, source, ex)) != null) {
                ex.event(event);
                String data = event.data().strip();
                if (data.equals("[DONE]")) {
                    break;
                }
                if (data.isEmpty()) {
                    continue;
                }
                if (!(ErrorBody.parseJson(data) instanceof JsonObject o)) {
                    throw failures.protocol("The stream sent an event that is not JSON after " + count + " event"
                            + (count == 1 ? "" : "s") + " (\"" + Failures.clip(ErrorBody.oneLine(data), 120)
                            + "\"): the gateway or a proxy broke the SSE framing.", ex.requestId, ex.status, null);
                }
                count++;
                boolean error = o.get("error") != null && !o.get("error").isJsonNull() || "error".equals(event.name())
                        || o.get("type") instanceof JsonPrimitive p && p.isString() && p.getAsString().equals("error");
                if (error) {
                    throw midstream(ErrorBody.fromJson(o), count, "event", ex, null);
                }
                if (sink.event(o, ex.elapsedMs())) {
                    return sink.result(ex.requestId, ex.status, ex.headers, ex.timing(ex.elapsedMs(), null, List.of()), true);
                }
            }
            if (ex.cancelled()) {
                throw ex.failure(new java.io.InterruptedIOException("Canceled"), null, count);
            }
            return sink.result(ex.requestId, ex.status, ex.headers, ex.timing(ex.elapsedMs(), null, List.of()), false);
        }, summary, attach, timingOf);
    }

    private static SseReader.Event next(SseReader reader, BufferedSource source, Exchange ex) throws IOException {
        ex.awaitProgress(source);
        return reader.next();
    }

    private static <T> T throwIo(ApiException e) throws ApiException {
        throw e;
    }

    // ---------------------------------------------------------------- POST /embeddings

    /** {@code POST {base}/embeddings}; base64 vectors are decoded (little-endian float32). */
    public EmbeddingsResult embeddings(EmbeddingsRequest request, Cancellation cancel) throws ApiException {
        Objects.requireNonNull(request, "request");
        return embeddings(RequestBodies.embeddings(request), request.model(), request.encodingFormat(), cancel);
    }

    private EmbeddingsResult embeddings(String body, String model, String encodingFormat, Cancellation cancel)
            throws ApiException {
        HttpUrl url = endpoint("embeddings");
        Spec spec = new Spec(Endpoint.EMBEDDINGS, "POST", url, body, ACCEPT_JSON, model, false, cancel);
        return exchange(spec, (response, ex) -> {
            String text = ex.readSuccess(response, "embeddings answer");
            long total = ex.totalMs();
            JsonElement json = ErrorBody.parseJson(text);
            if (json == null) {
                throw failures.http(ex.status, response.headers(), ErrorBody.parse(text, contentType(response)),
                        ex.requestId, model, url);
            }
            JsonObject root = json.isJsonObject() ? json.getAsJsonObject() : null;
            if (root == null || !(root.get("data") instanceof JsonArray data)) {
                throw shapeError(json, ex, response, model, url,
                        "The embeddings answer has no \"data\" array, so it is not the OpenAI shape "
                                + "({\"object\":\"list\",\"data\":[{\"embedding\":…}]}).");
            }
            List<Embedding> vectors = new ArrayList<>();
            int position = 0;
            for (JsonElement item : data) {
                if (!(item instanceof JsonObject o)) {
                    throw failures.protocol("Embedding " + position + " is not an object: the answer is not the "
                            + "OpenAI embeddings shape.", ex.requestId, ex.status, null);
                }
                Integer idx = ChatDecoding.intOrNull(o.get("index"));
                vectors.add(embedding(idx == null ? position : idx, o.get("embedding"), ex));
                position++;
            }
            Usage usage = ChatDecoding.usage(root.get("usage"));
            return new EmbeddingsResult(ErrorBody.str(root, "object"), ErrorBody.str(root, "model"), vectors, usage,
                    encodingFormat, ex.requestId, ex.status, ex.timing(total, null, List.of()), ex.headers,
                    null);
        }, EmbeddingsResult::summary, EmbeddingsResult::withTranscript, EmbeddingsResult::timing);
    }

    private Embedding embedding(int index, JsonElement e, Exchange ex) throws ApiException {
        if (e instanceof JsonArray a) {
            float[] v = new float[a.size()];
            for (int i = 0; i < v.length; i++) {
                JsonElement x = a.get(i);
                if (!x.isJsonPrimitive() || !x.getAsJsonPrimitive().isNumber()) {
                    throw failures.protocol("Embedding " + index + " holds a value that is not a number at position "
                            + i + ": the answer is damaged.", ex.requestId, ex.status, null);
                }
                v[i] = x.getAsFloat();
            }
            return new Embedding(index, v, "float");
        }
        if (e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(e.getAsString().strip());
            } catch (IllegalArgumentException bad) {
                throw failures.protocol("Embedding " + index + " is a string but not valid base64 ("
                        + bad.getMessage() + "): the gateway mangled encoding_format=base64. Ask for float instead.",
                        ex.requestId, ex.status, null);
            }
            if (bytes.length % 4 != 0) {
                throw failures.protocol("Embedding " + index + " decodes to " + bytes.length + " bytes, not a whole "
                        + "number of float32 values: the gateway mangled encoding_format=base64. Ask for float "
                        + "instead.", ex.requestId, ex.status, null);
            }
            float[] v = new float[bytes.length / 4];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
            return new Embedding(index, v, "base64");
        }
        throw failures.protocol("Embedding " + index + " has no \"embedding\" array or base64 string: the answer is "
                + "not the OpenAI embeddings shape.", ex.requestId, ex.status, null);
    }

    // ---------------------------------------------------------------- the endpoint families

    /**
     * The endpoint families beyond chat, embeddings and the Responses API: images, audio, moderations, video jobs,
     * and the routes a gateway may not have (files, fine-tuning, batches). Same timeouts, proxy, CA, caps, retry
     * policy, redaction, failure taxonomy and transcripts as every call of this client.
     */
    public FamilyClient families() {
        return new FamilyClient(this);
    }

    /** One attempt's successful answer, as {@link FamilyClient} reads it. */
    interface Answer {
        int status();

        String requestId();

        ResponseHeaders headers();

        /** The {@code Content-Type} in lower case, or empty. */
        String contentType();

        /** A response header as sent, or null. */
        String header(String name);

        /** The body as text, up to the body cap (larger is a {@link FailureKind#PROTOCOL} failure). */
        String text(String what) throws IOException, ApiException;

        /** The body as bytes, up to the body cap; the transcript shows its size and type instead of the bytes. */
        byte[] bytes(String what) throws IOException, ApiException;

        /** Replaces the body text the transcript keeps (e.g. with long base64 values shortened). */
        void transcriptBody(String text);

        /** Timing up to the body's end. */
        Timing timing();

        /** The failure a success status carrying an error object, a web page or plain text stands for. */
        ApiException notTheAnswer(String text);

        /** The failure of JSON that is not the expected shape (an error object is classified as such). */
        ApiException shape(JsonElement json, String message);
    }

    /** Reads one successful answer into a result (without transcript). */
    @FunctionalInterface
    interface AnswerReader<T> {
        T read(Answer answer) throws IOException, ApiException;
    }

    /**
     * One logical call of an endpoint family, through the exchange engine of every call.
     *
     * @param bodyText the JSON body, or the description of a {@code raw} body for the transcript; empty for none
     * @param raw      a non-JSON body (multipart), or null
     * @param headers  more request headers (e.g. {@code Range}), or empty
     */
    <T> T send(Endpoint endpoint, String method, HttpUrl url, String bodyText, RequestBody raw, String accept,
               Map<String, String> headers, String model, Cancellation cancel, AnswerReader<T> reader,
               Function<T, String> summary, BiFunction<T, Transcript, T> attach, Function<T, Timing> timingOf)
            throws ApiException {
        return send(true, endpoint, method, url, bodyText, raw, accept, headers, model, cancel, reader, summary, attach,
                timingOf);
    }

    /** As above; with {@code bearer} false the key is not sent (a URL on another origin than the base URL's). */
    <T> T send(boolean bearer, Endpoint endpoint, String method, HttpUrl url, String bodyText, RequestBody raw,
               String accept, Map<String, String> headers, String model, Cancellation cancel, AnswerReader<T> reader,
               Function<T, String> summary, BiFunction<T, Transcript, T> attach, Function<T, Timing> timingOf)
            throws ApiException {
        Spec spec = new Spec(endpoint, method, url, bodyText == null ? "" : bodyText, accept, model, false, cancel,
                bearer, raw, headers == null ? Map.of() : Map.copyOf(headers));
        return exchange(spec, (response, ex) -> reader.read(new Answer() {
            @Override
            public int status() {
                return ex.status;
            }

            @Override
            public String requestId() {
                return ex.requestId;
            }

            @Override
            public ResponseHeaders headers() {
                return ex.headers;
            }

            @Override
            public String contentType() {
                return OpenAiClient.contentType(response);
            }

            @Override
            public String header(String name) {
                return response.header(name);
            }

            @Override
            public String text(String what) throws IOException, ApiException {
                return ex.readSuccess(response, what);
            }

            @Override
            public byte[] bytes(String what) throws IOException, ApiException {
                return ex.readBytes(response, what);
            }

            @Override
            public void transcriptBody(String text) {
                ex.responseBody = text;
            }

            @Override
            public Timing timing() {
                return ex.timing(ex.totalMs(), null, List.of());
            }

            @Override
            public ApiException notTheAnswer(String text) {
                return failures.http(ex.status, response.headers(), ErrorBody.parse(text, contentType()), ex.requestId,
                        model, url);
            }

            @Override
            public ApiException shape(JsonElement json, String message) {
                return shapeError(json, ex, response, model, url, message);
            }
        }), summary, attach, timingOf);
    }

    Failures failures() {
        return failures;
    }

    Sleeper sleeper() {
        return sleeper;
    }

    Clock clock() {
        return clock;
    }

    /** {@code {base}/path}, or a {@link FailureKind#WRONG_PATH} failure when the base URL is not an http(s) address. */
    HttpUrl url(String path) throws ApiException {
        return endpoint(path);
    }

    /** {@code {base}/path} as text, for curl lines. */
    String address(String path) {
        return joined(path);
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
        return curl("chat/completions", request.stream(), RequestBodies.chat(request, request.stream()), keyEnvVar);
    }

    /** The equivalent {@code curl} for a Responses API call; see {@link #curl(ChatRequest, String)}. */
    public String curl(ResponsesRequest request, String keyEnvVar) {
        Objects.requireNonNull(request, "request");
        return curl("responses", request.stream(), RequestBodies.responses(request, request.stream()), keyEnvVar);
    }

    /** The equivalent {@code curl} for an embeddings call; see {@link #curl(ChatRequest, String)}. */
    public String curl(EmbeddingsRequest request, String keyEnvVar) {
        Objects.requireNonNull(request, "request");
        return curl("embeddings", false, RequestBodies.embeddings(request), keyEnvVar);
    }

    /** The equivalent {@code curl} for a body sent as written; see {@link #curl(ChatRequest, String)}. */
    public String curl(RawRequest request, String keyEnvVar) {
        Objects.requireNonNull(request, "request");
        return curl(request.api().path(), request.stream(), request.json(), keyEnvVar);
    }

    /** The equivalent {@code curl} for {@code GET /models}; see {@link #curl(ChatRequest, String)}. */
    public String curlModels(String keyEnvVar) {
        return curl("models", false, null, keyEnvVar);
    }

    private String curl(String path, boolean stream, String body, String keyEnvVar) {
        if (keyEnvVar != null && !keyEnvVar.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("not a shell variable name: " + keyEnvVar);
        }
        StringBuilder sb = new StringBuilder("curl -sS");
        if (stream) {
            sb.append(" -N");
        }
        sb.append(' ').append(shellQuote(joined(path)));
        if (keyEnvVar != null) {
            sb.append(" \\\n  -H \"Authorization: Bearer $").append(keyEnvVar).append('"');
        }
        if (body != null) {
            sb.append(" \\\n  -H 'Content-Type: application/json'");
        }
        sb.append(" \\\n  -H 'Accept: ").append(stream ? ACCEPT_SSE : ACCEPT_JSON).append('\'');
        if (body != null) {
            sb.append(" \\\n  -d ").append(shellQuote(body));
        }
        return failures.redact(sb.toString());
    }

    // ---------------------------------------------------------------- the gateway's own routes

    /**
     * The gateway's origin, where its own routes live (usage, quota, request log, prices): the base URL without a
     * trailing {@code /v1} or {@code /api/v1}, ending in {@code /}.
     *
     * @throws ApiException ({@link FailureKind#WRONG_PATH}) when the base URL is not an http(s) address
     */
    public String origin() throws ApiException {
        return originUrl().toString();
    }

    private HttpUrl originUrl() throws ApiException {
        HttpUrl url = endpoint("");
        String path = url.encodedPath().replaceAll("/+$", "");
        String lower = path.toLowerCase(Locale.ROOT);
        for (String suffix : new String[] {"/api/v1", "/v1"}) {
            if (lower.endsWith(suffix)) {
                path = path.substring(0, path.length() - suffix.length());
                break;
            }
        }
        return url.newBuilder().encodedPath(path.isEmpty() ? "/" : path + "/").query(null).build();
    }

    /**
     * {@code GET} a JSON document from one of the gateway's own routes (usage, quota, request log, prices), through
     * the same path as every API call: the {@link Endpoint#ACCOUNT} timeouts, proxy, CA bundle, size limit, retry
     * policy, redaction and failure taxonomy (an HTML page, a refused key, a timeout each get one plain message).
     *
     * @param path  relative to the {@link #origin()}, e.g. {@code api/usage/token}
     * @param query query parameters in order (encoded here); empty for none
     * @param key   whether and how the config's key goes along
     * @return the document (a JSON object or array); empty when the gateway answers 404: no such route or record
     */
    public Optional<JsonElement> getJson(String path, Map<String, String> query, KeySent key, Cancellation cancel)
            throws ApiException {
        HttpUrl route = originUrl().resolve(path);
        if (route == null) {
            throw new ApiException(FailureKind.WRONG_PATH, failures.redact("\"" + path + "\" is not a path on "
                    + config.baseUrl() + "."), 0, "", "", null, null);
        }
        HttpUrl.Builder b = route.newBuilder();
        query.forEach(b::addQueryParameter);
        if (key == KeySent.QUERY && config.apiKey() != null) {
            b.addQueryParameter("key", config.apiKey());
        }
        HttpUrl url = b.build();
        Spec spec = new Spec(Endpoint.ACCOUNT, "GET", url, "", ACCEPT_JSON, null, false, cancel,
                key == KeySent.BEARER);
        try {
            return Optional.of(exchange(spec, (response, ex) -> {
                String text = ex.readSuccess(response, "answer of " + url.encodedPath());
                JsonElement json = ErrorBody.parseJson(text);
                if (json == null) {
                    throw failures.http(Endpoint.ACCOUNT, ex.status, response.headers(),
                            ErrorBody.parse(text, contentType(response)), ex.requestId, null, url);
                }
                return json;
            }, json -> "JSON document", (json, transcript) -> json, json -> null));
        } catch (ApiException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    // ---------------------------------------------------------------- helpers

    /** The JSON body: {@code model}, {@code messages}, and only the options that are set. */
    static String bodyJson(ChatRequest request, boolean stream) {
        return RequestBodies.chat(request, stream);
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

    /** The request ID: the gateway's own ID header first ({@link ResponseHeaders#requestId()}). */
    static String requestId(Response response) {
        return ResponseHeaders.requestId(response.headers());
    }

    /** Remembers a server's announced idle timeout ({@code Keep-Alive: timeout=N}) when it is shorter than the pool's. */
    private void noteKeepAlive(String header) {
        if (header == null) {
            return;
        }
        java.util.regex.Matcher m = KEEP_ALIVE_TIMEOUT.matcher(header);
        if (m.find()) {
            long ms = Long.parseLong(m.group(1)) * 1000;
            serverIdleMs = ms < POOL_KEEP_ALIVE.toMillis() ? Math.max(1, ms) : 0;
        }
    }

    private static String contentType(Response response) {
        String ct = response.header("Content-Type");
        return ct == null ? "" : ct.toLowerCase(Locale.ROOT);
    }

    /** At most {@code max} bytes of the body as text; the rest is left unread and closed with the response. */
    private static String readCapped(BufferedSource source, long max) throws IOException {
        source.request(max);
        long n = Math.min(max, source.getBuffer().size());
        return source.getBuffer().readUtf8(n);
    }

    private ApiException shapeError(JsonElement json, Exchange ex, Response response, String model, HttpUrl url,
                                    String message) {
        ErrorBody error = ErrorBody.fromJson(json);
        if (error.isJsonError()) {
            return failures.http(ex.status, response.headers(), error, ex.requestId, model, url);
        }
        return failures.protocol(message, ex.requestId, ex.status, null);
    }

    private static String megabytes(long bytes) {
        return bytes >= 1024 * 1024 ? bytes / (1024 * 1024) + " MB" : bytes / 1024 + " KB";
    }

    static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    // ---------------------------------------------------------------- the exchange engine

    /** What to send. */
    /**
     * What to send.
     *
     * @param body    the body as text (JSON), or for a {@code raw} body its description; what the transcript shows
     * @param raw     a body other than JSON (multipart), or null to send {@code body} as JSON
     * @param headers more request headers ({@code Range}), or empty
     */
    private record Spec(Endpoint endpoint, String method, HttpUrl url, String body, String accept, String model,
                        boolean streaming, Cancellation cancel, boolean bearer, RequestBody raw,
                        Map<String, String> headers) {
        /** An API call: the key goes as the Bearer header. */
        Spec(Endpoint endpoint, String method, HttpUrl url, String body, String accept, String model,
             boolean streaming, Cancellation cancel) {
            this(endpoint, method, url, body, accept, model, streaming, cancel, true);
        }

        Spec(Endpoint endpoint, String method, HttpUrl url, String body, String accept, String model,
             boolean streaming, Cancellation cancel, boolean bearer) {
            this(endpoint, method, url, body, accept, model, streaming, cancel, bearer, null, Map.of());
        }

        Request request(String apiKey, CallTimer timer) {
            Request.Builder b = new Request.Builder().url(url).header("Accept", accept).tag(CallTimer.class, timer);
            b.tag(KeyOrigin.class, KeyOrigin.of(url, apiKey)); // issue 17 case 2: the key stays with its origin
            if (apiKey != null && bearer) {
                b.header("Authorization", "Bearer " + apiKey);
            }
            headers.forEach(b::header);
            if (method.equals("GET")) {
                b.get();
            } else {
                b.method(method, raw != null ? raw : RequestBody.create(body, JSON_TYPE));
            }
            return b.build();
        }
    }

    /** Reads a success answer of one attempt into a result (without transcript). */
    @FunctionalInterface
    private interface BodyReader<T> {
        T read(Response response, Exchange ex) throws ApiException, IOException;
    }

    private OkHttpClient clientFor(Timeouts t) {
        return clients.computeIfAbsent(t, k -> base.newBuilder()
                .addNetworkInterceptor(KeyOrigin.GUARD)
                .connectTimeout(k.connect())
                .readTimeout(k.firstByte())
                .writeTimeout(k.firstByte())
                .callTimeout(k.total())
                .eventListenerFactory(call -> {
                    CallTimer timer = call.request().tag(CallTimer.class);
                    return timer == null ? EventListener.NONE : timer;
                })
                .build());
    }

    /**
     * Runs one logical call: attempts (retried per the policy), the transcript, typed headers, and classification.
     */
    private <T> T exchange(Spec spec, BodyReader<T> reader, Function<T, String> summary,
                           BiFunction<T, Transcript, T> attach, Function<T, Timing> timingOf) throws ApiException {
        Timeouts timeouts = config.timeouts(spec.endpoint());
        OkHttpClient client = clientFor(timeouts);
        TranscriptLog log = new TranscriptLog(spec.method(), failures.redact(spec.url().toString()),
                failures.redact(spec.body()));
        long sleptRealNanos = 0;
        long sleptVirtualMs = 0;
        for (int attempt = 1; ; attempt++) {
            Exchange ex = new Exchange(spec, timeouts, log.sinceStartMs());
            ApiException failure;
            Response response = null;
            try {
                try {
                    response = ex.execute(client);
                } finally {
                    log.noteStale(ex);
                }
                if (response.isSuccessful()) {
                    // Once a success body has started, the call is not retried: the first answer is the answer.
                    T result;
                    try {
                        result = reader.read(response, ex);
                    } catch (IOException e) {
                        throw log.unretried(ex, ex.failure(e, null, 0), attempt);
                    } catch (ApiException e) {
                        throw log.unretried(ex, e, attempt);
                    }
                    Transcript t = log.finish(ex, summary.apply(result), timingOf.apply(result));
                    return attach.apply(result, t);
                }
                String text = readCapped(response.body().source(), maxErrorBytes);
                ex.responseBody = text;
                failure = failures.http(spec.endpoint(), response.code(), response.headers(),
                        ErrorBody.parse(text, contentType(response)), ex.requestId, spec.model(), spec.url());
            } catch (IOException e) {
                failure = ex.failure(e, null, 0);
            } finally {
                if (response != null) {
                    response.close();
                }
                ex.end();
            }
            long spentMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - log.startNanos - sleptRealNanos)
                    + sleptVirtualMs;
            Decision d = decide(failure, ex, attempt, spentMs);
            ApiException outgoing = d.message == null ? failure : failure.withMessage(d.message);
            if (!d.retry) {
                Transcript t = log.finishFailed(ex, outgoing, d, attempt);
                throw outgoing.attach(ex.headers, t, attempt);
            }
            log.attempt(ex, failure.kind() + ": " + failure.getMessage(), d.delay.toMillis(), d.note);
            long before = System.nanoTime();
            try {
                sleeper.sleep(d.delay, spec.cancel());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ApiException c = new ApiException(FailureKind.CANCELLED, "The request was interrupted while waiting "
                        + "to retry.", failure.status(), failure.requestId(), "", null, e);
                throw c.attach(ex.headers, log.finishCancelled(c, attempt), attempt);
            }
            sleptRealNanos += System.nanoTime() - before;
            sleptVirtualMs += d.delay.toMillis();
            if (spec.cancel() != null && spec.cancel().isCancelled()) {
                ApiException c = new ApiException(FailureKind.CANCELLED, "Cancelled while waiting to retry (after "
                        + attempt + " attempt" + (attempt == 1 ? "" : "s") + ").", failure.status(),
                        failure.requestId(), "", null, null);
                throw c.attach(ex.headers, log.finishCancelled(c, attempt), attempt);
            }
        }
    }

    /** Whether to retry, after how long, and why (or why not). */
    private record Decision(boolean retry, Duration delay, String note, String message) {
        static Decision stop(String note, String message) {
            return new Decision(false, Duration.ZERO, note, message);
        }
    }

    private Decision decide(ApiException failure, Exchange ex, int attempt, long spentMs) {
        if (!retry.enabled() || failure.kind() == FailureKind.CANCELLED) {
            return Decision.stop("", null);
        }
        String why;
        if (ex.gotHeaders) {
            Boolean should = ex.headers.shouldRetry();
            if (Boolean.FALSE.equals(should)) {
                return Decision.stop("the gateway sent x-should-retry: false", null);
            }
            if (!Boolean.TRUE.equals(should) && !RetryPolicy.retryableStatus(ex.status)) {
                return Decision.stop("", null);
            }
            why = Boolean.TRUE.equals(should) ? "x-should-retry: true" : "HTTP " + ex.status;
        } else {
            if (!retryableTransport(failure)) {
                return Decision.stop("", null);
            }
            why = "connection failed before any answer";
        }
        Duration asked = ex.headers.retryAfter();
        if (asked != null && asked.compareTo(retry.maxRetryAfter()) > 0) {
            String note = "the gateway asked to wait " + Failures.human(asked) + ", longer than the "
                    + Failures.human(retry.maxRetryAfter()) + " this client waits";
            return Decision.stop(note, failure.getMessage() + " Not retried automatically: the gateway asked to wait "
                    + Failures.human(asked) + ", longer than the " + Failures.human(retry.maxRetryAfter())
                    + " limit for automatic retries.");
        }
        if (attempt >= retry.maxAttempts()) {
            return Decision.stop("gave up after " + attempt + " attempts", attempt > 1 ? failure.getMessage()
                    + " (Tried " + attempt + " times.)" : null);
        }
        Duration delay = asked != null ? asked : retry.backoff(attempt, random.getAsDouble());
        if (spentMs + delay.toMillis() > retry.maxTotal().toMillis()) {
            return Decision.stop("the next wait would pass the " + Failures.human(retry.maxTotal())
                    + " retry budget", failure.getMessage() + " (Tried " + attempt + " time" + (attempt == 1 ? "" : "s")
                    + "; the " + Failures.human(retry.maxTotal()) + " retry budget is spent.)");
        }
        return new Decision(true, delay, why + (asked != null ? ", waiting as asked by retry-after" : ""), null);
    }

    private static boolean retryableTransport(ApiException failure) {
        Throwable cause = failure.getCause();
        if (Failures.cause(cause, UnknownHostException.class) != null || failure.kind() == FailureKind.TLS) {
            return false;
        }
        if (failure.kind() == FailureKind.TIMEOUT) {
            return Failures.cause(cause, ConnectException.class) != null
                    || String.valueOf(cause == null ? "" : cause.getMessage()).toLowerCase(Locale.ROOT)
                    .contains("connect");
        }
        return failure.kind() == FailureKind.NETWORK
                || Failures.cause(cause, NoRouteToHostException.class) != null;
    }

    /** The transcript being written for one logical call. */
    private final class TranscriptLog {
        final long startNanos = System.nanoTime();
        final String method;
        final String url;
        final String body;
        final List<Transcript.Attempt> attempts = new ArrayList<>();

        TranscriptLog(String method, String url, String body) {
            this.method = method;
            this.url = url;
            this.body = body == null ? "" : body;
        }

        long sinceStartMs() {
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        }

        void attempt(Exchange ex, String outcome, long retryDelayMs, String note) {
            attempts.add(new Transcript.Attempt(attempts.size() + 1, ex.startedAtMs, ex.status, ex.headerList(),
                    failures.redact(outcome), retryDelayMs, note));
        }

        /** Records the attempt that failed on a pooled connection the server had closed, when there was one. */
        void noteStale(Exchange ex) {
            if (ex.staleFailure != null) {
                attempts.add(new Transcript.Attempt(attempts.size() + 1, ex.startedAtMs, 0, List.of(),
                        failures.redact("connection closed: " + Objects.requireNonNullElse(
                                ex.staleFailure.getMessage(), ex.staleFailure.getClass().getSimpleName())), 0,
                        "the server had closed this idle pooled connection before any answer; sent again on a new "
                                + "connection"));
            }
        }

        Transcript finish(Exchange ex, String outcome, Timing timing) {
            attempt(ex, "ok", -1, "");
            return build(ex, outcome, null, timing);
        }

        /** A failure after the body had started: recorded, not retried. */
        ApiException unretried(Exchange ex, ApiException e, int attempt) {
            String line = e.kind() + ": " + e.getMessage();
            attempt(ex, line, -1, "");
            return e.attach(ex.headers, build(ex, line, e.kind(), partialTiming(e)), attempt);
        }

        Transcript finishFailed(Exchange ex, ApiException e, Decision d, int attempt) {
            String line = e.kind() + ": " + e.getMessage();
            attempt(ex, line, -1, d.note);
            return build(ex, line, e.kind(), ex.gotHeaders ? ex.timing(ex.elapsedMs(), null, List.of()) : null);
        }

        Transcript finishCancelled(ApiException e, int attempt) {
            return new Transcript(method, url, body, attempts, List.of(), "", e.kind() + ": " + e.getMessage(),
                    e.kind(), null);
        }

        private Timing partialTiming(ApiException e) {
            if (e.partial() != null) {
                return e.partial().timing();
            }
            return e.partialResponse() != null ? e.partialResponse().timing() : null;
        }

        private Transcript build(Exchange ex, String outcome, FailureKind kind, Timing timing) {
            List<Transcript.RawEvent> events = new ArrayList<>(ex.events.size());
            for (Transcript.RawEvent e : ex.events) {
                events.add(new Transcript.RawEvent(e.atMs(), failures.redact(e.event()), failures.redact(e.data())));
            }
            String responseBody = ex.responseBody == null ? "" : failures.redact(
                    Failures.clip(ex.responseBody, Transcript.MAX_BODY_CHARS));
            Timing t = timing != null ? timing : ex.gotHeaders ? ex.timing(ex.elapsedMs(), null, List.of()) : null;
            return new Transcript(method, url, body, attempts, events, responseBody, failures.redact(outcome), kind,
                    t);
        }
    }

    /**
     * One HTTP attempt: its start time, cancel hook, timing and what arrived. Times are taken at the network layer
     * (see {@link CallTimer}): from the moment the request started to go out.
     */
    private final class Exchange {
        private final Spec spec;
        private final Timeouts timeouts;
        final long startedAtMs;
        CallTimer timer;
        final List<Transcript.RawEvent> events = new ArrayList<>();
        private long transcriptChars;
        private okhttp3.Call call;
        private Runnable hook;
        private long startNanos;
        /** The failure of a pooled connection the server had closed, when the request was sent again; else null. */
        IOException staleFailure;
        boolean gotHeaders;
        int status;
        String requestId = "";
        long ttfbMs;
        ResponseHeaders headers = ResponseHeaders.EMPTY;
        okhttp3.Headers rawHeaders;
        String responseBody;

        Exchange(Spec spec, Timeouts timeouts, long startedAtMs) {
            this.spec = spec;
            this.timeouts = timeouts;
            this.startedAtMs = startedAtMs;
            this.timer = new CallTimer(timeouts.firstByte());
        }

        /**
         * Sends the request. When it fails on a pooled connection the server had already closed, before any answer
         * arrived (see {@link CallTimer#failedOnStaleConnection}), it is sent once more on a new connection: the idle
         * connections are dropped first, as the server has most likely closed them all.
         */
        Response execute(OkHttpClient client) throws IOException {
            long idle = serverIdleMs;
            long last = lastEndNanos;
            if (idle > 0 && last != 0 && System.nanoTime() - last >= TimeUnit.MILLISECONDS.toNanos(
                    Math.max(0, idle - KEEP_ALIVE_MARGIN_MS))) {
                client.connectionPool().evictAll();
            }
            Response response;
            try {
                response = send(client);
            } catch (IOException e) {
                if (cancelled() || !timer.failedOnStaleConnection(e)) {
                    throw e;
                }
                staleFailure = e;
                end();
                client.connectionPool().evictAll();
                timer = new CallTimer(timeouts.firstByte());
                response = send(client);
            }
            long headersAt = timer.responseHeadersNanos();
            ttfbMs = TimeUnit.NANOSECONDS.toMillis((headersAt == 0 ? System.nanoTime() : headersAt) - origin());
            gotHeaders = true;
            status = response.code();
            requestId = requestId(response);
            rawHeaders = response.headers();
            headers = ResponseHeaders.of(response.headers(), clock.instant());
            noteKeepAlive(response.header("Keep-Alive"));
            if (!timeouts.idle().equals(timeouts.firstByte())) {
                response.body().source().timeout().timeout(timeouts.idle().toMillis(), TimeUnit.MILLISECONDS);
            }
            return response;
        }

        private Response send(OkHttpClient client) throws IOException {
            call = client.newCall(spec.request(config.apiKey(), timer));
            if (spec.cancel() != null) {
                hook = call::cancel;
                spec.cancel().onCancel(hook);
            }
            startNanos = System.nanoTime();
            return call.execute();
        }

        /** The request's start on the wire (or, when it never got there, the call's start). */
        private long origin() {
            return timer.originNanos(startNanos);
        }

        /** Milliseconds since the request started to go out. */
        long elapsedMs() {
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - origin());
        }

        /** Milliseconds from the request's start to the body's last byte (to now when the body was not read out). */
        long totalMs() {
            long end = timer.responseBodyEndNanos();
            return TimeUnit.NANOSECONDS.toMillis((end == 0 ? System.nanoTime() : end) - origin());
        }

        void event(SseReader.Event e) {
            if (events.size() >= MAX_TRANSCRIPT_EVENTS || transcriptChars > MAX_TRANSCRIPT_CHARS) {
                return; // the transcript keeps the stream's start; the reader's caps bound the rest
            }
            transcriptChars += e.data().length();
            events.add(new Transcript.RawEvent(elapsedMs(), e.name(), e.data()));
        }

        /** Progress watchdog: the next complete event (or the whole body) must arrive within the idle budget. */
        void awaitProgress(BufferedSource source) {
            source.timeout().deadline(timeouts.idle().toMillis(), TimeUnit.MILLISECONDS);
        }

        Timing timing(long totalMs, Long ttftMs, List<Long> gaps) {
            return new Timing(ttfbMs, ttftMs, totalMs, timer.connectMs(), timer.tlsMs(), gaps);
        }

        List<Transcript.Header> headerList() {
            List<Transcript.Header> list = new ArrayList<>();
            if (rawHeaders != null) {
                for (int i = 0; i < rawHeaders.size(); i++) {
                    String name = rawHeaders.name(i);
                    if (name.equalsIgnoreCase("authorization") || name.equalsIgnoreCase("proxy-authorization")) {
                        continue;
                    }
                    String value = name.equalsIgnoreCase("set-cookie") ? Redactor.MARK
                            : failures.redact(rawHeaders.value(i));
                    list.add(new Transcript.Header(name, value));
                }
            }
            return list;
        }

        /** Reads a success body up to the limit; larger is a {@link FailureKind#PROTOCOL} failure. */
        String readSuccess(Response response, String what) throws IOException, ApiException {
            BufferedSource source = response.body().source();
            awaitProgress(source);
            if (response.body().contentLength() > maxBodyBytes || source.request(maxBodyBytes + 1)) {
                throw failures.protocol("The " + what + " is larger than " + megabytes(maxBodyBytes) + ", far more "
                        + "than an API answer: the URL probably serves something else (a file or a page). Check the "
                        + "base URL.", requestId, response.code(), null);
            }
            responseBody = source.getBuffer().readUtf8();
            return responseBody;
        }

        /**
         * Reads a binary success body up to the limit (larger is a {@link FailureKind#PROTOCOL} failure); the
         * transcript keeps its size and type, not the bytes.
         */
        byte[] readBytes(Response response, String what) throws IOException, ApiException {
            BufferedSource source = response.body().source();
            awaitProgress(source);
            if (response.body().contentLength() > maxBodyBytes || source.request(maxBodyBytes + 1)) {
                throw failures.protocol("The " + what + " is larger than " + megabytes(maxBodyBytes) + ", more than "
                        + "this client reads: stopped reading.", requestId, response.code(), null);
            }
            byte[] bytes = source.getBuffer().readByteArray();
            String type = contentType(response);
            responseBody = "(binary body: " + bytes.length + " bytes" + (type.isEmpty() ? ", no Content-Type"
                    : ", " + type) + ")";
            return bytes;
        }

        boolean cancelled() {
            return spec.cancel() != null && spec.cancel().isCancelled();
        }

        ApiException failure(IOException e, ChatResult partial, int eventsSoFar) {
            boolean cancelled = cancelled();
            if (!cancelled && !gotHeaders && timer.headersTimedOut()) {
                e = new CallTimer.HeadersTimeout(e); // the clock on the headers cancelled the call, not the caller
            }
            return failures.io(e, spec.url(), cancelled, gotHeaders, spec.streaming(), status, requestId, partial,
                    timeouts, eventsSoFar, spec.endpoint() == Endpoint.RESPONSES_STREAM ? "stream event"
                            : "stream chunk");
        }

        void end() {
            if (hook != null) {
                spec.cancel().remove(hook);
                hook = null;
            }
            lastEndNanos = System.nanoTime();
        }
    }
}
