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

    private final Gson gson = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();

    public String toJson(MigrationPlan plan) {
        return gson.toJson(plan) + "\n";
    }

    /** Parses plan JSON; {@code where} names the source in messages. */
    public MigrationPlan fromJson(String json, String where) throws PlanStoreException {
        JsonElement root;
        try {
            JsonReader reader = new JsonReader(new StringReader(json));
            reader.setStrictness(Strictness.STRICT);
            root = JsonParser.parseReader(reader);
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
        int version;
        try {
            version = obj.get("schemaVersion").getAsInt();
        } catch (RuntimeException e) {
            throw new PlanStoreException(where + ": \"schemaVersion\" must be a whole number, found "
                    + obj.get("schemaVersion") + ".", e);
        }
        if (version > MigrationPlan.SCHEMA_VERSION) {
            throw new PlanStoreException(where + " was written by a newer version of the assistant (plan schema "
                    + version + "; this build reads up to " + MigrationPlan.SCHEMA_VERSION + "). Update the assistant.", null);
        }
        if (version < 1) {
            throw new PlanStoreException(where + ": \"schemaVersion\" " + version + " is not a valid plan version.", null);
        }
        try {
            MigrationPlan plan = gson.fromJson(obj, MigrationPlan.class);
            return new MigrationPlan(MigrationPlan.SCHEMA_VERSION, plan.name(), plan.inventory(), plan.source(), plan.target(),
                    plan.mappings(), plan.smokeRuns(), plan.checklist(), plan.rollout(), plan.rollback(), plan.updatedAt(),
                    plan.customChecks(), plan.replayPrompts(), plan.reconciliation(), plan.confirmations(), plan.budgetUsd());
        } catch (JsonParseException | IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
            throw new PlanStoreException(where + " has a field of the wrong type" + location(e.getMessage())
                    + ". It was left untouched.", e);
        }
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

    public MigrationPlan load(Path file) throws PlanStoreException {
        String where = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new PlanStoreException(where + " is larger than " + (MAX_BYTES >> 20) + " MB; it is not a plan file.", null);
            }
            bytes = Files.readAllBytes(file);
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
        return fromJson(text, where);
    }

    /**
     * Saves atomically. Refuses to replace an existing file that is not a readable plan.
     */
    public void save(Path file, MigrationPlan plan) throws PlanStoreException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (Files.exists(target)) {
            try {
                load(target);
            } catch (PlanStoreException e) {
                throw new PlanStoreException("Not saved: " + target.getFileName()
                        + " exists and is not a readable plan, so it was not overwritten (" + e.getMessage()
                        + ") Save under another name.", e);
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
            if (Files.exists(target)) {
                Files.copy(target, dir.resolve(target.getFileName() + ".bak"), StandardCopyOption.REPLACE_EXISTING);
            }
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
}
