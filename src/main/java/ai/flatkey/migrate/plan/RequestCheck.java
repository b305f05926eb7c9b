package ai.flatkey.migrate.plan;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.TypeAdapter;
import com.google.gson.annotations.JsonAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A request the app sends, checked: an endpoint, the request body exactly as written, and what the answer must
 * satisfy. The body is sent as written except for {@code model}, which goes through the plan's mapping (a body
 * without one runs once per mapped target model); {@code "stream": true} in the body makes it a streamed check. Its
 * check ID is {@code request:NAME} (or {@code request:NAME:MODEL} when it runs per model).
 *
 * <p>Kept in the plan ({@code requestChecks}, imported) or in a check file the plan references ({@code checkFiles});
 * both read with {@link CheckSyntax}. Importers (curl, promptfoo) produce these records.
 *
 * @param name       unique among the plan's request checks; letters, digits, {@code . _ -}
 * @param api        the endpoint
 * @param body       the JSON body (copied)
 * @param assertions what the answer must satisfy, in order
 * @param origin     where it was written, e.g. {@code checks.yaml:12}; empty for a check kept in the plan
 * @param folder     the absolute folder an upload's relative {@code file} is looked for in: the check file's, or the
 *                   plan file's for a check kept in the plan; empty when not known (a plan never saved: then the
 *                   working folder). Set when read, never written; not part of the check's equality.
 */
