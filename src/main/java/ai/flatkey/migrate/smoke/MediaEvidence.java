package ai.flatkey.migrate.smoke;

import java.util.Locale;

/**
 * An image or a sound a family check received (or, for a transcription, the clip it sent), for a face to show: a
 * thumbnail or a player. Handed to the {@link SmokeListener} as the check finishes and kept in memory by the face for
 * the session — never written to the plan, an export or a transcript, which keep the words and figures only.
 *
 * @param kind    an image or a sound
 * @param caption what it is, in words: {@code Generated image · 1024×1024 PNG}, {@code Speech · WAV}
 * @param bytes   for an image, a PNG thumbnail of at most {@link #THUMBNAIL_SIDE} pixels a side made from it; for a
 *                sound, the audio as received (up to {@link #MAX_AUDIO_BYTES}), or empty when it was longer
 * @param format  the received format in lower case ({@code png}, {@code jpeg}, {@code wav}, {@code mp3}, …)
 * @param width   an image's full width in pixels (0 for a sound)
 * @param height  an image's full height in pixels (0 for a sound)
 * @param seconds a sound's duration (0 for an image, or a sound whose length could not be read)
 */
public record MediaEvidence(Kind kind, String caption, byte[] bytes, String format, int width, int height,
                            double seconds) {
    /** The longest side of a kept thumbnail. */
    public static final int THUMBNAIL_SIDE = 256;
    /**
     * The most audio bytes kept for the player (about 45 s of the 24 kHz mono WAV a speech model sends; the smoke
     * phrase takes a few seconds); a longer answer shows its duration only. With {@code MediaShelf}'s bound on the
     * checks it keeps, a session holds a few tens of MB of media at most.
     */
    public static final int MAX_AUDIO_BYTES = 2 * 1024 * 1024;

    public enum Kind { IMAGE, AUDIO }

    public MediaEvidence {
        caption = caption == null ? "" : caption;
        bytes = bytes == null ? new byte[0] : bytes;
        format = format == null ? "" : format.toLowerCase(Locale.ROOT);
    }

    /** Whether checks of {@code feature} hand images or sounds to a face (so one without them was run earlier). */
    public static boolean comesWith(String feature) {
        return FamilyChecks.WITH_MEDIA.contains(feature);
    }

    /** Whether there are bytes to show or play. */
    public boolean hasBytes() {
        return bytes.length > 0;
    }

    /** {@code 2.4 s} (tenths), or {@code 1:05.3} from a minute on; empty without a duration. */
    public String duration() {
        return duration(seconds);
    }

    static String duration(double seconds) {
        if (seconds <= 0) {
            return "";
        }
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        int minutes = (int) (seconds / 60);
        return String.format(Locale.ROOT, "%d:%04.1f", minutes, seconds - minutes * 60);
    }

    /** An image: its thumbnail made from {@code image} (full-size bytes), or null when they do not decode. */
    static MediaEvidence image(String role, byte[] image) {
        try {
            MediaSamples.Thumbnail t = MediaSamples.thumbnail(image, THUMBNAIL_SIDE);
            return new MediaEvidence(Kind.IMAGE, role + " · " + t.width() + "×" + t.height() + " "
                    + t.format().toUpperCase(Locale.ROOT), t.png(), t.format(), t.width(), t.height(), 0);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * A sound: the bytes (kept up to {@link #MAX_AUDIO_BYTES}) with the duration where the JDK reads it (WAV, AIFF,
     * AU), or null without bytes.
     */
    static MediaEvidence audio(String role, byte[] audio) {
        if (audio == null || audio.length == 0) {
            return null;
        }
        String kind = MediaSamples.audioKind(audio);
        double seconds = 0;
        try {
            seconds = MediaSamples.sound(audio).seconds();
        } catch (IllegalArgumentException e) {
            // MP3, Ogg, FLAC: the JDK reads no length; the player says it cannot play them
        }
        String format = kind.equals("data") ? "" : kind;
        return new MediaEvidence(Kind.AUDIO, role + " · " + (format.isEmpty() ? "audio" : kind),
                audio.length <= MAX_AUDIO_BYTES ? audio : new byte[0], format, 0, 0, seconds);
    }
}
