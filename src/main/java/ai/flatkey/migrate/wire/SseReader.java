package ai.flatkey.migrate.wire;

import java.io.IOException;
import java.net.ProtocolException;
import okio.BufferedSource;
import okio.ByteString;

/**
 * Reads server-sent events from a body as the bytes arrive: LF or CRLF line ends, {@code :} comment lines skipped,
 * multi-line {@code data:} joined with {@code \n}, {@code event:} names kept. A pending event at end of input is
 * still delivered (some servers omit the final blank line after {@code data: [DONE]}).
 */
final class SseReader {

    /** One dispatched event. {@code name} is empty when the server sent no {@code event:} line. */
    record Event(String name, String data) {
    }

    /** A line or event larger than the reader accepts. */
    static final class TooLarge extends ProtocolException {
        private static final long serialVersionUID = 1L;

        /** Whether the whole answer (not one line or event) passed its cap: the stream was cut. */
        final boolean whole;

        TooLarge(String message) {
            this(message, false);
        }

        TooLarge(String message, boolean whole) {
            super(message);
            this.whole = whole;
        }
    }

    /** Most events one answer may hold: a chat answer has hundreds; a flood of tiny events is cut here. */
    static final long DEFAULT_MAX_EVENTS = 100_000;

    private static final ByteString DATA_COLON = ByteString.encodeUtf8("data:");

    private final BufferedSource source;
    private final long maxEventBytes;
    /** Most bytes (as inflated) the whole stream may hold, and most events. */
    private final long maxTotalBytes;
    private final long maxEvents;
    private long totalBytes;
    private long events;
    private final StringBuilder data = new StringBuilder();
    /** The event's data while it has exactly one line (the usual case): kept as is, not copied into {@link #data}. */
    private String single;
    private String name = "";
    private boolean hasData;
    private int commentCount;
    private boolean crlf;
    /** Gets each comment line's text (after the colon) as it is read; a no-op unless a caller wants them. */
    private final java.util.function.Consumer<String> comments;

    SseReader(BufferedSource source, long maxEventBytes) {
        this(source, maxEventBytes, c -> { });
    }

    SseReader(BufferedSource source, long maxEventBytes, java.util.function.Consumer<String> comments) {
        this(source, maxEventBytes, Long.MAX_VALUE, Long.MAX_VALUE, comments);
    }

    /**
     * @param maxTotalBytes most bytes the whole stream may hold (counted after any gzip decoding)
     * @param maxEvents     most events the whole stream may hold
     */
    SseReader(BufferedSource source, long maxEventBytes, long maxTotalBytes, long maxEvents,
              java.util.function.Consumer<String> comments) {
        this.source = source;
        this.maxEventBytes = maxEventBytes;
        this.maxTotalBytes = maxTotalBytes;
        this.maxEvents = maxEvents;
        this.comments = comments;
    }

    /** Bytes of the stream read so far. */
    long totalBytes() {
        return totalBytes;
    }

    private void count(long bytes) throws TooLarge {
        totalBytes += bytes;
        if (totalBytes > maxTotalBytes) {
            throw new TooLarge("more than " + maxTotalBytes + " bytes", true);
        }
    }

    /** Comment lines seen so far ({@code : keep-alive}, {@code : OPENROUTER PROCESSING}). */
    int commentCount() {
        return commentCount;
    }

    /** Whether any line so far ended in CRLF. */
    boolean sawCrlf() {
        return crlf;
    }

    /**
     * @return the next event, or null at the end of the body
     * @throws TooLarge when one line or event exceeds the size limit
     */
    Event next() throws IOException {
        while (true) {
            long newline = source.indexOf((byte) '\n', 0, maxEventBytes);
            if (newline >= DATA_COLON.size() && source.rangeEquals(0, DATA_COLON)) {
                // The usual line, "data: {...}": its value is read straight from the buffer, without the line copy.
                int skip = newline > DATA_COLON.size() && source.getBuffer().getByte(DATA_COLON.size()) == ' '
                        ? DATA_COLON.size() + 1 : DATA_COLON.size();
                count(newline + 1);
                source.skip(skip);
                String value = source.readUtf8(newline - skip);
                source.skip(1);
                if (value.endsWith("\r")) {
                    crlf = true;
                    value = value.substring(0, value.length() - 1);
                }
                addData(value);
                continue;
            }
            String line = readLine(newline);
            if (line == null) {
                return hasData ? dispatch() : null;
            }
            if (line.isEmpty()) {
                if (hasData) {
                    return dispatch();
                }
                name = "";
                continue;
            }
            if (line.charAt(0) == ':') {
                commentCount++;
                comments.accept(line.substring(1));
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            if (field.equals("data")) {
                addData(value);
            } else if (field.equals("event")) {
                name = value;
            }
            // "id", "retry" and unknown fields carry nothing this client needs.
        }
    }

    private void addData(String value) throws TooLarge {
        long size;
        if (!hasData) {
            single = value;
            hasData = true;
            size = value.length();
        } else {
            if (single != null) {
                data.setLength(0);
                data.append(single);
                single = null;
            }
            data.append('\n').append(value);
            size = data.length();
        }
        if (size > maxEventBytes) {
            throw new TooLarge("a stream event is larger than " + maxEventBytes + " bytes");
        }
    }

    private Event dispatch() throws TooLarge {
        if (++events > maxEvents) {
            throw new TooLarge("more than " + maxEvents + " events", true);
        }
        Event event = new Event(name, single != null ? single : data.toString());
        single = null;
        data.setLength(0);
        name = "";
        hasData = false;
        return event;
    }

    /** One line ({@code newline}: the index of its LF, or -1) without its LF / CRLF, or null at the end of input. */
    private String readLine(long newline) throws IOException {
        String line;
        if (newline == -1) {
            long buffered = source.getBuffer().size();
            if (buffered >= maxEventBytes) {
                throw new TooLarge("a stream line is longer than " + maxEventBytes + " bytes");
            }
            if (buffered == 0) {
                return null;
            }
            count(buffered);
            line = source.readUtf8();
        } else {
            count(newline + 1);
            line = source.readUtf8(newline);
            source.skip(1);
        }
        if (line.endsWith("\r")) {
            crlf = true;
            return line.substring(0, line.length() - 1);
        }
        return line;
    }
}
