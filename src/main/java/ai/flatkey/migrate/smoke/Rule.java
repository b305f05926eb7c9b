package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.Verdict;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The conformance rules a smoke check applies, with the stable IDs of CONFORMANCE.md (shown in the UI, the CLI,
 * JUnit and exports), what each checks, and how a breach is classed. A rule decides a verdict through
 * {@link Judgement}: the first {@link Breach#FAIL} breach decides, else the first {@link Breach#UNSUPPORTED}; an
 * {@link Breach#ADVISORY} breach never decides a verdict: it is named in the reason of the verdict the rest of the
 * exchange gives ({@code advisory RULE-ID: evidence}) — a Pass, unless the rule is only seen on an answer that leaves
 * nothing to judge (see {@link #verdicts()}).
 *
 * <p>A rule that can be breached in more than one way declares each class (JSON-SCHEMA: content that misses the
 * schema is a Fail, a clear 400 refusing {@code json_schema} is Unsupported); a breach of a class the rule does not
 * declare is a defect in the check, caught by an assertion when assertions are on (as in the tests).
 */
public enum Rule {
    // Base URL, transport, errors
    URL_MISSING_V1("URL-MISSING-V1", "the base URL carries the API prefix (/v1): {base}/models answers JSON", Breach.FAIL),
    URL_DOUBLED_PATH("URL-DOUBLED-PATH", "the base URL does not already end in an endpoint path the SDK appends again", Breach.FAIL),
    HTTP_HTML_BODY("HTTP-HTML-BODY", "no HTML page where JSON or SSE is expected, at any status", Breach.FAIL),
    HTTP_BODY_TRUNCATED("HTTP-BODY-TRUNCATED", "a JSON answer parses to its end (not cut off when the connection closed)", Breach.FAIL),
    HTTP_CONTENT_TYPE("HTTP-CONTENT-TYPE", "JSON served as application/json, streams as text/event-stream", Breach.ADVISORY),
    TLS_VERIFY("TLS-VERIFY", "the certificate chain, host name and expiry verify", Breach.ERROR),
    ERR_SHAPE("ERR-SHAPE", "error bodies are {\"error\":{\"message\",\"type\",\"param\",\"code\"}}", Breach.ADVISORY),
    ERR_AUTH("ERR-AUTH", "a wrong key gets 401", Breach.FAIL),
    ERR_UNKNOWN_MODEL("ERR-UNKNOWN-MODEL", "an unknown model gets 404/400 naming it, not another model's answer", Breach.FAIL),
    ERR_UNSUPPORTED_PARAM("ERR-UNSUPPORTED-PARAM", "an unsupported parameter gets 400 naming it, not silence",
            Breach.ADVISORY, Breach.UNSUPPORTED),
    // seen only on a 429, which a smoke check (no retries) cannot get past: the advisory rides on that Error
    ERR_RETRY_AFTER("ERR-RETRY-AFTER", "a 429 carries retry-after or retry-after-ms", Verdict.ERROR, Breach.ADVISORY),
    // Chat completions
    CHAT_SHAPE("CHAT-SHAPE", "object chat.completion, id, created, model, choices[] with index and an assistant message", Breach.FAIL),
    CHAT_FINISH_REASON("CHAT-FINISH-REASON", "finish_reason is stop, length, tool_calls, content_filter or function_call", Breach.FAIL),
    CHAT_MODEL_ROUTED("CHAT-MODEL-ROUTED", "the model that answered is the one asked for, or an alias/version of it", Breach.ADVISORY),
    CHAT_USAGE("CHAT-USAGE", "usage has prompt, completion and total tokens, and they add up", Breach.FAIL),
    ROLE_DEVELOPER("ROLE-DEVELOPER", "the developer role is accepted", Breach.UNSUPPORTED),
    PARAM_MAX_TOKENS("PARAM-MAX-TOKENS", "max_tokens and max_completion_tokens are each accepted or clearly refused", Breach.UNSUPPORTED),
    VISION_INPUT("VISION-INPUT", "an image_url part is answered by a vision model, refused with a clear 400 otherwise",
            Breach.UNSUPPORTED),
    // Streaming
    SSE_FRAMING("SSE-FRAMING", "data: events separated by blank lines; comments and CRLF tolerated", Breach.FAIL),
    SSE_DONE("SSE-DONE", "the stream ends with data: [DONE]", Breach.FAIL),
    SSE_CHUNK_SHAPE("SSE-CHUNK-SHAPE", "object chat.completion.chunk, the same id and created on every chunk, choices[].delta", Breach.FAIL),
    SSE_ONE_FINISH("SSE-ONE-FINISH", "exactly one non-null finish_reason per choice", Breach.FAIL),
    SSE_INCREMENTAL("SSE-INCREMENTAL", "content arrives over several chunks, not one buffered blob", Breach.ADVISORY),
    SSE_EMPTY_FIRST_CHOICES("SSE-EMPTY-FIRST-CHOICES", "no chunk with choices: [] before the content", Breach.ADVISORY),
    SSE_USAGE_CHUNK("SSE-USAGE-CHUNK", "with include_usage: one final chunk with choices: [] and usage", Breach.FAIL,
            Breach.ADVISORY),
    SSE_STREAM_OPTIONS("SSE-STREAM-OPTIONS", "stream_options is accepted", Breach.UNSUPPORTED),
    SSE_MIDSTREAM_ERROR("SSE-MIDSTREAM-ERROR", "no error object inside the stream", Breach.FAIL),
    // Tools
    TOOL_FINISH_REASON("TOOL-FINISH-REASON", "finish_reason is tool_calls when the message has tool calls", Breach.FAIL),
    TOOL_CALL_ID("TOOL-CALL-ID", "every tool call has a non-empty id", Breach.FAIL),
    TOOL_DELTA_INDEX("TOOL-DELTA-INDEX", "every streamed tool-call fragment has index", Breach.FAIL),
    TOOL_PARALLEL_INDEX("TOOL-PARALLEL-INDEX", "parallel tool calls carry distinct indexes", Breach.FAIL),
    TOOL_ARGS_STRING("TOOL-ARGS-STRING", "function.arguments is a string holding JSON", Breach.FAIL),
    TOOL_ARGS_SCHEMA("TOOL-ARGS-SCHEMA", "the parsed arguments satisfy the declared parameters schema", Breach.FAIL),
    TOOL_CHOICE("TOOL-CHOICE", "tool_choice \"required\" is honoured", Breach.FAIL, Breach.UNSUPPORTED),
    // Structured output
    JSON_OBJECT("JSON-OBJECT", "response_format json_object yields a JSON object", Breach.FAIL, Breach.UNSUPPORTED),
    JSON_SCHEMA("JSON-SCHEMA", "response_format json_schema yields content valid against the schema", Breach.FAIL,
            Breach.UNSUPPORTED),
    // Responses API
    RESP_AVAILABLE("RESP-AVAILABLE", "/responses exists for the model", Breach.UNSUPPORTED),
    RESP_SHAPE("RESP-SHAPE", "object response, status completed, output[] with an output_text message", Breach.FAIL),
    RESP_STREAM_EVENTS("RESP-STREAM-EVENTS", "response.created … output_text.delta … response.completed, sequence_number increasing", Breach.FAIL),
    // Embeddings and models
    EMB_AVAILABLE("EMB-AVAILABLE", "/embeddings exists for the model", Breach.UNSUPPORTED),
    EMB_SHAPE("EMB-SHAPE", "object list, data[].embedding, model, usage", Breach.FAIL),
    EMB_BASE64("EMB-BASE64", "encoding_format base64 is honoured with as many values as the float answer", Breach.FAIL,
            Breach.UNSUPPORTED),
    MODELS_SHAPE("MODELS-SHAPE", "/models gives {object: list, data: [{id, object: model, created, owned_by}]}", Breach.FAIL),
    MODELS_HAS_MAPPED("MODELS-HAS-MAPPED", "every mapped target model is listed, not only under a models/ prefix", Breach.FAIL),
    // Observability
    HDR_REQUEST_ID("HDR-REQUEST-ID", "a request ID header on every response", Breach.ADVISORY),
    HDR_RATELIMIT("HDR-RATELIMIT", "x-ratelimit-* headers, when sent, are parseable", Breach.ADVISORY),
    // A person's own expectations: the assertions of request checks (docs/request-checks.md). Fail when the answer
    // breaks one; Error when there was nothing to check it on (no prices for a cost bound, no usage for a token
    // bound, a request that failed before an answer came): never a pass.
    ASSERT_STATUS("ASSERT-STATUS", "the HTTP status is the one the check expects (200, 4xx, …)", Breach.FAIL, Breach.ERROR),
    ASSERT_ERROR_TYPE("ASSERT-ERROR-TYPE", "the error's type or code is the one the check expects", Breach.FAIL, Breach.ERROR),
    ASSERT_ERROR_SHAPE("ASSERT-ERROR-SHAPE", "a refusal comes as an OpenAI error object with a message", Breach.FAIL, Breach.ERROR),
    ASSERT_CONTAINS("ASSERT-CONTAINS", "the answer text contains the check's text (with or without case)", Breach.FAIL, Breach.ERROR),
    ASSERT_NOT_CONTAINS("ASSERT-NOT-CONTAINS", "the answer text does not contain the check's text", Breach.FAIL, Breach.ERROR),
    ASSERT_REGEX("ASSERT-REGEX", "the answer text matches the check's regular expression", Breach.FAIL, Breach.ERROR),
    ASSERT_EQUALS("ASSERT-EQUALS", "the answer text equals the check's text (outer whitespace aside)", Breach.FAIL, Breach.ERROR),
    ASSERT_NOT_EMPTY("ASSERT-NOT-EMPTY", "the answer has text", Breach.FAIL, Breach.ERROR),
    ASSERT_JSON("ASSERT-JSON", "the answer text is JSON", Breach.FAIL, Breach.ERROR),
    ASSERT_JSON_SCHEMA("ASSERT-JSON-SCHEMA", "the answer's JSON is valid against the check's JSON Schema", Breach.FAIL, Breach.ERROR),
    ASSERT_TOOL_CALL("ASSERT-TOOL-CALL", "the answer calls the expected function, as many times as expected", Breach.FAIL, Breach.ERROR),
    ASSERT_TOOL_ARGS("ASSERT-TOOL-ARGS", "each call's arguments are valid against that tool's parameters schema in the request",
            Breach.FAIL, Breach.ERROR),
    ASSERT_FINISH_REASON("ASSERT-FINISH-REASON", "finish_reason is the one the check expects", Breach.FAIL, Breach.ERROR),
    ASSERT_USAGE("ASSERT-USAGE", "the answer carries usage (token counts)", Breach.FAIL, Breach.ERROR),
    ASSERT_TTFT("ASSERT-TTFT", "the first token arrives within the check's bound", Breach.FAIL, Breach.ERROR),
    ASSERT_CHUNKS("ASSERT-CHUNKS", "the stream has at least the check's number of chunks", Breach.FAIL, Breach.ERROR),
    ASSERT_DONE("ASSERT-DONE", "the stream ends with data: [DONE]", Breach.FAIL, Breach.ERROR),
    ASSERT_LATENCY("ASSERT-LATENCY", "the whole answer arrives within the check's bound", Breach.FAIL, Breach.ERROR),
    ASSERT_TOKENS("ASSERT-TOKENS", "the request's total tokens stay within the check's bound", Breach.FAIL, Breach.ERROR),
    ASSERT_COST("ASSERT-COST", "the request's cost, from the plan's prices, stays within the check's bound", Breach.FAIL, Breach.ERROR),
    ASSERT_EMB_DIMENSIONS("ASSERT-EMB-DIMENSIONS", "every embedding has the check's number of dimensions", Breach.FAIL, Breach.ERROR),
    ASSERT_EMB_COUNT("ASSERT-EMB-COUNT", "the answer holds the check's number of embeddings", Breach.FAIL, Breach.ERROR),
    ASSERT_IMG_COUNT("ASSERT-IMG-COUNT", "the images answer holds the check's number of images", Breach.FAIL, Breach.ERROR),
    ASSERT_IMG_FORMAT("ASSERT-IMG-FORMAT", "every image comes as the check's kind, b64_json or url", Breach.FAIL, Breach.ERROR),
    ASSERT_CONTENT_TYPE("ASSERT-CONTENT-TYPE", "the speech answer's content type is the check's media type", Breach.FAIL, Breach.ERROR),
    ASSERT_MOD_COUNT("ASSERT-MOD-COUNT", "the moderation answer holds the check's number of results", Breach.FAIL, Breach.ERROR),
    ASSERT_FLAGGED("ASSERT-FLAGGED", "every moderation result is flagged (or not) as the check expects", Breach.FAIL, Breach.ERROR),
    // Replay of recorded calls (issue 19, docs/replay.md): the recorded answer's shape is the expectation. Fail when
    // the target's answer differs in structure; Error when there was nothing to compare (the request failed first).
    REPLAY_STATUS("REPLAY-STATUS", "a call the recording saw refused (4xx) is refused by the target too", Breach.FAIL, Breach.ERROR),
    REPLAY_ERROR_SHAPE("REPLAY-ERROR-SHAPE", "a refusal the recording saw as an OpenAI error object comes as one from the target too", Breach.FAIL, Breach.ERROR),
    REPLAY_FINISH_REASON("REPLAY-FINISH-REASON", "finish_reason is the recorded one (stop or tool_calls)", Breach.FAIL, Breach.ERROR),
    REPLAY_TOOL_CALLS("REPLAY-TOOL-CALLS", "the answer calls each function the recorded answer called", Breach.FAIL, Breach.ERROR),
    REPLAY_TOOL_ARGS("REPLAY-TOOL-ARGS", "tool-call arguments are JSON valid against that tool's parameters schema in the request",
            Breach.FAIL, Breach.ERROR),
    REPLAY_JSON("REPLAY-JSON", "with a response_format the answer is JSON (valid against its json_schema)", Breach.FAIL, Breach.ERROR),
    REPLAY_USAGE("REPLAY-USAGE", "the answer carries usage when the recorded one did", Breach.FAIL, Breach.ERROR),
    REPLAY_STREAM_DONE("REPLAY-STREAM-DONE", "a stream the recording saw end with data: [DONE] ends with it", Breach.FAIL, Breach.ERROR),
    REPLAY_EMBEDDINGS("REPLAY-EMBEDDINGS", "as many embeddings of as many dimensions as recorded", Breach.FAIL, Breach.ERROR),
    REPLAY_IMAGES("REPLAY-IMAGES", "as many images as recorded, each as recorded (b64_json or url)", Breach.FAIL, Breach.ERROR),
    REPLAY_SPEECH("REPLAY-SPEECH", "speech audio of the recorded content type", Breach.FAIL, Breach.ERROR),
    REPLAY_MODERATIONS("REPLAY-MODERATIONS", "as many moderation results as recorded", Breach.FAIL, Breach.ERROR),
    REPLAY_LATENCY("REPLAY-LATENCY", "the whole answer takes at most twice the recorded time (and 1 s more)", Breach.ADVISORY),
    REPLAY_TTFT("REPLAY-TTFT", "the first streamed byte comes at most twice the recorded TTFT (and 1 s more)", Breach.ADVISORY),
    // The endpoint families beyond chat (issue 20): images, audio, moderations, video jobs, other routes
    IMG_SHAPE("IMG-SHAPE", "an images answer has created and data[] whose items carry b64_json or url", Breach.FAIL),
    IMG_FORMAT("IMG-FORMAT", "the image response_format asked for is the one received (b64_json-only models send no url)",
            Breach.FAIL),
    IMG_BYTES("IMG-BYTES", "the image bytes decode and have the size asked for", Breach.FAIL),
    AUD_TRANSCRIPT("AUD-TRANSCRIPT", "a transcription or translation of a known clip has non-empty text", Breach.FAIL,
            Breach.ADVISORY),
    AUD_FORMAT("AUD-FORMAT", "the audio format asked for is the one received (json, text, srt, verbose_json, vtt; speech's wav)",
            Breach.FAIL, Breach.UNSUPPORTED),
    AUD_SPEECH("AUD-SPEECH", "speech answers audio that decodes and has a duration", Breach.FAIL),
    AUD_STREAM("AUD-STREAM", "a streamed transcription (stream=true) answers transcript.text.delta events and ends with"
            + " transcript.text.done, whose text is the deltas joined", Breach.FAIL, Breach.ADVISORY),
    MOD_SHAPE("MOD-SHAPE", "moderation results[] carry flagged, categories and category_scores", Breach.FAIL),
    VID_JOB("VID-JOB", "a video job has an id, object video and a status in queued, in_progress, completed, failed",
            Breach.FAIL),
    VID_COMPLETES("VID-COMPLETES", "a video job completes before the deadline (not failed, not stuck)", Breach.FAIL),
    VID_CONTENT("VID-CONTENT", "a completed video's content downloads as an MP4, Range honoured", Breach.FAIL),
    ENDPOINT_AVAILABLE("ENDPOINT-AVAILABLE", "the endpoint family exists here: no 501 api_not_implemented, no missing route",
            Breach.UNSUPPORTED);

    /** How a breach of a rule is classed. */
    public enum Breach {
        /** The gateway claims the feature and gets it wrong. */
        FAIL,
        /** The gateway declines the feature clearly (a 4xx naming it). */
        UNSUPPORTED,
        /** Not wrong for every client, but a known cause of breakage: a warning, never a failure. */
        ADVISORY,
        /** The check could not be evaluated (for example the TLS handshake failed). */
        ERROR
    }

    private static final Pattern ADVISORY_IN_REASON = Pattern.compile("advisory ([A-Z0-9]+(?:-[A-Z0-9]+)+)");

    private final String id;
    private final String checks;
    private final List<Breach> breaches;
    private final Verdict advisoryOn;

    Rule(String id, String checks, Breach... breaches) {
        this(id, checks, Verdict.PASS, breaches);
    }

    /**
     * @param advisoryOn the verdict of the exchanges an advisory breach is seen in: a Pass, or an Error for a rule
     *                   seen only on an answer that ends the check (a 429: smoke checks do not retry)
     * @param breaches   how a breach is classed, the main class first; one entry per way the rule can be breached
     */
    Rule(String id, String checks, Verdict advisoryOn, Breach... breaches) {
        if (breaches.length == 0) {
            throw new IllegalArgumentException(id + " declares no breach class");
        }
        this.id = id;
        this.checks = checks;
        this.advisoryOn = advisoryOn;
        this.breaches = List.of(breaches);
    }

    /** The stable ID, e.g. {@code SSE-USAGE-CHUNK}. */
    public String id() {
        return id;
    }

    /** What the rule checks, in a few words. */
    public String checks() {
        return checks;
    }

    /** How a breach is classed: the main class (the first declared). */
    public Breach breach() {
        return breaches.get(0);
    }

    /** Every class a breach of this rule can have, the main one first. */
    public List<Breach> breaches() {
        return breaches;
    }

    /** Whether a breach of this rule can have class {@code b}. */
    public boolean declares(Breach b) {
        return breaches.contains(b);
    }

    /**
     * The verdicts a check ends with when it finds this rule breached, one per declared class: Fail, Unsupported and
     * Error as classed; an advisory, which decides nothing, shows on the verdict of the exchange it is seen in.
     */
    public Set<Verdict> verdicts() {
        Set<Verdict> out = new LinkedHashSet<>();
        for (Breach b : breaches) {
            out.add(switch (b) {
                case FAIL -> Verdict.FAIL;
                case UNSUPPORTED -> Verdict.UNSUPPORTED;
                case ADVISORY -> advisoryOn;
                case ERROR -> Verdict.ERROR;
            });
        }
        return out;
    }

    /**
     * Where a rule is described: a request check's assertions in docs/request-checks.md, a replay's in docs/replay.md,
     * the endpoint families' in docs/families.md, the wire rules in the conformance catalog (CONFORMANCE.md).
     */
    public static String documentOf(String id) {
        if (id.startsWith("ASSERT-")) {
            return "docs/request-checks.md";
        }
        if (id.startsWith("REPLAY-")) {
            return "docs/replay.md";
        }
        if (id.matches("(?:IMG|AUD|MOD|VID)-.*") || id.equals("ENDPOINT-AVAILABLE")) {
            return "docs/families.md";
        }
        return "CONFORMANCE.md";
    }

    /** The rule with this ID. */
    public static Optional<Rule> byId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }

    /** A pass that names this rule as the one checked. */
    Outcome pass(String reason) {
        return new Outcome.Pass(id, reason);
    }

    Outcome fail(String reason) {
        assert declared(Breach.FAIL);
        return new Outcome.Fail(id, reason);
    }

    Outcome unsupported(String reason) {
        assert declared(Breach.UNSUPPORTED);
        return new Outcome.Unsupported(id, reason);
    }

    /** The advisory text as it appears in a reason. */
    String advisory(String evidence) {
        assert declared(Breach.ADVISORY);
        return "advisory " + id + ": " + evidence;
    }

    /** True when this rule declares {@code b}; otherwise an AssertionError naming the defect (for {@code assert}). */
    boolean declared(Breach b) {
        if (!declares(b)) {
            throw new AssertionError(id + " is breached as " + b + " but declares only " + breaches);
        }
        return true;
    }

    /**
     * The rules a stored result shows as breached: every breach it keeps (deciding ones and advisories), the deciding
     * rule of a result that did not pass, and every advisory its reason names (results stored before breaches were
     * kept name their advisories only there).
     */
    public static Set<String> fired(CheckResult r) {
        Set<String> out = new LinkedHashSet<>();
        if (r.verdict() != Verdict.PASS && !r.ruleId().isBlank()) {
            out.add(r.ruleId());
        }
        r.breaches().forEach(b -> out.add(b.ruleId()));
        Matcher m = ADVISORY_IN_REASON.matcher(r.reason());
        while (m.find()) {
            if (byId(m.group(1)).isPresent()) {
                out.add(m.group(1));
            }
        }
        return out;
    }
}
