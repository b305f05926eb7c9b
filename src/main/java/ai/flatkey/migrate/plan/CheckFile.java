package ai.flatkey.migrate.plan;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import org.snakeyaml.engine.v2.util.MergeUtils;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A check file: request checks written by hand and kept in the app's repository, in YAML or JSON (JSON is read as
 * the YAML it also is), and referenced from the plan or imported into it. Read with line numbers kept, so every
 * problem names its line ({@code checks.yaml:14: …}); anchors, aliases and merge keys ({@code <<: *defaults}) work.
 * The format is documented in docs/request-checks.md and read by {@link CheckSyntax}.
 */
public final class CheckFile {
    /** Files larger than this are refused: no hand-written suite comes near it. */
    public static final long MAX_BYTES = 4L * 1024 * 1024;
    /** Values a file may expand to once its aliases are followed (a "billion laughs" file expands without end). */
    static final int MAX_VALUES = 200_000;

    /**
     * What a file gave: its checks (each with its origin, {@code NAME.yaml:LINE}) and its problems, each naming the
     * file and line. A file with problems gives no checks: running half a suite would look like a smaller green one.
     */
    public record Loaded(String name, List<RequestCheck> checks, List<String> problems) {
        public Loaded {
            checks = List.copyOf(checks);
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private CheckFile() {
    }

    /** Reads a check file; an unreadable one gives a problem, not an exception. */
    public static Loaded read(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        try {
            if (Files.isDirectory(file)) {
                return failed(name, name + ": is a folder, not a check file");
            }
            if (Files.size(file) > MAX_BYTES) {
                return failed(name, name + ": larger than " + (MAX_BYTES >> 20) + " MB; not a check file");
            }
            byte[] bytes = Files.readAllBytes(file);
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            return parse(text, name, file.toAbsolutePath().normalize().getParent());
        } catch (NoSuchFileException e) {
            return failed(name, name + ": does not exist (" + file.toAbsolutePath() + ")");
        } catch (CharacterCodingException e) {
            return failed(name, name + ": not UTF-8 text");
        } catch (IOException e) {
            return failed(name, name + ": could not be read: " + e.getMessage());
        }
    }

    /** Parses a check file's text; {@code name} names it in origins and problems. */
    public static Loaded parse(String text, String name) {
        return parse(text, name, null);
    }

    /**
     * Parses a check file's text read in {@code dir} (null when not read from a folder): an upload check's
     * {@code file} is looked for there (an absolute path as it is) and must be a readable file of at most 25 MB; each
     * check gets {@code dir} as its {@link RequestCheck#folder()}.
     */
    public static Loaded parse(String text, String name, Path dir) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        if (t.isBlank()) {
            return failed(name, name + ": is empty; a check file holds a list of checks (see docs/request-checks.md)");
        }
        Map<JsonElement, Integer> lines = new IdentityHashMap<>();
        List<String> problems = new ArrayList<>();
        JsonElement root;
        try {
            LoadSettings settings = LoadSettings.builder().setLabel(name).setSchema(new CoreSchema())
                    .setMaxAliasesForCollections(100).setCodePointLimit((int) MAX_BYTES)
                    .build();
            Optional<Node> node = new Compose(settings).composeString(t);
            if (node.isEmpty()) {
                return failed(name, name + ": holds no YAML or JSON document");
            }
            root = new Converter(lines, name, problems).json(node.get());
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().or(e::getContextMark).map(m -> m.getLine() + 1).orElse(0);
            return failed(name, name + (line > 0 ? ":" + line : "") + ": not valid YAML or JSON: "
                    + oneLine(e.getProblem() == null ? e.getMessage() : e.getProblem())
                    + (e.getContext() == null ? "" : " (" + oneLine(e.getContext()) + ")"));
        } catch (YamlEngineException e) {
            return failed(name, name + ": not valid YAML or JSON: " + oneLine(e.getMessage()));
        }
        if (!problems.isEmpty()) {
            return new Loaded(name, List.of(), problems);
        }
        List<RequestCheck> checks = CheckSyntax.file(root, (at, message) ->
                problems.add(name + at(lines, at) + ": " + message));
        if (!problems.isEmpty()) {
            return new Loaded(name, List.of(), problems);
        }
        JsonElement list = root.isJsonObject() ? root.getAsJsonObject().get("checks") : root;
        List<RequestCheck> located = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            JsonElement e = list.getAsJsonArray().get(i);
            Integer line = lines.get(e.getAsJsonObject().get("name"));
            RequestCheck c = checks.get(i).withOrigin(name + (line == null ? "" : ":" + line));
            c = dir == null ? c : c.withFolder(dir);
            if (dir != null) {
                JsonObject body = e.getAsJsonObject().getAsJsonObject("body");
                for (String field : c.api().fileFields()) {
                    for (String missing : uploadProblems(c, body.get(field), dir)) {
                        problems.add(name + at(lines, body.get(field)) + ": check \"" + c.name() + "\": " + missing);
                    }
                }
            }
            located.add(c);
        }
        if (!problems.isEmpty()) {
            return new Loaded(name, List.of(), problems);
        }
        return new Loaded(name, located, List.of());
    }

