package ai.flatkey.migrate.wire;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.Headers;
import okhttp3.HttpUrl;

/**
 * The one place that turns a failure into cause-and-fix words. Package-private: HTTP statuses, error bodies and I/O
 * exceptions become {@link ApiException}s whose message is one or two plain sentences (what happened, the likely
 * cause, the fix); every text from a server passes the {@link Redactor}. Public: for each {@link FailureKind}, a
 * {@link #headline} and the general {@link #whatToDo} that a face shows next to the message (both exhaustive over the
 * kinds, so a new kind does not compile until it has words).
 */
public final class Failures {
    private static final int MAX_SERVER_TEXT = 2000;
    private static final int MAX_QUOTED = 300;

    private static final String NAME = "['\"`]?([A-Za-z_][\\w.\\[\\]-]*)['\"`]?";
    private static final Pattern[] UNSUPPORTED_PARAM = {
            Pattern.compile("(?i)unsupported (?:parameter|param|argument|field)s?\\s*[:\\s]\\s*" + NAME),
            Pattern.compile("(?i)unrecogni[sz]ed (?:request )?(?:argument|parameter|field)s?(?: supplied)?\\s*[:\\s]\\s*" + NAME),
            Pattern.compile("(?i)unknown (?:parameter|field|argument)s?\\s*[:\\s]\\s*" + NAME),
            Pattern.compile("(?i)['\"`]([A-Za-z_][\\w.\\[\\]-]*)['\"`] (?:is|are) (?:not supported|unsupported|not permitted|not allowed)"),
            Pattern.compile("(?i)\\[\"body\",\\s*\"([^\"]+)\"][^;]*extra (?:inputs|fields) (?:are )?not permitted"),
    };
    private static final Pattern MODEL_WORD = Pattern.compile("(?i)\\bmodel\\b");
    private static final Pattern MODEL_MISSING = Pattern.compile(
            "(?i)(not found|does not exist|doesn't exist|not exist|no such model|unknown model|invalid model"
                    + "|is not a valid model|model not available|not available)");

    /** A server text that names a feature the model or gateway lacks ("image input is not supported"). */
    private static final Pattern MISSING_FEATURE = Pattern.compile(
            "(?i)\\b(?:not supported|unsupported|does not support|doesn't support|do not support|not implemented"
                    + "|is not enabled|are not enabled|not available for this model)\\b");

    private static final String EXAMPLE_BASE_URL = "https://router.flatkey.ai/v1";

    /** A few words naming the kind of failure, for a headline: "Key rejected", "Wrong base URL path", … */
    public static String headline(FailureKind kind) {
        return switch (kind) {
            case AUTHENTICATION -> "Key rejected";
            case PERMISSION -> "Key not allowed";
            case MODEL_NOT_FOUND -> "Model not found";
            case WRONG_PATH -> "Wrong base URL path";
            case BAD_REQUEST -> "Request refused";
            case UNSUPPORTED_PARAMETER -> "Parameter not supported";
            case RATE_LIMITED -> "Rate limited";
            case SERVER_ERROR -> "Gateway error";
            case NETWORK -> "Cannot reach the gateway";
            case TLS -> "TLS / certificate problem";
            case TIMEOUT -> "Timed out";
            case NON_JSON_BODY -> "Not an API response";
            case TRUNCATED_STREAM -> "Stream cut off";
            case MIDSTREAM_ERROR -> "Error inside the stream";
            case PROTOCOL -> "Not the OpenAI format";
            case CANCELLED -> "Cancelled";
            case NOT_IMPLEMENTED -> "Endpoint not implemented";
        };
    }

