package ai.flatkey.migrate.traffic;

import java.util.List;

/**
 * A recording file as read: its header, the calls that could be read, and a message per line that could not (a cut
 * last line after a crash, a hand edit gone wrong) — the good lines are never lost because of a bad one.
 */
public record Recording(RecordingHeader header, List<RecordedCall> calls, List<String> problems) {
    public Recording {
        calls = List.copyOf(calls);
        problems = List.copyOf(problems);
    }
}
