package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.wire.ApiException;
import ai.flatkey.migrate.wire.ChatResult;
import ai.flatkey.migrate.wire.ModelList;
import ai.flatkey.migrate.wire.Usage;

import java.util.List;
import java.util.Set;

/**
 * The conformance rules a check applies (IDs from CONFORMANCE.md), and the verdict for each classified failure.
 * The first breached rule decides; a pass names the rules it checked.
 */
final class Rules {
    static final Set<String> FINISH_REASONS = Set.of("stop", "length", "tool_calls", "content_filter", "function_call");

    private Rules() {
    }

    /** MODELS-HAS-MAPPED: every model the plan maps to is listed by the gateway. */
    static Outcome models(ModelList list, List<String> mapped) {
        if (list.models().isEmpty()) {
            return new Outcome.Fail("MODELS-SHAPE", "GET /models answered with an empty list.");
        }
        List<String> missing = mapped.stream().filter(m -> !list.contains(m)).toList();
        if (!missing.isEmpty()) {
            List<String> prefixed = missing.stream().filter(m -> list.contains("models/" + m)).toList();
            String hint = prefixed.isEmpty() ? " Pick IDs from the target catalog in step 3."
                    : " Listed only with a models/ prefix: " + String.join(", ", prefixed) + ".";
            return new Outcome.Fail("MODELS-HAS-MAPPED", "Not in the target catalog (" + list.models().size()
                    + " models): " + String.join(", ", missing) + "." + hint);
        }
        return new Outcome.Pass("MODELS-HAS-MAPPED", list.models().size() + " models listed"
                + (mapped.isEmpty() ? "" : ", including every mapped model"));
    }

    /** CHAT-SHAPE, CHAT-FINISH-REASON, CHAT-USAGE for a non-streamed answer. */
    static Outcome chat(ChatResult r) {
        Outcome common = common(r);
        if (common != null) {
            return common;
        }
        return new Outcome.Pass("CHAT-USAGE", "Assistant message, finish_reason " + r.finishReason()
                + ", usage " + r.usage().totalTokens() + " tokens" + routed(r));
    }

    /** SSE-DONE (checked by the reader), SSE-USAGE-CHUNK, CHAT-FINISH-REASON for a stream asked with include_usage. */
    static Outcome streaming(ChatResult r) {
        if (!r.sawDone()) {
            return new Outcome.Fail("SSE-DONE", "The stream ended without data: [DONE].");
        }
        if (r.usage() == null) {
            return new Outcome.Fail("SSE-USAGE-CHUNK", "stream_options.include_usage was sent but no usage chunk arrived;"
                    + " token counts and cost cannot be reviewed from the stream.");
        }
        Outcome common = common(r);
        if (common != null) {
            return common;
        }
        String incremental = r.chunkCount() <= 2 ? "; advisory SSE-INCREMENTAL: the text came in one chunk" : "";
        return new Outcome.Pass("SSE-DONE", r.chunkCount() + " chunks, ended with [DONE], usage "
                + r.usage().totalTokens() + " tokens" + routed(r) + incremental);
    }

    private static Outcome common(ChatResult r) {
        if (r.content() == null || r.content().isBlank()) {
            return new Outcome.Fail("CHAT-SHAPE", "The answer has no assistant text.");
        }
        if (r.finishReason() == null || !FINISH_REASONS.contains(r.finishReason())) {
            return new Outcome.Fail("CHAT-FINISH-REASON", "finish_reason is " + quote(r.finishReason())
                    + "; expected one of stop, length, tool_calls, content_filter, function_call.");
        }
        Usage u = r.usage();
        if (u == null) {
            return new Outcome.Fail("CHAT-USAGE", "The response has no usage object; billing review needs token counts.");
        }
        if (u.promptTokens() < 0 || u.completionTokens() < 0 || u.totalTokens() != u.promptTokens() + u.completionTokens()) {
            return new Outcome.Fail("CHAT-USAGE", "usage does not add up: prompt " + u.promptTokens() + " + completion "
                    + u.completionTokens() + " ≠ total " + u.totalTokens() + ".");
        }
        return null;
    }

    private static String routed(ChatResult r) {
        return r.model() == null || r.model().isBlank() ? "" : ", answered by " + r.model();
    }

    /** The verdict for a classified failure: the gateway was wrong (Fail), declined (Unsupported) or unreachable (Error). */
    static Outcome failure(ApiException e, String feature) {
        String m = e.getMessage();
        return switch (e.kind()) {
            case WRONG_PATH -> new Outcome.Fail("URL-MISSING-V1", m);
            case NON_JSON_BODY -> new Outcome.Fail("HTTP-HTML-BODY", m);
            case TRUNCATED_STREAM -> new Outcome.Fail("SSE-DONE", m);
            case MIDSTREAM_ERROR -> new Outcome.Fail("SSE-MIDSTREAM-ERROR", m);
            case PROTOCOL -> new Outcome.Fail(Check.MODELS.equals(feature) ? "MODELS-SHAPE" : "CHAT-SHAPE", m);
            case MODEL_NOT_FOUND -> new Outcome.Fail("MODELS-HAS-MAPPED", m);
            case UNSUPPORTED_PARAMETER -> new Outcome.Unsupported(
                    Check.STREAMING.equals(feature) ? "SSE-STREAM-OPTIONS" : "ERR-UNSUPPORTED-PARAM", m);
            case BAD_REQUEST -> new Outcome.Fail("CHAT-SHAPE", m);
            case AUTHENTICATION, PERMISSION, RATE_LIMITED, SERVER_ERROR, NETWORK, TLS, TIMEOUT, CANCELLED ->
                    new Outcome.Error(e.kind() == ai.flatkey.migrate.wire.FailureKind.TLS ? "TLS-VERIFY" : "", m);
        };
    }