    /**
     * What to do about a failure of this kind, in general terms (the exception's message says what happened this
     * time); empty for {@link FailureKind#CANCELLED}, where there is nothing to do.
     *
     * @param proxy the proxy the call went through, for display, or null or blank for a direct connection
     */
    public static String whatToDo(FailureKind kind, String proxy) {
        boolean viaProxy = proxy != null && !proxy.isBlank();
        return switch (kind) {
            case AUTHENTICATION -> "The gateway refused the key. Check that it is the key for this gateway (not the old "
                    + "provider's), that it has no spaces or quotes, and that it is not expired or revoked.";
            case PERMISSION -> "The key is valid but may not do this: check its allowed models, scopes or project, and its"
                    + " quota, in the gateway's console.";
            case MODEL_NOT_FOUND -> "Use a model ID from the gateway's model list; IDs differ between providers.";
            case WRONG_PATH -> "The base URL path is wrong. It usually ends in /v1 (e.g. " + EXAMPLE_BASE_URL
                    + ") and must not include /chat/completions.";
            case BAD_REQUEST -> "Compare the request's parameters with what this gateway and model accept.";
            case UNSUPPORTED_PARAMETER -> "Leave the parameter out for this model, or pick a model that supports it.";
            case RATE_LIMITED -> "Rate limited: wait a moment and check again, or use a key with higher limits.";
            case SERVER_ERROR -> "The gateway reported an error of its own. Try again; if it persists, check its status "
                    + "page.";
            case NETWORK -> viaProxy
                    ? "The gateway could not be reached through the proxy " + proxy + ": check the proxy address and "
                            + "that it allows this host."
                    : "The gateway could not be reached: check the host name and port, your network, and whether you "
                            + "need a proxy (HTTPS_PROXY).";
            case TLS -> "The certificate was not accepted. A corporate proxy that inspects TLS needs its CA certificate "
                    + "added (custom CA bundle); check the system date too.";
            case TIMEOUT -> "No answer in time: the gateway may be overloaded or a firewall drops the connection. Try "
                    + "again.";
            case NON_JSON_BODY -> "Something other than the API answered (often a web page): check the base URL, "
                    + "including /v1" + (viaProxy ? ", and whether the proxy " + proxy + " rewrote the answer." : ".");
            case TRUNCATED_STREAM -> "The stream was closed before its end: retry, and check the idle timeouts of any "
                    + "proxy or load balancer in between.";
            case MIDSTREAM_ERROR -> "The gateway failed while answering: retry; if it repeats, report it with the "
                    + "request ID.";
            case PROTOCOL -> "The answer is not in the OpenAI format: check that the base URL points at an "
                    + "OpenAI-compatible API.";
            case CANCELLED -> "";
            case NOT_IMPLEMENTED -> "The gateway does not offer this endpoint: keep the calls of this family on the "
                    + "current provider, or migrate them separately to a gateway that has it.";
        };
    }

    private final ClientConfig config;

    Failures(ClientConfig config) {
        this.config = config;
    }

    String redact(String text) {
        return Redactor.redact(text, config.apiKey());
    }

    // ---------------------------------------------------------------- HTTP answers

    /**
     * Whether an answer says the endpoint itself is not implemented: the code {@code api_not_implemented} (new-api,
     * one-api), or HTTP 501 with no text or only "not implemented" (not one naming a feature of the request).
     */
    static boolean notImplemented(int status, ErrorBody body) {
        if (body.typeAndCode().contains("api_not_implemented")) {
            return true;
        }
        String m = body.message().strip().toLowerCase(Locale.ROOT);
        return status == 501 && (m.isEmpty() || m.matches("(api |endpoint |route )?not implemented\\.?"));
    }

    /** A non-success answer and what every message about it needs: the redacted path and server text. */
    private record Answer(int status, Headers headers, ErrorBody body, String requestId, String model, String where,
                          String said, String server) {
    }

    /**
     * Classifies a non-success answer (or a success status whose body is an error or a web page).
     *
     * @param model the model the request named, or null (for {@code /models})
     */
    ApiException http(int status, Headers headers, ErrorBody body, String requestId, String model, HttpUrl url) {
        return classify(status, headers, body, requestId, model, url)
                .attachError(clip(redact(body.type()), 120), clip(redact(body.code()), 120),
                        body.shape() == ErrorBody.Shape.OPENAI_ERROR);
    }

