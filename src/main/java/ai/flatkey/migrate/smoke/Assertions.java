package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.plan.Assertion;
import ai.flatkey.migrate.plan.AssertionResult;
import ai.flatkey.migrate.plan.CheckSyntax;
import ai.flatkey.migrate.plan.JsonSchemas;
import ai.flatkey.migrate.plan.RequestCheck;
import ai.flatkey.migrate.usage.ModelPrice;
import ai.flatkey.migrate.wire.ApiException;
import ai.flatkey.migrate.wire.ChatResult;
import ai.flatkey.migrate.wire.Embedding;
import ai.flatkey.migrate.wire.EmbeddingsResult;
import ai.flatkey.migrate.wire.GeneratedImage;
import ai.flatkey.migrate.wire.ImageResult;
import ai.flatkey.migrate.wire.ModerationResult;
import ai.flatkey.migrate.wire.SpeechResult;
import ai.flatkey.migrate.wire.ResponsesResult;
import ai.flatkey.migrate.wire.ToolCall;
import ai.flatkey.migrate.wire.Usage;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides a request check's assertions on what came back, each with its rule and evidence. A failed assertion is a
 * Fail breach of its rule in the check's {@link Judgement}; one with nothing to check it on (no prices for a cost
 * bound, no usage for a token bound, no tool call whose arguments could be checked) is an Error breach: never a pass.
 */
final class Assertions {

