package ai.flatkey.migrate.ui.step.smoke;

import ai.flatkey.migrate.smoke.MediaEvidence;
import ai.flatkey.migrate.ui.support.Background;
import ai.flatkey.migrate.ui.support.UiBridge;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.Locale;

/**
 * The smoke step's audio player: plays one sound a check got or sent (a speech answer, a transcription's clip) at a
 * time, with Play and Stop, and says where it is ("0.8 of 2.5 s") or why it cannot play (no audio output on the
 * machine, a format the JDK cannot play). The line opens off the UI thread; the position is read once per frame while
 * playing.
 */
final class AudioPlayback {

    /** Where sound goes: the machine's audio output ({@link JavaSoundSpeaker}), or a recorder in tests. */
    interface Speaker {
        /**
         * Starts playing {@code audio} and returns at once; {@code onEnd} is called (on any thread) when it ends by
         * itself or is stopped.
         *
         * @throws SpeakerException with the reason in words when it cannot play
         */
        Playing play(byte[] audio, Runnable onEnd) throws SpeakerException;
    }

    /** A sound that is playing. */
    interface Playing {
        void stop();

        /** Seconds played so far. */
        double position();
    }

    /** Why a sound cannot play, in words for the person. */
    static final class SpeakerException extends Exception {
        SpeakerException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Whether a sound is playing (or its line is opening). */
    final BooleanProperty playing = new SimpleBooleanProperty(this, "playing");
    /** The sound playing, or the last one played or tried. */
    final ObjectProperty<MediaEvidence> current = new SimpleObjectProperty<>(this, "current");
    /** Where the sound is, or why it cannot play; empty before anything was played. */
    final StringProperty status = new SimpleStringProperty(this, "status", "");

    private final Speaker speaker;
    private final Background background;
    private final UiBridge ui;
    private Playing sound;
    private UiBridge.Registration pulse;
    /** Counts plays, so a late start or end of an earlier one changes nothing. */
    private long generation;

    AudioPlayback(Speaker speaker, Background background) {
        this.speaker = speaker;
        this.background = background;
        this.ui = background.ui();
    }

    /** Plays {@code media} (stopping any other sound first). */
    void play(MediaEvidence media) {
        stop();
        current.set(media);
        if (media == null || media.kind() != MediaEvidence.Kind.AUDIO) {
            return;
        }
        if (!media.hasBytes()) {
            status.set("Not kept: longer than " + MediaEvidence.MAX_AUDIO_BYTES / (1024 * 1024) + " MB.");
            return;
        }
        long mine = ++generation;
        playing.set(true);
        status.set("Opening the audio output…");
        background.run(() -> speaker.play(media.bytes(), () -> ui.post(() -> ended(mine))), started -> {
            if (mine != generation) {
                started.stop(); // stopped (or another started) while the line opened
                return;
            }
            sound = started;
            pulse = ui.onPulse(this::showPosition);
            showPosition();
        }, error -> {
            if (mine == generation) {
                playing.set(false);
                status.set(error instanceof SpeakerException ? error.getMessage()
                        : "Cannot play it: " + error.getMessage());
            }
        });
    }

    /** Stops the sound playing, if any. */
    void stop() {
        if (!playing.get()) {
            return;
        }
        generation++;
        Playing s = sound;
        finish("Stopped");
        if (s != null) {
            s.stop();
        }
    }

    private void ended(long which) {
        if (which == generation && playing.get()) {
            finish("Played " + (current.get() == null ? "" : current.get().duration()).strip());
        }
    }

    private void finish(String what) {
        sound = null;
        if (pulse != null) {
            pulse.cancel();
            pulse = null;
        }
        playing.set(false);
        status.set(what.strip() + ".");
    }

    private void showPosition() {
        Playing s = sound;
        MediaEvidence m = current.get();
        if (s == null || m == null) {
            return;
        }
        status.set(m.seconds() > 0 ? String.format(Locale.ROOT, "Playing: %.1f of %.1f s", Math.min(s.position(),
                m.seconds()), m.seconds()) : String.format(Locale.ROOT, "Playing: %.1f s", s.position()));
    }
}