    private ApiException classify(int status, Headers headers, ErrorBody body, String requestId, String model,
                                  HttpUrl url) {
        String server = clip(redact(body.message()), MAX_SERVER_TEXT);
        Answer a = new Answer(status, headers, body, requestId, model, redact(url.encodedPath()), said(server), server);
        if (body.isHtml()) {
            return webPage(a);
        }
        if (status / 100 == 2) {
            return errorOnSuccess(a);
        }
        if (status / 100 == 3) {
            String location = headers.get("Location");
            return fail(FailureKind.WRONG_PATH, String.format(Locale.ROOT,
                    "%s redirected (HTTP %d) to %s and the redirect was not followed: use the final address as the "
                            + "base URL.", a.where(), status, location == null ? "nowhere" : redact(location)), a);
        }
        if (status >= 500 && body.typeAndCode().contains("model_not_found")) {
            // new-api answers an unknown model with 503 model_not_found ("No available channel for model X under
            // group default"): the model ID is wrong, not the server.
            return modelNotFound(status, model, a.said(), requestId, a.server());
        }
        if (notImplemented(status, body)) {
            return fail(FailureKind.NOT_IMPLEMENTED, String.format(Locale.ROOT,
                    "The gateway does not implement %s (HTTP %d%s)%s Retrying will not help: this endpoint family "
                            + "needs a separate migration (keep it on the current provider, or use a gateway that has "
                            + "it).", a.where(), status, body.typeAndCode().contains("api_not_implemented")
                            ? " api_not_implemented" : "", a.said()), a);
        }
        if (status >= 500 && namesMissingFeature(server)) {
            return fail(FailureKind.UNSUPPORTED_PARAMETER, String.format(Locale.ROOT,
                    "The gateway answered HTTP %d naming something it does not support%s Retrying will not help: "
                            + "leave that input or parameter out for this model, or pick a model that supports it.",
                    status, a.said()), a);
        }
        if (status >= 500) {
            String ref = requestId.isEmpty() ? "" : " (request ID " + requestId + ")";
            return fail(FailureKind.SERVER_ERROR, String.format(Locale.ROOT,
                    "The gateway failed with HTTP %d%s This is a server-side problem: retry later, and report it%s "
                            + "if it persists.", status, a.said(), ref), a);
        }
        return clientError(a);
    }

    /** An HTML page where the API should answer: the wrong path, or a proxy in front of the API. */
    private ApiException webPage(Answer a) {
        ErrorBody body = a.body();
        int status = a.status();
        String title = body.htmlTitle().isEmpty() ? "an untitled page" : "\"" + redact(body.htmlTitle()) + "\"";
        String serverText = body.htmlTitle().isEmpty() ? "" : redact(body.htmlTitle());
        if (status / 100 == 2 || status == 404) {
            return fail(FailureKind.WRONG_PATH, String.format(Locale.ROOT,
                    "%s answered with a web page (%s, HTTP %d), not the API: %s", a.where(), title, status,
                    lowerFirst(wrongPathHint(true))), status, a.requestId(), serverText);
        }
        return fail(FailureKind.NON_JSON_BODY, String.format(Locale.ROOT,
                "The gateway answered HTTP %d with an HTML page (%s) instead of a JSON error: something in front "
                        + "of the API (often a proxy, load balancer or firewall) answered. Retry later, and check the base URL "
                        + "and proxy settings if it persists.", status, title), status, a.requestId(), serverText);
    }

    /** A 2xx status whose body is not a result: text, nothing, or an error object. */
    private ApiException errorOnSuccess(Answer a) {
        ErrorBody body = a.body();
        if (body.shape() == ErrorBody.Shape.TEXT || body.shape() == ErrorBody.Shape.EMPTY) {
            return fail(FailureKind.NON_JSON_BODY, String.format(Locale.ROOT,
                    "%s answered HTTP %d with %s instead of JSON%s Check that the base URL points at an "
                            + "OpenAI-compatible API.", a.where(), a.status(),
                    body.shape() == ErrorBody.Shape.EMPTY ? "an empty body" : "plain text", a.said()), a);
        }
        if (isModelNotFound(body, a.model(), 404)) {
            return modelNotFound(a.status(), a.model(), a.said(), a.requestId(), a.server());
        }
        return fail(FailureKind.PROTOCOL, String.format(Locale.ROOT,
                "%s answered HTTP %d with an error object instead of a result%s The gateway reports success "
                        + "for a failed call; treat the call as failed.", a.where(), a.status(), a.said()), a);
    }