    /** What an exchange gave, whether it answered or failed: everything an assertion can be checked on. */
    record Seen(RequestCheck.Api api, int status, boolean failed, boolean answered, String failure, String errorType,
                String errorCode, boolean openAiError,
                String text, List<ToolCall> toolCalls, String finishReason, Usage usage, boolean streamed,
                Integer chunks, Boolean sawDone, Long ttftMs, Long totalMs, List<Embedding> embeddings, Media media) {
        Seen {
            text = text == null ? "" : text;
            toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
            embeddings = embeddings == null ? List.of() : List.copyOf(embeddings);
        }

        /** An exchange of chat, Responses or embeddings: no family answer. */
        Seen(RequestCheck.Api api, int status, boolean failed, boolean answered, String failure, String errorType,
             String errorCode, boolean openAiError, String text, List<ToolCall> toolCalls, String finishReason,
             Usage usage, boolean streamed, Integer chunks, Boolean sawDone, Long ttftMs, Long totalMs,
             List<Embedding> embeddings) {
            this(api, status, failed, answered, failure, errorType, errorCode, openAiError, text, toolCalls,
                    finishReason, usage, streamed, chunks, sawDone, ttftMs, totalMs, embeddings, null);
        }

        static Seen of(ImageResult r) {
            return of(RequestCheck.Api.IMAGES, r);
        }

        /** An image generation's or edit's answer. */
        static Seen of(RequestCheck.Api api, ImageResult r) {
            return family(api, r.status(), r.usage(), r.timing(),
                    new Media(r.images().stream().map(GeneratedImage::format).toList(), null, null));
        }

        static Seen of(SpeechResult r) {
            return family(RequestCheck.Api.SPEECH, r.status(), null, r.timing(), new Media(null, r.contentType(), null));
        }

        static Seen of(ModerationResult r) {
            return family(RequestCheck.Api.MODERATIONS, r.status(), null, r.timing(), new Media(null, null,
                    r.results().stream().map(ModerationResult.Verdict::flagged).toList()));
        }

        static Seen of(RequestCheck.Api api, ai.flatkey.migrate.wire.TranscriptionResult r) {
            return new Seen(api, r.status(), false, true, "", "", "", false, r.text(), List.of(), null, r.usage(),
                    false, null, null, null, r.timing() == null ? null : r.timing().totalMs(), List.of(), null);
        }

        /** A streamed transcription: its text as the done event gave it (the deltas joined when none came). */
        static Seen of(ai.flatkey.migrate.wire.TranscriptionStream r) {
            return new Seen(RequestCheck.Api.TRANSCRIPTIONS, r.status(), false, true, "", "", "", false,
                    r.done() ? r.text() : r.deltaText(), List.of(), null, r.usage(), true, null, null, r.firstDeltaMs(),
                    r.timing() == null ? null : r.timing().totalMs(), List.of(), null);
        }

        private static Seen family(RequestCheck.Api api, int status, Usage usage, ai.flatkey.migrate.wire.Timing t,
                                   Media media) {
            return new Seen(api, status, false, true, "", "", "", false, "", List.of(), null, usage, false, null, null,
                    null, t == null ? null : t.totalMs(), List.of(), media);
        }

        static Seen of(ChatResult r) {
            return new Seen(RequestCheck.Api.CHAT, r.status(), false, true, "", "", "", false, r.content(), r.toolCalls(),
                    r.finishReason(), r.usage(), r.streamed(), r.streamed() ? r.chunkCount() : null,
                    r.streamed() ? r.sawDone() : null, r.timing() == null ? null : r.timing().ttftMs(),
                    r.timing() == null ? null : r.timing().totalMs(), List.of());
        }

        static Seen of(ResponsesResult r) {
            return new Seen(RequestCheck.Api.RESPONSES, r.httpStatus(), false, true, "", "", "", false, r.outputText(),
                    functionCalls(r), null, r.usage(), r.streamed(), r.streamed() ? r.events().size() : null, null,
                    r.timing() == null ? null : r.timing().ttftMs(), r.timing() == null ? null : r.timing().totalMs(),
                    List.of());
        }

        /** The Responses API's {@code function_call} output items, as the tool calls the assertions judge. */
        static List<ToolCall> functionCalls(ResponsesResult r) {
            List<ToolCall> calls = new java.util.ArrayList<>();
            for (ai.flatkey.migrate.wire.ResponseOutputItem item : r.output()) {
                if ("function_call".equals(item.type())) {
                    calls.add(new ToolCall(calls.size(), item.callId() != null ? item.callId() : item.id(), "function",
                            item.name(), item.arguments(), true));
                }
            }
            return calls;
        }

        static Seen of(EmbeddingsResult r) {
            return new Seen(RequestCheck.Api.EMBEDDINGS, r.status(), false, true, "", "", "", false, "", List.of(), null, r.usage(),
                    false, null, null, null, r.timing() == null ? null : r.timing().totalMs(), r.data());
        }

        /**
         * A failed exchange: its status and error; when a stream broke halfway, what arrived (its text, tool calls,
         * chunks) is the answer the assertions judge.
         */
        static Seen of(ApiException e, RequestCheck.Api api) {
            ChatResult p = e.partial();
            boolean partial = p != null && p.streamed();
            return new Seen(api, e.status(), true, partial, e.getMessage(), e.errorType(), e.errorCode(),
                    e.openAiError(),
                    partial ? p.content() : e.serverMessage(),
                    p == null ? List.of() : p.toolCalls(), p == null ? null : p.finishReason(),
                    p == null ? null : p.usage(), p != null && p.streamed(),
                    p == null || !p.streamed() ? null : p.chunkCount(), p == null || !p.streamed() ? null : p.sawDone(),
                    p == null || p.timing() == null ? null : p.timing().ttftMs(),
                    p == null || p.timing() == null ? null : p.timing().totalMs(), List.of());
        }

        String statusText() {
            return status > 0 ? "HTTP " + status : "no HTTP answer";
        }
    }

    /**
     * What a family answer showed, each null when the answer is not of that family.
     *
     * @param imageFormats how each image of {@code data[]} came ({@code b64_json}, {@code url}, {@code none}, …)
     * @param contentType  a speech answer's content type, lower case
     * @param flagged      each moderation result's {@code flagged} (null where it is missing or not a boolean)
     */
    record Media(List<String> imageFormats, String contentType, List<Boolean> flagged) {
        Media {
            imageFormats = imageFormats == null ? null : List.copyOf(imageFormats);
            flagged = flagged == null ? null : java.util.Collections.unmodifiableList(new ArrayList<>(flagged));
        }
    }

    private static final int EXCERPT = 160;

    private Assertions() {
    }

