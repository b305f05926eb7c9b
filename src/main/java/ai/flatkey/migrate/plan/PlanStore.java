package ai.flatkey.migrate.plan;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes plan files. Saving is atomic (temp file in the same folder, fsync, rename) and keeps the
 * previous version as {@code NAME.bak}. A file that is not a readable plan is never overwritten: saving over one
 * fails with {@link PlanStoreException} so the person can choose another name.
 */
public final class PlanStore {

    /** Plans larger than this are refused on load: no real plan comes near it. */
    public static final long MAX_BYTES = 32L * 1024 * 1024;

    /** Built on first use: a store is made when the wizard starts, long before it reads or writes a plan. */
    private Gson gson;

    private synchronized Gson gson() {
        if (gson == null) {
            gson = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls()
                    // the checks read from check files live in those files: never copied into the plan
                    .setExclusionStrategies(new com.google.gson.ExclusionStrategy() {
                        @Override
                        public boolean shouldSkipField(com.google.gson.FieldAttributes f) {
                            return f.getDeclaringClass() == MigrationPlan.class && f.getName().equals("fileChecks");
                        }

                        @Override
                        public boolean shouldSkipClass(Class<?> c) {
                            return false;
                        }
                    })
                    .create();
        }
        return gson;
    }

    public String toJson(MigrationPlan plan) {
        return gson().toJson(plan) + "\n";
    }

    /**
     * A plan as read from a file, with what the person should know: a plan from a newer schema opens read-only
     * (saving would drop what this build does not know); an older one is migrated, and its original is kept as a
     * backup on the first save; values kept as written but not valid (a rollout date that is not a date) are named.
     * {@code notice} is empty when there is nothing to say.
     */
    public record Opened(MigrationPlan plan, int fileVersion, boolean readOnly, String notice, List<String> checkProblems) {
        public Opened {
            checkProblems = List.copyOf(checkProblems);
        }

        public Opened(MigrationPlan plan, int fileVersion, boolean readOnly, String notice) {
            this(plan, fileVersion, readOnly, notice, List.of());
        }

        public boolean migrated() {
            return fileVersion < MigrationPlan.SCHEMA_VERSION;
        }
    }

    /** The output bound every v3 custom check was sent with (the smoke probes' {@code max_tokens}). */
    static final int CUSTOM_CHECK_MAX_TOKENS = 256;
    /** The prompt a v3 custom check without one sent. */
    static final String CUSTOM_CHECK_PROMPT = "Reply with one sentence confirming this migration smoke test worked.";

    /** Parses plan JSON; {@code where} names the source in messages. Newer schemas are read leniently. */
    public MigrationPlan fromJson(String json, String where) throws PlanStoreException {
        return openJson(json, where).plan();
    }