    /** A 4xx (or other non-2xx, non-3xx status below 500): the key, the path, the rate, or the request itself. */
    private ApiException clientError(Answer a) {
        String said = a.said();
        switch (a.status()) {
            case 401:
                return fail(FailureKind.AUTHENTICATION, config.apiKey() == null
                        ? "The gateway wants a key and none was sent (HTTP 401)" + said
                                + " Enter the gateway's API key (or set FLATKEY_API_KEY)."
                        : "The gateway rejected the key (HTTP 401)" + said
                                + " Check that the key is for this gateway and not revoked.", a);
            case 402:
                return fail(FailureKind.PERMISSION, "The gateway refused the call for lack of credit (HTTP 402)" + said
                        + " Top up the account or raise the key's quota.", a);
            case 403:
                return fail(FailureKind.PERMISSION, "The key was accepted but may not do this (HTTP 403)" + said
                        + " Check the key's allowed models, group, quota and IP allow-list on the gateway.", a);
            case 404:
                return notFound(a);
            case 405:
                return fail(FailureKind.WRONG_PATH, String.format(Locale.ROOT,
                        "%s does not accept this method (HTTP 405)%s %s", a.where(), said, wrongPathHint(true)), a);
            case 408:
                return fail(FailureKind.TIMEOUT, "The gateway gave up waiting for the request (HTTP 408)" + said
                        + " Retry; if it repeats, check the network between here and the gateway.", a);
            case 429:
                return rateLimited(a.headers(), a.body(), said, a.requestId(), a.server());
            default:
                return invalidRequest(a);
        }
    }

    /** HTTP 404: an unknown model, an API the gateway lacks (Responses), or a wrong base URL path. */
    private ApiException notFound(Answer a) {
        if (isModelNotFound(a.body(), a.model(), 404)) {
            return modelNotFound(a.status(), a.model(), a.said(), a.requestId(), a.server());
        }
        String hint = wrongPathHint(false);
        if (a.where().endsWith("/responses") && hint.startsWith("Check the base URL's path")) {
            hint = "If GET /models answers at this base URL, the path is right and this gateway does not offer the "
                    + "Responses API: use chat completions with it.";
        }
        return fail(FailureKind.WRONG_PATH, String.format(Locale.ROOT,
                "Nothing answers at %s (HTTP 404)%s %s", a.where(), a.said(), hint), a);
    }

    /** Any other 4xx: an unsupported parameter, an unknown model, or a request the gateway calls invalid. */
    private ApiException invalidRequest(Answer a) {
        String param = unsupportedParameter(a.body());
        if (param != null) {
            String named = param.isEmpty() ? "a parameter" : "the parameter \"" + redact(param) + "\"";
            return fail(FailureKind.UNSUPPORTED_PARAMETER, String.format(Locale.ROOT,
                    "The gateway does not support %s for this model (HTTP %d)%s Leave it out, or pick a model "
                            + "that supports it.", named, a.status(), a.said()), a);
        }
        if (isModelNotFound(a.body(), a.model(), a.status())) {
            return modelNotFound(a.status(), a.model(), a.said(), a.requestId(), a.server());
        }
        return fail(FailureKind.BAD_REQUEST, String.format(Locale.ROOT,
                "The gateway refused the request as invalid (HTTP %d)%s Check the request's parameters against "
                        + "what this gateway and model accept.", a.status(), a.said()), a);
    }

