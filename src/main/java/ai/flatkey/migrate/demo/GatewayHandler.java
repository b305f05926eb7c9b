package ai.flatkey.migrate.demo;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Routes every request of the demo gateway: request IDs and timing, routing (404 / 405), API keys (401), per-key
 * request and token rate limits (429 and {@code x-ratelimit-*}), faults asked for ({@code x-demo-fault}, fault
 * models), body size (413), per-key quota (429 {@code insufficient_quota}), then the OpenAI routes (models, chat
 * completions, Responses, embeddings) and the Flatkey key-scoped routes.
 */
final class GatewayHandler implements HttpHandler {

    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    /** An oversized body is read and dropped up to this size, so the client can read the 413. */
    private static final long DRAIN_LIMIT_BYTES = 64L * 1024 * 1024;
    private static final System.Logger LOG = System.getLogger(GatewayHandler.class.getName());

    /** Where a route lives: the OpenAI API under /v1, new-api's key routes under /api, or public. */
    private enum Family { V1, API, PUBLIC }

    /** A route that answers every method alike. */
    private static final String ANY = "*";

    private enum Route {
        MODELS("GET", Family.V1), MODEL("GET", Family.V1), CHAT("POST", Family.V1),
        RESPONSES("POST", Family.V1), EMBEDDINGS("POST", Family.V1), CREDITS("GET", Family.V1),
        STATUS("GET", Family.V1), USAGE_TOKEN("GET", Family.API), LOG_TOKEN("GET", Family.API),
        PRICING("GET", Family.PUBLIC), NEW_API_PRICING("GET", Family.PUBLIC), NEW_API_STATUS("GET", Family.PUBLIC),
        // The endpoint families beyond chat (MediaApi), and the routes new-api has but does not implement
        IMAGES_GENERATIONS("POST", Family.V1), IMAGES_EDITS("POST", Family.V1), IMAGES_VARIATIONS("POST", Family.V1),
        AUDIO_TRANSCRIPTIONS("POST", Family.V1), AUDIO_TRANSLATIONS("POST", Family.V1), AUDIO_SPEECH("POST", Family.V1),
        MODERATIONS("POST", Family.V1), VIDEOS("POST", Family.V1), VIDEO("GET", Family.V1),
        VIDEO_CONTENT("GET", Family.V1), FILES(ANY, Family.V1), FINE_TUNES(ANY, Family.V1),
        DEMO_FILE("GET", Family.PUBLIC);

        private final String method;
        private final Family family;

        Route(String method, Family family) {
            this.method = method;
            this.family = family;
        }
    }

    private static final Map<String, Route> PATHS = Map.ofEntries(
            Map.entry("/v1/models", Route.MODELS),
            Map.entry("/v1/chat/completions", Route.CHAT),
            Map.entry("/v1/responses", Route.RESPONSES),
            Map.entry("/v1/embeddings", Route.EMBEDDINGS),
            Map.entry("/v1/credits", Route.CREDITS),
            Map.entry("/v1/status", Route.STATUS),
            Map.entry("/api/usage/token", Route.USAGE_TOKEN),
            Map.entry("/api/usage/token/", Route.USAGE_TOKEN),
            Map.entry("/api/log/token", Route.LOG_TOKEN),
            Map.entry("/api/website/pricing", Route.PRICING),
            Map.entry("/api/pricing", Route.NEW_API_PRICING),
            Map.entry("/api/status", Route.NEW_API_STATUS),
            Map.entry("/v1/images/generations", Route.IMAGES_GENERATIONS),
            Map.entry("/v1/images/edits", Route.IMAGES_EDITS),
            Map.entry("/v1/images/variations", Route.IMAGES_VARIATIONS),
            Map.entry("/v1/audio/transcriptions", Route.AUDIO_TRANSCRIPTIONS),
            Map.entry("/v1/audio/translations", Route.AUDIO_TRANSLATIONS),
            Map.entry("/v1/audio/speech", Route.AUDIO_SPEECH),
            Map.entry("/v1/moderations", Route.MODERATIONS),
            Map.entry("/v1/videos", Route.VIDEOS),
            Map.entry("/v1/files", Route.FILES),
            Map.entry("/v1/fine-tunes", Route.FINE_TUNES));

