package ai.flatkey.migrate.demo;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * The files the demo gateway makes and reads, with the JDK alone: PNG images (a gradient in a colour taken from the
 * prompt), WAV speech (a tone whose length follows the text, the text itself kept in the file's {@code LIST/INFO}
 * comment so the demo's transcription can "hear" it), silent MP3 frames, and a small MP4 (ISO BMFF boxes). Nothing
 * here is shared with the client, which writes and reads its own.
 */
final class MediaFiles {
    static final int SPEECH_SAMPLE_RATE = 24_000;
    /** Seconds of speech per word of input, and the shortest clip. */
    private static final double SECONDS_PER_WORD = 0.35;
    private static final double MIN_SECONDS = 1.0;

    private MediaFiles() {
    }

    /** A PNG of {@code width}×{@code height}: a diagonal gradient in a colour derived from {@code seed}. */
    static byte[] png(int width, int height, String seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            Color color = Color.getHSBColor((seed.hashCode() & 0xffff) / 65_536f, 0.55f, 0.85f);
            g.setPaint(new GradientPaint(0, 0, color, width, height, color.darker().darker()));
            g.fillRect(0, 0, width, height);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The width and height of an image the JDK can read (PNG, JPEG, GIF, BMP), or empty. */
    static Optional<int[]> imageSize(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            return image == null ? Optional.empty() : Optional.of(new int[] {image.getWidth(), image.getHeight()});
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** How long the demo's speech of {@code text} lasts: {@value #SECONDS_PER_WORD} s a word, at least 1 s. */
    static double speechSeconds(String text) {
        String t = text.strip();
        int words = t.isEmpty() ? 0 : t.split("\\s+").length;
        return Math.max(MIN_SECONDS, Math.round(words * SECONDS_PER_WORD * 100) / 100.0);
    }

    /**
     * A 16-bit mono WAV at {@value #SPEECH_SAMPLE_RATE} Hz lasting {@link #speechSeconds}: a soft tone that rises and
     * falls per word, with {@code text} in a {@code LIST/INFO/ICMT} chunk.
     */
    static byte[] speechWav(String text) {
        int samples = (int) Math.round(speechSeconds(text) * SPEECH_SAMPLE_RATE);
        ByteBuffer pcm = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples; i++) {
            double t = (double) i / SPEECH_SAMPLE_RATE;
            double envelope = 0.5 - 0.5 * Math.cos(2 * Math.PI * (t / SECONDS_PER_WORD));
            pcm.putShort((short) (Math.sin(2 * Math.PI * 220 * t) * 6_000 * envelope));
        }
        return wav(pcm.array(), SPEECH_SAMPLE_RATE, text);
    }

    /** A PCM WAV file around {@code pcm} (16-bit mono), with an INFO comment when {@code comment} is not blank. */
    static byte[] wav(byte[] pcm, int sampleRate, String comment) {
        byte[] info = new byte[0];
        if (comment != null && !comment.isBlank()) {
            byte[] text = (comment + "\0").getBytes(StandardCharsets.UTF_8);
            int padded = text.length + (text.length % 2);
            ByteBuffer b = ByteBuffer.allocate(12 + 8 + padded).order(ByteOrder.LITTLE_ENDIAN);
            b.put("LIST".getBytes(StandardCharsets.US_ASCII)).putInt(4 + 8 + padded)
                    .put("INFO".getBytes(StandardCharsets.US_ASCII))
                    .put("ICMT".getBytes(StandardCharsets.US_ASCII)).putInt(text.length).put(text);
            info = b.array();
        }
        ByteBuffer b = ByteBuffer.allocate(44 + info.length + pcm.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + info.length + pcm.length)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(sampleRate).putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16)
                .put(info)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(pcm.length).put(pcm);
        return b.array();
    }

    /** What the demo reads from an uploaded WAV: its length and its INFO comment (what it "says"). */
    record Heard(double seconds, String text) {
    }

    /**
     * Reads a RIFF/WAVE file's {@code fmt } and {@code data} chunks (for its length) and its {@code ICMT} or
     * {@code INAM} text; empty when it is not a WAV file.
     */
    static Optional<Heard> hear(byte[] bytes) {
        if (bytes.length < 12 || !ascii(bytes, 0, "RIFF") || !ascii(bytes, 8, "WAVE")) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int byteRate = 0;
        long dataBytes = -1;
        String text = "";
        int at = 12;
        while (at + 8 <= bytes.length) {
            String id = new String(bytes, at, 4, StandardCharsets.US_ASCII);
            long size = b.getInt(at + 4) & 0xffffffffL;
            int body = at + 8;
            if (id.equals("fmt ") && body + 12 <= bytes.length) {
                byteRate = b.getInt(body + 8);
            } else if (id.equals("data")) {
                dataBytes = Math.min(size, bytes.length - body);
            } else if (id.equals("LIST") && body + 4 <= bytes.length && ascii(bytes, body, "INFO")) {
                int sub = body + 4;
                long end = Math.min(bytes.length, body + size);
                while (sub + 8 <= end) {
                    String subId = new String(bytes, sub, 4, StandardCharsets.US_ASCII);
                    int subSize = b.getInt(sub + 4);
                    if (subSize < 0 || sub + 8 + subSize > end) {
                        break;
                    }
                    if ((subId.equals("ICMT") || subId.equals("INAM") && text.isEmpty())) {
                        text = new String(bytes, sub + 8, subSize, StandardCharsets.UTF_8).replace("\0", "").strip();
                    }
                    sub += 8 + subSize + (subSize % 2);
                }
            }
            if (size > Integer.MAX_VALUE) {
                break;
            }
            at = body + (int) size + (int) (size % 2);
        }
        if (byteRate <= 0 || dataBytes < 0) {
            return Optional.empty();
        }
        return Optional.of(new Heard((double) dataBytes / byteRate, text));
    }

    /** MPEG-1 Layer III frames of silence (128 kbit/s, 44.1 kHz), about {@code seconds} long. */
    static byte[] silentMp3(double seconds) {
        int frameBytes = 417; // 144 * 128000 / 44100, no padding
        int frames = Math.max(1, (int) Math.ceil(seconds * 44_100 / 1152));
        byte[] out = new byte[frames * frameBytes];
        for (int f = 0; f < frames; f++) {
            int at = f * frameBytes;
            out[at] = (byte) 0xFF;
            out[at + 1] = (byte) 0xFB;
            out[at + 2] = (byte) 0x90;
            out[at + 3] = (byte) 0x64;
        }
        return out;
    }

    /**
     * A small MP4: an {@code ftyp} box ({@code isom}), a {@code free} box naming the prompt, and an {@code mdat} box
     * of {@code payload} bytes.
     */
    static byte[] mp4(String prompt, int payload) {
        byte[] note = ("flatkey demo video: " + prompt).getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(24 + 8 + note.length + 8 + payload).order(ByteOrder.BIG_ENDIAN);
        b.putInt(24).put("ftyp".getBytes(StandardCharsets.US_ASCII)).put("isom".getBytes(StandardCharsets.US_ASCII))
                .putInt(512).put("isom".getBytes(StandardCharsets.US_ASCII)).put("mp41".getBytes(StandardCharsets.US_ASCII));
        b.putInt(8 + note.length).put("free".getBytes(StandardCharsets.US_ASCII)).put(note);
        b.putInt(8 + payload).put("mdat".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < payload; i++) {
            b.put((byte) (i * 31 + prompt.length()));
        }
        return b.array();
    }

    private static boolean ascii(byte[] bytes, int at, String s) {
        if (at + s.length() > bytes.length) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (bytes[at + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