    /**
     * Classifies an answer of a call to {@code endpoint}: the gateway's own routes ({@link Endpoint#ACCOUNT}) say
     * "no such usage API here" for a page where JSON belongs, and that the usage API may want another key; every
     * other answer reads as for an API call.
     */
    ApiException http(Endpoint endpoint, int status, Headers headers, ErrorBody body, String requestId, String model,
                      HttpUrl url) {
        if (endpoint != Endpoint.ACCOUNT) {
            return http(status, headers, body, requestId, model, url);
        }
        String where = redact(url.encodedPath());
        String server = clip(redact(body.message()), MAX_SERVER_TEXT);
        if (status == 401 || status == 403) {
            return fail(status == 401 ? FailureKind.AUTHENTICATION : FailureKind.PERMISSION, String.format(Locale.ROOT,
                    "%s refused the key (HTTP %d)%s The usage API may need a different key (some gateways use an "
                            + "admin or management key).", where, status, said(server)), status, requestId, server);
        }
        if (status / 100 == 2 && body.isHtml()) {
            String title = body.htmlTitle().isEmpty() ? "an untitled page" : "\"" + redact(body.htmlTitle()) + "\"";
            return fail(FailureKind.WRONG_PATH, String.format(Locale.ROOT, "%s answered with a web page (%s, HTTP %d), "
                    + "not JSON: this gateway has no such usage API at this address.", where, title, status),
                    status, requestId, redact(body.htmlTitle()));
        }
        if (status / 100 == 2 && (body.shape() == ErrorBody.Shape.TEXT || body.shape() == ErrorBody.Shape.EMPTY)) {
            return fail(FailureKind.NON_JSON_BODY, String.format(Locale.ROOT, "%s answered HTTP %d with %s instead of "
                    + "JSON%s This gateway has no such usage API at this address, or it answers in another format.",
                    where, status, body.shape() == ErrorBody.Shape.EMPTY ? "an empty body" : "plain text", said(server)),
                    status, requestId, server);
        }
        return http(status, headers, body, requestId, model, url);
    }

    /** A success body that is JSON but not the expected shape. */
    ApiException protocol(String what, String requestId, int status, ChatResult partial) {
        return new ApiException(FailureKind.PROTOCOL, redact(what), status, requestId, "", partial, null);
    }

    private ApiException modelNotFound(int status, String model, String said, String requestId, String server) {
        String name = model == null || model.isBlank() ? "The requested model" : "The model \"" + redact(model) + "\"";
        String sdk = status >= 500 ? " The gateway says so with a server error: the OpenAI SDKs retry a " + status
                + " before the app sees it, so in the app a wrong model ID looks like an outage." : "";
        return fail(FailureKind.MODEL_NOT_FOUND, String.format(Locale.ROOT,
                "%s does not exist on this gateway or this key may not use it (HTTP %d)%s Pick a model ID from the "
                        + "gateway's model list.%s", name, status, said, sdk), status, requestId, server);
    }

    private ApiException rateLimited(Headers headers, ErrorBody body, String said, String requestId, String server) {
        String wait = retryAfter(headers);
        String lower = (body.typeAndCode() + " " + body.message()).toLowerCase(Locale.ROOT);
        if (lower.contains("quota") || lower.contains("insufficient") || lower.contains("credit")) {
            return fail(FailureKind.RATE_LIMITED, "The key has run out of quota or credit (HTTP 429)" + said
                    + " Top up the account or raise the key's quota" + (wait.isEmpty() ? "" : "; " + wait) + ".",
                    429, requestId, server);
        }
        return fail(FailureKind.RATE_LIMITED, "The gateway is rate-limiting this key (HTTP 429)" + said
                + (wait.isEmpty() ? " Wait and retry (the gateway sent no retry-after), or raise the key's rate limit."
                : " Wait as asked (" + wait + ") and retry, or raise the key's rate limit."), 429, requestId, server);
    }

    /** The server's wait hint, e.g. {@code retry-after: 20 s} or {@code retry-after-ms: 1500}; empty if none. */
    static String retryAfter(Headers headers) {
        String ms = headers.get("retry-after-ms");
        if (ms != null && !ms.isBlank()) {
            return "retry-after-ms: " + ms.strip();
        }
        String after = headers.get("retry-after");
        if (after == null || after.isBlank()) {
            return "";
        }
        return after.strip().matches("\\d+(\\.\\d+)?") ? "retry-after: " + after.strip() + " s" : "retry-after: " + after.strip();
    }

    /** The unsupported parameter's name ({@code ""} when unnamed), or null when the error is not about one. */
    static String unsupportedParameter(ErrorBody body) {
        String tc = body.typeAndCode();
        boolean byCode = tc.contains("unsupported_parameter") || tc.contains("unsupported_param")
                || tc.contains("unsupported_value") || tc.contains("unknown_parameter");
        for (Pattern p : UNSUPPORTED_PARAM) {
            Matcher m = p.matcher(body.message());
            if (m.find()) {
                return body.param().isEmpty() ? m.group(1) : body.param();
            }
        }
        return byCode ? body.param() : null;
    }

