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

    private static String quote(String s) {
        return s == null ? "missing" : "\"" + s + "\"";
    }
}
