package ai.flatkey.migrate.smoke;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** What a face gets of a family check's media: bounded bytes, the duration where the JDK reads it, plain captions. */
class MediaEvidenceTest {

    @Test
    void aLongSoundKeepsItsDurationButNotItsBytes() {
        byte[] wav = wav(24_000, 50); // 2.4 MB of PCM, over the bound
        MediaEvidence m = MediaEvidence.audio("Speech", wav);
        assertThat(wav.length).isGreaterThan(MediaEvidence.MAX_AUDIO_BYTES);
        assertThat(m.hasBytes()).isFalse();
        assertThat(m.seconds()).isEqualTo(50.0);
        assertThat(m.caption()).isEqualTo("Speech · WAV");
        assertThat(MediaEvidence.audio("Speech", wav(24_000, 3)).hasBytes()).isTrue();
    }

    @Test
    void anMp3IsKeptWithoutADurationAndBrokenBytesGiveNoImage() {
        byte[] mp3 = new byte[4096];
        mp3[0] = 'I';
        mp3[1] = 'D';
        mp3[2] = '3';
        MediaEvidence m = MediaEvidence.audio("Speech", mp3);
        assertThat(m.format()).isEqualTo("mp3");
        assertThat(m.seconds()).isZero();
        assertThat(m.duration()).isEmpty();
        assertThat(m.caption()).isEqualTo("Speech · MP3");
        assertThat(MediaEvidence.audio("Speech", new byte[0])).isNull();
        assertThat(MediaEvidence.image("Generated image", "not a png".getBytes(StandardCharsets.US_ASCII))).isNull();
    }

    @Test
    void aSmallImageIsNotScaledUp() {
        MediaEvidence m = MediaEvidence.image("Generated image", MediaSamples.png(64));
        assertThat(MediaSamples.picture(m.bytes())).isEqualTo(new MediaSamples.Picture("png", 64, 64));
        assertThat(m.caption()).isEqualTo("Generated image · 64×64 PNG");
    }

    @Test
    void durationsReadAsSecondsThenMinutes() {
        assertThat(new MediaEvidence(MediaEvidence.Kind.AUDIO, "", null, "wav", 0, 0, 3.0).duration()).isEqualTo("3.0 s");
        assertThat(new MediaEvidence(MediaEvidence.Kind.AUDIO, "", null, "wav", 0, 0, 65.25).duration())
                .isEqualTo("1:05.3");
    }

    private static byte[] wav(int rate, int seconds) {
        int data = rate * seconds * 2;
        ByteBuffer b = ByteBuffer.allocate(44 + data).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + data).put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(data);
        return b.array();
    }
}