    static boolean isModelNotFound(ErrorBody body, String model, int status) {
        String tc = body.typeAndCode();
        String message = body.message();
        if (tc.contains("model_not_found") || tc.contains("model_not_exist")
                || message.toLowerCase(Locale.ROOT).contains("model_not_found")) {
            return true;
        }
        boolean mentions = (model != null && !model.isBlank() && message.contains(model))
                || MODEL_WORD.matcher(message).find();
        if (status == 404) {
            return mentions;
        }
        return mentions && MODEL_MISSING.matcher(message).find();
    }

    /**
     * Whether a 5xx's text names a missing feature ("image input is not supported", "tools are not implemented"):
     * a refusal in the server's words, which a retry does not change, rather than a failure of the server.
     */
    static boolean namesMissingFeature(String serverText) {
        return serverText != null && MISSING_FEATURE.matcher(serverText).find();
    }

    /** How to fix a base URL whose path does not reach the API: one sentence, starting with a capital. */
    String wrongPathHint(boolean webPage) {
        String base = config.baseUrl().strip().replaceAll("/+$", "");
        String path = base.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://[^/]*", "").toLowerCase(Locale.ROOT);
        Matcher endpoint = Pattern.compile("/(chat/completions|completions|models|responses|embeddings)$").matcher(path);
        if (endpoint.find()) {
            return "The base URL already ends in an endpoint path, so the path is doubled (…" + endpoint.group()
                    + "/…): cut the base URL right after the API prefix, e.g. https://router.flatkey.ai/v1.";
        }
        if (path.matches(".*/(v\\d[a-z0-9]*)/\\1(/.*)?")) {
            return "The base URL repeats its version prefix (" + path + "): keep it once, e.g. "
                    + "https://router.flatkey.ai/v1.";
        }
        if (!path.matches(".*/v\\d[a-z0-9]*(/.*)?")) {
            return "The base URL probably lacks the /v1 prefix: try " + redact(base) + "/v1.";
        }
        return webPage
                ? "The base URL probably points at the gateway's web site rather than its API root."
                : "Check the base URL's path against the gateway's documentation (e.g. https://router.flatkey.ai/v1).";
    }

    // ---------------------------------------------------------------- transport failures

