package ai.flatkey.migrate.traffic;

/**
 * The first line of a recording file.
 *
 * @param format    always {@value #FORMAT}
 * @param version   the file format's version; a reader refuses a newer one
 * @param createdAt ISO-8601 instant the recording started
 * @param upstream  the base URL calls were forwarded to (credentials in it removed)
 * @param contents  {@value #FULL} (bodies kept, secrets removed) or {@value #SHAPES} (message texts replaced with
 *                  their length, for teams that may not store prompts)
 * @param tool      the program and version that wrote the file
 */
public record RecordingHeader(String format, int version, String createdAt, String upstream, String contents,
                              String tool) {
    public static final String FORMAT = "flatkey-recording";
    public static final int VERSION = 1;
    public static final String FULL = "full";
    public static final String SHAPES = "shapes";

    /** Whether message texts were dropped at write time. */
    public boolean shapesOnly() {
        return SHAPES.equals(contents);
    }
}