    public Opened openJson(String json, String where) throws PlanStoreException {
        JsonElement root;
        try {
            JsonReader reader = new JsonReader(new StringReader(json));
            reader.setStrictness(Strictness.STRICT);
            root = JsonParser.parseReader(reader);
            endOfDocument(reader, where);
        } catch (JsonParseException | StackOverflowError e) {
            throw new PlanStoreException(where + " is not valid JSON" + location(e.getMessage())
                    + ". It was left untouched.", e);
        }
        if (!root.isJsonObject()) {
            throw new PlanStoreException(where + " is not a migration plan: the top level must be a JSON object.", null);
        }
        JsonObject obj = root.getAsJsonObject();
        if (!obj.has("schemaVersion")) {
            throw new PlanStoreException(where + " is not a migration plan: it has no \"schemaVersion\" field.", null);
        }
        int version = schemaVersion(obj.get("schemaVersion"), where);
        String nullAt = nullInList(obj, "");
        if (nullAt != null) {
            throw new PlanStoreException(where + ": the list " + nullAt + " holds null where an entry belongs. Remove it"
                    + " (or fill it in) and open the plan again. It was left untouched.", null);
        }
        if (version < 1) {
            throw new PlanStoreException(where + ": \"schemaVersion\" " + version + " is not a valid plan version.", null);
        }
        boolean newer = version > MigrationPlan.SCHEMA_VERSION;
        MigrationPlan plan;
        List<String> converted = new ArrayList<>();
        String unreadChecks = "";
        try {
            MigrationPlan parsed;
            try {
                parsed = gson().fromJson(obj, MigrationPlan.class);
            } catch (CheckSyntax.Invalid e) {
                if (!newer) {
                    throw e;
                }
                // a newer build's request checks may hold what this one does not know: the plan still opens read-only
                JsonObject without = obj.deepCopy();
                without.remove("requestChecks");
                parsed = gson().fromJson(without, MigrationPlan.class);
                unreadChecks = " Its request checks were written in a form this build cannot read (" + e.getMessage()
                        + "), so they are not shown or run.";
            }
            List<RequestCheck> checks = new ArrayList<>(customChecks(obj, version, converted));
            checks.addAll(parsed.requestChecks());
            plan = new MigrationPlan(MigrationPlan.SCHEMA_VERSION, parsed.name(), parsed.inventory(), parsed.source(), parsed.target(),
                    parsed.mappings(), parsed.smokeRuns(), parsed.checklist(), parsed.rollout(), parsed.rollback(), parsed.updatedAt(),
                    checks, parsed.checkFiles(), parsed.replayPrompts(), parsed.reconciliation(), parsed.confirmations(),
                    parsed.budgetUsd(), List.of());
        } catch (CheckSyntax.Invalid e) {
            throw new PlanStoreException(where + " has a request check it cannot hold: " + e.getMessage()
                    + " It was left untouched.", e);
        } catch (JsonParseException | IllegalArgumentException | IllegalStateException | UnsupportedOperationException
                 | NullPointerException | ClassCastException e) {
            throw new PlanStoreException(where + " has a field of the wrong type" + location(e.getMessage())
                    + (newer ? " (it was written by a newer version of the assistant, plan schema " + version
                    + ": update the assistant)" : "") + ". It was left untouched.", e);
        }
        refuseKeyValues(plan, where + ": ", " It was left untouched, and is not used until that is fixed.");
        if (newer) {
            return new Opened(plan, version, true, where + " was written by a newer version of the assistant (plan schema "
                    + version + "; this build knows up to " + MigrationPlan.SCHEMA_VERSION + "). It is open read-only: saving"
                    + " would drop what this build does not know. Update the assistant to edit it." + unreadChecks);
        }
        String problems = plan.problems().isEmpty() ? ""
                : " " + where + " has values kept as written that need fixing in the wizard: " + String.join(" ", plan.problems());
        if (version < MigrationPlan.SCHEMA_VERSION) {
            return new Opened(plan, version, false, where + " uses plan schema " + version + "; it was brought up to schema "
                    + MigrationPlan.SCHEMA_VERSION + ". The original file is kept as " + where + ".v" + version
                    + ".bak when you save." + (converted.isEmpty() ? "" : " " + String.join(" ", converted)) + problems);
        }
        return new Opened(plan, version, false, problems.strip());
    }

