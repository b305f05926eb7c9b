package ai.flatkey.migrate.ui.step.smoke;

import ai.flatkey.migrate.wire.Excerpts;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The last {@link #MAX_LINES} raw SSE lines of one check, as they came over the wire (an {@code event:} line when the
 * event was named, its {@code data:} lines, comment lines, and the blank line that ends each event). Lines longer than
 * {@link #MAX_LINE_CHARS} are clipped and say so. Older lines are dropped and counted, so one check's raw view costs
 * at most about {@code MAX_LINES × MAX_LINE_CHARS} characters (typically a few hundred KB: a chunk is ~200 characters).
 * Touched only on the UI thread.
 */
final class RawTail {
    /** Lines kept per check. */
    static final int MAX_LINES = 10_000;
    /** Longest line kept whole. */
    static final int MAX_LINE_CHARS = 2_000;

    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private long dropped;

    /**
     * Adds events (each in SSE syntax, possibly several lines) and a blank line after each.
     *
     * @param added receives the lines added, in order
     * @return how many of the oldest lines were dropped to stay within {@link #MAX_LINES}
     */
    int add(List<String> events, List<String> added) {
        for (String event : events) {
            int start = 0;
            while (true) {
                int nl = event.indexOf('\n', start);
                added.add(clip(nl < 0 ? event.substring(start) : event.substring(start, nl)));
                if (nl < 0) {
                    break;
                }
                start = nl + 1;
            }
            added.add("");
        }
        lines.addAll(added);
        int drop = Math.max(0, lines.size() - MAX_LINES);
        for (int i = 0; i < drop; i++) {
            lines.pollFirst();
        }
        dropped += drop;
        return drop;
    }

    static String clip(String line) {
        return line.length() <= MAX_LINE_CHARS ? line
                : Excerpts.cut(line, MAX_LINE_CHARS) + " … (" + line.length() + " characters; the first " + MAX_LINE_CHARS + " shown)";
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    int size() {
        return lines.size();
    }

    /** Lines dropped from the front so far. */
    long dropped() {
        return dropped;
    }

    boolean isEmpty() {
        return lines.isEmpty();
    }
}
