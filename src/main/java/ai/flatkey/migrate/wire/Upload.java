package ai.flatkey.migrate.wire;

import java.util.Objects;

/**
 * A file sent as one part of a multipart request (an image to edit, an audio clip to transcribe).
 *
 * @param fileName    the part's file name, e.g. {@code clip.wav}
 * @param contentType its type, e.g. {@code audio/wav}
 * @param bytes       its content (not copied: do not change it after)
 */
public record Upload(String fileName, String contentType, byte[] bytes) {
    public Upload {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(bytes, "bytes");
    }

    /** "clip.wav (audio/wav, 32044 bytes)", as transcripts and curl comments name it. */
    public String describe() {
        return fileName + " (" + contentType + ", " + bytes.length + " bytes)";
    }
}