    /**
     * Schema 3's custom checks as request checks ({@link RequestCheck#fromCustom}), and what the person should know
     * about the conversion, one sentence each. A plan of schema 4 or later has none.
     */
    private List<RequestCheck> customChecks(JsonObject obj, int version, List<String> notes) {
        JsonElement list = obj.get("customChecks");
        if (version >= 4 || list == null || !list.isJsonArray()) {
            return List.of();
        }
        List<RequestCheck> out = new ArrayList<>();
        for (JsonElement e : list.getAsJsonArray()) {
            CustomCheck c = gson().fromJson(e, CustomCheck.class);
            if (c.name().isBlank()) {
                continue;
            }
            RequestCheck r = RequestCheck.fromCustom(c, CUSTOM_CHECK_PROMPT, CUSTOM_CHECK_MAX_TOKENS);
            if (!CheckSyntax.NAME.matcher(r.name()).matches()) {
                String name = r.name().replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[^A-Za-z0-9]+", "");
                name = name.isEmpty() ? "custom-" + (out.size() + 1) : name.substring(0, Math.min(80, name.length()));
                notes.add("The custom check \"" + r.name() + "\" is now the request check \"" + name
                        + "\" (check IDs allow letters, digits, . _ and -).");
                r = new RequestCheck(name, r.api(), r.body(), r.assertions(), "");
            }
            if (!c.extraJson().isBlank() && !isJsonObject(c.extraJson())) {
                notes.add("The extra JSON of custom check \"" + c.name() + "\" is not a JSON object, so it was left out of"
                        + " the request check's body (it was never sent before either).");
            }
            out.add(r);
        }
        if (!out.isEmpty()) {
            notes.add(0, out.size() + " custom check" + (out.size() == 1 ? " is" : "s are") + " now request checks:"
                    + " prompt, system message and extra JSON form the body, sent as written (the extra JSON is sent"
                    + " now; before, it never was); the expectation is an assertion.");
        }
        return out;
    }

    private static boolean isJsonObject(String text) {
        try {
            return JsonParser.parseString(text).isJsonObject();
        } catch (JsonParseException e) {
            return false;
        }
    }

    /** Refuses text after the plan's closing brace (a merge-conflict marker, a second object): it would be lost on save. */
    private static void endOfDocument(JsonReader reader, String where) throws PlanStoreException {
        boolean more;
        try {
            more = reader.peek() != com.google.gson.stream.JsonToken.END_DOCUMENT;
        } catch (IOException | JsonParseException e) {
            more = true;
        }
        if (more) {
            throw new PlanStoreException(where + " has more text after the plan's closing brace (a merge-conflict marker?)."
                    + " It was left untouched: remove that text and open it again.", null);
        }
    }

