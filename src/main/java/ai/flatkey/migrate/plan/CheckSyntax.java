package ai.flatkey.migrate.plan;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads request checks from their JSON form (the plan's {@code requestChecks}, a JSON check file, or a YAML one read
 * into JSON) and says what is wrong with each, pointing at the element: the faces turn that into a line number
 * ({@link CheckFile}) or a field. Everything that can be known before sending is refused here, not at run time: an
 * unknown key or assertion, a regular expression or JSON Schema that does not compile, a TTFT bound on a request
 * that is not streamed, a tool assertion on a body without tools.
 *
 * <p>The form: {@code {"name": …, "endpoint": "chat" | "responses" | "embeddings", "body": {…}, "assert": […]}};
 * each assertion is a bare name ({@code usage}) or {@code {KIND: VALUE}} (with {@code ignore-case: true} for the text
 * comparisons), also {@code {"type": KIND, "value": VALUE}}. Aliases: {@code icontains}, {@code not-icontains},
 * {@code iequals}, {@code json-schema: SCHEMA} (is-json with a schema).
 */
public final class CheckSyntax {

    /** Where a problem was found and what it is. */
    @FunctionalInterface
    public interface Problems {
        void report(JsonElement at, String message);
    }

    /** A request check the plan cannot hold, with what is wrong in words. */
    public static final class Invalid extends JsonParseException {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,79}");
    private static final Pattern STATUS = Pattern.compile("[1-5](\\d\\d|xx)");
    private static final Set<String> CHECK_KEYS = Set.of("name", "endpoint", "body", "assert");
    private static final Map<String, String> ALIASES = Map.of("icontains", "contains", "not-icontains", "not-contains",
            "iequals", "equals", "json-schema", "is-json", "assertions", "assert");

    private CheckSyntax() {
    }

