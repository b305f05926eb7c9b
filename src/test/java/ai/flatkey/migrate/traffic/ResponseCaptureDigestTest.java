package ai.flatkey.migrate.traffic;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** A body recorded by reference carries the digest of all its bytes, however it was fed (the digest is made lazily). */
class ResponseCaptureDigestTest {

    @Test
    void aBinaryAnswerIsDigestedWhole() {
        byte[] body = new byte[100_000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31);
        }
        ResponseCapture c = new ResponseCapture(System.nanoTime(), "audio/mpeg", null);
        feed(c, body, 7_000);
        RecordedCall.BodyRef ref = c.ref();
        assertThat(ref.bytes()).isEqualTo(body.length);
        assertThat(ref.sha256()).isEqualTo(RequestCapture.sha256(body));
    }

    @Test
    void aTextAnswerTooLargeToKeepIsDigestedWholeWithTheBytesKeptBeforeIt() {
        byte[] body = new byte[ResponseCapture.MAX_KEPT_BODY + 12_345];
        Arrays.fill(body, (byte) 'x');
        body[0] = '"';
        body[body.length - 1] = '"';
        ResponseCapture c = new ResponseCapture(System.nanoTime(), "application/json", null);
        feed(c, body, 16 * 1024);
        assertThat(c.json()).isNull();
        RecordedCall.BodyRef ref = c.ref();
        assertThat(ref.bytes()).isEqualTo(body.length);
        assertThat(ref.sha256()).isEqualTo(RequestCapture.sha256(body));
    }

    @Test
    void aKeptJsonAnswerHasNoReference() {
        byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
        ResponseCapture c = new ResponseCapture(System.nanoTime(), "application/json", null);
        feed(c, body, 4);
        assertThat(c.json().getAsJsonObject().get("ok").getAsBoolean()).isTrue();
        assertThat(c.ref()).isNull();
    }

    private static void feed(ResponseCapture c, byte[] body, int piece) {
        for (int at = 0; at < body.length; at += piece) {
            int n = Math.min(piece, body.length - at);
            c.feed(Arrays.copyOfRange(body, at, at + n), n, System.nanoTime());
        }
    }
}