    /**
     * A YAML or JSON document as JSON, anchors, aliases and merge keys followed, with the same limits as a check file:
     * for importers of other formats (a promptfoo config). Throws with a message naming the line when it does not read.
     */
    public static JsonElement document(String text, String name) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<String> problems = new ArrayList<>();
        try {
            LoadSettings settings = LoadSettings.builder().setLabel(name).setSchema(new CoreSchema())
                    .setMaxAliasesForCollections(100).setCodePointLimit((int) MAX_BYTES).build();
            Optional<Node> node = new Compose(settings).composeString(t);
            if (node.isEmpty()) {
                throw new IllegalArgumentException(name + ": holds no YAML or JSON document");
            }
            JsonElement root = new Converter(new IdentityHashMap<>(), name, problems).json(node.get());
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", problems));
            }
            return root;
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().or(e::getContextMark).map(m -> m.getLine() + 1).orElse(0);
            throw new IllegalArgumentException(name + (line > 0 ? ":" + line : "") + ": not valid YAML or JSON: "
                    + oneLine(e.getProblem() == null ? e.getMessage() : e.getProblem()));
        } catch (YamlEngineException e) {
            throw new IllegalArgumentException(name + ": not valid YAML or JSON: " + oneLine(e.getMessage()));
        }
    }

    /**
     * A request check as an editor holds it (the wizard's check editor): name, endpoint and assertions as fields, the
     * body as the text a person types. The body is read as a check file's is (JSON, read as the YAML it also is) and
     * the whole check by {@link CheckSyntax}, so the editor refuses exactly what a check file would. Problems in the
     * body name its line, and for text that does not read, the column: {@code body, line 3, column 14: …}.
     *
     * @param check the check, or null when there is a problem
     */
    public record Edited(RequestCheck check, List<String> problems) {
        public Edited {
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return check != null && problems.isEmpty();
        }
    }

    /** Reads an edited check: its assertions as typed. */
    public static Edited edited(String name, RequestCheck.Api api, String bodyText, List<AssertionText> assertions) {
        String t = bodyText == null ? "" : bodyText.startsWith("\uFEFF") ? bodyText.substring(1) : bodyText;
        if (t.isBlank()) {
            return new Edited(null, List.of("The body is empty: write the request's JSON object, as the app sends it."));
        }
        Map<JsonElement, Integer> lines = new IdentityHashMap<>();
        List<String> problems = new ArrayList<>();
        JsonElement body;
        try {
            LoadSettings settings = LoadSettings.builder().setLabel("body").setSchema(new CoreSchema())
                    .setMaxAliasesForCollections(100).setCodePointLimit((int) MAX_BYTES).build();
            Optional<Node> node = new Compose(settings).composeString(t);
            if (node.isEmpty()) {
                return new Edited(null, List.of("The body holds no JSON: write the request's JSON object."));
            }
            body = new Converter(lines, "body", problems).json(node.get());
        } catch (MarkedYamlEngineException e) {
            String where = e.getProblemMark().or(e::getContextMark)
                    .map(m -> "body, line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1)).orElse("body");
            return new Edited(null, List.of(where + ": not valid JSON: "
                    + oneLine(e.getProblem() == null ? e.getMessage() : e.getProblem())));
        } catch (YamlEngineException e) {
            return new Edited(null, List.of("body: not valid JSON: " + oneLine(e.getMessage())));
        }
        if (!problems.isEmpty()) {
            return new Edited(null, problems.stream().map(x -> x.replaceFirst("^body:(\\d+): ", "body, line $1: ")).toList());
        }
        JsonObject o = new JsonObject();
        o.addProperty("name", name == null ? "" : name.strip());
        o.addProperty("endpoint", (api == null ? RequestCheck.Api.CHAT : api).key());
        o.add("body", body);
        JsonArray list = new JsonArray();
        (assertions == null ? List.<AssertionText>of() : assertions).forEach(a -> list.add(a.toJson()));
        o.add("assert", list);
        RequestCheck check = CheckSyntax.check(o, (at, message) -> {
            Integer line = at == null ? null : lines.get(at);
            problems.add(line == null ? message : "body, line " + line + ": " + message);
        });
        return new Edited(problems.isEmpty() ? check : null, problems);
    }

    /**
     * The starter of {@code now} when the body text and assertions an editor holds are still {@code was}'s starter
     * ({@link RequestCheck#starter(String, String, RequestCheck.Api)}, whatever its {@code model}), keeping that
     * model; empty when anything was written (or the body does not read as a JSON object).
     */
    public static java.util.Optional<RequestCheck> restarted(String name, String bodyText, List<AssertionText> assertions,
                                                             RequestCheck.Api was, RequestCheck.Api now) {
        RequestCheck before = RequestCheck.starter(name, "", was);
        JsonObject typed;
        try {
            typed = com.google.gson.JsonParser.parseString(bodyText).getAsJsonObject();
        } catch (RuntimeException notAnObject) {
            return java.util.Optional.empty();
        }
        JsonElement model = typed.remove("model");
        boolean untouched = typed.equals(before.body())
                && assertions.equals(before.assertions().stream().map(AssertionText::of).toList());
        if (!untouched) {
            return java.util.Optional.empty();
        }
        String m = model != null && model.isJsonPrimitive() ? model.getAsString() : "";
        return java.util.Optional.of(RequestCheck.starter(name, m, now));
    }

    /** A check's body as the editor shows it: pretty-printed JSON. */
    public static String bodyText(RequestCheck check) {
        return PRETTY.toJson(check.body());
    }

    /**
     * {@code bodyText} with its {@code model} set to {@code model} (first in the body), or removed when blank, printed
     * as {@link #bodyText}. Throws with what is wrong when the text is not a JSON object.
     */
    public static String withModel(String bodyText, String model) {
        JsonElement root = document(bodyText, "body");
        if (!root.isJsonObject()) {
            throw new IllegalArgumentException("the body is not a JSON object: the model is its \"model\" field");
        }
        JsonObject out = new JsonObject();
        if (model != null && !model.isBlank()) {
            out.addProperty("model", model.strip());
        }
        root.getAsJsonObject().entrySet().stream().filter(e -> !e.getKey().equals("model"))
                .forEach(e -> out.add(e.getKey(), e.getValue()));
        return PRETTY.toJson(out);
    }

    private static final com.google.gson.Gson PRETTY = new com.google.gson.GsonBuilder().setPrettyPrinting()
            .disableHtmlEscaping().create();

    /**
     * What keeps the files an upload check's field names ({@code file}, an edit's {@code image} or {@code mask}; one
     * or a list) from being sent, each in words naming where it was looked for: none when each is a readable file of
     * at most 25 MB.
     */
    static List<String> uploadProblems(RequestCheck c, JsonElement field, Path dir) {
        List<String> out = new ArrayList<>();
        List<JsonElement> named = field == null ? List.of() : field.isJsonArray() ? field.getAsJsonArray().asList()
                : List.of(field);
        for (JsonElement e : named) {
            String problem = e.isJsonPrimitive() ? uploadProblem(c, e.getAsString().strip(), dir) : null;
            if (problem != null) {
                out.add(problem);
            }
        }
        return out;
    }

    private static String uploadProblem(RequestCheck c, String written, Path dir) {
        String problem = c.uploadProblem(written);
        boolean lookedIn = problem != null && !Path.of(written).isAbsolute() && !problem.contains("cannot be read: ");
        return problem == null ? null : problem + (lookedIn ? " (looked in " + dir + ")" : "");
    }

    private static String at(Map<JsonElement, Integer> lines, JsonElement e) {
        Integer line = e == null ? null : lines.get(e);
        return line == null ? "" : ":" + line;
    }

    private static Loaded failed(String name, String problem) {
        return new Loaded(name, List.of(), List.of(problem));
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s+", " ");
    }

    /**
     * A check file as JSON (the plan's form of each check under {@code checks}), for writing a suite out; YAML check
     * files are written by hand.
     */
    public static String toJson(List<RequestCheck> checks) {
        JsonObject root = new JsonObject();
        root.addProperty("version", 1);
        JsonArray list = new JsonArray();
        checks.forEach(c -> list.add(c.toJson()));
        root.add("checks", list);
        return new com.google.gson.GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root) + "\n";
    }

    /** YAML nodes to JSON elements, remembering each element's line. */
    private static final class Converter {
        private final Map<JsonElement, Integer> lines;
        private final String name;
        private final List<String> problems;
        private final MergeUtils merge = new MergeUtils() {
            @Override
            public MappingNode asMappingNode(Node node) {
                if (node instanceof MappingNode m) {
                    return m;
                }
                throw new YamlEngineException("a merge key (<<) must refer to a mapping");
            }
        };

        Converter(Map<JsonElement, Integer> lines, String name, List<String> problems) {
            this.lines = lines;
            this.name = name;
            this.problems = problems;
        }

        private int values;

        JsonElement json(Node node) {
            if (++values > MAX_VALUES) {
                throw new YamlEngineException("the file expands to more than " + MAX_VALUES + " values once its aliases"
                        + " are followed (aliases inside aliases); a check file never needs that");
            }
            JsonElement out;
            if (node instanceof MappingNode m) {
                java.util.Map<String, Integer> seen = new java.util.HashMap<>();
                for (NodeTuple t : m.getValue()) {
                    if (t.getKeyNode() instanceof ScalarNode key && !Tag.MERGE.equals(key.getTag())) {
                        Integer first = seen.putIfAbsent(key.getValue(), line(key));
                        if (first != null) {
                            problems.add(name + ":" + line(key) + ": duplicate key \"" + key.getValue()
                                    + "\" (it is first given on line " + first + ")");
                        }
                    }
                }
                JsonObject o = new JsonObject();
                for (NodeTuple t : merge.flatten(m)) {
                    if (!(t.getKeyNode() instanceof ScalarNode key)) {
                        problems.add(name + ":" + line(t.getKeyNode()) + ": a key must be plain text");
                        continue;
                    }
                    o.add(key.getValue(), json(t.getValueNode()));
                }
                out = o;
            } else if (node instanceof SequenceNode s) {
                JsonArray a = new JsonArray();
                s.getValue().forEach(n -> a.add(json(n)));
                out = a;
            } else {
                out = scalar((ScalarNode) node);
            }
            if (!out.isJsonNull()) {
                lines.put(out, line(node)); // one JsonNull is shared by every null: a null has its parent's line
            }
            return out;
        }

        private JsonElement scalar(ScalarNode s) {
            String v = s.getValue();
            Tag tag = s.getTag();
            if (Tag.NULL.equals(tag)) {
                return JsonNull.INSTANCE;
            }
            if (Tag.BOOL.equals(tag)) {
                return new JsonPrimitive(v.equalsIgnoreCase("true"));
            }
            if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
                try {
                    String n = v.replace("_", "");
                    if (n.startsWith("0x") || n.startsWith("0o")) {
                        return new JsonPrimitive(new java.math.BigInteger(n.substring(2), n.startsWith("0x") ? 16 : 8));
                    }
                    return new JsonPrimitive(new BigDecimal(n.startsWith("+") ? n.substring(1) : n));
                } catch (NumberFormatException e) {
                    return new JsonPrimitive(v);
                }
            }
            return new JsonPrimitive(v);
        }

        private static int line(Node n) {
            return n.getStartMark().map(Mark::getLine).orElse(-1) + 1;
        }
    }
}
