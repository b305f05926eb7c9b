package ai.flatkey.migrate.demo;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Routes every request of the demo gateway: request IDs and timing, routing (404 / 405), API keys (401), per-key
 * rate limits (429 and {@code x-ratelimit-*}), body size (413), then {@code /v1/models} and chat completions.
 */
final class GatewayHandler implements HttpHandler {

    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    /** An oversized body is read and dropped up to this size, so the client can read the 413. */
    private static final long DRAIN_LIMIT_BYTES = 64L * 1024 * 1024;
    private static final System.Logger LOG = System.getLogger(GatewayHandler.class.getName());

    private enum Route { MODELS, MODEL, CHAT }

    private final Catalog catalog;
    private final Set<String> keys;
    private final RateLimiter rateLimiter;
    private final ChatRequestReader chatReader;
    private final ChatStreamer streamer;
    private final AtomicLong requests = new AtomicLong();

    GatewayHandler(Catalog catalog, Set<String> keys, RateLimiter rateLimiter, ChatStreamer streamer) {
        this.catalog = catalog;
        this.keys = Set.copyOf(keys);
        this.rateLimiter = rateLimiter;
        this.chatReader = new ChatRequestReader(catalog);
        this.streamer = streamer;
    }

    long requestCount() {
        return requests.get();
    }

    @Override
    public void handle(HttpExchange exchange) {
        long start = System.nanoTime();
        requests.incrementAndGet();
        Call call = new Call(exchange, Ids.requestId(), start);
        try {
            handle(call);
        } catch (IOException e) {
            // The client went away before the answer was written: nothing left to tell it.
            LOG.log(System.Logger.Level.DEBUG, () -> call.requestId() + ": client gone: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "demo gateway request " + call.requestId() + " failed", e);
            try {
                call.sendError(new ApiError(500, "The demo gateway had an internal error (request "
                        + call.requestId() + ").", "server_error", null, null, java.util.Map.of()));
            } catch (IOException | RuntimeException ignored) {
                // Headers were already sent or the client left; the connection is closed below.
            }
        } finally {
            call.close();
        }
    }

    private void handle(Call call) throws IOException {
        String path = call.path();
        Optional<Route> route = route(path);
        if (route.isEmpty()) {
            call.sendError(ApiError.invalidRequest(404, "Invalid URL (" + call.method() + " " + path + ")",
                    null, null));
            return;
        }
        String allowed = route.get() == Route.CHAT ? "POST" : "GET";
        if (!call.method().equals(allowed)) {
            call.header("Allow", allowed);
            call.sendError(ApiError.invalidRequest(405, "Method not allowed: " + call.method() + " " + path
                    + " accepts " + allowed + " only.", null, "method_not_allowed"));
            return;
        }
        Optional<String> key = bearerKey(call);
        if (key.isEmpty() || !keys.contains(key.get())) {
            call.sendError(unauthorized(key));
            return;
        }
        RateLimiter.Decision limit = rateLimiter.acquire(key.get());
        call.header("x-ratelimit-limit-requests", Integer.toString(limit.limit()));
        call.header("x-ratelimit-remaining-requests", Integer.toString(limit.remaining()));
        call.header("x-ratelimit-reset-requests", RateLimiter.formatReset(limit.resetNanos()));
        if (!limit.allowed()) {
            call.sendError(rateLimited(key.get(), limit));
            return;
        }
        switch (route.get()) {
            case MODELS -> call.sendJson(200, modelList());
            case MODEL -> model(call, path.substring("/v1/models/".length()));
            case CHAT -> chat(call);
        }
    }

    private static Optional<Route> route(String path) {
        if (path.equals("/v1/models")) {
            return Optional.of(Route.MODELS);
        }
        if (path.equals("/v1/chat/completions")) {
            return Optional.of(Route.CHAT);
        }
        if (path.startsWith("/v1/models/") && path.length() > "/v1/models/".length()) {
            return Optional.of(Route.MODEL);
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

    private static ApiError rateLimited(String key, RateLimiter.Decision limit) {
        long retryMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(limit.retryAfterNanos()));
        long retrySeconds = (retryMillis + 999) / 1000;
        String message = "Rate limit reached for requests on key " + KeyMask.mask(key) + " (demo gateway): Limit "
                + limit.limit() + ", Used " + limit.limit() + ", Requested 1. Please try again in "
                + RateLimiter.formatReset(limit.retryAfterNanos()) + ".";
        return new ApiError(429, message, "requests", null, "rate_limit_exceeded", java.util.Map.of(
                "retry-after", Long.toString(retrySeconds),
                "retry-after-ms", Long.toString(retryMillis)));
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

    private void chat(Call call) throws IOException {
        Optional<String> body = call.readBody(MAX_BODY_BYTES, DRAIN_LIMIT_BYTES);
        if (body.isEmpty()) {
            call.sendError(ApiError.invalidRequest(413, "Request body too large: the demo gateway accepts at most "
                    + (MAX_BODY_BYTES / (1024 * 1024)) + " MB.", null, "request_too_large"));
            return;
        }
        ChatCall chat;
        try {
            chat = chatReader.read(body.get());
        } catch (Rejection rejection) {
            call.sendError(rejection.error());
            return;
        }
        Completion completion = ReplyComposer.complete(chat);
        String id = Ids.completionId();
        long created = Instant.now().getEpochSecond();
        if (chat.stream()) {
            streamer.stream(call, chat, completion, id, created);
        } else {
            call.sendJson(200, ChatResponses.completion(id, created, chat, completion));
        }
    }
}