    /** ERR-AUTH: an invalid key must get 401, not 403, 400 or 500. */
    static Outcome invalidKey(ApiException e) {
        return switch (e.kind()) {
            case AUTHENTICATION -> new Outcome.Pass("ERR-AUTH", "An invalid key gets HTTP 401" + said(e));
            case NETWORK, TLS, TIMEOUT, CANCELLED -> new Outcome.Error("", e.getMessage());
            default -> new Outcome.Fail("ERR-AUTH", "An invalid key got " + status(e) + " instead of 401: SDKs raise the"
                    + " wrong error type, so the app's handling of a revoked key may not trigger. " + e.getMessage());
        };
    }

    /** ERR-UNKNOWN-MODEL: an unknown model must be refused with 404 or 400 naming it. */
    static Outcome unknownModel(ApiException e, String model) {
        boolean named = e.getMessage().contains(model) || e.serverMessage().contains(model);
        return switch (e.kind()) {
            case MODEL_NOT_FOUND -> named
                    ? new Outcome.Pass("ERR-UNKNOWN-MODEL", "Refused with " + status(e) + " naming the model" + said(e))
                    : new Outcome.Pass("ERR-UNKNOWN-MODEL", "Refused with " + status(e) + " (model_not_found); advisory:"
                    + " the message does not name the model" + said(e));
            case BAD_REQUEST, WRONG_PATH -> named
                    ? new Outcome.Pass("ERR-UNKNOWN-MODEL", "Refused with " + status(e) + " naming the model" + said(e))
                    : new Outcome.Fail("ERR-UNKNOWN-MODEL", "Refused with " + status(e) + " but without naming the model or"
                    + " saying model_not_found: a wrong model ID is hard to tell from other mistakes" + said(e));
            case NETWORK, TLS, TIMEOUT, CANCELLED -> new Outcome.Error("", e.getMessage());
            default -> new Outcome.Fail("ERR-UNKNOWN-MODEL", "An unknown model got " + status(e) + " instead of 404/400 "
                    + "model_not_found. " + e.getMessage());
        };
    }

    /** A person's custom check: the common shape rules, then the expectation on the text. */
    static Outcome custom(ChatResult r, ai.flatkey.migrate.plan.CustomCheck c) {
        if (r.streamed() && !r.sawDone()) {
            return new Outcome.Fail("SSE-DONE", "The stream ended without data: [DONE].");
        }
        Outcome common = common(r);
        if (common != null) {
            return common;
        }
        String text = r.content();
        return switch (c.expect()) {
            case NON_EMPTY -> new Outcome.Pass("CUSTOM", "Answered (" + text.length() + " characters)");
            case CONTAINS -> text.toLowerCase(java.util.Locale.ROOT).contains(c.expectValue().toLowerCase(java.util.Locale.ROOT))
                    ? new Outcome.Pass("CUSTOM", "The answer contains \"" + c.expectValue() + "\"")
                    : new Outcome.Fail("CUSTOM", "The answer does not contain \"" + c.expectValue() + "\"");
            case MATCHES -> matches(text, c.expectValue());
            case JSON_OBJECT -> isJsonObject(text)
                    ? new Outcome.Pass("JSON-OBJECT", "The answer is a JSON object")
                    : new Outcome.Fail("JSON-OBJECT", "The answer is not a JSON object");
        };
    }

    private static Outcome matches(String text, String regex) {
        try {
            return java.util.regex.Pattern.compile(regex).matcher(text).find()
                    ? new Outcome.Pass("CUSTOM", "The answer matches /" + regex + "/")
                    : new Outcome.Fail("CUSTOM", "The answer does not match /" + regex + "/");
        } catch (java.util.regex.PatternSyntaxException e) {
            return new Outcome.Error("CUSTOM", "The check's pattern is not a valid regular expression: " + e.getDescription());
        }
    }

    static boolean isJsonObject(String text) {
        try {
            return com.google.gson.JsonParser.parseString(text.strip()).isJsonObject();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String status(ApiException e) {
        return e.status() > 0 ? "HTTP " + e.status() : "no HTTP status";
    }

    private static String said(ApiException e) {
        return e.serverMessage().isBlank() ? "." : ": \"" + e.serverMessage() + "\"";
    }

    private static String quote(String s) {
        return s == null ? "missing" : "\"" + s + "\"";
    }
}