    /** The plan's schema version: a whole number from 1 up to the largest int, else a message naming what was found. */
    private static int schemaVersion(JsonElement v, String where) throws PlanStoreException {
        java.math.BigDecimal n = null;
        if (v != null && v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber()) {
            try {
                n = v.getAsBigDecimal();
            } catch (NumberFormatException e) {
                n = null;
            }
        }
        if (n == null || n.signum() <= 0 || n.stripTrailingZeros().scale() > 0
                || n.compareTo(java.math.BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            String found = String.valueOf(v);
            throw new PlanStoreException(where + ": \"schemaVersion\" must be a whole number from 1 to " + Integer.MAX_VALUE
                    + ", found " + (found.length() > 40 ? found.substring(0, 40) + "…" : found) + ". It was left untouched.", null);
        }
        return n.intValueExact();
    }

    /** The path of the first null entry of a list anywhere in {@code e} (e.g. "rollout[0]"), or null when there is none. */
    private static String nullInList(JsonElement e, String path) {
        if (e.isJsonArray()) {
            var array = e.getAsJsonArray();
            for (int i = 0; i < array.size(); i++) {
                JsonElement item = array.get(i);
                String here = path + "[" + i + "]";
                String found = item.isJsonNull() ? here : nullInList(item, here);
                if (found != null) {
                    return found;
                }
            }
        } else if (e.isJsonObject()) {
            for (var entry : e.getAsJsonObject().entrySet()) {
                String found = nullInList(entry.getValue(), path.isEmpty() ? entry.getKey() : path + "." + entry.getKey());
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** Reads a plan file (see {@link #open(Path)} for the read-only and migration notices). */
    public MigrationPlan load(Path file) throws PlanStoreException {
        return open(file).plan();
    }

    /**
     * A sample plan shipped with the app ({@code assets/sample-plans/NAME.json}), e.g. {@code demo}: a migration
     * that targets the embedded demo gateway, with a filled-in inventory and mapping.
     */
    public MigrationPlan sample(String name) throws PlanStoreException {
        String resource = "samples/" + name + ".json";
        try (var in = PlanStore.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new PlanStoreException("There is no sample plan called '" + name + "' in this build.", null);
            }
            return fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8), name + ".json (sample)");
        } catch (IOException e) {
            throw new PlanStoreException("Could not read the sample plan '" + name + "': " + e.getMessage(), e);
        }
    }

    public Opened open(Path file) throws PlanStoreException {
        String where = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        byte[] bytes;
        try {
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                throw new PlanStoreException(where + " is not a regular file (a folder, device or pipe); it is not a plan file.", null);
            }
            try (var in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) MAX_BYTES + 1);
            }
            if (bytes.length > MAX_BYTES) {
                throw new PlanStoreException(where + " is larger than " + (MAX_BYTES >> 20) + " MB; it is not a plan file.", null);
            }
        } catch (NoSuchFileException e) {
            throw new PlanStoreException(where + " does not exist (" + file.toAbsolutePath() + ").", e);
        } catch (IOException e) {
            throw new PlanStoreException("Could not read " + where + ": " + e.getMessage(), e);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new PlanStoreException(where + " is not UTF-8 text; it is not a plan file. It was left untouched.", e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw new PlanStoreException(where + " is empty. It was left untouched.", null);
        }
        return withCheckFiles(openJson(text, where), file.toAbsolutePath().getParent());
    }

    /**
     * The opened plan with its upload checks' files looked for in {@code dir} (the plan's folder), and the checks of
     * the check files it references (relative to {@code dir})
     * in {@link MigrationPlan#fileChecks()}. A file that cannot be read or holds a mistake gives no checks and a
     * problem naming its line ({@link Opened#checkProblems()}, also in the notice); the plan still opens.
     */
    public Opened withCheckFiles(Opened opened, Path dir) {
        MigrationPlan plan = opened.plan();
        if (dir != null && plan.requestChecks().stream().anyMatch(c -> c.api().upload())) {
            // an upload check kept in the plan finds its file relative to the plan file
            plan = plan.withRequestChecks(plan.requestChecks().stream().map(c -> c.withFolder(dir)).toList());
            opened = new Opened(plan, opened.fileVersion(), opened.readOnly(), opened.notice(), opened.checkProblems());
        }
        if (plan.checkFiles().isEmpty()) {
            return opened;
        }
        List<RequestCheck> checks = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        plan.requestChecks().forEach(c -> names.add(c.name()));
        for (String ref : plan.checkFiles()) {
            Path file = dir == null ? Path.of(ref) : dir.resolve(ref);
            CheckFile.Loaded loaded = CheckFile.read(file);
            problems.addAll(loaded.problems());
            for (RequestCheck c : loaded.checks()) {
                if (!names.add(c.name())) {
                    problems.add(c.origin() + ": a second request check named \"" + c.name() + "\" (in the plan or"
                            + " another check file): names must be unique, they become check IDs request:NAME");
                } else {
                    checks.add(c);
                }
            }
        }
        String notice = problems.isEmpty() ? opened.notice() : (opened.notice() + " The plan's check files have "
                + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + ", so their checks do not run: "
                + String.join("; ", problems) + ".").strip();
        return new Opened(plan.withFileChecks(problems.isEmpty() ? checks : List.of()), opened.fileVersion(),
                opened.readOnly(), notice, problems);
    }

    /**
     * The plan as saved at {@code toFile} after being opened from {@code fromFile} (Save As into another folder): its
     * check files' paths, relative to the plan, and the relative {@code file} of the upload checks it keeps, rewritten
     * so they still name the same files. Unchanged when the folder
     * is the same, when it was not opened from a file, or for an absolute path.
     */
    public static MigrationPlan movedTo(MigrationPlan plan, Path fromFile, Path toFile) {
        if (fromFile == null) {
            return plan;
        }
        Path from = fromFile.toAbsolutePath().normalize().getParent();
        Path to = toFile.toAbsolutePath().normalize().getParent();
        if (from == null || to == null || from.equals(to)) {
            return plan;
        }
        if (plan.requestChecks().stream().anyMatch(c -> c.api().upload())) {
            // an upload check kept in the plan: its relative file rewritten to name the same file from the new folder
            plan = plan.withRequestChecks(plan.requestChecks().stream()
                    .map(c -> (c.folder().isEmpty() ? c.withFolder(from) : c).keptIn(to)).toList());
        }
        List<String> moved = new ArrayList<>();
        for (String ref : plan.checkFiles()) {
            Path p = Path.of(ref);
            if (p.isAbsolute()) {
                moved.add(ref);
                continue;
            }
            Path target = from.resolve(p).normalize();
            try {
                moved.add(to.relativize(target).toString().replace('\\', '/'));
            } catch (IllegalArgumentException otherRoot) {
                moved.add(target.toString());
            }
        }
        return plan.withCheckFiles(moved);
    }

    /**
     * Saves atomically. Refuses to replace an existing file that is not a readable plan.
     */
    public void save(Path file, MigrationPlan plan) throws PlanStoreException {
        refuseKeyValues(plan, "Not saved: ", "");
        refusePasswords(plan);
        Path target = throughLink(file.toAbsolutePath());
        Path dir = target.getParent();
        Opened existing = null;
        if (Files.exists(target)) {
            if (!ownerMayWrite(target)) {
                throw new PlanStoreException("Not saved: " + target.getFileName() + " is read-only, so it was not overwritten."
                        + " Make it writable, or save under another name.", null);
            }
            try {
                existing = open(target);
            } catch (PlanStoreException e) {
                throw new PlanStoreException("Not saved: " + target.getFileName()
                        + " exists and is not a readable plan, so it was not overwritten (" + e.getMessage()
                        + ") Save under another name.", e);
            }
            if (existing.readOnly()) {
                throw new PlanStoreException("Not saved: " + target.getFileName() + " was written by a newer version of the"
                        + " assistant (plan schema " + existing.fileVersion() + "), so it was not overwritten. Update the"
                        + " assistant, or save under another name.", null);
            }
        }
        byte[] bytes = toJson(plan).getBytes(StandardCharsets.UTF_8);
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            if (existing != null) {
                keepPermissions(target, tmp);
                backUp(target, dir.resolve(target.getFileName() + ".bak"), dir);
                Path versioned = dir.resolve(target.getFileName() + ".v" + existing.fileVersion() + ".bak");
                if (existing.migrated() && !Files.exists(versioned)) {
                    backUp(target, versioned, dir);
                }
            }
            removeStaleTemps(dir, target.getFileName().toString(), tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new PlanStoreException("Could not save " + target.getFileName() + ": " + e.getMessage()
                    + ". The previous file is unchanged.", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temp file is hidden and named after the plan
                }
            }
        }
    }

