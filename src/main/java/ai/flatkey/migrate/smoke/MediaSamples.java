package ai.flatkey.migrate.smoke;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * The inputs the family checks send, made here at run time (no binary files ship), and the decoders that judge what
 * came back, with the JDK alone: a small RGBA PNG to edit, a short WAV clip to transcribe (a tone; the words it
 * stands for are in its {@code LIST/INFO} comment), images read with {@code javax.imageio}, audio with
 * {@code javax.sound.sampled}, and an MP4's first box.
 */
final class MediaSamples {
    /** What the known clip says, and what the speech check asks to have said. */
    static final String PHRASE = "The quick brown fox jumps over the lazy dog.";
    static final int CLIP_SAMPLE_RATE = 16_000;
    static final double CLIP_SECONDS = 1.5;

    private MediaSamples() {
    }

    /** A square RGBA PNG of {@code side} pixels: a blue disc on a transparent field (an edit's input). */
    static byte[] png(int side) {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(new Color(30, 90, 200, 255));
            g.fillOval(side / 8, side / 8, side * 3 / 4, side * 3 / 4);
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

    /**
     * A 16-bit mono WAV of {@value #CLIP_SECONDS} s at {@value #CLIP_SAMPLE_RATE} Hz: a 440 Hz tone with a fade in and
     * out, {@code words} in a {@code LIST/INFO/ICMT} chunk.
     */
    static byte[] toneWav(String words) {
        int samples = (int) (CLIP_SECONDS * CLIP_SAMPLE_RATE);
        ByteBuffer pcm = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples; i++) {
            double t = (double) i / CLIP_SAMPLE_RATE;
            double fade = Math.min(1, Math.min(t, CLIP_SECONDS - t) / 0.05);
            pcm.putShort((short) (Math.sin(2 * Math.PI * 440 * t) * 8_000 * fade));
        }
        byte[] text = (words + "\0").getBytes(StandardCharsets.UTF_8);
        int padded = text.length + (text.length % 2);
        int listSize = 4 + 8 + padded;
        ByteBuffer b = ByteBuffer.allocate(12 + 24 + 8 + listSize + 8 + pcm.capacity()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt(4 + 24 + 8 + listSize + 8 + pcm.capacity()).put(ascii("WAVE"));
        b.put(ascii("fmt ")).putInt(16).putShort((short) 1).putShort((short) 1).putInt(CLIP_SAMPLE_RATE)
                .putInt(CLIP_SAMPLE_RATE * 2).putShort((short) 2).putShort((short) 16);
        b.put(ascii("LIST")).putInt(listSize).put(ascii("INFO")).put(ascii("ICMT")).putInt(text.length).put(text);
        if (padded > text.length) {
            b.put((byte) 0);
        }
        b.put(ascii("data")).putInt(pcm.capacity()).put(pcm.array());
        return b.array();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** A decoded image: its format ({@code png}, {@code jpeg}, …) and size. */
    record Picture(String format, int width, int height) {
    }

    /**
     * Decodes an image with {@code javax.imageio} (PNG, JPEG, GIF, BMP; WebP only with a plug-in).
     *
     * @throws IllegalArgumentException with what is wrong when the bytes are not an image it can read
     */
    static Picture picture(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException("no bytes");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                if (isWebp(bytes)) {
                    throw new IllegalArgumentException("a WebP image, which this Java runtime cannot decode");
                }
                throw new IllegalArgumentException("not an image format (starts " + head(bytes) + ")");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                BufferedImage image = reader.read(0);
                return new Picture(reader.getFormatName().toLowerCase(Locale.ROOT), image.getWidth(), image.getHeight());
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage() != null
                    && (iae.getMessage().startsWith("not an image") || iae.getMessage().startsWith("a WebP"))) {
                throw iae;
            }
            throw new IllegalArgumentException("the image does not decode (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
    }

    /** A thumbnail: PNG bytes, and the full image's format and size. */
    record Thumbnail(byte[] png, String format, int width, int height) {
    }

    /**
     * Decodes an image and scales it to fit {@code maxSide} pixels a side (never up), as PNG: what a face keeps to
     * show a generated image without holding its full bytes.
     *
     * @throws IllegalArgumentException when the bytes are not an image {@link #picture} can read
     */
    static Thumbnail thumbnail(byte[] bytes, int maxSide) {
        Picture p = picture(bytes);
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new IllegalArgumentException("the image does not decode: " + e.getMessage(), e);
        }
        double scale = Math.min(1.0, (double) maxSide / Math.max(image.getWidth(), image.getHeight()));
        int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = small.createGraphics();
        try {
            g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION,
                    java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(java.awt.RenderingHints.KEY_RENDERING, java.awt.RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(small, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Thumbnail(out.toByteArray(), p.format(), p.width(), p.height());
    }

    static boolean isWebp(byte[] b) {
        return b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E'
                && b[10] == 'B' && b[11] == 'P';
    }

    /** Decoded audio: its container, sample rate, channels and length. */
    record Sound(String type, float sampleRate, int channels, double seconds) {
    }

    /**
     * Decodes audio with {@code javax.sound.sampled} (WAV, AIFF, AU): the length from the frame count.
     *
     * @throws IllegalArgumentException with what is wrong when it does not decode or has no length
     */
    static Sound sound(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException("no bytes");
        }
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(bytes))) {
            AudioFileFormat file = AudioSystem.getAudioFileFormat(new ByteArrayInputStream(bytes));
            AudioFormat format = in.getFormat();
            long frames = in.getFrameLength();
            if (frames == AudioSystem.NOT_SPECIFIED || frames < 0) {
                long read = in.readAllBytes().length;
                frames = format.getFrameSize() > 0 ? read / format.getFrameSize() : 0;
            }
            double seconds = format.getFrameRate() > 0 ? frames / format.getFrameRate() : 0;
            return new Sound(file.getType().toString().toLowerCase(Locale.ROOT), format.getSampleRate(),
                    format.getChannels(), seconds);
        } catch (UnsupportedAudioFileException e) {
            throw new IllegalArgumentException(audioKind(bytes) + " that this Java runtime cannot decode as WAV, AIFF"
                    + " or AU (starts " + head(bytes) + ")", e);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the audio does not decode (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
    }

    /** What a body's first bytes say it is: {@code MP3}, {@code Ogg}, {@code FLAC}, {@code WAV} or {@code data}. */
    static String audioKind(byte[] b) {
        if (b.length >= 3 && b[0] == 'I' && b[1] == 'D' && b[2] == '3'
                || b.length >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xe0) == 0xe0) {
            return "MP3";
        }
        if (b.length >= 4 && b[0] == 'O' && b[1] == 'g' && b[2] == 'g' && b[3] == 'S') {
            return "Ogg";
        }
        if (b.length >= 4 && b[0] == 'f' && b[1] == 'L' && b[2] == 'a' && b[3] == 'C') {
            return "FLAC";
        }
        if (b.length >= 4 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F') {
            return "WAV";
        }
        return "data";
    }

    /** Whether bytes open with an ISO BMFF {@code ftyp} box (MP4, MOV, 3GP): size, then {@code ftyp}. */
    static boolean isMp4(byte[] b) {
        if (b.length < 12 || b[4] != 'f' || b[5] != 't' || b[6] != 'y' || b[7] != 'p') {
            return false;
        }
        long size = ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL);
        return size >= 16;
    }

    /** The first bytes as text for a reason: printable ASCII kept, others as {@code \xNN}. */
    static String head(byte[] b) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < Math.min(12, b.length); i++) {
            int c = b[i] & 0xff;
            sb.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? String.valueOf((char) c)
                    : String.format(Locale.ROOT, "\\x%02x", c));
        }
        return sb.append('"').toString();
    }
}
