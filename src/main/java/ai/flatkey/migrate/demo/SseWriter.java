package ai.flatkey.migrate.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes server-sent events, each flushed on its own, with the stream faults that change framing: a
 * {@code : keep-alive} comment before each event, CRLF line ends, and drip (each event in three fragments).
 */
final class SseWriter {

    private final OutputStream out;
    private final Faults faults;

    SseWriter(OutputStream out, Faults faults) {
        this.out = out;
        this.faults = faults;
    }

    /** {@code data: <payload>} and a blank line. */
    void data(String payload) throws IOException, InterruptedException {
        write("data: " + payload + "\n\n");
    }

    /** {@code event: <name>}, {@code data: <payload>} and a blank line. */
    void event(String name, String payload) throws IOException, InterruptedException {
        write("event: " + name + "\ndata: " + payload + "\n\n");
    }

    void done() throws IOException, InterruptedException {
        data("[DONE]");
    }

    private void write(String event) throws IOException, InterruptedException {
        String text = faults.keepAlive() ? ": keep-alive\n\n" + event : event;
        if (faults.crlf()) {
            text = text.replace("\n", "\r\n");
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (faults.dripMillis() > 0 && bytes.length >= 3) {
            int third = bytes.length / 3;
            out.write(bytes, 0, third);
            out.flush();
            Pacer.sleepMillis(faults.dripMillis() / 3);
            out.write(bytes, third, third);
            out.flush();
            Pacer.sleepMillis(faults.dripMillis() / 3);
            out.write(bytes, 2 * third, bytes.length - 2 * third);
        } else {
            out.write(bytes);
        }
        out.flush();
    }
}
