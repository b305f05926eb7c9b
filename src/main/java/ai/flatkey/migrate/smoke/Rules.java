package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.plan.RuleBreach;
import ai.flatkey.migrate.wire.ApiException;
import ai.flatkey.migrate.wire.ChatResult;
import ai.flatkey.migrate.wire.ChatShape;
import ai.flatkey.migrate.wire.Embedding;
import ai.flatkey.migrate.wire.EmbeddingsResult;
import ai.flatkey.migrate.wire.FailureKind;
import ai.flatkey.migrate.wire.ModelInfo;
import ai.flatkey.migrate.wire.ModelList;
import ai.flatkey.migrate.wire.ResponseHeaders;
import ai.flatkey.migrate.wire.ResponseOutputItem;
import ai.flatkey.migrate.wire.ResponsesResult;
import ai.flatkey.migrate.wire.StreamTrace;
import ai.flatkey.migrate.wire.ToolCall;
import ai.flatkey.migrate.wire.Transcript;
import ai.flatkey.migrate.wire.Usage;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Applies the {@link Rule}s to what an exchange gave, one method per check feature, each returning the verdict with
 * the rule that decided it and the evidence (the chunk or field). A pass names the main rule it checked.
 */
final class Rules {
    static final Set<String> FINISH_REASONS = Set.of("stop", "length", "tool_calls", "content_filter", "function_call");

    private Rules() {
    }

    // ---------------------------------------------------------------- models

    /** MODELS-SHAPE and MODELS-HAS-MAPPED. */
    static Outcome models(ModelList list, List<String> mapped) {
        Judgement j = new Judgement();
        if (!list.object().equals("list")) {
            j.fail(Rule.MODELS_SHAPE, "GET /models answered with object " + quote(emptyToNull(list.object()))
                    + " instead of \"list\" (a bare array or another wrapper); SDKs that page through the list fail.");
        }
        if (list.models().isEmpty()) {
            j.fail(Rule.MODELS_SHAPE, "GET /models answered with an empty list.");
        }
        for (ModelInfo m : list.models()) {
            if (!m.object().equals("model") || m.id().isBlank()) {
                j.fail(Rule.MODELS_SHAPE, "A model entry lacks object \"model\" or an id: " + quote(m.id())
                        + " has object " + quote(emptyToNull(m.object())) + ".");
                break;
            }
        }
        List<String> missing = mapped.stream().filter(m -> !list.contains(m)).toList();
        if (!missing.isEmpty()) {
            List<String> prefixed = missing.stream().filter(m -> list.contains("models/" + m)).toList();
            String hint = prefixed.isEmpty() ? " Pick IDs from the target catalog in step 3."
                    : " Listed only with a models/ prefix: " + String.join(", ", prefixed)
                    + "; send the ID exactly as listed (models/…) or ask the gateway for an alias.";
            j.fail(Rule.MODELS_HAS_MAPPED, "Not in the target catalog (" + list.models().size() + " models): "
                    + String.join(", ", missing) + "." + hint);
        }
        transport(j, list.transcript(), list.headers(), false);
        return j.decide(Rule.MODELS_HAS_MAPPED, list.models().size() + " models listed"
                + (mapped.isEmpty() ? "" : ", including every mapped model"));
    }

    // ---------------------------------------------------------------- chat

    /** CHAT-SHAPE, CHAT-FINISH-REASON, CHAT-USAGE, CHAT-MODEL-ROUTED for a non-streamed answer. */
    static Outcome chat(ChatResult r, String asked) {
        Judgement j = new Judgement();
        chatRules(j, r, asked, true);
        transport(j, r.transcript(), r.headers(), false);
        return j.decide(Rule.CHAT_USAGE, "Assistant message, finish_reason " + r.finishReason()
                + usageText(r) + routed(r));
    }

    /** A chat answer to a request that exercised one parameter (developer role, max tokens, an image). */
    static Outcome chatWith(ChatResult r, String asked, Rule exercised, String what) {
        Judgement j = new Judgement();
        chatRules(j, r, asked, true);
        transport(j, r.transcript(), r.headers(), false);
        return j.decide(exercised, what + " accepted: finish_reason " + r.finishReason() + usageText(r) + routed(r));
    }

    private static void chatRules(Judgement j, ChatResult r, String asked, boolean needText) {
        ChatShape s = r.shape();
        if (s != null) {
            if (!s.object().equals("chat.completion")) {
                j.fail(Rule.CHAT_SHAPE, "object is " + quote(emptyToNull(s.object())) + ", expected \"chat.completion\".");
            } else if (s.choiceCount() == 0) {
                j.fail(Rule.CHAT_SHAPE, "choices is empty: there is no answer to read.");
            } else if (!s.role().equals("assistant")) {
                j.fail(Rule.CHAT_SHAPE, "choices[0].message.role is " + quote(emptyToNull(s.role())) + ", expected \"assistant\".");
            } else if (s.created() == null) {
                j.fail(Rule.CHAT_SHAPE, "created is missing or not a number.");
            } else if (s.choiceIndex() == null) {
                j.fail(Rule.CHAT_SHAPE, "choices[0].index is missing.");
            }
        }
        if (r.id() == null || r.id().isBlank()) {
            j.fail(Rule.CHAT_SHAPE, "The answer has no id.");
        }
        if (needText && r.toolCalls().isEmpty() && (r.content() == null || r.content().isBlank())) {
            j.fail(Rule.CHAT_SHAPE, "The answer has no assistant text.");
        }
        if (r.finishReason() == null || !FINISH_REASONS.contains(r.finishReason())) {
            j.fail(Rule.CHAT_FINISH_REASON, "finish_reason is " + quote(r.finishReason())
                    + "; expected one of stop, length, tool_calls, content_filter, function_call.");
        }
        if (!r.streamed()) {
            usage(j, r.usage(), Rule.CHAT_USAGE, "The response has no usage object; billing review needs token counts.");
        }
        if (asked != null && r.model() != null && !r.model().isBlank() && !sameModel(asked, r.model())) {
            j.advise(Rule.CHAT_MODEL_ROUTED, "asked for " + asked + ", answered (and likely billed) as " + r.model());
        }
    }

