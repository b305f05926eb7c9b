package ai.flatkey.migrate.traffic;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes a gzip body fed in pieces as they arrive, so that a gzipped stream's events are recorded with the time they
 * came (the proxy forwards the compressed bytes untouched; only the recording is decoded). One gzip member; its
 * trailer is not checked. A body that turns out not to be gzip stops decoding: {@link #failed()} says so.
 */
final class GunzipFeed {
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;
    private static final int FHCRC = 2;

    private final Inflater inflater = new Inflater(true);
    private final ByteArrayOutputStream header = new ByteArrayOutputStream();
    private final byte[] out = new byte[16 * 1024];
    private boolean inBody;
    private boolean failed;

    /** The decoded bytes of {@code len} more bytes of the body, possibly none. */
    byte[] feed(byte[] buf, int off, int len) {
        if (failed || inflater.finished()) {
            return new byte[0];
        }
        if (!inBody) {
            header.write(buf, off, len);
            int end = headerEnd(header.toByteArray());
            if (end == -2) {
                failed = true;
                return new byte[0];
            }
            if (end < 0) {
                return new byte[0];
            }
            inBody = true;
            byte[] all = header.toByteArray();
            return inflate(all, end, all.length - end);
        }
        return inflate(buf, off, len);
    }

    boolean failed() {
        return failed;
    }

    void end() {
        inflater.end();
    }

    private byte[] inflate(byte[] buf, int off, int len) {
        inflater.setInput(buf, off, len);
        ByteArrayOutputStream decoded = new ByteArrayOutputStream();
        try {
            while (!inflater.finished() && !inflater.needsInput()) {
                int n = inflater.inflate(out);
                if (n == 0 && (inflater.needsDictionary() || inflater.needsInput())) {
                    break;
                }
                decoded.write(out, 0, n);
            }
        } catch (DataFormatException e) {
            failed = true;
        }
        return decoded.toByteArray();
    }

    /** Where the gzip header ends in {@code h}: an index, -1 when more bytes are needed, -2 when it is not gzip. */
    static int headerEnd(byte[] h) {
        if (h.length < 10) {
            return h.length >= 2 && ((h[0] & 0xff) != 0x1f || (h[1] & 0xff) != 0x8b) ? -2 : -1;
        }
        if ((h[0] & 0xff) != 0x1f || (h[1] & 0xff) != 0x8b || h[2] != 8) {
            return -2;
        }
        int flags = h[3] & 0xff;
        int i = 10;
        if ((flags & FEXTRA) != 0) {
            if (h.length < i + 2) {
                return -1;
            }
            i += 2 + ((h[i] & 0xff) | (h[i + 1] & 0xff) << 8);
        }
        for (int flag : new int[] {FNAME, FCOMMENT}) {
            if ((flags & flag) != 0) {
                while (i < h.length && h[i] != 0) {
                    i++;
                }
                i++;
            }
        }
        if ((flags & FHCRC) != 0) {
            i += 2;
        }
        return i <= h.length ? i : -1;
    }
}