    private final Catalog catalog;
    private final Ledger ledger;
    private final Tariff tariff;
    private final Map<String, RateLimiter> requestLimits;
    private final Map<String, RateLimiter> tokenLimits;
    private final ChatRequestReader chatReader;
    private final ResponsesApi responsesApi;
    private final EmbeddingsApi embeddingsApi;
    private final ChatStreamer streamer;
    private final MediaApi media;
    private final AtomicLong requests = new AtomicLong();

    GatewayHandler(Catalog catalog, Ledger ledger, Map<String, KeyPlan> plans, LongSupplier nanoClock,
                   ChatStreamer streamer) {
        this.catalog = catalog;
        this.ledger = ledger;
        this.tariff = ledger.tariff();
        Map<String, RateLimiter> requestMap = new HashMap<>();
        Map<String, RateLimiter> tokenMap = new HashMap<>();
        plans.forEach((key, plan) -> {
            requestMap.put(key, new RateLimiter(plan.requests(), nanoClock));
            tokenMap.put(key, new RateLimiter(plan.tokens(), nanoClock));
        });
        this.requestLimits = Map.copyOf(requestMap);
        this.tokenLimits = Map.copyOf(tokenMap);
        this.chatReader = new ChatRequestReader(catalog);
        this.responsesApi = new ResponsesApi(catalog);
        this.embeddingsApi = new EmbeddingsApi(catalog);
        this.streamer = streamer;
        this.media = new MediaApi(catalog, new MediaApi.Admission() {
            @Override
            public boolean admit(Call call, String key, String endpoint, CatalogModel model, Faults faults, int prompt,
                                 int completion) throws IOException, InterruptedException {
                return GatewayHandler.this.admit(call, key, endpoint, model, faults, prompt, completion, false, 0);
            }

            @Override
            public boolean admitTask(Call call, String key, String endpoint, CatalogModel model, Faults faults,
                                     int prompt, int seconds) throws IOException, InterruptedException {
                return GatewayHandler.this.admit(call, key, endpoint, model, faults, prompt, 0, false, seconds);
            }

            @Override
            public ApiError refusal(Rejection rejection) {
                return GatewayHandler.this.refusal(rejection);
            }
        }, new VideoJobs(System::currentTimeMillis));
    }

    long requestCount() {
        return requests.get();
    }