    /**
     * The file a plan path stands for: a symbolic link is followed to its target (so a save replaces the real file,
     * in its own folder, and the link stays a link); any other path is itself.
     */
    private static Path throughLink(Path path) throws PlanStoreException {
        if (!Files.isSymbolicLink(path)) {
            return path;
        }
        try {
            Path real = path.toRealPath();
            return real;
        } catch (NoSuchFileException e) {
            throw new PlanStoreException("Not saved: " + path.getFileName() + " is a link to a file that does not exist ("
                    + e.getFile() + "). Save under another name.", e);
        } catch (IOException e) {
            throw new PlanStoreException("Not saved: the link " + path.getFileName() + " could not be followed: " + e.getMessage(), e);
        }
    }

    /** Whether the file's owner may write it (its mode, not this process's rights: root may write a read-only file). */
    private static boolean ownerMayWrite(Path file) {
        try {
            return Files.getPosixFilePermissions(file).contains(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        } catch (UnsupportedOperationException | IOException e) {
            return Files.isWritable(file);
        }
    }

    /** The new version keeps the old one's mode (a temp file starts as owner-only). */
    private static void keepPermissions(Path from, Path to) {
        try {
            Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(from));
        } catch (UnsupportedOperationException | IOException ignored) {
            // not a POSIX file system: the platform's defaults apply
        }
    }

