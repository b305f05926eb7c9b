package ai.flatkey.migrate.demo;

/**
 * How one streamed answer ended, reported to the gateway's stream listener (tests wait on it).
 *
 * @param requestId  the {@code x-request-id} of the stream
 * @param piecesSent content chunks written
 * @param piecesPlanned content chunks the answer had
 * @param end        why it ended
 */
record StreamOutcome(String requestId, int piecesSent, int piecesPlanned, End end) {

    enum End {
        /** Everything through {@code data: [DONE]} was written. */
        COMPLETED,
        /** The client went away; generation stopped. */
        CLIENT_GONE,
        /** The gateway was closed while streaming. */
        INTERRUPTED,
        /** A fault asked for ended the stream early or without its terminator. */
        FAULT
    }
}