@JsonAdapter(RequestCheck.Json.class)
public record RequestCheck(String name, Api api, JsonObject body, List<Assertion> assertions, String origin,
                           String folder) {

    public RequestCheck(String name, Api api, JsonObject body, List<Assertion> assertions, String origin) {
        this(name, api, body, assertions, origin, "");
    }

    /**
     * The endpoints a request check can call, by their names in files and the plan, with their routes under the base
     * URL. Besides chat, Responses and embeddings, the JSON-body endpoint families: image generation, speech (a
     * binary answer) and moderations.
     */
    public enum Api {
        CHAT("chat", "chat/completions"), RESPONSES("responses", "responses"), EMBEDDINGS("embeddings", "embeddings"),
        IMAGES("images", "images/generations"), SPEECH("speech", "audio/speech"), MODERATIONS("moderations", "moderations"),
        TRANSCRIPTIONS("transcriptions", "audio/transcriptions"), TRANSLATIONS("translations", "audio/translations"),
        IMAGE_EDITS("image-edits", "images/edits");

        private final String key;
        private final String path;

        Api(String key, String path) {
            this.key = key;
            this.path = path;
        }

        public String key() {
            return key;
        }

        /** The endpoint in words, as the check editor's picker names it, e.g. "Image generation". */
        public String title() {
            return switch (this) {
                case CHAT -> "Chat completions";
                case RESPONSES -> "Responses";
                case EMBEDDINGS -> "Embeddings";
                case IMAGES -> "Image generation";
                case SPEECH -> "Speech";
                case MODERATIONS -> "Moderations";
                case TRANSCRIPTIONS -> "Audio transcription";
                case TRANSLATIONS -> "Audio translation";
                case IMAGE_EDITS -> "Image edit";
            };
        }

        /** The route under the base URL, e.g. {@code images/generations}. */
        public String path() {
            return path;
        }

        /** Whether a body may ask for a streamed answer ({@code "stream": true}): chat, Responses, transcriptions. */
        public boolean streams() {
            return this == CHAT || this == RESPONSES || this == TRANSCRIPTIONS;
        }

        /**
         * Whether the body is sent as a multipart upload: its {@code file} names an audio file (relative to the
         * check file, or to the plan for a check kept in the plan), its other fields go as form fields.
         */
        public boolean upload() {
            return this == TRANSCRIPTIONS || this == TRANSLATIONS || this == IMAGE_EDITS;
        }

        /** The body fields an upload's files are named in: {@code file}, or an edit's {@code image} and {@code mask}. */
        public List<String> fileFields() {
            return this == IMAGE_EDITS ? List.of("image", "mask") : upload() ? List.of("file") : List.of();
        }

        /**
         * {@code chat}, {@code chat/completions}, {@code responses}, {@code embeddings}, {@code images} or
         * {@code images/generations}, {@code speech} or {@code audio/speech}, {@code moderations},
         * {@code transcriptions} or {@code audio/transcriptions}, {@code translations} or {@code audio/translations},
         * {@code image-edits} or {@code images/edits} —
         * each with or without a leading {@code /v1/}.
         */
        public static Optional<Api> byKey(String key) {
            String k = key.strip().toLowerCase(Locale.ROOT).replaceFirst("^/?(v1/)?", "");
            return switch (k) {
                case "chat", "chat/completions", "chat-completions", "chat_completions" -> Optional.of(CHAT);
                case "responses" -> Optional.of(RESPONSES);
                case "embeddings" -> Optional.of(EMBEDDINGS);
                case "images", "images/generations", "image-generation", "image_generation" -> Optional.of(IMAGES);
                case "speech", "audio/speech" -> Optional.of(SPEECH);
                case "moderations", "moderation" -> Optional.of(MODERATIONS);
                case "transcriptions", "transcription", "audio/transcriptions" -> Optional.of(TRANSCRIPTIONS);
                case "translations", "translation", "audio/translations" -> Optional.of(TRANSLATIONS);
                case "image-edits", "image-edit", "image_edits", "images/edits" -> Optional.of(IMAGE_EDITS);
                default -> Optional.empty();
            };
        }
    }

    public RequestCheck {
        name = Lists.text(name).strip();
        api = api == null ? Api.CHAT : api;
        body = body == null ? new JsonObject() : body.deepCopy();
        assertions = Lists.copy(assertions);
        origin = Lists.text(origin);
        folder = Lists.text(folder);
    }

    /** Equal when name, endpoint, body, assertions and origin are: the folder it was read in is left out. */
    @Override
    public boolean equals(Object o) {
        return o instanceof RequestCheck c && name.equals(c.name) && api == c.api && body.equals(c.body)
                && assertions.equals(c.assertions) && origin.equals(c.origin);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(name, api, body, assertions, origin);
    }

    /** The same check with the folder its upload's relative {@code file} is looked for in. */
    public RequestCheck withFolder(java.nio.file.Path dir) {
        return new RequestCheck(name, api, body, assertions, origin,
                dir == null ? "" : dir.toAbsolutePath().normalize().toString());
    }

    /**
     * The check kept in a plan whose file is in {@code dir}: an upload's relative {@code file}, read in another folder
     * (a check file's), rewritten relative to {@code dir} so it names the same file (absolute when they share no
     * root); a file as written when the check's folder is not known (an imported curl command).
     */
    public RequestCheck keptIn(java.nio.file.Path dir) {
        if (dir == null || !api.upload()) {
            return this;
        }
        java.nio.file.Path plan = dir.toAbsolutePath().normalize();
        if (files().isEmpty() || folder.isEmpty()) {
            return withFolder(plan);
        }
        JsonObject b = body.deepCopy();
        for (String field : api.fileFields()) {
            JsonElement v = b.get(field);
            if (v != null && v.isJsonArray()) {
                JsonArray moved = new JsonArray();
                v.getAsJsonArray().forEach(e -> moved.add(e.isJsonPrimitive()
                        ? new com.google.gson.JsonPrimitive(relativeTo(plan, e.getAsString())) : e));
                b.add(field, moved);
            } else if (v != null && v.isJsonPrimitive()) {
                b.addProperty(field, relativeTo(plan, v.getAsString()));
            }
        }
        return new RequestCheck(name, api, b, assertions, origin, plan.toString());
    }

    /** {@code written} (relative to the check's folder) relative to {@code dir}; absolute on another root. */
    private String relativeTo(java.nio.file.Path dir, String written) {
        java.nio.file.Path target = resolve(written);
        if (java.nio.file.Path.of(written.strip()).isAbsolute()) {
            return written;
        }
        try {
            return dir.relativize(target).toString().replace('\\', '/');
        } catch (IllegalArgumentException otherRoot) {
            return target.toString();
        }
    }

    /** An upload's first file as written ({@code file}, an edit's first {@code image}), or empty. */
    public String file() {
        List<String> all = files();
        return all.isEmpty() ? "" : all.get(0);
    }

    /** An upload's files as written, in order: {@code file}, or an edit's images (one or a list) and its mask. */
    public List<String> files() {
        List<String> out = new ArrayList<>();
        for (String field : api.fileFields()) {
            JsonElement v = body.get(field);
            if (v != null && v.isJsonArray()) {
                v.getAsJsonArray().forEach(e -> out.add(e.isJsonPrimitive() ? e.getAsString().strip() : ""));
            } else if (v != null && v.isJsonPrimitive()) {
                out.add(v.getAsString().strip());
            }
        }
        return out;
    }

    /** The most an upload check sends from one file: OpenAI's limit for audio uploads, 25 MB. */
    public static final long MAX_UPLOAD_BYTES = 25L * 1024 * 1024;

    /**
     * What keeps the file {@code written} names ({@link #resolve}) from being sent, in words starting with
     * {@code file WRITTEN}, or null when it is a readable file of at most {@link #MAX_UPLOAD_BYTES}. The one check for
     * a check file being read and for a check about to be sent.
     */
    public String uploadProblem(String written) {
        java.nio.file.Path p = resolve(written);
        if (!java.nio.file.Files.exists(p)) {
            return "file " + written + " does not exist";
        }
        if (!java.nio.file.Files.isRegularFile(p)) {
            return "file " + written + " is a folder, not a file to upload";
        }
        if (!java.nio.file.Files.isReadable(p)) {
            return "file " + written + " cannot be read";
        }
        try {
            return java.nio.file.Files.size(p) > MAX_UPLOAD_BYTES
                    ? "file " + written + " is larger than 25 MB, the most an upload takes" : null;
        } catch (java.io.IOException e) {
            return "file " + written + " cannot be read: " + e.getMessage();
        }
    }

    /** Where an upload's first file is ({@link #resolve}). */
    public java.nio.file.Path filePath() {
        return resolve(file());
    }

    /**
     * Where a file an upload names is: an absolute path as it is, a relative one in {@link #folder()} (the working
     * folder when that is not known).
     */
    public java.nio.file.Path resolve(String written) {
        java.nio.file.Path p = java.nio.file.Path.of(written.strip());
        return (p.isAbsolute() ? p : (folder.isEmpty() ? java.nio.file.Path.of("") : java.nio.file.Path.of(folder))
                .resolve(p)).toAbsolutePath().normalize();
    }

    @Override
    public JsonObject body() {
        return body.deepCopy();
    }

    /** The {@code model} the body names as written (the app's model ID), or empty. */
    public String model() {
        JsonElement m = body.get("model");
        return m != null && m.isJsonPrimitive() ? m.getAsString().strip() : "";
    }

    /** Whether the body asks for a stream ({@code "stream": true}). */
    public boolean stream() {
        JsonElement s = body.get("stream");
        return api.streams() && s != null && s.isJsonPrimitive() && s.getAsJsonPrimitive().isBoolean()
                && s.getAsBoolean();
    }

    /**
     * A new check's starting point, as the wizard's check editor offers it: a small streamed chat request on
     * {@code model} (none when blank: it then runs on every mapped model), whose answer must not be empty.
     */
    public static RequestCheck starter(String name, String model) {
        return starter(name, model, Api.CHAT);
    }

    /**
     * A new check's starting point on {@code api}: chat as {@link #starter(String, String)}; a small Responses or
     * embeddings request; an image generation of one image, a short speech request in mp3, a moderation of one
     * input, a transcription or translation of {@code audio/hello.wav} in json, an edit of {@code images/icon.png} —
     * each with an assertion its answer
     * can be held to.
     */
    public static RequestCheck starter(String name, String model, Api api) {
        JsonObject body = new JsonObject();
        if (model != null && !model.isBlank()) {
            body.addProperty("model", model.strip());
        }
        Assertion first = switch (api) {
            case CHAT -> null;
            case RESPONSES -> {
                body.addProperty("input", "Say hello in one short sentence.");
                body.addProperty("max_output_tokens", 64);
                yield Assertion.of(Assertion.Kind.NOT_EMPTY);
            }
            case EMBEDDINGS -> {
                body.addProperty("input", "Say hello in one short sentence.");
                yield Assertion.number(Assertion.Kind.EMBEDDING_COUNT, 1);
            }
            case IMAGES -> {
                body.addProperty("prompt", "A small flat icon of a paper plane on a plain background.");
                body.addProperty("n", 1);
                body.addProperty("size", "1024x1024");
                yield Assertion.number(Assertion.Kind.IMAGE_COUNT, 1);
            }
            case SPEECH -> {
                body.addProperty("input", "Hello! This is a short test.");
                body.addProperty("voice", "alloy");
                body.addProperty("response_format", "mp3");
                yield Assertion.text(Assertion.Kind.CONTENT_TYPE, "audio/mpeg");
            }
            case MODERATIONS -> {
                body.addProperty("input", "I would like to hug my friend after the concert.");
                yield Assertion.number(Assertion.Kind.MODERATION_COUNT, 1);
            }
            case IMAGE_EDITS -> {
                body.addProperty("image", "images/icon.png");
                body.addProperty("prompt", "Add a small yellow star in the corner.");
                body.addProperty("size", "1024x1024");
                yield Assertion.number(Assertion.Kind.IMAGE_COUNT, 1);
            }
            case TRANSCRIPTIONS, TRANSLATIONS -> {
                body.addProperty("file", "audio/hello.wav");
                body.addProperty("response_format", "json");
                yield Assertion.of(Assertion.Kind.NOT_EMPTY);
            }
        };
        if (first != null) {
            return new RequestCheck(name, api, body, List.of(first), "");
        }
        JsonArray messages = new JsonArray();
        messages.add(message("user", "Say hello in one short sentence."));
        body.add("messages", messages);
        body.addProperty("max_tokens", 64);
        body.addProperty("stream", true);
        JsonObject options = new JsonObject();
        options.addProperty("include_usage", true);
        body.add("stream_options", options);
        return new RequestCheck(name, Api.CHAT, body, List.of(Assertion.of(Assertion.Kind.NOT_EMPTY)), "");
    }

    public RequestCheck withOrigin(String value) {
        return new RequestCheck(name, api, body, assertions, value, folder);
    }

    /** The check's feature in a suite: {@code request:NAME}. */
    public String feature() {
        return "request:" + name;
    }

    /**
     * The v3 custom check as a request check: its system and user messages, its output bound (the smoke probes'
     * {@code max_tokens}) and its stream settings in the body, {@code extraJson} merged on top (its fields win), and
     * its expectation as an assertion. Its model is left out, so it runs per mapped target model as before.
     *
     * @param defaultPrompt the prompt a custom check without one sent
     * @param maxTokens     the output bound every custom check was sent with
     */
    public static RequestCheck fromCustom(CustomCheck c, String defaultPrompt, int maxTokens) {
        JsonObject body = new JsonObject();
        JsonArray messages = new JsonArray();
        if (!c.system().isBlank()) {
            messages.add(message("system", c.system()));
        }
        messages.add(message("user", c.prompt().isBlank() ? defaultPrompt : c.prompt()));
        body.add("messages", messages);
        if (c.stream()) {
            body.addProperty("stream", true);
            JsonObject options = new JsonObject();
            options.addProperty("include_usage", true);
            body.add("stream_options", options);
        }
        body.addProperty("max_tokens", maxTokens);
        if (!c.extraJson().isBlank()) {
            try {
                JsonElement extra = JsonParser.parseString(c.extraJson());
                if (extra.isJsonObject()) {
                    extra.getAsJsonObject().entrySet().forEach(e -> body.add(e.getKey(), e.getValue()));
                }
            } catch (RuntimeException notJson) {
                // kept out of the body: the v3 check never sent it either (see migrationNotes)
            }
        }
        List<Assertion> assertions = new ArrayList<>();
        switch (c.expect()) {
            case NON_EMPTY -> assertions.add(Assertion.of(Assertion.Kind.NOT_EMPTY));
            case CONTAINS -> assertions.add(Assertion.textIgnoringCase(Assertion.Kind.CONTAINS, c.expectValue()));
            case MATCHES -> assertions.add(Assertion.text(Assertion.Kind.REGEX, c.expectValue()));
            case JSON_OBJECT -> {
                JsonObject schema = new JsonObject();
                schema.addProperty("type", "object");
                assertions.add(Assertion.json(schema));
            }
        }
        return new RequestCheck(c.name(), Api.CHAT, body, assertions, "");
    }

    private static JsonObject message(String role, String content) {
        JsonObject m = new JsonObject();
        m.addProperty("role", role);
        m.addProperty("content", content);
        return m;
    }

    /** The form in the plan and in JSON check files: {@code {"name", "endpoint", "body", "assert"}}. */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("name", name);
        o.addProperty("endpoint", api.key());
        o.add("body", body.deepCopy());
        JsonArray a = new JsonArray();
        assertions.forEach(x -> a.add(x.toJson()));
        o.add("assert", a);
        return o;
    }

    /** Reads and writes the plan's form through {@link CheckSyntax}: a check the plan cannot hold is refused by name. */
    static final class Json extends TypeAdapter<RequestCheck> {
        private static final com.google.gson.Gson GSON = new com.google.gson.Gson();

        @Override
        public void write(JsonWriter out, RequestCheck value) throws IOException {
            if (value == null) {
                out.nullValue();
                return;
            }
            GSON.toJson(value.toJson(), out);
        }

        @Override
        public RequestCheck read(JsonReader in) throws IOException {
            JsonElement tree = JsonParser.parseReader(in);
            if (tree.isJsonNull()) {
                return null;
            }
            List<String> problems = new ArrayList<>();
            RequestCheck check = CheckSyntax.check(tree, (at, message) -> problems.add(message));
            if (!problems.isEmpty() || check == null) {
                throw new CheckSyntax.Invalid(String.join(" ", problems));
            }
            return check;
        }
    }
}
