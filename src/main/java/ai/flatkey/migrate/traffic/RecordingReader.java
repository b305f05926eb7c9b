package ai.flatkey.migrate.traffic;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a recording file. A file that is not a recording, or one from a newer version, is refused with a message
 * that says so; a line that cannot be read is reported by its number and skipped, and the rest is kept.
 */
public final class RecordingReader {
    /** The longest line read; a longer one is reported and skipped rather than read into memory whole. */
    static final int MAX_LINE = 8 * 1024 * 1024;
    /** At most this many problems are listed; the count of the rest is given. */
    static final int MAX_PROBLEMS = 20;

    private RecordingReader() {
    }

    /** Why a file could not be read as a recording at all. */
    public static final class NotARecordingException extends IOException {
        public NotARecordingException(String message) {
            super(message);
        }
    }

    public static Recording read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no recording file here");
        }
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
            RecordingHeader header = header(in.readLine(), file);
            List<RecordedCall> calls = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            int skipped = 0;
            int lineNo = 1;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String problem = readCall(line, lineNo, calls);
                if (problem != null && problems.size() < MAX_PROBLEMS) {
                    problems.add(problem);
                } else if (problem != null) {
                    skipped++;
                }
            }
            if (skipped > 0) {
                problems.add(skipped + " more lines could not be read");
            }
            return new Recording(header, calls, problems);
        } catch (CharacterCodingException e) {
            throw new NotARecordingException(file.getFileName() + " is not a recording: it is not UTF-8 text");
        }
    }

    private static RecordingHeader header(String first, Path file) throws NotARecordingException {
        String name = String.valueOf(file.getFileName());
        if (first == null || first.isBlank()) {
            throw new NotARecordingException(name + " is empty: a recording starts with a header line");
        }
        RecordingHeader h;
        try {
            h = RecordingWriter.GSON.fromJson(first.length() > MAX_LINE ? "" : first, RecordingHeader.class);
        } catch (JsonParseException | NumberFormatException e) {
            h = null;
        }
        if (h == null || !RecordingHeader.FORMAT.equals(h.format())) {
            throw new NotARecordingException(name + " is not a recording: its first line is not a \""
                    + RecordingHeader.FORMAT + "\" header (record one with: flatkey-migrate record)");
        }
        if (h.version() > RecordingHeader.VERSION || h.version() < 1) {
            throw new NotARecordingException(name + " is a recording of format version " + h.version()
                    + "; this version of the app reads version " + RecordingHeader.VERSION + " — update the app");
        }
        return h;
    }

    /** Adds the call on this line, or returns why it could not be read. */
    private static String readCall(String line, int lineNo, List<RecordedCall> calls) {
        if (line.length() > MAX_LINE) {
            return "line " + lineNo + ": longer than " + (MAX_LINE >> 20) + " MiB, skipped";
        }
        try {
            JsonObject o = RecordingWriter.strict(line).getAsJsonObject();
            RecordedCall c = RecordingWriter.GSON.fromJson(o, RecordedCall.class);
            if (c.method() == null || c.path() == null || !c.path().startsWith("/")) {
                return "line " + lineNo + ": a call needs a method and a path starting with /";
            }
            calls.add(c);
            return null;
        } catch (JsonParseException | IllegalStateException | NumberFormatException | IOException e) {
            return "line " + lineNo + ": not a JSON object (" + (line.length() > 40 ? "cut short?" : "malformed") + ")";
        }
    }
}
