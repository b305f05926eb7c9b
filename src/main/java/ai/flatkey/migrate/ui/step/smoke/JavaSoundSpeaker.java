package ai.flatkey.migrate.ui.step.smoke;

import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.Clip;
import javax.sound.sampled.LineEvent;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * The machine's audio output through {@code javax.sound.sampled}: WAV, AIFF and AU play; MP3, Ogg and FLAC do not
 * (the JDK has no decoder for them), and a machine without an output device (a CI runner) says so.
 */
final class JavaSoundSpeaker implements AudioPlayback.Speaker {

    @Override
    public AudioPlayback.Playing play(byte[] audio, Runnable onEnd) throws AudioPlayback.SpeakerException {
        AudioInputStream in;
        try {
            in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(audio));
        } catch (UnsupportedAudioFileException | IOException e) {
            throw new AudioPlayback.SpeakerException("This format cannot be played here (the player knows WAV, AIFF"
                    + " and AU); the check judged the bytes as they came.", e);
        }
        Clip clip;
        try {
            clip = AudioSystem.getClip();
            clip.open(in);
        } catch (LineUnavailableException | IllegalArgumentException | IOException | SecurityException e) {
            throw new AudioPlayback.SpeakerException("No audio output on this machine, so the sound cannot be played"
                    + " here; its duration and format are what the check measured.", e);
        }
        clip.addLineListener(event -> {
            if (event.getType() == LineEvent.Type.STOP) {
                clip.close();
                onEnd.run();
            }
        });
        clip.start();
        return new AudioPlayback.Playing() {
            @Override
            public void stop() {
                clip.stop();
                clip.close();
            }

            @Override
            public double position() {
                return clip.getMicrosecondPosition() / 1_000_000.0;
            }
        };
    }
}
