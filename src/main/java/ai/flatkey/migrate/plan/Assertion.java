package ai.flatkey.migrate.plan;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One expectation a request check has of the answer, written {@code kind: value} in a check file and in the plan
 * ({@link #toJson()}; {@link CheckSyntax} reads it). Each kind is decided by one rule of the catalog (its ID in
 * {@link Kind#ruleId()}), with evidence; an expectation that cannot be checked (a cost without prices) is reported as
 * such, never passed.
 *
 * @param kind       what is asserted
 * @param text       the text, pattern, status, error type, function name or finish reason; empty when unused
 * @param number     the bound or count (milliseconds, tokens, USD, chunks, dimensions, calls); null when unused
 * @param ignoreCase for the text comparisons: whether case is ignored
 * @param schema     for {@link Kind#IS_JSON}: the JSON Schema the answer must satisfy, or null for "any JSON"
 */
public record Assertion(Kind kind, String text, Double number, boolean ignoreCase, JsonObject schema) {

    /** The endpoints of a request check, for {@link Kind#apis()}. */
    private static final Set<RequestCheck.Api> TEXT_APIS = EnumSet.of(RequestCheck.Api.CHAT, RequestCheck.Api.RESPONSES);
    /** The endpoints whose answer is text to compare: chat, Responses, and a transcription's or translation's text. */
    private static final Set<RequestCheck.Api> TEXT_ANSWER_APIS = EnumSet.of(RequestCheck.Api.CHAT,
            RequestCheck.Api.RESPONSES, RequestCheck.Api.TRANSCRIPTIONS, RequestCheck.Api.TRANSLATIONS);
    private static final Set<RequestCheck.Api> ALL_APIS = EnumSet.allOf(RequestCheck.Api.class);
    private static final Set<RequestCheck.Api> CHAT = EnumSet.of(RequestCheck.Api.CHAT);
    private static final Set<RequestCheck.Api> EMBEDDINGS = EnumSet.of(RequestCheck.Api.EMBEDDINGS);
    /**
     * The endpoints whose answers carry token usage (speech, moderation and translation answers carry none; a
     * transcription's json answer does from the per-token models, gpt-4o(-mini)-transcribe).
     */
    private static final Set<RequestCheck.Api> USAGE_APIS = EnumSet.of(RequestCheck.Api.CHAT, RequestCheck.Api.RESPONSES,
            RequestCheck.Api.EMBEDDINGS, RequestCheck.Api.IMAGES, RequestCheck.Api.TRANSCRIPTIONS,
            RequestCheck.Api.IMAGE_EDITS);
    private static final Set<RequestCheck.Api> IMAGES = EnumSet.of(RequestCheck.Api.IMAGES, RequestCheck.Api.IMAGE_EDITS);
    private static final Set<RequestCheck.Api> SPEECH = EnumSet.of(RequestCheck.Api.SPEECH);
    private static final Set<RequestCheck.Api> MODERATIONS = EnumSet.of(RequestCheck.Api.MODERATIONS);

    /** What its value is. */
    public enum Arg { NONE, TEXT, NUMBER, WHOLE_NUMBER, SCHEMA, TOOL }

    /** What can be asserted, with its name in files, its rule ID, its value and the endpoints it applies to. */
    public enum Kind {
        STATUS("status", "ASSERT-STATUS", Arg.TEXT, ALL_APIS, false),
        ERROR_TYPE("error-type", "ASSERT-ERROR-TYPE", Arg.TEXT, ALL_APIS, false),
        ERROR_SHAPE("error-shape", "ASSERT-ERROR-SHAPE", Arg.NONE, ALL_APIS, false),
        CONTAINS("contains", "ASSERT-CONTAINS", Arg.TEXT, TEXT_ANSWER_APIS, false),
        NOT_CONTAINS("not-contains", "ASSERT-NOT-CONTAINS", Arg.TEXT, TEXT_ANSWER_APIS, false),
        REGEX("regex", "ASSERT-REGEX", Arg.TEXT, TEXT_ANSWER_APIS, false),
        EQUALS("equals", "ASSERT-EQUALS", Arg.TEXT, TEXT_ANSWER_APIS, false),
        NOT_EMPTY("not-empty", "ASSERT-NOT-EMPTY", Arg.NONE, TEXT_ANSWER_APIS, false),
        IS_JSON("is-json", "ASSERT-JSON", Arg.SCHEMA, TEXT_APIS, false),
        TOOL_CALL("tool-call", "ASSERT-TOOL-CALL", Arg.TOOL, CHAT, false),
        TOOL_ARGS("tool-args", "ASSERT-TOOL-ARGS", Arg.NONE, CHAT, false),
        FINISH_REASON("finish-reason", "ASSERT-FINISH-REASON", Arg.TEXT, CHAT, false),
        USAGE("usage", "ASSERT-USAGE", Arg.NONE, USAGE_APIS, false),
        TTFT("ttft", "ASSERT-TTFT", Arg.NUMBER, TEXT_APIS, true),
        CHUNKS("chunks", "ASSERT-CHUNKS", Arg.WHOLE_NUMBER, TEXT_APIS, true),
        DONE("done", "ASSERT-DONE", Arg.NONE, CHAT, true),
        LATENCY("latency", "ASSERT-LATENCY", Arg.NUMBER, ALL_APIS, false),
        TOKENS("tokens", "ASSERT-TOKENS", Arg.WHOLE_NUMBER, USAGE_APIS, false),
        COST("cost", "ASSERT-COST", Arg.NUMBER, ALL_APIS, false),
        EMBEDDING_DIMENSIONS("embedding-dimensions", "ASSERT-EMB-DIMENSIONS", Arg.WHOLE_NUMBER, EMBEDDINGS, false),
        EMBEDDING_COUNT("embedding-count", "ASSERT-EMB-COUNT", Arg.WHOLE_NUMBER, EMBEDDINGS, false),
        IMAGE_COUNT("image-count", "ASSERT-IMG-COUNT", Arg.WHOLE_NUMBER, IMAGES, false),
        IMAGE_FORMAT("image-format", "ASSERT-IMG-FORMAT", Arg.TEXT, IMAGES, false),
        CONTENT_TYPE("content-type", "ASSERT-CONTENT-TYPE", Arg.TEXT, SPEECH, false),
        MODERATION_COUNT("moderation-count", "ASSERT-MOD-COUNT", Arg.WHOLE_NUMBER, MODERATIONS, false),
        FLAGGED("flagged", "ASSERT-FLAGGED", Arg.TEXT, MODERATIONS, false);

        private final String key;
        private final String ruleId;
        private final Arg arg;
        private final Set<RequestCheck.Api> apis;
        private final boolean streamOnly;

        Kind(String key, String ruleId, Arg arg, Set<RequestCheck.Api> apis, boolean streamOnly) {
            this.key = key;
            this.ruleId = ruleId;
            this.arg = arg;
            this.apis = apis;
            this.streamOnly = streamOnly;
        }

        /** The name in check files and the plan, e.g. {@code not-contains}. */
        public String key() {
            return key;
        }

        /** The rule that decides it (smoke/Rule, CONFORMANCE.md), e.g. {@code ASSERT-NOT-CONTAINS}. */
        public String ruleId() {
            return ruleId;
        }

        public Arg arg() {
            return arg;
        }

        /** The endpoints whose answers it can be checked on. */
        public Set<RequestCheck.Api> apis() {
            return apis;
        }

        /** Whether it needs a streamed answer ({@code "stream": true} in the body). */
        public boolean streamOnly() {
            return streamOnly;
        }

        /** The kind called {@code key} (case-insensitive; {@code _} read as {@code -}). */
        public static Optional<Kind> byKey(String key) {
            String k = key.strip().toLowerCase(Locale.ROOT).replace('_', '-');
            for (Kind kind : values()) {
                if (kind.key.equals(k)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    public Assertion {
        if (kind == null) {
            throw new IllegalArgumentException("an assertion needs a kind");
        }
        text = Lists.text(text);
        number = number == null || number.isNaN() || number.isInfinite() ? null : number;
        schema = schema == null ? null : schema.deepCopy();
    }

    @Override
    public JsonObject schema() {
        return schema == null ? null : schema.deepCopy();
    }

    public static Assertion of(Kind kind) {
        return new Assertion(kind, "", null, false, null);
    }

    public static Assertion text(Kind kind, String text) {
        return new Assertion(kind, text, null, false, null);
    }

    public static Assertion textIgnoringCase(Kind kind, String text) {
        return new Assertion(kind, text, null, true, null);
    }

    public static Assertion number(Kind kind, double value) {
        return new Assertion(kind, "", value, false, null);
    }

    public static Assertion json(JsonObject schema) {
        return new Assertion(Kind.IS_JSON, "", null, false, schema);
    }

    /** A tool call of {@code name} (any function when empty), {@code count} times (any number, at least one, when null). */
    public static Assertion toolCall(String name, Integer count) {
        return new Assertion(Kind.TOOL_CALL, name, count == null ? null : count.doubleValue(), false, null);
    }

    /** The number as a whole number (counts, dimensions, tokens), or null. */
    public Long whole() {
        return number == null ? null : Math.round(number);
    }

    /** The assertion as a person reads it, e.g. {@code contains "Paris" (any case)} or {@code latency ≤ 2000 ms}. */
    public String describe() {
        String q = "\"" + text + "\"";
        return switch (kind) {
            case STATUS -> "status " + text;
            case ERROR_TYPE -> "error type " + q;
            case ERROR_SHAPE -> "refused with an OpenAI error object";
            case CONTAINS -> "contains " + q + (ignoreCase ? " (any case)" : "");
            case NOT_CONTAINS -> "does not contain " + q + (ignoreCase ? " (any case)" : "");
            case REGEX -> "matches /" + text + "/";
            case EQUALS -> "equals " + q + (ignoreCase ? " (any case)" : "");
            case NOT_EMPTY -> "answer not empty";
            case IS_JSON -> schema == null ? "is JSON" : "is JSON valid against the schema";
            case TOOL_CALL -> "tool call" + (text.isEmpty() ? "" : " " + text)
                    + (number == null ? "" : " ×" + whole());
            case TOOL_ARGS -> "tool arguments valid against the tool's parameters";
            case FINISH_REASON -> "finish_reason " + text;
            case USAGE -> "usage present";
            case TTFT -> "TTFT ≤ " + plain(number) + " ms";
            case CHUNKS -> "at least " + whole() + " chunks";
            case DONE -> "stream ends with [DONE]";
            case LATENCY -> "latency ≤ " + plain(number) + " ms";
            case TOKENS -> "total tokens ≤ " + whole();
            case COST -> "cost ≤ $" + plain(number);
            case EMBEDDING_DIMENSIONS -> whole() + " dimensions";
            case EMBEDDING_COUNT -> whole() + " embeddings";
            case IMAGE_COUNT -> whole() + " image" + (whole() == 1 ? "" : "s");
            case IMAGE_FORMAT -> "images as " + text;
            case CONTENT_TYPE -> "content type " + text;
            case MODERATION_COUNT -> whole() + " moderation result" + (whole() == 1 ? "" : "s");
            case FLAGGED -> "flagged " + text;
        };
    }

    private static String plain(Double d) {
        if (d == null) {
            return "?";
        }
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue())
                : java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    /**
     * The canonical form in the plan and in files: the bare name for kinds without a value ({@code "usage"}),
     * {@code {"contains": "Paris"}} (with {@code "ignore-case": true} when set), {@code {"is-json": SCHEMA}},
     * {@code {"tool-call": {"name": …, "count": …}}} (or just the name).
     */
    public JsonElement toJson() {
        JsonObject o = new JsonObject();
        switch (kind.arg()) {
            case NONE -> {
                return new JsonPrimitive(kind.key());
            }
            case TEXT -> {
                if (kind == Kind.STATUS && text.matches("\\d{3}")) {
                    o.addProperty(kind.key(), Integer.parseInt(text));
                } else {
                    o.addProperty(kind.key(), text);
                }
                if (ignoreCase) {
                    o.addProperty("ignore-case", true);
                }
            }
            case NUMBER, WHOLE_NUMBER -> o.add(kind.key(), kind.arg() == Arg.WHOLE_NUMBER && number != null
                    ? new JsonPrimitive(whole()) : number == null ? com.google.gson.JsonNull.INSTANCE
                    : new JsonPrimitive(number));
            case SCHEMA -> {
                if (schema == null) {
                    return new JsonPrimitive(kind.key());
                }
                o.add(kind.key(), schema.deepCopy());
            }
            case TOOL -> {
                if (number == null && text.isEmpty()) {
                    return new JsonPrimitive(kind.key());
                }
                if (number == null) {
                    o.addProperty(kind.key(), text);
                } else {
                    JsonObject t = new JsonObject();
                    if (!text.isEmpty()) {
                        t.addProperty("name", text);
                    }
                    t.addProperty("count", whole());
                    o.add(kind.key(), t);
                }
            }
        }
        return o;
    }
}