    /**
     * Classifies an I/O failure.
     *
     * @param cancelled   whether the caller cancelled
     * @param gotHeaders  whether response headers had arrived
     * @param streaming   whether a stream was being read
     * @param partial     what arrived so far (streams), or null
     */
    /** "more than 16777216 bytes" → "16 MB"; "more than 100000 events" → "100000 events". */
    private static String capWords(String message) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("more than (\\d+) bytes").matcher(message);
        if (m.find()) {
            long bytes = Long.parseLong(m.group(1));
            return bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB"
                    : bytes + " bytes";
        }
        return message.replace("more than ", "");
    }

    ApiException io(IOException e, HttpUrl url, boolean cancelled, boolean gotHeaders, boolean streaming,
                    int status, String requestId, ChatResult partial) {
        return io(e, url, cancelled, gotHeaders, streaming, status, requestId, partial,
                config.timeouts(streaming ? Endpoint.CHAT_STREAM : Endpoint.CHAT),
                partial == null ? 0 : partial.chunkCount(), "stream chunk");
    }

    /**
     * @param timeouts the budgets the call ran under (named in timeout messages)
     * @param events   stream events (chunks) received so far
     * @param unit     what one stream event is called in messages ({@code stream chunk}, {@code stream event})
     */
    ApiException io(IOException e, HttpUrl url, boolean cancelled, boolean gotHeaders, boolean streaming,
                    int status, String requestId, ChatResult partial, Timeouts timeouts, int events, String unit) {
        String hostPort = url.host() + ":" + url.port();
        int chunks = events;
        String units = unit + (chunks == 1 ? "" : "s");
        if (cancelled) {
            return new ApiException(FailureKind.CANCELLED, streaming && gotHeaders
                    ? "Cancelled after " + chunks + " " + units + "."
                    : "Cancelled before the gateway answered.", status, requestId, "", partial, e);
        }
        if (e instanceof SseReader.TooLarge t && t.whole) {
            return new ApiException(FailureKind.PROTOCOL, "The answer exceeded " + capWords(e.getMessage())
                    + "; the stream was cut. No chat answer is that large: the gateway or a proxy is sending an "
                    + "endless or inflated stream.", status, requestId, "", partial, e);
        }
        if (e instanceof SseReader.TooLarge) {
            return new ApiException(FailureKind.PROTOCOL, "The stream sent " + e.getMessage()
                    + ", which no chat client accepts: the gateway or a proxy is sending something other than "
                    + "chat chunks.", status, requestId, "", partial, e);
        }
        if (e instanceof java.net.ProtocolException && String.valueOf(e.getMessage()).startsWith("Too many follow-up")) {
            return transport(FailureKind.WRONG_PATH, "The gateway keeps redirecting (more than 20 redirects, starting at "
                    + redact(url.encodedPath()) + "): a redirect loop, often between http:// and https:// or through a "
                    + "login page. Use the address the API really answers at as the base URL.", e, status, requestId,
                    partial);
        }
        if (gotHeaders && gzipDamaged(e)) {
            return transport(FailureKind.PROTOCOL, "The answer is marked Content-Encoding: gzip but does not decode ("
                    + redact(String.valueOf(e.getMessage())) + "): the gateway or a proxy damaged or mislabelled the "
                    + "compressed body. Retry; if it repeats, report it with the request ID.", e, status, requestId,
                    partial);
        }
        UnknownHostException dns = cause(e, UnknownHostException.class);
        if (dns != null) {
            return transport(FailureKind.NETWORK, "Could not resolve host " + url.host()
                    + " — check the base URL, DNS or proxy settings (HTTPS_PROXY).", e, status, requestId, partial);
        }
        SSLException ssl = cause(e, SSLException.class);
        CertificateException cert = cause(e, CertificateException.class);
        if (ssl != null || cert != null) {
            return transport(FailureKind.TLS, tlsMessage(url, ssl, cert, e), e, status, requestId, partial);
        }
        if (cause(e, ConnectException.class) != null && !gotHeaders) {
            return transport(FailureKind.NETWORK, "Connection refused: nothing is listening at " + hostPort
                    + ". Check the base URL's host and port, and that the gateway (or local server) is running.",
                    e, status, requestId, partial);
        }
        if (cause(e, NoRouteToHostException.class) != null && !gotHeaders) {
            return transport(FailureKind.NETWORK, "No route to " + hostPort
                    + ": the network or a firewall blocks it. Check the connection, VPN and proxy settings.",
                    e, status, requestId, partial);
        }
        if (e instanceof CallTimer.HeadersTimeout) {
            return transport(FailureKind.TIMEOUT, "The gateway's answer did not start within the "
                    + human(timeouts.firstByte()) + " read timeout: its response headers were still arriving (a few "
                    + "bytes at a time) when the time ran out. A gateway or proxy that sends its headers this slowly is "
                    + "stalled; retry, and if it repeats, check the proxy or load balancer in front of it.", e, status,
                    requestId, partial);
        }
        if (e instanceof SocketTimeoutException) {
            String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (!gotHeaders && m.contains("connect")) {
                return transport(FailureKind.TIMEOUT, "Could not connect to " + hostPort + " within the "
                        + human(timeouts.connect()) + " connect timeout: check the base URL, firewall and proxy "
                        + "settings.", e, status, requestId, partial);
            }
            if (!gotHeaders) {
                return transport(FailureKind.TIMEOUT, "The gateway sent no answer within the "
                        + human(timeouts.firstByte()) + " read timeout: the model may be slow or overloaded. Retry, "
                        + "or raise the read timeout.", e, status, requestId, partial);
            }
            return transport(FailureKind.TIMEOUT, (streaming
                    ? "The stream stalled: nothing arrived for " + human(timeouts.idle())
                            + " (the read timeout between events) after " + chunks + " " + units + "."
                    : "The answer stalled: nothing arrived for " + human(timeouts.idle())
                            + " (the read timeout) while reading it.")
                    + " Retry, or raise the read timeout if the model is slow.", e, status, requestId, partial);
        }
        if (e instanceof InterruptedIOException) {
            if ("timeout".equals(e.getMessage())) {
                return transport(FailureKind.TIMEOUT, "The whole exchange took longer than the "
                        + human(timeouts.total()) + " call timeout" + (streaming && gotHeaders
                        ? " (" + chunks + " " + units + " arrived)" : "")
                        + ". Raise the call timeout for long answers, or ask for fewer tokens.",
                        e, status, requestId, partial);
            }
            return new ApiException(FailureKind.CANCELLED, "The request was interrupted.", status, requestId, "",
                    partial, e);
        }
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : redact(e.getMessage());
        if (gotHeaders && streaming) {
            return transport(FailureKind.TRUNCATED_STREAM, "The connection broke after " + chunks + " " + units
                    + ", before the stream's end (" + detail + "): the gateway or a proxy "
                    + "closed the stream. Retry; if it repeats, check proxy idle timeouts.", e, status, requestId,
                    partial);
        }
        if (gotHeaders) {
            return transport(FailureKind.NETWORK, "The connection broke while the answer was being read (" + detail
                    + "). Retry; if it repeats, check the network and proxy between here and the gateway.",
                    e, status, requestId, partial);
        }
        return transport(FailureKind.NETWORK, "The connection to " + hostPort + " failed (" + detail
                + "). Check the base URL, the network and proxy settings.", e, status, requestId, partial);
    }

    /** Okio's gzip decoder reports a bad header or trailer as "ID1ID2: actual … != expected …" (or FHCRC, CRC, ISIZE). */
    private static boolean gzipDamaged(IOException e) {
        return String.valueOf(e.getMessage()).matches("(?s)(ID1ID2|FHCRC|CRC|ISIZE): actual .*")
                || cause(e, java.util.zip.ZipException.class) != null
                || cause(e, java.util.zip.DataFormatException.class) != null;
    }

    private String tlsMessage(HttpUrl url, SSLException ssl, CertificateException cert, IOException e) {
        String host = url.host();
        if (ssl instanceof SSLPeerUnverifiedException) {
            return "The TLS certificate of " + host + " does not match the host name (" + redact(ssl.getMessage())
                    + "): check the base URL's host; a corporate proxy that re-signs traffic needs its CA added.";
        }
        if (cause(e, CertificateExpiredException.class) != null) {
            return "The TLS certificate of " + host + " has expired: the gateway's operator must renew it; "
                    + "verification is not turned off.";
        }
        String detail = ssl != null ? ssl.getMessage() : cert.getMessage();
        if (cert != null || (detail != null && detail.contains("PKIX"))) {
            return "The TLS certificate of " + host + " is not trusted by this Java runtime: if a corporate proxy "
                    + "or a private gateway uses its own certificate authority, add that CA bundle (custom CA "
                    + "setting); verification is not turned off.";
        }
        return "The TLS handshake with " + host + " failed (" + redact(String.valueOf(detail)) + "): check that "
                + "the base URL uses the right scheme and port; a corporate proxy may need its CA bundle added.";
    }

    private ApiException transport(FailureKind kind, String message, IOException e, int status, String requestId,
                                   ChatResult partial) {
        return new ApiException(kind, redact(message), status, requestId, "", partial, e);
    }

    private ApiException fail(FailureKind kind, String message, int status, String requestId, String server) {
        return new ApiException(kind, redact(message), status, requestId, server, null, null);
    }

    private ApiException fail(FailureKind kind, String message, Answer a) {
        return fail(kind, message, a.status(), a.requestId(), a.server());
    }

    /** {@code : "server text".} or {@code .} — so a message reads as sentences either way. */
    private static String said(String server) {
        if (server.isEmpty()) {
            return ".";
        }
        String quoted = clip(server, MAX_QUOTED);
        return ": \"" + quoted + "\"" + (quoted.matches("(?s).*[.!?。]$") ? "" : ".");
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    static String clip(String s, int max) {
        return Excerpts.clip(s, max, "…");
    }

    static String human(Duration d) {
        if (d.isZero()) {
            return "unlimited";
        }
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + " h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + " min";
        }
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    static <T extends Throwable> T cause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
            for (Throwable s : c.getSuppressed()) {
                if (type.isInstance(s)) {
                    return type.cast(s);
                }
            }
        }
        return null;
    }
}
