package ai.flatkey.migrate.wire;

import java.util.Objects;

/**
 * Speech synthesis ({@code POST /audio/speech}); the answer is the audio file itself.
 *
 * @param voice          e.g. {@code alloy}
 * @param responseFormat {@code wav}, {@code mp3}, … or null (the server's default: mp3)
 */
public record SpeechRequest(String model, String input, String voice, String responseFormat) {
    public SpeechRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(voice, "voice");
    }
}
