package ai.flatkey.migrate.wire;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Decoding of chat answers: the non-streamed body, and a stream chunk by chunk (tool calls rebuilt by index). */
final class ChatDecoding {
    private ChatDecoding() {
    }

    static JsonObject firstChoice(JsonObject root) {
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

    static long longOr0(JsonElement e) {
        Long l = longOrNull(e);
        return l == null ? 0 : l;
    }

    static Long longOrNull(JsonElement e) {
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            return null;
        }
        return e.getAsJsonPrimitive().getAsNumber().longValue();
    }

    static Integer intOrNull(JsonElement e) {
        Long l = longOrNull(e);
        return l == null ? null : l.intValue();
    }

    static String nullIfEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** The tool calls of a non-streamed message, in list order. */
    static List<ToolCall> toolCalls(JsonObject message) {
        List<ToolCall> calls = new ArrayList<>();
        if (!(message.get("tool_calls") instanceof JsonArray array)) {
            return calls;
        }
        int position = 0;
        for (JsonElement e : array) {
            if (!(e instanceof JsonObject tc)) {
                continue;
            }
            JsonObject fn = tc.get("function") instanceof JsonObject f ? f : new JsonObject();
            JsonElement args = fn.get("arguments");
            boolean isString = args != null && args.isJsonPrimitive() && args.getAsJsonPrimitive().isString();
            Integer index = intOrNull(tc.get("index"));
            calls.add(new ToolCall(index == null ? position : index, ErrorBody.str(tc, "id"), ErrorBody.str(tc, "type"),
                    ErrorBody.str(fn, "name"), ErrorBody.str(fn, "arguments"), isString));
            position++;
        }
        return calls;
    }

    /** Facts of a non-streamed answer. */
    static ChatShape shape(JsonObject root, JsonObject choice, JsonObject message) {
        int count = root.get("choices") instanceof JsonArray a ? a.size() : 0;
        JsonElement content = message.get("content");
        return new ChatShape(ErrorBody.str(root, "object"), longOrNull(root.get("created")),
                ErrorBody.str(message, "role"), count, intOrNull(choice.get("index")),
                content == null || content.isJsonNull());
    }

    /** A tool call being rebuilt from stream fragments. */
    private static final class PartialCall {
        final int index;
        String id = "";
        String type = "";
        String name = "";
        final StringBuilder arguments = new StringBuilder();
        boolean argumentsString = true;

        PartialCall(int index) {
            this.index = index;
        }

        ToolCall build() {
            return new ToolCall(index, id, type, name, arguments.toString(), argumentsString);
        }
    }

    /**
     * What one chunk's choices show, over every choice (not only choice 0): the indexes that finished, the text
     * length, the tool-call fragments and those without {@code index}, and whether every choice carries a delta.
     */
    private record ChoiceFacts(List<Integer> finished, int contentChars, int fragments, int withoutIndex,
                               boolean allDelta) {
        static ChoiceFacts of(JsonArray choices) {
            List<Integer> finished = new ArrayList<>();
            int contentChars = 0;
            int fragments = 0;
            int withoutIndex = 0;
            boolean allDelta = true;
            if (choices != null) {
                int position = 0;
                for (JsonElement c : choices) {
                    if (!(c instanceof JsonObject choice)) {
                        allDelta = false;
                        position++;
                        continue;
                    }
                    Integer idx = intOrNull(choice.get("index"));
                    int index = idx == null ? position : idx;
                    if (nullIfEmpty(ErrorBody.str(choice, "finish_reason")) != null) {
                        finished.add(index);
                    }
                    if (choice.get("delta") instanceof JsonObject d) {
                        contentChars += ErrorBody.str(d, "content").length();
                        if (d.get("tool_calls") instanceof JsonArray tcs) {
                            for (JsonElement tc : tcs) {
                                fragments++;
                                if (!(tc instanceof JsonObject t) || intOrNull(t.get("index")) == null) {
                                    withoutIndex++;
                                }
                            }
                        }
                    } else {
                        allDelta = false;
                    }
                    position++;
                }
            }
            return new ChoiceFacts(finished, contentChars, fragments, withoutIndex, allDelta);
        }
    }

    /** What a stream has delivered so far. */
    static final class StreamState {
        final StringBuilder content = new StringBuilder();
        private final Map<Integer, PartialCall> calls = new TreeMap<>();
        private final List<StreamTrace.Chunk> chunkFacts = new ArrayList<>();
        private final List<Long> tokenTimes = new ArrayList<>();
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
        int comments;
        boolean crlf;
        ResponseHeaders headers = ResponseHeaders.EMPTY;
        Long connectMs;
        Long tlsMs;