    /** The checks of a check file: a list of checks, or {@code {"checks": [...]}} (with an optional {@code version: 1}). */
    public static List<RequestCheck> file(JsonElement root, Problems p) {
        JsonElement list = root;
        if (root != null && root.isJsonObject()) {
            JsonObject o = root.getAsJsonObject();
            for (String key : o.keySet()) {
                if (!key.equals("checks") && !key.equals("version")) {
                    p.report(o.get(key), "unknown top-level key \"" + key + "\" (a check file has \"version\" and \"checks\")");
                }
            }
            JsonElement version = o.get("version");
            if (version != null && !(version.isJsonPrimitive() && version.getAsJsonPrimitive().isNumber()
                    && version.getAsDouble() == 1)) {
                p.report(version, "\"version\" is " + version + "; this build reads check files of version 1");
            }
            list = o.get("checks");
            if (list == null) {
                p.report(root, "the file has no \"checks\" list");
                return List.of();
            }
        }
        if (list == null || !list.isJsonArray()) {
            p.report(list == null ? root : list, "\"checks\" must be a list of request checks");
            return List.of();
        }
        List<RequestCheck> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonElement e : list.getAsJsonArray()) {
            RequestCheck c = check(e, p);
            if (c != null) {
                if (!names.add(c.name())) {
                    p.report(e.getAsJsonObject().get("name"), "a second check named \"" + c.name()
                            + "\": names must be unique (they become check IDs request:NAME)");
                }
                out.add(c);
            }
        }
        return out;
    }

    /** One check; null when it is too broken to hold (its problems are reported). */
    public static RequestCheck check(JsonElement e, Problems p) {
        if (e == null || !e.isJsonObject()) {
            p.report(e, "a request check is a mapping with name, endpoint, body and assert");
            return null;
        }
        JsonObject o = e.getAsJsonObject();
        Counting c = new Counting(p);
        for (String key : o.keySet()) {
            String k = ALIASES.getOrDefault(key, key);
            if (!CHECK_KEYS.contains(k)) {
                c.report(o.get(key), "unknown key \"" + key + "\" in a request check (known: name, endpoint, body, assert)");
            }
        }
        String name = text(o.get("name"));
        String where = name == null ? "a request check" : "check \"" + name + "\"";
        if (name == null || !NAME.matcher(name).matches()) {
            c.report(o.has("name") ? o.get("name") : o, name == null ? "a request check needs a \"name\" (letters,"
                    + " digits, . _ -; it becomes the check ID request:NAME)" : "the name \"" + name + "\" may only"
                    + " hold letters, digits, . _ and - (at most 80; it becomes the check ID request:NAME)");
        }
        RequestCheck.Api api = RequestCheck.Api.CHAT;
        JsonElement endpoint = o.get("endpoint");
        if (endpoint != null) {
            String ep = text(endpoint);
            api = ep == null ? null : RequestCheck.Api.byKey(ep).orElse(null);
            if (api == null) {
                c.report(endpoint, where + ": endpoint " + endpoint + " is not one of " + String.join(", ",
                        java.util.Arrays.stream(RequestCheck.Api.values()).map(RequestCheck.Api::key).toList()));
                api = RequestCheck.Api.CHAT;
            }
        }
        JsonElement bodyElement = o.get("body");
        JsonObject body = null;
        if (bodyElement == null || !bodyElement.isJsonObject()) {
            c.report(bodyElement == null ? o : bodyElement, where + ": \"body\" must be the request's JSON object, as the"
                    + " app sends it");
        } else {
            body = bodyElement.getAsJsonObject();
            body(body, api, where, c);
        }
        boolean stream = body != null && new RequestCheck(name, api, body, List.of(), "").stream();
        List<Assertion> assertions = new ArrayList<>();
        JsonElement list = o.has("assert") ? o.get("assert") : o.get("assertions");
        if (list != null && !list.isJsonArray()) {
            c.report(list, where + ": \"assert\" must be a list of assertions");
        } else if (list != null) {
            int i = 0;
            for (JsonElement a : list.getAsJsonArray()) {
                i++;
                Assertion x = assertion(a, where + ", assertion " + i, c);
                if (x != null) {
                    applies(x, a, api, stream, body, where + ", assertion " + i + " (" + x.kind().key() + ")", c);
                    assertions.add(x);
                }
            }
        }
        return c.count > 0 || name == null || body == null ? null : new RequestCheck(name, api, body, assertions, "");
    }

    /** Counts what it passes on. */
    private static final class Counting implements Problems {
        final Problems to;
        int count;

        Counting(Problems to) {
            this.to = to;
        }

        @Override
        public void report(JsonElement at, String message) {
            count++;
            to.report(at, message);
        }
    }

    private static void body(JsonObject body, RequestCheck.Api api, String where, Problems p) {
        JsonElement model = body.get("model");
        if (model != null && (text(model) == null || text(model).isBlank())) {
            p.report(model, where + ": body.model must be the model ID as text (or leave it out to run the check on"
                    + " every mapped target model)");
        }
        JsonElement stream = body.get("stream");
        if (stream != null && !(stream.isJsonPrimitive() && stream.getAsJsonPrimitive().isBoolean())) {
            p.report(stream, where + ": body.stream must be true or false");
        }
        switch (api) {
            case CHAT -> {
                JsonElement messages = body.get("messages");
                if (messages == null || !messages.isJsonArray() || messages.getAsJsonArray().isEmpty()) {
                    p.report(messages == null ? body : messages, where + ": a chat body needs a non-empty \"messages\" list");
                }
            }
            case RESPONSES -> {
                if (!body.has("input")) {
                    p.report(body, where + ": a Responses body needs \"input\"");
                }
            }
            case EMBEDDINGS -> {
                if (!body.has("input")) {
                    p.report(body, where + ": an embeddings body needs \"input\"");
                }
            }
            case IMAGES -> {
                if (text(body.get("prompt")) == null || text(body.get("prompt")).isBlank()) {
                    p.report(body.has("prompt") ? body.get("prompt") : body, where + ": an images body needs"
                            + " \"prompt\" (text)");
                }
                JsonElement n = body.get("n");
                if (n != null && !(n.isJsonPrimitive() && n.getAsJsonPrimitive().isNumber() && n.getAsDouble() >= 1
                        && n.getAsDouble() == Math.rint(n.getAsDouble()))) {
                    p.report(n, where + ": body.n must be a whole number of images (1 or more)");
                }
            }
            case SPEECH -> {
                for (String field : List.of("input", "voice")) {
                    if (!body.has(field)) {
                        p.report(body, where + ": a speech body needs \"" + field + "\"");
                    }
                }
            }
            case MODERATIONS -> {
                if (!body.has("input")) {
                    p.report(body, where + ": a moderations body needs \"input\"");
                }
            }
            case TRANSCRIPTIONS, TRANSLATIONS -> upload(body, api, where, p);
            case IMAGE_EDITS -> edit(body, where, p);
        }
        if (!api.streams() && stream != null && stream.isJsonPrimitive() && stream.getAsJsonPrimitive().isBoolean()
                && stream.getAsBoolean()) {
            p.report(stream, where + ": this build reads " + api.key() + " answers whole, not streamed; leave out"
                    + " \"stream\"");
        }
        JsonElement tools = body.get("tools");
        if (tools != null) {
            if (!tools.isJsonArray()) {
                p.report(tools, where + ": body.tools must be a list");
            } else {
                for (JsonElement t : tools.getAsJsonArray()) {
                    JsonElement params = parameters(t);
                    if (params != null) {
                        String problem = JsonSchemas.problem(params);
                        if (problem != null) {
                            p.report(params, where + ": the parameters of tool \"" + functionName(t) + "\": " + problem);
                        }
                    }
                }
            }
        }
    }

    /** The form fields an upload body may hold besides {@code file}: each sent as the text it is. */
    static final Set<String> UPLOAD_FIELDS = Set.of("model", "language", "prompt", "response_format", "temperature",
            "timestamp_granularities", "stream");
    /** The formats a transcription or translation answers in. */
    static final Set<String> TRANSCRIPTION_FORMATS = Set.of("json", "text", "srt", "verbose_json", "vtt");

    /**
     * A transcription or translation body: {@code file} names the audio file (its existence is checked where the
     * check file's folder is known, {@link CheckFile#read}); the other fields are form fields of text, numbers or
     * (timestamp_granularities) a list of them.
     */
    private static void upload(JsonObject body, RequestCheck.Api api, String where, Problems p) {
        String file = text(body.get("file"));
        if (file == null || file.isBlank()) {
            p.report(body.has("file") ? body.get("file") : body, where + ": a " + api.key() + " body needs \"file\":"
                    + " the audio file to upload, relative to the check file (e.g. audio/hello.wav)");
        }
        for (Map.Entry<String, JsonElement> e : body.entrySet()) {
            String k = e.getKey();
            JsonElement v = e.getValue();
            if (k.equals("file")) {
                continue;
            }
            if (!UPLOAD_FIELDS.contains(k) || k.equals("stream") && api == RequestCheck.Api.TRANSLATIONS
                    || k.equals("language") && api == RequestCheck.Api.TRANSLATIONS) {
                p.report(v, where + ": \"" + k + "\" is not a form field of " + api.key() + " (it takes file, "
                        + String.join(", ", UPLOAD_FIELDS.stream().filter(f -> api == RequestCheck.Api.TRANSCRIPTIONS
                        || !f.equals("stream") && !f.equals("language")).sorted().toList()) + ")");
            } else if (k.equals("timestamp_granularities") ? !(v.isJsonArray() || v.isJsonPrimitive())
                    : !v.isJsonPrimitive()) {
                p.report(v, where + ": body." + k + " is sent as a form field: it must be text or a number");
            }
        }
        JsonElement format = body.get("response_format");
        if (format != null && format.isJsonPrimitive() && !TRANSCRIPTION_FORMATS.contains(format.getAsString())) {
            p.report(format, where + ": body.response_format must be one of json, text, srt, verbose_json, vtt");
        }
    }

    /** The form fields an image edit body may hold besides {@code image} and {@code mask}. */
    static final Set<String> EDIT_FIELDS = Set.of("model", "prompt", "n", "size", "response_format", "quality",
            "background", "output_format", "output_compression", "input_fidelity", "user");

    /**
     * An image edit body: {@code image} names the image file (or a list of them, sent as {@code image[]}),
     * {@code mask} an optional mask file, {@code prompt} the text; the other fields are form fields of text or numbers.
     */
    private static void edit(JsonObject body, String where, Problems p) {
        JsonElement image = body.get("image");
        boolean named = image != null && (text(image) != null && !text(image).isBlank() || image.isJsonArray()
                && !image.getAsJsonArray().isEmpty() && image.getAsJsonArray().asList().stream()
                .allMatch(e -> text(e) != null && !text(e).isBlank()));
        if (!named) {
            p.report(image == null ? body : image, where + ": an image-edits body needs \"image\": the image file to"
                    + " upload (or a list of them), relative to the check file (e.g. images/icon.png)");
        }
        JsonElement mask = body.get("mask");
        if (mask != null && (text(mask) == null || text(mask).isBlank())) {
            p.report(mask, where + ": body.mask must be the mask image's file, relative to the check file");
        }
        if (text(body.get("prompt")) == null || text(body.get("prompt")).isBlank()) {
            p.report(body.has("prompt") ? body.get("prompt") : body, where + ": an image-edits body needs \"prompt\""
                    + " (text)");
        }
        for (Map.Entry<String, JsonElement> e : body.entrySet()) {
            String k = e.getKey();
            if (k.equals("image") || k.equals("mask")) {
                continue;
            }
            if (!EDIT_FIELDS.contains(k)) {
                p.report(e.getValue(), where + ": \"" + k + "\" is not a form field of image-edits (it takes image,"
                        + " mask, " + String.join(", ", EDIT_FIELDS.stream().sorted().toList()) + ")");
            } else if (!e.getValue().isJsonPrimitive()) {
                p.report(e.getValue(), where + ": body." + k + " is sent as a form field: it must be text or a number");
            }
        }
        JsonElement n = body.get("n");
        if (n != null && !(n.isJsonPrimitive() && n.getAsJsonPrimitive().isNumber() && n.getAsDouble() >= 1
                && n.getAsDouble() == Math.rint(n.getAsDouble()))) {
            p.report(n, where + ": body.n must be a whole number of images (1 or more)");
        }
    }

    /** One assertion; null when it cannot be read (reported). */
    static Assertion assertion(JsonElement e, String where, Problems p) {
        if (e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
            return withValue(e.getAsString(), null, false, e, where, p);
        }
        if (e == null || !e.isJsonObject() || e.getAsJsonObject().isEmpty()) {
            p.report(e, where + ": an assertion is a name (e.g. usage) or KIND: VALUE (e.g. contains: Paris)");
            return null;
        }
        JsonObject o = e.getAsJsonObject();
        boolean ignoreCase = false;
        JsonElement flag = o.has("ignore-case") ? o.get("ignore-case") : o.get("ignoreCase");
        if (flag != null) {
            if (!(flag.isJsonPrimitive() && flag.getAsJsonPrimitive().isBoolean())) {
                p.report(flag, where + ": ignore-case must be true or false");
            } else {
                ignoreCase = flag.getAsBoolean();
            }
        }
        if (o.has("type")) {
            for (String key : o.keySet()) {
                if (!Set.of("type", "value", "ignore-case", "ignoreCase").contains(key)) {
                    p.report(o.get(key), where + ": unknown key \"" + key + "\" beside type/value");
                }
            }
            String type = text(o.get("type"));
            if (type == null) {
                p.report(o.get("type"), where + ": type must be an assertion name");
                return null;
            }
            return withValue(type, o.get("value"), ignoreCase, o.get("type"), where, p);
        }
        List<String> keys = o.keySet().stream().filter(k -> !k.equals("ignore-case") && !k.equals("ignoreCase")).toList();
        if (keys.size() != 1) {
            p.report(e, where + ": one assertion per list item (found " + keys + ")");
            return null;
        }
        return withValue(keys.get(0), o.get(keys.get(0)), ignoreCase, e, where, p);
    }

    private static Assertion withValue(String rawKey, JsonElement value, boolean ignoreCase, JsonElement at,
                                       String where, Problems p) {
        String key = rawKey.strip().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        boolean caseless = ignoreCase || key.equals("icontains") || key.equals("not-icontains") || key.equals("iequals");
        boolean schemaAlias = key.equals("json-schema");
        Assertion.Kind kind = Assertion.Kind.byKey(ALIASES.getOrDefault(key, key)).orElse(null);
        if (kind == null) {
            p.report(at, where + ": unknown assertion \"" + rawKey + "\" (known: " + known() + ")");
            return null;
        }
        if (caseless && !Set.of(Assertion.Kind.CONTAINS, Assertion.Kind.NOT_CONTAINS, Assertion.Kind.EQUALS).contains(kind)) {
            p.report(at, where + ": ignore-case applies to contains, not-contains and equals only");
        }
        JsonElement v = value == null || value.isJsonNull() ? null : value;
        switch (kind.arg()) {
            case NONE -> {
                if (v != null && !(v.isJsonPrimitive() && v.getAsJsonPrimitive().isBoolean() && v.getAsBoolean())) {
                    p.report(v, where + ": " + kind.key() + " takes no value (write it alone: - " + kind.key() + ")");
                }
                return Assertion.of(kind);
            }
            case TEXT -> {
                String t = v != null && v.isJsonPrimitive() ? v.getAsString() : null;
                if (t == null || t.isEmpty()) {
                    p.report(v == null ? at : v, where + ": " + kind.key() + " needs " + textNeeded(kind));
                    return null;
                }
                if (kind == Assertion.Kind.STATUS && !STATUS.matcher(t.strip().toLowerCase(java.util.Locale.ROOT)).matches()) {
                    p.report(v, where + ": status is an HTTP status such as 200 or 404, or a class such as 4xx; found " + v);
                    return null;
                }
                if (kind == Assertion.Kind.REGEX) {
                    try {
                        Pattern.compile(t);
                    } catch (PatternSyntaxException bad) {
                        p.report(v, where + ": the regular expression does not compile: " + bad.getDescription()
                                + " near index " + bad.getIndex());
                        return null;
                    }
                }
                String problem = valueProblem(kind, t);
                if (problem != null) {
                    p.report(v, where + ": " + problem + "; found " + v);
                    return null;
                }
                String stored = kind == Assertion.Kind.STATUS || kind == Assertion.Kind.IMAGE_FORMAT
                        || kind == Assertion.Kind.CONTENT_TYPE || kind == Assertion.Kind.FLAGGED
                        ? t.strip().toLowerCase(java.util.Locale.ROOT) : t;
                return new Assertion(kind, stored, null, caseless, null);
            }
            case NUMBER, WHOLE_NUMBER -> {
                boolean number = v != null && v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber();
                double n = number ? v.getAsDouble() : -1;
                boolean whole = kind.arg() == Assertion.Arg.WHOLE_NUMBER;
                if (!number || n < 0 || whole && n != Math.rint(n)) {
                    p.report(v == null ? at : v, where + ": " + kind.key() + " needs " + (whole ? "a whole number" : "a number")
                            + " of " + unit(kind) + " (0 or more)" + (v == null ? "" : "; found " + v));
                    return null;
                }
                return Assertion.number(kind, n);
            }
            case SCHEMA -> {
                if (v == null && schemaAlias) {
                    p.report(at, where + ": json-schema needs the schema");
                    return null;
                }
                if (v == null || v.isJsonPrimitive() && v.getAsJsonPrimitive().isBoolean() && v.getAsBoolean()) {
                    return Assertion.json(null);
                }
                if (!v.isJsonObject()) {
                    p.report(v, where + ": is-json takes true or a JSON Schema (a mapping); found " + v);
                    return null;
                }
                String problem = JsonSchemas.problem(v);
                if (problem != null) {
                    p.report(v, where + ": the schema is " + problem);
                    return null;
                }
                return Assertion.json(v.getAsJsonObject());
            }
            case TOOL -> {
                if (v == null) {
                    return Assertion.toolCall("", null);
                }
                if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isString()) {
                    return Assertion.toolCall(v.getAsString().strip(), null);
                }
                if (!v.isJsonObject()) {
                    p.report(v, where + ": tool-call takes a function name or {name, count}; found " + v);
                    return null;
                }
                JsonObject t = v.getAsJsonObject();
                for (String k : t.keySet()) {
                    if (!k.equals("name") && !k.equals("count")) {
                        p.report(t.get(k), where + ": unknown key \"" + k + "\" in tool-call (known: name, count)");
                    }
                }
                String name = t.has("name") ? text(t.get("name")) : "";
                JsonElement count = t.get("count");
                Integer n = null;
                if (count != null) {
                    if (!(count.isJsonPrimitive() && count.getAsJsonPrimitive().isNumber()
                            && count.getAsDouble() == Math.rint(count.getAsDouble()) && count.getAsDouble() >= 0)) {
                        p.report(count, where + ": tool-call count must be a whole number (0 or more)");
                        return null;
                    }
                    n = count.getAsInt();
                }
                if (name == null) {
                    p.report(t.get("name"), where + ": tool-call name must be a function name");
                    return null;
                }
                return Assertion.toolCall(name.strip(), n);
            }
        }
        return null;
    }

    /** Refuses an assertion the request cannot give evidence for. */
    private static void applies(Assertion a, JsonElement at, RequestCheck.Api api, boolean stream, JsonObject body,
                                String where, Problems p) {
        if (!a.kind().apis().contains(api)) {
            p.report(at, where + ": applies to answers of " + a.kind().apis().stream().map(RequestCheck.Api::key).toList()
                    + ", not of the " + api.key() + " endpoint");
            return;
        }
        if (a.kind().streamOnly() && !stream) {
            p.report(at, where + ": needs a streamed request: add \"stream\": true to the body");
            return;
        }
        if (body == null) {
            return;
        }
        if (a.kind() == Assertion.Kind.TOOL_CALL || a.kind() == Assertion.Kind.TOOL_ARGS) {
            Set<String> offered = functionNames(body);
            if (offered.isEmpty() && !(a.kind() == Assertion.Kind.TOOL_CALL && a.whole() != null && a.whole() == 0)) {
                p.report(at, where + ": the body offers no tools (\"tools\": [{\"type\": \"function\", …}])");
            } else if (a.kind() == Assertion.Kind.TOOL_CALL && !a.text().isEmpty() && !offered.contains(a.text())) {
                p.report(at, where + ": the body offers no function \"" + a.text() + "\" (it offers " + offered + ")");
            }
        }
    }

    /** The function names a body's {@code tools} offer, in order. */
    public static Set<String> functionNames(JsonObject body) {
        Set<String> names = new LinkedHashSet<>();
        JsonElement tools = body.get("tools");
        if (tools != null && tools.isJsonArray()) {
            for (JsonElement t : tools.getAsJsonArray()) {
                String n = functionName(t);
                if (!n.isEmpty()) {
                    names.add(n);
                }
            }
        }
        return names;
    }

    /** The {@code parameters} schema the body declares for function {@code name}, or null. */
    public static JsonElement parameters(JsonObject body, String name) {
        JsonElement tools = body.get("tools");
        if (tools != null && tools.isJsonArray()) {
            for (JsonElement t : tools.getAsJsonArray()) {
                if (functionName(t).equals(name)) {
                    return parameters(t);
                }
            }
        }
        return null;
    }

    private static JsonElement parameters(JsonElement tool) {
        JsonObject fn = function(tool);
        return fn == null ? null : fn.get("parameters");
    }

    /** A tool's function: {@code {"type":"function","function":{…}}}, or the flat Responses form {@code {"type":"function","name":…}}. */
    private static JsonObject function(JsonElement tool) {
        if (tool == null || !tool.isJsonObject()) {
            return null;
        }
        JsonObject t = tool.getAsJsonObject();
        return t.get("function") instanceof JsonObject f ? f : t.has("name") ? t : null;
    }

    private static String functionName(JsonElement tool) {
        JsonObject fn = function(tool);
        String n = fn == null ? null : text(fn.get("name"));
        return n == null ? "" : n;
    }

    /** What is wrong with the text value of a family assertion, or null. */
    private static String valueProblem(Assertion.Kind kind, String t) {
        String v = t.strip().toLowerCase(java.util.Locale.ROOT);
        return switch (kind) {
            case IMAGE_FORMAT -> v.equals("b64_json") || v.equals("url") ? null
                    : "image-format is b64_json or url (how each image of data[] comes)";
            case CONTENT_TYPE -> v.matches("[a-z0-9.+-]+/[a-z0-9.+*-]+") ? null
                    : "content-type is a media type such as audio/wav or audio/mpeg";
            case FLAGGED -> v.equals("true") || v.equals("false") ? null
                    : "flagged is true or false (whether the input is flagged)";
            default -> null;
        };
    }

    private static String textNeeded(Assertion.Kind kind) {
        return switch (kind) {
            case STATUS -> "an HTTP status (200, 404) or class (4xx)";
            case ERROR_TYPE -> "the error's type or code (e.g. invalid_request_error, model_not_found)";
            case REGEX -> "a regular expression";
            case FINISH_REASON -> "a finish reason (stop, length, tool_calls, content_filter)";
            case IMAGE_FORMAT -> "b64_json or url";
            case CONTENT_TYPE -> "a media type (audio/wav, audio/mpeg)";
            case FLAGGED -> "true or false";
            default -> "the text to look for";
        };
    }

    private static String unit(Assertion.Kind kind) {
        return switch (kind) {
            case TTFT, LATENCY -> "milliseconds";
            case COST -> "US dollars";
            case TOKENS -> "tokens";
            case CHUNKS -> "chunks";
            case EMBEDDING_DIMENSIONS -> "dimensions";
            case EMBEDDING_COUNT -> "embeddings";
            case IMAGE_COUNT -> "images";
            case MODERATION_COUNT -> "moderation results";
            default -> "units";
        };
    }

    private static String known() {
        List<String> names = new ArrayList<>();
        for (Assertion.Kind k : Assertion.Kind.values()) {
            names.add(k.key());
        }
        names.add("icontains");
        names.add("not-icontains");
        return String.join(", ", names);
    }

    /** A string value, or null for anything else (numbers read as text, for status 200). */
    private static String text(JsonElement e) {
        return e != null && e.isJsonPrimitive() && !e.getAsJsonPrimitive().isBoolean() ? e.getAsString() : null;
    }
}