    /**
     * Decides every assertion of {@code check} on {@code seen}, recording failed and uncheckable ones in {@code j}.
     *
     * @param body  the body as sent (its tools' parameters schemas)
     * @param price the sent model's price from the plan, if any (for {@link Assertion.Kind#COST})
     */
    static List<AssertionResult> decide(RequestCheck check, JsonObject body, Seen seen, Optional<ModelPrice> price,
                                        String model, Judgement j) {
        List<AssertionResult> out = new ArrayList<>();
        for (Assertion a : check.assertions()) {
            Verdict v = decide(a, body, seen, price, model);
            Rule rule = Rule.byId(v.ruleId).orElseThrow(() -> new IllegalStateException("no rule " + v.ruleId));
            String evidence = a.describe() + ": " + v.evidence;
            switch (v.status) {
                case FAIL -> j.fail(rule, evidence);
                case NOT_CHECKED -> j.notChecked(rule, evidence);
                case PASS -> { }
            }
            out.add(new AssertionResult(v.ruleId, a.describe(), v.status, v.evidence));
        }
        return out;
    }

    /** One assertion's outcome before it is recorded. */
    private record Verdict(String ruleId, AssertionResult.Status status, String evidence) {
    }

    private static Verdict pass(Assertion a, String evidence) {
        return new Verdict(a.kind().ruleId(), AssertionResult.Status.PASS, evidence);
    }

    private static Verdict fail(Assertion a, String evidence) {
        return new Verdict(a.kind().ruleId(), AssertionResult.Status.FAIL, evidence);
    }

    private static Verdict notChecked(Assertion a, String evidence) {
        return new Verdict(a.kind().ruleId(), AssertionResult.Status.NOT_CHECKED, evidence);
    }

    private static Verdict check(Assertion a, boolean held, String evidence) {
        return held ? pass(a, evidence) : fail(a, evidence);
    }

    /** The kinds that are checked on an error answer; every other one needs an answer. */
    private static boolean onErrors(Assertion.Kind k) {
        return switch (k) {
            case STATUS, ERROR_TYPE, ERROR_SHAPE, CONTAINS, NOT_CONTAINS, REGEX, EQUALS, NOT_EMPTY, LATENCY -> true;
            default -> false;
        };
    }

    /** An assertion on the error a refused request got: its type or code, or its shape. */
    private static Verdict error(Assertion a, Seen s) {
        if (!s.failed()) {
            return fail(a, "the request succeeded (" + s.statusText() + "): there is no error");
        }
        if (a.kind() == Assertion.Kind.ERROR_SHAPE) {
            return check(a, s.openAiError(), s.openAiError()
                    ? "an error object with a message (" + s.statusText() + ", type " + quoted(s.errorType()) + ")"
                    : s.status() <= 0 ? "no HTTP answer: " + excerpt(s.failure())
                    : "the " + s.statusText() + " body is not an OpenAI error object {\"error\": {\"message\": …}}"
                    + " — an SDK reads its error from that object");
        }
        String want = a.text().toLowerCase(Locale.ROOT);
        boolean held = s.errorType().toLowerCase(Locale.ROOT).equals(want)
                || s.errorCode().toLowerCase(Locale.ROOT).equals(want);
        return check(a, held, "type " + quoted(s.errorType()) + ", code " + quoted(s.errorCode()) + " ("
                + s.statusText() + ")");
    }