    private static void usage(Judgement j, Usage u, Rule rule, String whenMissing) {
        if (u == null) {
            j.fail(rule, whenMissing);
        } else if (u.promptTokens() < 0 || u.completionTokens() < 0
                || u.totalTokens() != u.promptTokens() + u.completionTokens()) {
            j.fail(rule, "usage does not add up: prompt " + u.promptTokens() + " + completion " + u.completionTokens()
                    + " ≠ total " + u.totalTokens() + ".");
        }
    }

    /** Whether the model that answered is the one asked, an alias, a dated version or a vendor-prefixed form of it. */
    static boolean sameModel(String asked, String answered) {
        String a = tail(asked).toLowerCase(Locale.ROOT);
        String b = tail(answered).toLowerCase(Locale.ROOT);
        return a.equals(b) || b.startsWith(a + "-") || a.startsWith(b + "-") || b.startsWith(a + "@") || b.startsWith(a + ":");
    }

    private static String tail(String model) {
        int i = model.lastIndexOf('/');
        return i < 0 ? model : model.substring(i + 1);
    }

    // ---------------------------------------------------------------- streaming

    /**
     * SSE-DONE, SSE-CHUNK-SHAPE, SSE-ONE-FINISH, SSE-USAGE-CHUNK, SSE-EMPTY-FIRST-CHOICES, SSE-INCREMENTAL and the
     * chat rules, for a stream asked with or without {@code stream_options.include_usage}.
     */
    static Outcome streaming(ChatResult r, boolean includeUsage, String asked) {
        Judgement j = new Judgement();
        streamRules(j, r, includeUsage);
        chatRules(j, r, asked, true);
        transport(j, r.transcript(), r.headers(), true);
        StreamTrace t = r.trace();
        String usage = r.usage() == null ? ", no usage (not asked for)" : ", usage " + r.usage().totalTokens() + " tokens";
        return j.decide(includeUsage ? Rule.SSE_USAGE_CHUNK : Rule.SSE_DONE, r.chunkCount() + " chunks"
                + (t == null ? "" : " (" + t.contentChunks() + " with content over " + t.contentSpreadMs() + " ms)")
                + ", ended with [DONE]" + usage + routed(r) + framing(t));
    }

    private static void streamRules(Judgement j, ChatResult r, boolean includeUsage) {
        if (!r.sawDone()) {
            j.fail(Rule.SSE_DONE, "The stream ended without data: [DONE] after " + r.chunkCount() + " chunks.");
        }
        StreamTrace t = r.trace();
        if (t == null) {
            return;
        }
        List<StreamTrace.Chunk> chunks = t.chunks();
        for (int i = 0; i < chunks.size(); i++) {
            StreamTrace.Chunk c = chunks.get(i);
            if (!"chat.completion.chunk".equals(c.object())) {
                j.fail(Rule.SSE_CHUNK_SHAPE, "chunk " + (i + 1) + " has object " + quote(emptyToNull(c.object()))
                        + ", expected \"chat.completion.chunk\": " + chunk(r.transcript(), i));
                break;
            }
            if (c.choiceCount() > 0 && !c.hasDelta()) {
                j.fail(Rule.SSE_CHUNK_SHAPE, "chunk " + (i + 1) + " has a choice without delta: " + chunk(r.transcript(), i));
                break;
            }
        }
        if (t.distinctIds().size() > 1) {
            j.fail(Rule.SSE_CHUNK_SHAPE, "the chunks carry " + t.distinctIds().size() + " different ids " + t.distinctIds()
                    + "; every chunk of one completion must share its id.");
        }
        if (t.distinctCreated().size() > 1) {
            j.fail(Rule.SSE_CHUNK_SHAPE, "the chunks carry " + t.distinctCreated().size() + " different created values "
                    + t.distinctCreated() + "; they must be equal.");
        }
        Map<Integer, Integer> finishes = t.finishReasonCounts();
        if (finishes.isEmpty() && r.sawDone()) {
            j.fail(Rule.SSE_ONE_FINISH, "no chunk carried a finish_reason: a client cannot tell a complete answer from a cut one.");
        }
        finishes.forEach((choice, n) -> {
            if (n != 1) {
                j.fail(Rule.SSE_ONE_FINISH, "choice " + choice + " got " + n + " non-null finish_reasons; expected exactly one.");
            }
        });
        int emptyChoices = t.emptyChoiceChunksWithoutUsage();
        if (emptyChoices > 0) {
            int at = indexOfFirst(chunks, c -> c.choiceCount() == 0 && !c.hasUsage());
            j.advise(Rule.SSE_EMPTY_FIRST_CHOICES, emptyChoices + " chunk" + (emptyChoices == 1 ? "" : "s")
                    + " with choices: [] (chunk " + (at + 1) + ": " + chunk(r.transcript(), at)
                    + "); code reading choices[0] of every chunk breaks: skip chunks without choices");
        }
        if (includeUsage) {
            if (t.usageChunks() == 0) {
                j.fail(Rule.SSE_USAGE_CHUNK, "stream_options.include_usage was sent but no chunk carried usage;"
                        + " token counts and cost cannot be reviewed from the stream. Last chunk: "
                        + chunk(r.transcript(), chunks.size() - 1));
            } else if (!t.usageOnlyInFinalEmptyChunk()) {
                j.advise(Rule.SSE_USAGE_CHUNK, "usage arrived in " + t.usageChunks() + " chunk(s), not only in one final"
                        + " chunk with choices: []; read usage from whichever chunk has it");
            } else {
                usage(j, r.usage(), Rule.SSE_USAGE_CHUNK, "The usage chunk could not be read.");
            }
        } else if (t.usageChunks() > 0 && t.chunks().stream().anyMatch(c -> c.hasUsage() && c.choiceCount() == 0)) {
            j.advise(Rule.SSE_USAGE_CHUNK, "a usage chunk with choices: [] arrived although include_usage was not asked"
                    + " for; code reading choices[0] of every chunk breaks");
        }
        if (r.sawDone() && t.contentChunks() <= 1 && r.toolCalls().isEmpty()) {
            j.advise(Rule.SSE_INCREMENTAL, "the text came in " + t.contentChunks() + " chunk: time to first token"
                    + " equals total time");
        }
    }