    @Override
    public void handle(HttpExchange exchange) {
        long start = System.nanoTime();
        requests.incrementAndGet();
        Call call = tariff.newApi() ? new Call(exchange, Ids.newApiRequestId(), start, "X-Oneapi-Request-Id")
                : new Call(exchange, Ids.requestId(), start);
        try {
            handle(call);
        } catch (IOException e) {
            // The client went away before the answer was written: nothing left to tell it.
            LOG.log(System.Logger.Level.DEBUG, () -> call.requestId() + ": client gone: " + e.getMessage());
        } catch (InterruptedException e) {
            // The gateway is closing.
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "demo gateway request " + call.requestId() + " failed", e);
            try {
                call.sendError(new ApiError(500, "The demo gateway had an internal error (request "
                        + call.requestId() + ").", "server_error", null, null, Map.of()));
            } catch (IOException | RuntimeException ignored) {
                // Headers were already sent or the client left; the connection is closed below.
            }
        } finally {
            call.close();
        }
    }

    private void handle(Call call) throws IOException, InterruptedException {
        String path = call.path();
        Optional<Route> found = route(path).filter(this::served);
        if (found.isEmpty()) {
            call.sendError(ApiError.invalidRequest(404, "Invalid URL (" + call.method() + " " + path + ")",
                    null, null));
            return;
        }
        Route route = found.get();
        if (!route.method.equals(ANY) && !call.method().equals(route.method)) {
            call.header("Allow", route.method);
            call.sendError(ApiError.invalidRequest(405, "Method not allowed: " + call.method() + " " + path
                    + " accepts " + route.method + " only.", null, "method_not_allowed"));
            return;
        }
        if (publicRoute(call, route)) {
            return;
        }
        Optional<String> key = bearerKey(call);
        boolean known = key.isPresent() && ledger.plan(key.get()).isPresent();
        if (route.family == Family.API) {
            accountRoute(call, route, key, known);
            return;
        }
        if (!known) {
            call.sendError(unauthorized(key));
            return;
        }
        String apiKey = key.get();
        RateLimiter.Decision limit = requestLimits.get(apiKey).acquire(apiKey);
        call.header("x-ratelimit-limit-requests", Integer.toString(limit.limit()));
        call.header("x-ratelimit-remaining-requests", Integer.toString(limit.remaining()));
        call.header("x-ratelimit-reset-requests", RateLimiter.formatReset(limit.resetNanos()));
        tokenHeaders(call, tokenLimits.get(apiKey).acquire(apiKey, 0));
        if (!limit.allowed()) {
            call.sendError(rateLimited(apiKey, limit, "requests", 1));
            return;
        }
        Faults faults;
        try {
            faults = Faults.parse(call.requestHeader(Faults.HEADER).orElse(null));
        } catch (Rejection rejection) {
            call.sendError(refusal(rejection));
            return;
        }
        switch (route) {
            case CHAT -> chat(call, apiKey, faults);
            case RESPONSES -> responses(call, apiKey, faults);
            case EMBEDDINGS -> embeddings(call, apiKey, faults);
            case IMAGES_GENERATIONS, IMAGES_EDITS, AUDIO_TRANSCRIPTIONS, AUDIO_TRANSLATIONS, AUDIO_SPEECH, MODERATIONS,
                    VIDEOS -> media(call, route, apiKey, faults);
            case IMAGES_VARIATIONS, FILES, FINE_TUNES -> MediaApi.notImplemented(call);
            case VIDEO, VIDEO_CONTENT -> {
                if (answeredByFault(call, faults)) {
                    return;
                }
                String rest = path.substring("/v1/videos/".length());
                if (route == Route.VIDEO) {
                    media.video(call, apiKey, rest);
                } else {
                    media.videoContent(call, apiKey, rest.substring(0, rest.length() - "/content".length()));
                }
            }
            default -> {
                if (answeredByFault(call, faults)) {
                    return;
                }
                switch (route) {
                    case MODELS -> call.sendJson(200, modelList());
                    case MODEL -> model(call, path.substring("/v1/models/".length()));
                    case CREDITS -> call.sendJson(200, AccountRoutes.credits(ledger.balance(apiKey), tariff));
                    case STATUS -> call.sendJson(200, AccountRoutes.status(ledger.balance(apiKey),
                            ledger.plan(apiKey).orElseThrow(), catalog.ids(), tariff));
                    default -> throw new IllegalStateException("unrouted " + route);
                }
            }
        }
    }

    /** Answers the routes anyone may read (the pricing and status of the gateway); false for every other route. */
    private boolean publicRoute(Call call, Route route) throws IOException {
        switch (route) {
            case DEMO_FILE -> media.file(call, call.path());
            case PRICING -> call.sendJson(200, AccountRoutes.pricing(catalog.models()));
            case NEW_API_PRICING -> call.sendJson(200, AccountRoutes.newApiPricing(catalog.models(), tariff));
            case NEW_API_STATUS -> call.sendJson(200, AccountRoutes.newApiStatus(tariff));
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The key-scoped account routes ({@code /api/usage/token}, {@code /api/log/token}), in new-api's own answers. */
    private void accountRoute(Call call, Route route, Optional<String> key, boolean known) throws IOException {
        if (!known) {
            call.sendJson(401, AccountRoutes.failure(key.isEmpty()
                    ? "No Authorization header: send the key as Authorization: Bearer <key>."
                    : "Invalid token: the demo gateway does not know the key " + KeyMask.mask(key.get()) + "."));
            return;
        }
        Ledger.Balance balance = ledger.balance(key.get());
        if (route == Route.USAGE_TOKEN) {
            call.sendJson(200, AccountRoutes.usageToken(balance));
        } else {
            call.sendJson(200, AccountRoutes.logToken(balance.name(), ledger.entries(key.get()), tariff, catalog));
        }
    }

    /** Routes only one personality has: Flatkey's website pricing; new-api's pricing and status. */
    private boolean served(Route route) {
        return switch (route) {
            case PRICING -> !tariff.newApi();
            case NEW_API_PRICING, NEW_API_STATUS -> tariff.newApi();
            default -> true;
        };
    }

    /**
     * A refusal as this gateway words it: new-api answers an unknown model with HTTP 503 and "No available channel
     * for model … under group default (distributor)".
     */
    private ApiError refusal(Rejection rejection) {
        ApiError error = rejection.error();
        if (!tariff.newApi() || !"model_not_found".equals(error.code())) {
            return error;
        }
        String message = error.message();
        int open = message.indexOf('`');
        int close = message.indexOf('`', open + 1);
        String model = open >= 0 && close > open ? message.substring(open + 1, close) : "";
        return new ApiError(503, "No available channel for model " + model + " under group default (distributor)",
                "new_api_error", null, "model_not_found", Map.of());
    }

    /** new-api relays the answer from an upstream channel, whose {@code x-request-id} it copies through. */
    private void relayed(Call call) {
        if (tariff.newApi()) {
            call.upstreamRequestId(Ids.requestId());
        }
    }

    private static Optional<Route> route(String path) {
        Route route = PATHS.get(path);
        if (route != null) {
            return Optional.of(route);
        }
        if (path.startsWith("/v1/models/") && path.length() > "/v1/models/".length()) {
            return Optional.of(Route.MODEL);
        }
        if (path.matches("/v1/videos/[^/]+/content")) {
            return Optional.of(Route.VIDEO_CONTENT);
        }
        if (path.matches("/v1/videos/[^/]+")) {
            return Optional.of(Route.VIDEO);
        }
        if (path.matches("/v1/files/[^/]+(/content)?")) {
            return Optional.of(Route.FILES);
        }
        if (path.matches("/v1/fine-tunes/[^/]+(/cancel|/events)?")) {
            return Optional.of(Route.FINE_TUNES);
        }
        if (path.matches(MediaApi.FILES_PREFIX + "[A-Za-z0-9_]+\\.png")) {
            return Optional.of(Route.DEMO_FILE);
        }
        return Optional.empty();
    }

    private static Optional<String> bearerKey(Call call) {
        return call.requestHeader("Authorization")
                .map(String::strip)
                .filter(value -> value.toLowerCase(Locale.ROOT).startsWith("bearer "))
                .map(value -> value.substring("bearer ".length()).strip())
                .filter(value -> !value.isEmpty());
    }

    private static ApiError unauthorized(Optional<String> key) {
        String message = key.map(k -> "Incorrect API key provided: " + KeyMask.mask(k)
                        + ". The demo gateway accepts only its published demo keys, shown when it starts.")
                .orElse("You didn't provide an API key. You need to provide your API key in an Authorization header"
                        + " using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).");
        return ApiError.invalidRequest(401, message, null, "invalid_api_key");
    }

    private static void tokenHeaders(Call call, RateLimiter.Decision tokens) {
        call.header("x-ratelimit-limit-tokens", Integer.toString(tokens.limit()));
        call.header("x-ratelimit-remaining-tokens", Integer.toString(tokens.remaining()));
        call.header("x-ratelimit-reset-tokens", RateLimiter.formatReset(tokens.resetNanos()));
    }

    private static ApiError rateLimited(String key, RateLimiter.Decision limit, String kind, long requested) {
        long retryMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(limit.retryAfterNanos()));
        long retrySeconds = (retryMillis + 999) / 1000;
        String message = "Rate limit reached for " + kind + " on key " + KeyMask.mask(key) + " (demo gateway): Limit "
                + limit.limit() + ", Used " + (limit.limit() - limit.remaining()) + ", Requested " + requested
                + ". Please try again in " + RateLimiter.formatReset(limit.retryAfterNanos()) + ".";
        return new ApiError(429, message, kind, null, "rate_limit_exceeded", Map.of(
                "retry-after", Long.toString(retrySeconds),
                "retry-after-ms", Long.toString(retryMillis)));
    }

    /** Waits out a latency fault, then answers instead of the route when a fault replaces the answer. */
    private static boolean answeredByFault(Call call, Faults faults) throws IOException, InterruptedException {
        if (faults.latencyMillis() > 0) {
            Pacer.sleepMillis(faults.latencyMillis());
        }
        switch (faults.answer()) {
            case NONE -> {
                return false;
            }
            case RATE_LIMIT_429 -> call.sendError(new ApiError(429, "Rate limit reached for requests (demo fault"
                    + " 429). Please try again in 1s.", "requests", null, "rate_limit_exceeded",
                    Map.of("retry-after", "1", "retry-after-ms", "1000")));
            case SERVER_ERROR_500 -> call.sendError(new ApiError(500, "The server had an error while processing"
                    + " your request. Sorry about that! (demo fault 500, request " + call.requestId() + ")",
                    "server_error", null, null, Map.of()));
            case BAD_GATEWAY_HTML_502 -> call.sendRaw(502, "text/html", html("502 Bad Gateway",
                    "<center><h1>502 Bad Gateway</h1></center>\n<hr><center>nginx</center>"));
            case HTML_200 -> call.sendRaw(200, "text/html; charset=utf-8", html("Flatkey Console",
                    "<div id=\"root\">Flatkey Console - sign in to continue</div>"));
            case BAD_REQUEST_TEXT_400 -> call.sendRaw(400, "text/plain; charset=utf-8",
                    "Bad Request (demo fault 400-text)\n".getBytes(StandardCharsets.UTF_8));
        }
        return true;
    }

    private static int faultStatus(Faults faults) {
        return switch (faults.answer()) {
            case NONE, HTML_200 -> 200;
            case RATE_LIMIT_429 -> 429;
            case SERVER_ERROR_500 -> 500;
            case BAD_GATEWAY_HTML_502 -> 502;
            case BAD_REQUEST_TEXT_400 -> 400;
        };
    }

    private static byte[] html(String title, String body) {
        return ("<!DOCTYPE html>\n<html>\n<head><title>" + title + "</title></head>\n<body>\n" + body
                + "\n</body>\n</html>\n").getBytes(StandardCharsets.UTF_8);
    }

    private JsonObject modelList() {
        JsonArray data = new JsonArray();
        catalog.models().forEach(model -> data.add(model.toJson()));
        JsonObject list = new JsonObject();
        list.addProperty("object", "list");
        list.add("data", data);
        return list;
    }

    private void model(Call call, String id) throws IOException {
        Optional<CatalogModel> model = catalog.find(id);
        if (model.isPresent()) {
            call.sendJson(200, model.get().toJson());
        } else {
            call.sendError(ApiError.invalidRequest(404, "The model `" + id
                    + "` does not exist or you do not have access to it.", "model", "model_not_found"));
        }
    }

    /** The request body, or empty after answering 413. */
    private static Optional<String> body(Call call) throws IOException {
        Optional<String> body = call.readBody(MAX_BODY_BYTES, DRAIN_LIMIT_BYTES);
        if (body.isEmpty()) {
            call.sendError(ApiError.invalidRequest(413, "Request body too large: the demo gateway accepts at most "
                    + (MAX_BODY_BYTES / (1024 * 1024)) + " MB.", null, "request_too_large"));
        }
        return body;
    }

    /**
     * The steps every model request shares once it is read: faults, the token rate limit and the quota. Returns
     * whether the answer may be sent.
     */
    private boolean admit(Call call, String key, String endpoint, CatalogModel model, Faults faults, int prompt,
                          int completion, boolean stream) throws IOException, InterruptedException {
        return admit(call, key, endpoint, model, faults, prompt, completion, stream, 0);
    }

    private boolean admit(Call call, String key, String endpoint, CatalogModel model, Faults faults, int prompt,
                          int completion, boolean stream, int taskSeconds) throws IOException, InterruptedException {
        if (answeredByFault(call, faults)) {
            ledger.recordFailure(key, call.requestId(), endpoint, model.id(), stream, faultStatus(faults),
                    "demo fault " + faults.answer());
            return false;
        }
        RateLimiter.Decision tokens = tokenLimits.get(key).acquire(key, (long) prompt + completion);
        tokenHeaders(call, tokens);
        if (!tokens.allowed()) {
            ledger.recordFailure(key, call.requestId(), endpoint, model.id(), stream, 429, "token rate limit");
            call.sendError(rateLimited(key, tokens, "tokens", (long) prompt + completion));
            return false;
        }
        int logged = faults.ledgerMismatch() ? completion + Faults.LEDGER_MISMATCH_EXTRA_TOKENS : completion;
        Ledger.Charge charge = ledger.charge(key, call.requestId(), endpoint, model, prompt, logged, stream, taskSeconds);
        if (charge instanceof Ledger.Charged) {
            relayed(call);
        }
        if (charge instanceof Ledger.Refused refused) {
            call.sendError(new ApiError(429, "token quota is not enough, token remain quota: "
                    + tariff.dollars(refused.available()) + ", need quota: " + tariff.dollars(refused.needed())
                    + " (request id: " + call.requestId() + ")", "insufficient_quota", null, "insufficient_quota",
                    Map.of()));
            return false;
        }
        return true;
    }

    private void waitFirstToken() throws InterruptedException {
        long delay = streamer.firstTokenDelayNanos();
        if (delay > 0) {
            Pacer.sleepUntil(System.nanoTime() + delay);
        }
    }

    private void chat(Call call, String key, Faults headerFaults) throws IOException, InterruptedException {
        Optional<String> body = body(call);
        if (body.isEmpty()) {
            return;
        }
        ChatCall chat;
        try {
            chat = chatReader.read(body.get());
        } catch (Rejection rejection) {
            call.sendError(refusal(rejection));
            return;
        }
        Faults faults = headerFaults.merge(Faults.forModel(chat.model().id()));
        Completion completion = ReplyComposer.complete(chat);
        if (!admit(call, key, "/v1/chat/completions", chat.model(), faults, completion.promptTokens(),
                completion.completionTokens(), chat.stream())) {
            return;
        }
        String id = Ids.completionId();
        long created = Instant.now().getEpochSecond();
        if (chat.stream()) {
            streamer.stream(call, chat, completion, id, created, faults);
            return;
        }
        waitFirstToken();
        JsonObject answer = faults.noUsage()
                ? ChatResponses.completionWithoutUsage(id, created, chat, completion)
                : ChatResponses.completion(id, created, chat, completion);
        sendPlain(call, answer, faults);
    }

    private void responses(Call call, String key, Faults headerFaults) throws IOException, InterruptedException {
        Optional<String> body = body(call);
        if (body.isEmpty()) {
            return;
        }
        ResponsesCall request;
        try {
            request = responsesApi.read(body.get());
        } catch (Rejection rejection) {
            call.sendError(refusal(rejection));
            return;
        }
        Faults faults = headerFaults.merge(Faults.forModel(request.model().id()));
        ResponsesApi.Answer answer = ResponsesApi.answer(request);
        if (!admit(call, key, "/v1/responses", request.model(), faults, answer.inputTokens(),
                answer.outputTokens(), request.stream())) {
            return;
        }
        String id = Ids.responseId();
        String messageId = Ids.messageId();
        long created = Instant.now().getEpochSecond();
        if (request.stream()) {
            ResponsesApi.stream(call, streamer, request, answer, id, messageId, created, faults);
            return;
        }
        waitFirstToken();
        sendPlain(call, ResponsesApi.response(id, messageId, created, request, answer, !faults.noUsage()), faults);
    }

    private void embeddings(Call call, String key, Faults headerFaults) throws IOException, InterruptedException {
        Optional<String> body = body(call);
        if (body.isEmpty()) {
            return;
        }
        EmbeddingsApi.Request request;
        try {
            request = embeddingsApi.read(body.get());
        } catch (Rejection rejection) {
            call.sendError(refusal(rejection));
            return;
        }
        Faults faults = headerFaults.merge(Faults.forModel(request.model().id()));
        if (!admit(call, key, "/v1/embeddings", request.model(), faults, request.promptTokens(), 0, false)) {
            return;
        }
        sendPlain(call, EmbeddingsApi.response(request, !faults.noUsage()), faults);
    }

    /** The endpoint families beyond chat: the body read as bytes (uploads), then {@link MediaApi}. */
    private void media(Call call, Route route, String key, Faults faults) throws IOException, InterruptedException {
        Optional<byte[]> body = call.readBytes(MAX_BODY_BYTES, DRAIN_LIMIT_BYTES);
        if (body.isEmpty()) {
            call.sendError(ApiError.invalidRequest(413, "Request body too large: the demo gateway accepts at most "
                    + (MAX_BODY_BYTES / (1024 * 1024)) + " MB.", null, "request_too_large"));
            return;
        }
        byte[] bytes = body.get();
        switch (route) {
            case IMAGES_GENERATIONS -> media.generateImage(call, key, faults, bytes);
            case IMAGES_EDITS -> media.editImage(call, key, faults, bytes);
            case AUDIO_TRANSCRIPTIONS -> media.transcribe(call, key, faults, bytes, false);
            case AUDIO_TRANSLATIONS -> media.transcribe(call, key, faults, bytes, true);
            case AUDIO_SPEECH -> media.speech(call, key, faults, bytes);
            case MODERATIONS -> media.moderate(call, key, faults, bytes);
            case VIDEOS -> media.createVideo(call, key, faults, bytes);
            default -> throw new IllegalStateException("not a media route: " + route);
        }
    }

    /** A JSON answer, cut halfway by the truncate (clean end) or drop (connection cut) faults. */
    private static void sendPlain(Call call, JsonObject answer, Faults faults) throws IOException {
        if (faults.truncate() || faults.drop()) {
            call.sendJsonHalf(200, answer, faults.drop());
        } else {
            call.sendJson(200, answer);
        }
    }
}