    private static Verdict decide(Assertion a, JsonObject body, Seen s, Optional<ModelPrice> price, String model) {
        if (!s.answered() && !onErrors(a.kind())) {
            return notChecked(a, "the request failed (" + s.statusText() + "), so there is no answer to check: "
                    + excerpt(s.failure()));
        }
        String text = s.text();
        String where = s.answered() ? "the answer" : "the error message";
        return switch (a.kind()) {
            case STATUS -> {
                String want = a.text().toLowerCase(Locale.ROOT);
                boolean held = s.status() > 0 && (want.endsWith("xx")
                        ? String.valueOf(s.status()).charAt(0) == want.charAt(0) : String.valueOf(s.status()).equals(want));
                yield check(a, held, s.statusText() + (s.failed() ? ": " + excerpt(s.failure()) : ""));
            }
            case ERROR_TYPE, ERROR_SHAPE -> error(a, s);
            case CONTAINS -> {
                int at = indexOf(text, a.text(), a.ignoreCase());
                yield check(a, at >= 0, at >= 0 ? "found at character " + (at + 1) + ": " + around(text, at, a.text().length())
                        : where + " does not contain it: " + excerpt(text));
            }
            case NOT_CONTAINS -> {
                int at = indexOf(text, a.text(), a.ignoreCase());
                yield check(a, at < 0, at < 0 ? where + " does not contain it (" + text.length() + " characters)"
                        : "found at character " + (at + 1) + ": " + around(text, at, a.text().length()));
            }
            case REGEX -> {
                Matcher m = Pattern.compile(a.text()).matcher(text);
                boolean found = m.find();
                yield check(a, found, found ? "matched " + quoted(clip(m.group(), 80)) + " at character " + (m.start() + 1)
                        : where + " does not match: " + excerpt(text));
            }
            case EQUALS -> {
                String got = text.strip();
                String want = a.text().strip();
                boolean held = a.ignoreCase() ? got.equalsIgnoreCase(want) : got.equals(want);
                yield check(a, held, held ? where + " is exactly that" : where + " is " + excerpt(text));
            }
            case NOT_EMPTY -> check(a, !text.isBlank(), text.isBlank()
                    ? where + " is empty (" + text.length() + " characters" + (s.toolCalls().isEmpty() ? ""
                    : "; it made " + s.toolCalls().size() + " tool call(s) instead") + ")"
                    : text.length() + " characters: " + excerpt(text));
            case IS_JSON -> json(a, text, s);
            case TOOL_CALL -> toolCall(a, s.toolCalls());
            case TOOL_ARGS -> toolArgs(a, s.toolCalls(), body);
            case FINISH_REASON -> check(a, a.text().equals(s.finishReason()), "finish_reason " + quoted(s.finishReason()));
            case USAGE -> check(a, s.usage() != null, s.usage() == null ? "the answer carries no usage"
                    : usage(s.usage()));
            case TTFT -> s.ttftMs() == null ? notChecked(a, "no content arrived, so there is no first token to time"
                    + (s.toolCalls().isEmpty() ? "" : " (the stream only called tools)"))
                    : check(a, s.ttftMs() <= a.number(), "first token after " + s.ttftMs() + " ms");
            case CHUNKS -> s.chunks() == null ? notChecked(a, "the answer was not streamed")
                    : check(a, s.chunks() >= a.whole(), s.chunks() + (s.api() == RequestCheck.Api.RESPONSES
                    ? " events" : " chunks"));
            case DONE -> s.sawDone() == null ? notChecked(a, "the answer was not streamed")
                    : check(a, s.sawDone(), s.sawDone() ? "data: [DONE] ended the stream"
                    : "the stream ended without data: [DONE] after " + s.chunks() + " chunks");
            case LATENCY -> s.totalMs() == null ? notChecked(a, "no complete answer was timed ("
                    + s.statusText() + ")") : check(a, s.totalMs() <= a.number(), "answered in " + s.totalMs() + " ms");
            case TOKENS -> s.usage() == null ? notChecked(a, "the answer carries no usage, so its tokens are unknown")
                    : check(a, s.usage().totalTokens() <= a.whole(), usage(s.usage()));
            case COST -> cost(a, s, price, model);
            case EMBEDDING_DIMENSIONS -> dimensions(a, s);
            case EMBEDDING_COUNT -> check(a, s.embeddings().size() == a.whole().intValue(),
                    s.embeddings().size() + " embedding" + (s.embeddings().size() == 1 ? "" : "s"));
            case IMAGE_COUNT, IMAGE_FORMAT, CONTENT_TYPE, MODERATION_COUNT, FLAGGED -> family(a, s.media());
        };
    }