    private static String framing(StreamTrace t) {
        if (t == null || (t.commentLines() == 0 && !t.crlf())) {
            return "";
        }
        return "; SSE-FRAMING: " + (t.commentLines() > 0 ? t.commentLines() + " comment line(s) skipped" : "")
                + (t.commentLines() > 0 && t.crlf() ? ", " : "") + (t.crlf() ? "CRLF line ends read" : "");
    }

    // ---------------------------------------------------------------- tools

    /** TOOL-* rules for an answer to a request with {@code tool_choice: "required"}. */
    static Outcome tools(ChatResult r, boolean parallel, String asked) {
        Judgement j = new Judgement();
        if (r.streamed()) {
            streamRules(j, r, true);
            streamedToolRules(j, r);
        }
        chatRules(j, r, asked, false);
        List<ToolCall> calls = r.toolCalls();
        if (calls.isEmpty()) {
            j.fail(Rule.TOOL_CHOICE, "tool_choice \"required\" was sent but the answer has no tool call (finish_reason "
                    + quote(r.finishReason()) + ", text " + quote(Judgement.excerpt(r.content())) + ").");
        } else {
            toolCallRules(j, r, calls, parallel, true);
        }
        transport(j, r.transcript(), r.headers(), r.streamed());
        String callText = calls.stream().map(c -> c.name() + c.arguments()).toList().toString();
        return j.decide(parallel ? Rule.TOOL_PARALLEL_INDEX : Rule.TOOL_FINISH_REASON, calls.size() + " tool call"
                + (calls.size() == 1 ? "" : "s") + " " + callText + ", finish_reason tool_calls"
                + (parallel && calls.size() < 2 ? " (the model made one call; parallel indexes were not exercised)" : "")
                + (r.streamed() ? " over " + r.chunkCount() + " chunks" : "") + usageText(r));
    }

    /** The streamed tool-call fragments: each with an index, and parallel calls on indexes of their own. */
    private static void streamedToolRules(Judgement j, ChatResult r) {
        ToolFragments.Scan scan = ToolFragments.scan(r.transcript());
        StreamTrace t = r.trace();
        if (t != null && t.toolFragmentsWithoutIndex() > 0) {
            j.fail(Rule.TOOL_DELTA_INDEX, t.toolFragmentsWithoutIndex() + " of " + t.toolFragments()
                    + " streamed tool-call fragments lack index, e.g. " + excerptOr(scan.firstWithoutIndex())
                    + "; the official SDKs drop or merge such calls.");
        }
        if (scan.idsSharingAnIndex()) {
            j.fail(Rule.TOOL_PARALLEL_INDEX, "parallel calls " + scan.ids() + " all came with index "
                    + scan.indexes() + "; each call needs its own index or the SDK merges their arguments.");
        }
    }

    /** The calls of an answer that has some: finish_reason, ids, parallel indexes, then their arguments. */
    private static void toolCallRules(Judgement j, ChatResult r, List<ToolCall> calls, boolean parallel,
                                      boolean probeSchemas) {
        if (!"tool_calls".equals(r.finishReason())) {
            j.fail(Rule.TOOL_FINISH_REASON, "the message has " + calls.size() + " tool call(s) but finish_reason is "
                    + quote(r.finishReason()) + "; code that waits for \"tool_calls\" never runs the tool.");
        }
        for (ToolCall c : calls) {
            if (c.id().isBlank()) {
                j.fail(Rule.TOOL_CALL_ID, "tool call " + c.index() + " (" + c.name() + ") has an empty id; the tool"
                        + " result cannot be sent back (tool_call_id).");
                break;
            }
        }
        if (parallel && calls.size() > 1 && calls.stream().map(ToolCall::index).distinct().count() < calls.size()) {
            j.fail(Rule.TOOL_PARALLEL_INDEX, "parallel calls share an index: " + calls.stream()
                    .map(c -> c.index() + " " + c.name()).toList() + ".");
        }
        // fragments rebuilt on a missing or shared index belong to the wrong call: their arguments show that
        // breach again, not one of their own
        if (j.found(Rule.TOOL_DELTA_INDEX) || j.found(Rule.TOOL_PARALLEL_INDEX)) {
            return;
        }
        if (probeSchemas) {
            argumentRules(j, calls);
        } else {
            calls.stream().filter(c -> !c.argumentsString()).findFirst().ifPresent(c -> j.fail(Rule.TOOL_ARGS_STRING,
                    "function.arguments of " + c.name() + " is a JSON object, not a string: "
                            + Judgement.excerpt(c.arguments()) + "; the official SDKs reject it."));
        }
    }

    /** Each call's arguments: a string, of JSON, for a function that was offered, matching its schema (first breach only). */
    private static void argumentRules(Judgement j, List<ToolCall> calls) {
        for (ToolCall c : calls) {
            if (!c.argumentsString()) {
                j.fail(Rule.TOOL_ARGS_STRING, "function.arguments of " + c.name() + " is a JSON object, not a string: "
                        + Judgement.excerpt(c.arguments()) + "; the official SDKs reject it.");
                return;
            }
            String schema = c.name().equals("get_time") ? Probes.TIME_SCHEMA : Probes.WEATHER_SCHEMA;
            JsonElement args;
            try {
                args = JsonParser.parseString(c.arguments());
            } catch (RuntimeException e) {
                j.fail(Rule.TOOL_ARGS_STRING, "function.arguments of " + c.name() + " is not JSON: "
                        + quote(Judgement.excerpt(c.arguments())) + ".");
                return;
            }
            if (!c.name().equals("get_weather") && !c.name().equals("get_time")) {
                j.fail(Rule.TOOL_ARGS_SCHEMA, "the call names a function that was not offered: " + quote(c.name()) + ".");
                return;
            }
            String problem = Schemas.problem(schema, args);
            if (problem != null) {
                j.fail(Rule.TOOL_ARGS_SCHEMA, "the arguments of " + c.name() + " do not match its schema: " + problem
                        + " (got " + Judgement.excerpt(c.arguments()) + ").");
                return;
            }
        }
    }

    private static String excerptOr(String s) {
        return s == null ? "(fragment not found in the transcript)" : Judgement.excerpt(s);
    }

    // ---------------------------------------------------------------- structured output

