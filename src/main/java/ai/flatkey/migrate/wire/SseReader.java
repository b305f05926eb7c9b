package ai.flatkey.migrate.wire;

import java.io.IOException;
import java.net.ProtocolException;
import okio.BufferedSource;

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

        TooLarge(String message) {
            super(message);
        }
    }

    private final BufferedSource source;
    private final long maxEventBytes;
    private final StringBuilder data = new StringBuilder();
    private String name = "";
    private boolean hasData;
    private int commentCount;
    private boolean crlf;

    SseReader(BufferedSource source, long maxEventBytes) {
        this.source = source;
        this.maxEventBytes = maxEventBytes;
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
            String line = readLine();
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
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            if (field.equals("data")) {
                if (hasData) {
                    data.append('\n');
                }
                data.append(value);
                hasData = true;
                if (data.length() > maxEventBytes) {
                    throw new TooLarge("a stream event is larger than " + maxEventBytes + " bytes");
                }
            } else if (field.equals("event")) {
                name = value;
            }
            // "id", "retry" and unknown fields carry nothing this client needs.
        }
    }

    private Event dispatch() {
        Event event = new Event(name, data.toString());
        data.setLength(0);
        name = "";
        hasData = false;
        return event;
    }

    /** One line without its LF / CRLF, or null at the end of input. */
    private String readLine() throws IOException {
        long newline = source.indexOf((byte) '\n', 0, maxEventBytes);
        String line;
        if (newline == -1) {
            long buffered = source.getBuffer().size();
            if (buffered >= maxEventBytes) {
                throw new TooLarge("a stream line is longer than " + maxEventBytes + " bytes");
            }
            if (buffered == 0) {
                return null;
            }
            line = source.readUtf8();
        } else {
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