    /** An assertion on a family answer: its images, its content type, its moderation results. */
    private static Verdict family(Assertion a, Media m) {
        boolean images = a.kind() == Assertion.Kind.IMAGE_COUNT || a.kind() == Assertion.Kind.IMAGE_FORMAT;
        if (m == null || (images ? m.imageFormats() == null : a.kind() == Assertion.Kind.CONTENT_TYPE
                ? m.contentType() == null : m.flagged() == null)) {
            return notChecked(a, "the answer is not " + (images ? "an images answer" : a.kind()
                    == Assertion.Kind.CONTENT_TYPE ? "a speech answer" : "a moderation answer"));
        }
        return switch (a.kind()) {
            case IMAGE_COUNT -> check(a, m.imageFormats().size() == a.whole().intValue(), m.imageFormats().size()
                    + " image" + (m.imageFormats().size() == 1 ? "" : "s") + " in data[]");
            case IMAGE_FORMAT -> m.imageFormats().isEmpty() ? fail(a, "data[] holds no image")
                    : check(a, m.imageFormats().stream().allMatch(a.text()::equals), "the images came as "
                    + String.join(", ", m.imageFormats()));
            case CONTENT_TYPE -> {
                String got = m.contentType().split(";", 2)[0].strip();
                yield check(a, got.equals(a.text()), got.isEmpty() ? "the answer has no content type"
                        : "content type " + quoted(m.contentType()));
            }
            case MODERATION_COUNT -> check(a, m.flagged().size() == a.whole().intValue(), m.flagged().size()
                    + " result" + (m.flagged().size() == 1 ? "" : "s"));
            default -> {
                boolean want = Boolean.parseBoolean(a.text());
                yield m.flagged().isEmpty() ? fail(a, "results[] is empty")
                        : m.flagged().contains(null) ? notChecked(a, "a result has no boolean flagged: " + m.flagged())
                        : check(a, m.flagged().stream().allMatch(f -> f == want), "flagged " + m.flagged());
            }
        };
    }

    private static Verdict dimensions(Assertion a, Seen s) {
        List<Integer> dims = s.embeddings().stream().map(Embedding::dimensions).distinct().toList();
        return s.embeddings().isEmpty() ? fail(a, "the answer holds no embedding")
                : check(a, dims.size() == 1 && dims.get(0) == a.whole().intValue(),
                "vectors of " + dims.stream().map(String::valueOf).reduce((x, y) -> x + ", " + y).orElse("")
                        + " dimensions");
    }

    private static Verdict json(Assertion a, String text, Seen s) {
        JsonElement parsed;
        try {
            parsed = strict(text);
        } catch (IOException | JsonParseException | IllegalStateException e) {
            Throwable cause = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause() : e;
            String cut = "length".equals(s.finishReason()) ? " (finish_reason \"length\": the answer was cut off at the"
                    + " token limit; allow more tokens)" : "";
            return new Verdict(Rule.ASSERT_JSON.id(), AssertionResult.Status.FAIL, (text.isBlank() ? "the answer is empty"
                    : "not JSON (" + clip(oneLine(cause.getMessage()), 120) + "): " + excerpt(text)) + cut);
        }
        if (a.schema() == null) {
            return pass(a, "JSON " + kind(parsed) + ": " + excerpt(text));
        }
        List<String> problems;
        try {
            problems = JsonSchemas.violations(a.schema(), parsed);
        } catch (IllegalArgumentException e) {
            return new Verdict(Rule.ASSERT_JSON_SCHEMA.id(), AssertionResult.Status.NOT_CHECKED, e.getMessage());
        }
        return new Verdict(Rule.ASSERT_JSON_SCHEMA.id(), problems.isEmpty() ? AssertionResult.Status.PASS
                : AssertionResult.Status.FAIL, problems.isEmpty() ? "valid: " + excerpt(text)
                : String.join("; ", problems) + " (in " + excerpt(text) + ")");
    }

    /** Strict JSON: one value, nothing after it, no lenient extras (unquoted text is not JSON). */
    static JsonElement strict(String text) throws IOException {
        JsonReader reader = new JsonReader(new StringReader(text.strip()));
        reader.setStrictness(Strictness.STRICT);
        JsonElement e = JsonParser.parseReader(reader);
        if (reader.peek() != JsonToken.END_DOCUMENT) {
            throw new JsonParseException("text after the JSON value");
        }
        return e;
    }