    static Outcome jsonObject(ChatResult r, String asked) {
        Judgement j = new Judgement();
        chatRules(j, r, asked, true);
        if (!j.decided() && cutOff(r) && !isJsonObject(r.content())) {
            return truncated(r, "json_object");
        }
        if (r.content() != null && !r.content().isBlank() && !isJsonObject(r.content())) {
            j.fail(Rule.JSON_OBJECT, "response_format json_object was sent but the content is not a JSON object: "
                    + quote(Judgement.excerpt(r.content())) + ".");
        }
        transport(j, r.transcript(), r.headers(), false);
        return j.decide(Rule.JSON_OBJECT, "The content is a JSON object: " + Judgement.excerpt(r.content()));
    }

    /** Whether the answer stopped at the token limit (finish_reason "length") with some text. */
    private static boolean cutOff(ChatResult r) {
        return "length".equals(r.finishReason()) && r.content() != null && !r.content().isBlank();
    }

    /**
     * An answer cut off at the token limit before its JSON ended: nothing to judge the format by, and not the
     * gateway's fault. Says whether the request set the limit (max_tokens) or the model reached its own.
     */
    static Outcome truncated(ChatResult r, String format) {
        Transcript t = r.transcript();
        String body = t == null ? "" : t.requestBody();
        String limit = body.contains("\"max_completion_tokens\"") ? "max_completion_tokens (finish_reason \"length\")"
                : body.contains("\"max_tokens\"") ? "max_tokens (finish_reason \"length\")"
                : "the model's output limit (finish_reason \"length\"; the request set no max_tokens)";
        return new Outcome.Error("", "The answer was cut off at " + limit + " after "
                + r.content().length() + " characters, before its JSON ended, so " + format + " could not be judged: "
                + quote(Judgement.excerpt(r.content())) + ". Allow more tokens for JSON answers, or ask for a shorter one.");
    }

    static Outcome jsonSchema(ChatResult r, String asked) {
        Judgement j = new Judgement();
        chatRules(j, r, asked, true);
        if (!j.decided() && cutOff(r) && !isJsonObject(r.content())) {
            return truncated(r, "json_schema");
        }
        if (r.content() != null && !r.content().isBlank()) {
            JsonElement parsed = null;
            try {
                parsed = JsonParser.parseString(r.content().strip());
            } catch (RuntimeException e) {
                j.fail(Rule.JSON_SCHEMA, "response_format json_schema was sent but the content is not JSON: "
                        + quote(Judgement.excerpt(r.content())) + ".");
            }
            String problem = parsed == null ? null : Schemas.problem(Probes.ANSWER_SCHEMA, parsed);
            if (problem != null) {
                j.fail(Rule.JSON_SCHEMA, "the content does not match the schema: " + problem + " (got "
                        + Judgement.excerpt(r.content()) + ").");
            }
        }
        transport(j, r.transcript(), r.headers(), false);
        return j.decide(Rule.JSON_SCHEMA, "The content matches the schema: " + Judgement.excerpt(r.content()));
    }

    // ---------------------------------------------------------------- Responses API

    static Outcome responses(ResponsesResult r) {
        Judgement j = new Judgement();
        responseShape(j, r);
        transport(j, r.transcript(), r.headers(), false);
        return j.decide(Rule.RESP_SHAPE, "response " + r.status() + ", " + r.output().size() + " output item(s), "
                + r.outputText().length() + " characters of text" + usageText(r.usage()));
    }

    static Outcome responsesStream(ResponsesResult r) {
        Judgement j = new Judgement();
        List<String> types = r.eventTypes();
        if (types.isEmpty() || !types.get(0).equals("response.created")) {
            j.fail(Rule.RESP_STREAM_EVENTS, "the first event is " + (types.isEmpty() ? "missing" : quote(types.get(0)))
                    + ", expected \"response.created\".");
        }
        if (!types.contains("response.output_text.delta")) {
            j.fail(Rule.RESP_STREAM_EVENTS, "no response.output_text.delta event arrived; events: " + abbreviate(types) + ".");
        }
        if (r.terminalEvent().isEmpty()) {
            j.fail(Rule.RESP_STREAM_EVENTS, "the stream ended without response.completed, response.failed or"
                    + " response.incomplete; last events: " + abbreviate(types) + ".");
        } else if (r.terminalEvent().equals("response.failed")) {
            j.fail(Rule.RESP_STREAM_EVENTS, "the stream ended with response.failed: " + quote(r.error()) + ".");
        }
        if (!r.sequenceNumbersIncrease()) {
            j.fail(Rule.RESP_STREAM_EVENTS, "sequence_number is missing or does not increase on every event.");
        }
        if (r.terminalEvent().equals("response.completed")) {
            responseShape(j, r);
        }
        transport(j, r.transcript(), r.headers(), true);
        return j.decide(Rule.RESP_STREAM_EVENTS, r.events().size() + " events from response.created to "
                + r.terminalEvent() + ", sequence numbers increasing, " + r.outputText().length() + " characters of text"
                + usageText(r.usage()));
    }

    private static void responseShape(Judgement j, ResponsesResult r) {
        if (!r.object().equals("response")) {
            j.fail(Rule.RESP_SHAPE, "object is " + quote(emptyToNull(r.object())) + ", expected \"response\".");
        } else if (!r.status().equals("completed")) {
            j.fail(Rule.RESP_SHAPE, "status is " + quote(emptyToNull(r.status())) + ", expected \"completed\""
                    + (r.incompleteReason().isEmpty() ? "" : " (incomplete: " + r.incompleteReason() + ")")
                    + (r.error().isEmpty() ? "" : " (error: " + r.error() + ")") + ".");
        } else if (r.output().stream().noneMatch(o -> o.type().equals("message") && o.partTypes().contains("output_text"))) {
            j.fail(Rule.RESP_SHAPE, "output[] holds no message with an output_text part; items: "
                    + r.output().stream().map(ResponseOutputItem::type).toList() + ".");
        } else if (r.outputText().isBlank()) {
            j.fail(Rule.RESP_SHAPE, "the output_text is empty.");
        }
    }

    // ---------------------------------------------------------------- embeddings

    static Outcome embeddings(EmbeddingsResult r) {
        Judgement j = new Judgement();
        embeddingShape(j, r);
        transport(j, r.transcript(), r.headers(), false);
        return j.decide(Rule.EMB_SHAPE, r.data().size() + " vector(s) of " + (r.data().isEmpty() ? 0 : r.data().get(0).dimensions())
                + " floats" + usageText(r.usage()));
    }