    /** A backup copy as atomic as the save: written to a hidden temp file in the folder, then renamed over the backup. */
    private static void backUp(Path source, Path backup, Path dir) throws IOException {
        Path tmp = Files.createTempFile(dir, "." + backup.getFileName(), ".tmp");
        try {
            Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(tmp, backup, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, backup, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Temp files left by a save that was killed midway (they are hidden and named after the plan). */
    private static void removeStaleTemps(Path dir, String name, Path keep) {
        try (var files = Files.newDirectoryStream(dir, "." + name + "*.tmp")) {
            for (Path p : files) {
                if (!p.equals(keep)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException ignored) {
            // best effort: a stale temp file is hidden and harmless
        }
    }

    private static final Pattern LINE = Pattern.compile("line (\\d+) column (\\d+)");
    private static final Pattern PATH = Pattern.compile("path \\$\\.?(\\S*)");
    private static final Pattern EXPECTED = Pattern.compile("Expected (\\w+) but was (\\w+)");

    /** ", at line 3, column 7, field inventory.sdk (expected STRING, found BEGIN_OBJECT)" from a Gson message. */
    private static String location(String message) {
        if (message == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        Matcher line = LINE.matcher(message);
        if (line.find()) {
            sb.append(" at line ").append(line.group(1)).append(", column ").append(line.group(2));
        }
        Matcher path = PATH.matcher(message);
        if (path.find() && !path.group(1).isBlank()) {
            sb.append(sb.length() == 0 ? " in field " : ", field ").append(path.group(1).replaceAll("\\.$", ""));
        }
        Matcher expected = EXPECTED.matcher(message);
        if (expected.find()) {
            sb.append(" (expected ").append(words(expected.group(1))).append(", found ").append(words(expected.group(2))).append(')');
        }
        return sb.toString();
    }

    private static String words(String gsonToken) {
        return switch (gsonToken) {
            case "BEGIN_OBJECT" -> "an object";
            case "BEGIN_ARRAY" -> "a list";
            case "STRING" -> "text";
            case "NUMBER" -> "a number";
            case "BOOLEAN" -> "true/false";
            case "NULL" -> "null";
            default -> gsonToken.toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** Issue 17, case 4: a key value where a key reference belongs is never read into use nor written; never shown. */
    private static void refuseKeyValues(MigrationPlan plan, String prefix, String suffix) throws PlanStoreException {
        java.util.Map<String, String> refs = new java.util.LinkedHashMap<>();
        refs.put("target.keyRef", plan.target().keyRef());
        refs.put("source.keyRef", plan.source().keyRef());
        refs.put("rollback.keyRef", plan.rollback().keyRef());
        for (var e : refs.entrySet()) {
            if (Endpoint.holdsKeyValue(e.getValue())) {
                throw new PlanStoreException(prefix + Endpoint.keyValueProblem(e.getKey()) + suffix, null);
            }
        }
    }

    private static final java.util.regex.Pattern URL_PASSWORD =
            java.util.regex.Pattern.compile("^\\s*[A-Za-z][A-Za-z0-9+.-]*://[^/?#@\\s:]*:[^/?#@\\s]+@");

    /** Issue 17, case 3: a password in a base URL's user info is a secret, and is never written into a plan. */
    private static void refusePasswords(MigrationPlan plan) throws PlanStoreException {
        java.util.Map<String, String> urls = new java.util.LinkedHashMap<>();
        urls.put("target.baseUrl", plan.target().baseUrl());
        urls.put("source.baseUrl", plan.source().baseUrl());
        urls.put("rollback.baseUrl", plan.rollback().baseUrl());
        urls.put("inventory.currentBaseUrl", plan.inventory().currentBaseUrl());
        for (var e : urls.entrySet()) {
            if (URL_PASSWORD.matcher(e.getValue()).find()) {
                throw new PlanStoreException("Not saved: " + e.getKey() + " holds a password in its user info"
                        + " (user:password@host), and a plan never stores a secret. Use the address without it, and give"
                        + " the password through a proxy variable (HTTPS_PROXY=http://user:password@proxy) or the"
                        + " gateway's key reference instead.", null);
            }
        }
    }
}