    private static Verdict toolCall(Assertion a, List<ToolCall> calls) {
        List<ToolCall> named = a.text().isEmpty() ? calls : calls.stream().filter(c -> c.name().equals(a.text())).toList();
        boolean held = a.whole() == null ? !named.isEmpty() : named.size() == a.whole();
        String made = calls.isEmpty() ? "no tool call was made" : calls.size() + " tool call"
                + (calls.size() == 1 ? "" : "s") + ": " + calls.stream().map(Assertions::call).reduce((x, y) -> x + ", " + y)
                .orElse("");
        return check(a, held, made);
    }

    private static Verdict toolArgs(Assertion a, List<ToolCall> calls, JsonObject body) {
        if (calls.isEmpty()) {
            return notChecked(a, "no tool call was made, so there are no arguments to check");
        }
        List<String> checked = new ArrayList<>();
        for (ToolCall c : calls) {
            if (!CheckSyntax.functionNames(body).contains(c.name())) {
                return fail(a, call(c) + " calls a function the request does not offer (it offers "
                        + CheckSyntax.functionNames(body) + ")");
            }
            JsonElement args;
            try {
                args = strict(c.arguments());
            } catch (IOException | JsonParseException | IllegalStateException e) {
                return fail(a, "the arguments of " + c.name() + " are not JSON: " + excerpt(c.arguments()));
            }
            JsonElement schema = CheckSyntax.parameters(body, c.name());
            if (schema == null || !schema.isJsonObject()) {
                return notChecked(a, "the request declares no parameters schema for " + c.name());
            }
            List<String> problems;
            try {
                problems = JsonSchemas.violations(schema.getAsJsonObject(), args);
            } catch (IllegalArgumentException e) {
                return notChecked(a, "the parameters schema of " + c.name() + ": " + e.getMessage());
            }
            if (!problems.isEmpty()) {
                return fail(a, "the arguments of " + c.name() + " break its parameters schema: "
                        + String.join("; ", problems) + " (got " + excerpt(c.arguments()) + ")");
            }
            checked.add(call(c));
        }
        return pass(a, "valid: " + String.join(", ", checked));
    }

    private static Verdict cost(Assertion a, Seen s, Optional<ModelPrice> price, String model) {
        if (price.isEmpty()) {
            return notChecked(a, "the plan has no price for " + model + ": type it in the model mapping (step 3) or"
                    + " import a price list, and run again");
        }
        if (s.usage() == null && price.get().perRequestOnly()) {
            double usd = price.get().cost(0, 0);
            return check(a, usd <= a.number(), String.format(Locale.ROOT, "$%.6f a request at %s prices", usd,
                    price.get().source()));
        }
        if (s.usage() == null) {
            return notChecked(a, "the answer carries no usage, so its cost is unknown");
        }
        double usd = price.get().cost(s.usage().promptTokens(), s.usage().completionTokens());
        return check(a, usd <= a.number(), String.format(Locale.ROOT, "$%.6f for %s at %s prices", usd,
                usage(s.usage()), price.get().source()));
    }

    private static String usage(Usage u) {
        return u.totalTokens() + " tokens (" + u.promptTokens() + " prompt + " + u.completionTokens() + " completion)";
    }

    private static String call(ToolCall c) {
        return c.name() + "(" + clip(oneLine(c.arguments()), 80) + ")";
    }

    private static String kind(JsonElement e) {
        return e.isJsonObject() ? "object" : e.isJsonArray() ? "array" : e.isJsonNull() ? "null" : "value";
    }

    private static int indexOf(String text, String part, boolean ignoreCase) {
        return ignoreCase ? text.toLowerCase(Locale.ROOT).indexOf(part.toLowerCase(Locale.ROOT)) : text.indexOf(part);
    }

    /** The found text with a little of its surroundings. */
    private static String around(String text, int at, int length) {
        int from = Math.max(0, at - 30);
        int to = Math.min(text.length(), at + length + 30);
        return "\"" + (from > 0 ? "…" : "") + oneLine(text.substring(from, to)) + (to < text.length() ? "…" : "") + "\"";
    }

    private static String excerpt(String text) {
        return text == null || text.isEmpty() ? "(empty)" : quoted(clip(oneLine(text), EXCERPT));
    }

    private static String quoted(String s) {
        return s == null ? "(none)" : "\"" + s + "\"";
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s+", " ");
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