    /** EMB-BASE64: the base64 answer decodes to as many values as the float answer. */
    static Outcome embeddingsBase64(EmbeddingsResult floats, EmbeddingsResult base64) {
        Judgement j = new Judgement();
        embeddingShape(j, base64);
        if (!base64.encodingHonoured()) {
            j.fail(Rule.EMB_BASE64, "encoding_format base64 was sent but the vectors came as "
                    + String.join("/", base64.encodingsReceived()) + "; SDKs ask for base64 by default and then"
                    + " decode garbage or fail: send encoding_format float explicitly.");
        } else if (!base64.data().isEmpty() && !floats.data().isEmpty()
                && base64.data().get(0).dimensions() != floats.data().get(0).dimensions()) {
            j.fail(Rule.EMB_BASE64, "the base64 vector decodes to " + base64.data().get(0).dimensions()
                    + " float32 values but the float answer has " + floats.data().get(0).dimensions() + ".");
        }
        transport(j, base64.transcript(), base64.headers(), false);
        return j.decide(Rule.EMB_BASE64, "base64 decodes to " + (base64.data().isEmpty() ? 0 : base64.data().get(0).dimensions())
                + " float32 values, as many as the float answer");
    }

    private static void embeddingShape(Judgement j, EmbeddingsResult r) {
        if (!r.object().equals("list")) {
            j.fail(Rule.EMB_SHAPE, "object is " + quote(emptyToNull(r.object())) + ", expected \"list\".");
        } else if (r.data().isEmpty() || r.data().stream().anyMatch(e -> e.dimensions() == 0)) {
            j.fail(Rule.EMB_SHAPE, "data[] holds no (or an empty) embedding.");
        } else if (r.model().isBlank()) {
            j.fail(Rule.EMB_SHAPE, "the answer does not say which model embedded the text.");
        } else if (r.usage() == null) {
            j.fail(Rule.EMB_SHAPE, "the answer has no usage; billing review needs token counts.");
        }
        for (Embedding e : r.data()) {
            for (float v : e.vector()) {
                if (Float.isNaN(v) || Float.isInfinite(v)) {
                    j.fail(Rule.EMB_SHAPE, "vector " + e.index() + " holds NaN or infinite values.");
                    return;
                }
            }
        }
    }

    // ---------------------------------------------------------------- negative checks

    /** ERR-UNSUPPORTED-PARAM when the gateway answered although an unknown parameter was sent. */
    static Outcome unknownParameterAccepted(ChatResult r) {
        return new Judgement().advise(Rule.ERR_UNSUPPORTED_PARAM, "the unknown parameter " + Probes.UNKNOWN_PARAMETER
                        + " was silently accepted (HTTP " + r.status() + "): a misspelt or unsupported parameter in the"
                        + " app's requests would be ignored without a word")
                .decide(Rule.ERR_UNSUPPORTED_PARAM, "Answered");
    }

    /** ERR-UNSUPPORTED-PARAM when the gateway refused the request with the unknown parameter. */
    static Outcome unknownParameterRefused(ApiException e) {
        Judgement j = new Judgement();
        errorShape(j, e);
        boolean named = e.serverMessage().contains(Probes.UNKNOWN_PARAMETER) || e.getMessage().contains(Probes.UNKNOWN_PARAMETER);
        return switch (e.kind()) {
            case UNSUPPORTED_PARAMETER, BAD_REQUEST -> named
                    ? j.decide(Rule.ERR_UNSUPPORTED_PARAM, "Refused with " + status(e) + " naming " + Probes.UNKNOWN_PARAMETER + said(e))
                    : j.advise(Rule.ERR_UNSUPPORTED_PARAM, "refused with " + status(e) + " without naming the parameter"
                    + said(e)).decide(Rule.ERR_UNSUPPORTED_PARAM, "Refused");
            default -> errorOutcome(e);
        };
    }

    /** ERR-AUTH: an invalid key must get 401, not 403, 400 or 500. */
    static Outcome invalidKey(ApiException e) {
        Judgement j = new Judgement();
        errorShape(j, e);
        return switch (e.kind()) {
            case AUTHENTICATION -> j.decide(Rule.ERR_AUTH, "An invalid key gets HTTP 401" + said(e));
            case NETWORK, TLS, TIMEOUT, CANCELLED -> errorOutcome(e);
            default -> j.fail(Rule.ERR_AUTH, "An invalid key got " + status(e) + " instead of 401: SDKs raise the"
                    + " wrong error type, so the app's handling of a revoked key may not trigger. " + e.getMessage())
                    .decide(Rule.ERR_AUTH, "");
        };
    }

    /** ERR-UNKNOWN-MODEL: an unknown model must be refused with 404 or 400 naming it. */
    static Outcome unknownModel(ApiException e, String model) {
        Judgement j = new Judgement();
        errorShape(j, e);
        boolean named = e.getMessage().contains(model) || e.serverMessage().contains(model);
        return switch (e.kind()) {
            case MODEL_NOT_FOUND -> named
                    ? j.decide(Rule.ERR_UNKNOWN_MODEL, "Refused with " + status(e) + " naming the model" + said(e))
                    : j.decide(Rule.ERR_UNKNOWN_MODEL, "Refused with " + status(e) + " (model_not_found); the message"
                    + " does not name the model" + said(e));
            case BAD_REQUEST, WRONG_PATH -> named
                    ? j.decide(Rule.ERR_UNKNOWN_MODEL, "Refused with " + status(e) + " naming the model" + said(e))
                    : j.fail(Rule.ERR_UNKNOWN_MODEL, "Refused with " + status(e) + " but without naming the model or"
                    + " saying model_not_found: a wrong model ID is hard to tell from other mistakes" + said(e))
                    .decide(Rule.ERR_UNKNOWN_MODEL, "");
            case NETWORK, TLS, TIMEOUT, CANCELLED -> errorOutcome(e);
            default -> j.fail(Rule.ERR_UNKNOWN_MODEL, "An unknown model got " + status(e) + " instead of 404/400 "
                    + "model_not_found. " + e.getMessage()).decide(Rule.ERR_UNKNOWN_MODEL, "");
        };
    }