        StreamChunk add(JsonObject chunk, String eventName, long elapsedMs) {
            chunks++;
            String chunkId = ErrorBody.str(chunk, "id");
            String chunkModel = ErrorBody.str(chunk, "model");
            if (id.isEmpty()) {
                id = chunkId;
            }
            if (model.isEmpty()) {
                model = chunkModel;
            }
            JsonArray choices = chunk.get("choices") instanceof JsonArray a ? a : null;
            ChoiceFacts facts = ChoiceFacts.of(choices);
            String delta = "";
            String finish = null;
            List<ToolCallDelta> deltas = new ArrayList<>();
            JsonObject choice = firstChoice(chunk);
            if (choice != null) {
                if (choice.get("delta") instanceof JsonObject d) {
                    delta = ErrorBody.str(d, "content");
                    if (d.get("tool_calls") instanceof JsonArray tcs) {
                        for (JsonElement tc : tcs) {
                            if (tc instanceof JsonObject t) {
                                deltas.add(addFragment(t));
                            }
                        }
                    }
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
            noteToken(delta, deltas, elapsedMs);
            content.append(delta);
            chunkFacts.add(new StreamTrace.Chunk(elapsedMs, eventName, ErrorBody.str(chunk, "object"), chunkId,
                    longOrNull(chunk.get("created")), chunkModel, choices == null ? 0 : choices.size(),
                    choices != null, facts.finished(), chunkUsage != null, choices != null && facts.allDelta(),
                    facts.fragments(), facts.withoutIndex(), facts.contentChars()));
            return new StreamChunk(chunkId, chunkModel, delta, finish, chunkUsage, elapsedMs, deltas);
        }

        /** Times the first token and every token (text, or a tool-call fragment with a name or arguments). */
        private void noteToken(String delta, List<ToolCallDelta> deltas, long elapsedMs) {
            boolean token = !delta.isEmpty() || deltas.stream().anyMatch(x -> !x.arguments().isEmpty()
                    || x.name() != null);
            if (token) {
                if (ttft == null) {
                    ttft = elapsedMs;
                }
                tokenTimes.add(elapsedMs);
            }
        }

        /** One tool-call fragment of choice 0, merged by {@code index} (or, lacking one, by id / the last call). */
        private ToolCallDelta addFragment(JsonObject t) {
            Integer index = intOrNull(t.get("index"));
            String fragId = nullIfEmpty(ErrorBody.str(t, "id"));
            JsonObject fn = t.get("function") instanceof JsonObject f ? f : new JsonObject();
            String name = nullIfEmpty(ErrorBody.str(fn, "name"));
            JsonElement args = fn.get("arguments");
            String argText = args == null || args.isJsonNull() ? "" : args.isJsonPrimitive() ? args.getAsString()
                    : args.toString();
            int target;
            if (index != null) {
                target = index;
            } else {
                Integer byId = null;
                for (PartialCall c : calls.values()) {
                    if (fragId != null && fragId.equals(c.id)) {
                        byId = c.index;
                    }
                }
                int last = calls.isEmpty() ? -1 : ((TreeMap<Integer, PartialCall>) calls).lastKey();
                target = byId != null ? byId : fragId != null || last < 0 ? last + 1 : last;
            }
            PartialCall call = calls.computeIfAbsent(target, PartialCall::new);
            if (fragId != null && call.id.isEmpty()) {
                call.id = fragId;
            }
            String type = ErrorBody.str(t, "type");
            if (!type.isEmpty() && call.type.isEmpty()) {
                call.type = type;
            }
            if (name != null && call.name.isEmpty()) {
                call.name = name;
            }
            if (args != null && !args.isJsonNull() && !(args.isJsonPrimitive() && args.getAsJsonPrimitive().isString())) {
                call.argumentsString = false;
            }
            call.arguments.append(argText);
            return new ToolCallDelta(index, fragId, name, argText);
        }

        List<ToolCall> toolCalls() {
            return calls.values().stream().map(PartialCall::build).toList();
        }

        List<Long> gaps() {
            List<Long> gaps = new ArrayList<>();
            for (int i = 1; i < tokenTimes.size(); i++) {
                gaps.add(tokenTimes.get(i) - tokenTimes.get(i - 1));
            }
            return gaps;
        }

        StreamTrace trace() {
            return new StreamTrace(chunkFacts, comments, crlf, sawDone);
        }

        ChatResult result(long totalMs, boolean done) {
            Timing t = new Timing(ttfb, ttft, totalMs, connectMs, tlsMs, gaps());
            return new ChatResult(id, model, content.toString(), finishReason, usage, requestId, status, t, true,
                    chunks, done && sawDone, toolCalls(), null, trace(), headers, null);
        }
    }
}