    /** ERR-SHAPE: a 4xx error body should be OpenAI's error object; a top-level message is read but noted. */
    private static void errorShape(Judgement j, ApiException e) {
        Transcript t = e.transcript();
        if (t == null || e.status() < 400 || t.responseBody().isBlank()) {
            return;
        }
        try {
            JsonElement body = JsonParser.parseString(t.responseBody());
            if (body.isJsonObject()) {
                JsonObject o = body.getAsJsonObject();
                if (o.has("error") && o.get("error").isJsonObject() && o.getAsJsonObject("error").has("message")) {
                    return;
                }
                j.advise(Rule.ERR_SHAPE, "the error body is not {\"error\":{\"message\",…}}: "
                        + Judgement.excerpt(t.responseBody()) + "; SDKs show a generic message for it");
            }
        } catch (RuntimeException notJson) {
            // an HTML or text body is classified by the wire client (HTTP-HTML-BODY)
        }
    }

    // ---------------------------------------------------------------- request checks

    /**
     * The conformance rules on the answer to a person's request check: the chat shape, finish_reason and usage, the
     * stream rules (usage chunk when the body asked for it), the tool-call rules (finish_reason, ids, indexes,
     * arguments as a string). The content is judged by the check's own assertions ({@link Assertions}).
     */
    static void requestChat(Judgement j, ChatResult r, String asked, boolean includeUsage) {
        if (r.streamed()) {
            streamRules(j, r, includeUsage);
            streamedToolRules(j, r);
        }
        chatRules(j, r, asked, false);
        if (!r.toolCalls().isEmpty()) {
            toolCallRules(j, r, r.toolCalls(), true, false);
        }
        transport(j, r.transcript(), r.headers(), r.streamed());
    }

    /** The Responses rules on a request check's answer: the object and status, and a stream's event order. */
    static void requestResponses(Judgement j, ResponsesResult r) {
        if (r.streamed()) {
            List<String> types = r.eventTypes();
            if (types.isEmpty() || !types.get(0).equals("response.created")) {
                j.fail(Rule.RESP_STREAM_EVENTS, "the first event is " + (types.isEmpty() ? "missing"
                        : quote(types.get(0))) + ", expected \"response.created\".");
            }
            if (r.terminalEvent().isEmpty()) {
                j.fail(Rule.RESP_STREAM_EVENTS, "the stream ended without response.completed, response.failed or"
                        + " response.incomplete; last events: " + abbreviate(types) + ".");
            }
            if (!r.sequenceNumbersIncrease()) {
                j.fail(Rule.RESP_STREAM_EVENTS, "sequence_number is missing or does not increase on every event.");
            }
        }
        if (!r.object().equals("response")) {
            j.fail(Rule.RESP_SHAPE, "object is " + quote(emptyToNull(r.object())) + ", expected \"response\".");
        } else if (!r.status().equals("completed")) {
            j.fail(Rule.RESP_SHAPE, "status is " + quote(emptyToNull(r.status())) + ", expected \"completed\""
                    + (r.incompleteReason().isEmpty() ? "" : " (incomplete: " + r.incompleteReason() + ")")
                    + (r.error().isEmpty() ? "" : " (error: " + r.error() + ")") + ".");
        }
        transport(j, r.transcript(), r.headers(), r.streamed());
    }

    /** The embeddings rules on a request check's answer. */
    static void requestEmbeddings(Judgement j, EmbeddingsResult r) {
        embeddingShape(j, r);
        transport(j, r.transcript(), r.headers(), false);
    }

    static boolean isJsonObject(String text) {
        try {
            return JsonParser.parseString(text.strip()).isJsonObject();
        } catch (RuntimeException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- failures

    /**
     * The verdict for a classified failure of a check's request: the gateway was wrong (Fail), declined the feature
     * (Unsupported) or could not be evaluated (Error).
     *
     * @param baseUrl the configured base URL, for the wrong-path diagnosis
     */
    static Outcome failure(ApiException e, String kind, String baseUrl) {
        return failure(e, kind, baseUrl, PathEvidence.UNKNOWN);
    }

    /**
     * @param models what {@code GET {base}/models} gave at the same base URL: a 404 elsewhere is a wrong path only
     *               when that failed too (or is unknown); after it answered, the 404 is the gateway's own refusal
     */
    static Outcome failure(ApiException e, String kind, String baseUrl, PathEvidence models) {
        Outcome family = FamilyRules.failure(e, kind, models);
        if (family != null) {
            return family;
        }
        String m = e.getMessage();
        return switch (e.kind()) {
            case WRONG_PATH -> wrongPath(e, kind, baseUrl, models);
            case NON_JSON_BODY -> e.status() / 100 == 2 && e.serverMessage().stripLeading().startsWith("{")
                    ? Rule.HTTP_BODY_TRUNCATED.fail(m + " The JSON stops before its end: the connection closed early.")
                    : Rule.HTTP_HTML_BODY.fail(m);
            case TRUNCATED_STREAM -> kind.equals(Check.RESPONSES_STREAM)
                    ? Rule.RESP_STREAM_EVENTS.fail(m + partialNote(e)) : Rule.SSE_DONE.fail(m + partialNote(e));
            case MIDSTREAM_ERROR -> Rule.SSE_MIDSTREAM_ERROR.fail(m + partialNote(e));
            case PROTOCOL -> protocolRule(kind) == Rule.SSE_CHUNK_SHAPE && m.contains("not JSON")
                    ? Rule.SSE_FRAMING.fail(m) : protocolRule(kind).fail(m);
            case MODEL_NOT_FOUND -> Rule.MODELS_HAS_MAPPED.fail(m);
            case UNSUPPORTED_PARAMETER, BAD_REQUEST -> refused(e, kind);
            case RATE_LIMITED -> {
                if (e.status() == 429 && !hasRetryAfter(e)) {
                    String evidence = "the 429 carries neither retry-after nor retry-after-ms, so SDKs retry blindly";
                    yield new Outcome.Error("", m + "; " + Rule.ERR_RETRY_AFTER.advisory(evidence),
                            List.of(new RuleBreach(Rule.ERR_RETRY_AFTER.id(), RuleBreach.Kind.ADVISORY, evidence)));
                }
                yield new Outcome.Error("", m);
            }
            case TLS -> new Outcome.Error(Rule.TLS_VERIFY.id(), m);
            case AUTHENTICATION, PERMISSION, SERVER_ERROR, NETWORK, TIMEOUT, CANCELLED -> new Outcome.Error("", m);
            case NOT_IMPLEMENTED -> isResponses(kind) ? Rule.RESP_AVAILABLE.unsupported(m)
                    : isEmbeddings(kind) ? Rule.EMB_AVAILABLE.unsupported(m) : new Outcome.Error("", m);
        };
    }

    /** A 4xx refusal of a check's request: Unsupported when it declines the feature the check exercises. */
    private static Outcome refused(ApiException e, String kind) {
        String m = e.getMessage();
        String text = (m + " " + e.serverMessage()).toLowerCase(Locale.ROOT);
        if (text.contains("stream_options") || text.contains("include_usage")) {
            return Rule.SSE_STREAM_OPTIONS.unsupported(m + " Hint: drop stream_options and count tokens another way"
                    + " (the gateway's usage log or a tokenizer).");
        }
        return switch (kind) {
            case Check.DEVELOPER_ROLE -> Rule.ROLE_DEVELOPER.unsupported(m + " Hint: send the instructions with role"
                    + " \"system\" instead.");
            case Check.MAX_TOKENS -> Rule.PARAM_MAX_TOKENS.unsupported(m + " Hint: send max_completion_tokens instead.");
            case Check.MAX_COMPLETION_TOKENS -> Rule.PARAM_MAX_TOKENS.unsupported(m + " Hint: send max_tokens instead.");
            case Check.VISION -> Rule.VISION_INPUT.unsupported(m + " Hint: if the app sends images, map those requests"
                    + " to a model that takes them.");
            case Check.JSON -> Rule.JSON_OBJECT.unsupported(m + " Hint: ask for JSON in the prompt and parse it in the app.");
            case Check.JSON_SCHEMA -> Rule.JSON_SCHEMA.unsupported(m + " Hint: use response_format json_object and"
                    + " validate against the schema in the app.");
            case Check.TOOLS, Check.TOOLS_STREAM, Check.TOOLS_PARALLEL -> Rule.TOOL_CHOICE.unsupported(m);
            case Check.RESPONSES, Check.RESPONSES_STREAM -> Rule.RESP_AVAILABLE.unsupported(m);
            case Check.EMBEDDINGS, Check.EMBEDDINGS_BASE64 -> text.contains("encoding_format") || text.contains("base64")
                    ? Rule.EMB_BASE64.unsupported(m + " Hint: send encoding_format float explicitly (SDKs default to base64).")
                    : Rule.EMB_AVAILABLE.unsupported(m);
            default -> e.kind() == FailureKind.UNSUPPORTED_PARAMETER
                    ? Rule.ERR_UNSUPPORTED_PARAM.unsupported(m) : Rule.CHAT_SHAPE.fail(m);
        };
    }

    private static Rule protocolRule(String kind) {
        return switch (kind) {
            case Check.MODELS, Check.BASE_URL -> Rule.MODELS_SHAPE;
            case Check.RESPONSES -> Rule.RESP_SHAPE;
            case Check.RESPONSES_STREAM -> Rule.RESP_STREAM_EVENTS;
            case Check.EMBEDDINGS, Check.EMBEDDINGS_BASE64 -> Rule.EMB_SHAPE;
            case Check.STREAMING, Check.STREAMING_NO_USAGE, Check.TOOLS_STREAM -> Rule.SSE_CHUNK_SHAPE;
            default -> Rule.CHAT_SHAPE;
        };
    }

    /**
     * A 404, redirect or web page where the API should be: which rule, from the base URL's shape, the endpoint, and
     * whether {@code GET {base}/models} answered there. The path is blamed only while it is in doubt.
     */
    private static Outcome wrongPath(ApiException e, String kind, String baseUrl, PathEvidence models) {
        String m = e.getMessage();
        BaseUrls.Diagnosis d = BaseUrls.diagnose(baseUrl);
        if (d.doubledPath()) {
            return Rule.URL_DOUBLED_PATH.fail(m + " " + d.advice());
        }
        boolean page = m.contains("web page");
        if (d.missingVersion() && !models.answered()) {
            return Rule.URL_MISSING_V1.fail(m + " " + d.advice());
        }
        if (page) {
            return Rule.HTTP_HTML_BODY.fail(m);
        }
        if (e.status() == 404 && models.answered()) {
            return refusedAfterModelsAnswered(e, kind, baseUrl, models);
        }
        if (e.status() == 404 && !models.failed() && isResponses(kind)) {
            return Rule.RESP_AVAILABLE.unsupported(m);
        }
        if (e.status() == 404 && !models.failed() && isEmbeddings(kind)) {
            return Rule.EMB_AVAILABLE.unsupported(m + " The gateway does not serve /embeddings: keep embeddings on the"
                    + " current provider.");
        }
        return Rule.URL_MISSING_V1.fail(models.failed() ? m + " GET " + path(baseUrl) + "/models fails at this base URL"
                + " too, so the path is in doubt." : m);
    }

    /**
     * A JSON 404 after {@code GET {base}/models} answered at the same base URL: the path is proven right, so the 404
     * is the gateway's own: no such route (Unsupported for the Responses API and embeddings), or a refusal of the
     * model or the request, said in the gateway's words.
     */
    private static Outcome refusedAfterModelsAnswered(ApiException e, String kind, String baseUrl, PathEvidence models) {
        String route = route(e, kind);
        String proven = "GET " + path(baseUrl) + "/models answered at the same base URL (" + models.models() + " model"
                + (models.models() == 1 ? "" : "s") + "), so the base URL's path is right";
        String said = e.serverMessage().isBlank() ? "" : ": " + quote(Judgement.excerpt(e.serverMessage()));
        boolean routeLevel = routeLevel(e.serverMessage());
        if (routeLevel && isResponses(kind)) {
            return Rule.RESP_AVAILABLE.unsupported("This gateway does not offer the Responses API: " + route
                    + " answered HTTP 404" + said + ", and " + proven + ". Use chat completions with this gateway, or"
                    + " keep the app's Responses calls on the current provider.");
        }
        if (routeLevel && isEmbeddings(kind)) {
            return Rule.EMB_AVAILABLE.unsupported("This gateway does not offer embeddings: " + route
                    + " answered HTTP 404" + said + ", and " + proven + ". Keep embeddings on the current provider.");
        }
        if (routeLevel) {
            return new Outcome.Error("", route + " answered HTTP 404" + said + ", although " + proven + ": this gateway"
                    + " does not serve that route at this base URL, so the check could not run. Ask the gateway's"
                    + " operator whether it is offered under another path.");
        }
        return new Outcome.Error("", "The gateway refused " + route + " with HTTP 404, in its own words" + said + ". "
                + proven + ": the refusal is about the model, the route or a rule of the gateway's own, as its message"
                + " says, not about the path.");
    }

    /** A 404 text that says only "no such route" (or nothing), not why a request was refused. */
    static boolean routeLevel(String serverText) {
        String t = serverText == null ? "" : serverText.strip().toLowerCase(Locale.ROOT);
        return t.isEmpty() || t.matches("(?s).*(invalid url|not found|no route|unknown (route|path|endpoint|url)"
                + "|cannot (post|get)|no handler|no such (route|path|endpoint)|(route|path|endpoint) .*(does not exist"
                + "|doesn't exist|not exist)|not implemented).*") && !t.contains("model");
    }

    /** "POST /v1/responses": the refused request's method and path, from the transcript or the check's kind. */
    private static String route(ApiException e, String kind) {
        Transcript t = e.transcript();
        if (t != null && !t.url().isBlank()) {
            try {
                String p = java.net.URI.create(t.url()).getRawPath();
                return t.method() + " " + (p == null || p.isEmpty() ? "/" : p);
            } catch (IllegalArgumentException notAUrl) {
                // fall through to the kind
            }
        }
        return "POST …/" + (isResponses(kind) ? "responses" : isEmbeddings(kind) ? "embeddings" : "chat/completions");
    }

    /** The configured base URL's path ("/v1"), or the URL itself when it does not parse. */
    private static String path(String baseUrl) {
        String url = baseUrl == null ? "" : baseUrl.strip().replaceAll("/+$", "");
        try {
            String p = java.net.URI.create(url).getRawPath();
            return p == null ? url : p;
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    private static boolean isResponses(String kind) {
        return kind.equals(Check.RESPONSES) || kind.equals(Check.RESPONSES_STREAM);
    }

    private static boolean isEmbeddings(String kind) {
        return kind.equals(Check.EMBEDDINGS) || kind.equals(Check.EMBEDDINGS_BASE64);
    }

    private static boolean hasRetryAfter(ApiException e) {
        Transcript t = e.transcript();
        if (t == null || t.attempts().isEmpty()) {
            return true;
        }
        return t.attempts().get(t.attempts().size() - 1).headers().stream()
                .anyMatch(h -> h.name().equalsIgnoreCase("retry-after") || h.name().equalsIgnoreCase("retry-after-ms"));
    }

    private static String partialNote(ApiException e) {
        ChatResult p = e.partial();
        if (p == null) {
            return "";
        }
        return " (" + p.chunkCount() + " chunk" + (p.chunkCount() == 1 ? "" : "s") + " and "
                + (p.content() == null ? 0 : p.content().length()) + " characters arrived before it ended)";
    }

    /** The verdict for an error that leaves nothing to judge. */
    static Outcome errorOutcome(ApiException e) {
        return new Outcome.Error(e.kind() == FailureKind.TLS ? Rule.TLS_VERIFY.id() : "", e.getMessage());
    }

    // ---------------------------------------------------------------- transport and headers

    /** HTTP-CONTENT-TYPE, HDR-REQUEST-ID and HDR-RATELIMIT, from the last attempt's headers. */
    static void transport(Judgement j, Transcript t, ResponseHeaders headers, boolean stream) {
        if (t != null && !t.attempts().isEmpty()) {
            String type = t.attempts().get(t.attempts().size() - 1).headers().stream()
                    .filter(h -> h.name().equalsIgnoreCase("content-type")).map(Transcript.Header::value)
                    .findFirst().orElse("").toLowerCase(Locale.ROOT);
            String wanted = stream ? "text/event-stream" : "application/json";
            if (!type.startsWith(wanted)) {
                j.advise(Rule.HTTP_CONTENT_TYPE, (type.isEmpty() ? "no Content-Type" : "Content-Type " + type)
                        + " where " + wanted + " is expected; strict clients refuse it");
            }
        }
        if (headers != null) {
            if (headers.requestId().isBlank()) {
                j.advise(Rule.HDR_REQUEST_ID, "no request ID header (x-request-id or the gateway's own); support"
                        + " tickets and reconciliation need one");
            }
            if (!headers.unparseable().isEmpty()) {
                j.advise(Rule.HDR_RATELIMIT, "unreadable rate-limit headers " + headers.unparseable());
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    /** The raw data of stream chunk {@code i} (0-based) from the transcript, as evidence. */
    static String chunk(Transcript t, int i) {
        if (t == null || i < 0) {
            return "(no transcript)";
        }
        List<Transcript.RawEvent> data = t.events().stream().filter(e -> !e.data().strip().equals("[DONE]")).toList();
        return i < data.size() ? Judgement.excerpt(data.get(i).data()) : "(chunk not in the transcript)";
    }

    private static int indexOfFirst(List<StreamTrace.Chunk> chunks, java.util.function.Predicate<StreamTrace.Chunk> p) {
        for (int i = 0; i < chunks.size(); i++) {
            if (p.test(chunks.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static String abbreviate(List<String> types) {
        List<String> distinct = types.stream().distinct().toList();
        return distinct.size() <= 6 ? distinct.toString() : distinct.subList(distinct.size() - 6, distinct.size()).toString();
    }

    private static String usageText(ChatResult r) {
        return usageText(r.usage());
    }

    private static String usageText(Usage u) {
        return u == null ? "" : ", usage " + u.totalTokens() + " tokens";
    }

    private static String routed(ChatResult r) {
        return r.model() == null || r.model().isBlank() ? "" : ", answered by " + r.model();
    }

    static String status(ApiException e) {
        return e.status() > 0 ? "HTTP " + e.status() : "no HTTP status";
    }

    static String said(ApiException e) {
        return e.serverMessage().isBlank() ? "." : ": \"" + e.serverMessage() + "\"";
    }

    static String quote(String s) {
        return s == null ? "missing" : "\"" + s + "\"";
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
