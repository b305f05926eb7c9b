package ai.flatkey.migrate.demo;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random identifiers in the shapes OpenAI uses: {@code req_} + 24 hex, {@code chatcmpl-} + 29 alphanumerics,
 * {@code call_} + 24 alphanumerics, {@code resp_} / {@code msg_} + 48 hex.
 */
final class Ids {

    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private Ids() {
    }

    static String requestId() {
        byte[] bytes = new byte[12];
        ThreadLocalRandom.current().nextBytes(bytes);
        return "req_" + HexFormat.of().formatHex(bytes);
    }

    /**
     * new-api's own request ID, as its {@code X-Oneapi-Request-Id} header and log carry it: the time
     * ({@code yyyyMMddHHmmss}, nanoseconds of the second) and 8 random alphanumerics.
     */
    static String newApiRequestId() {
        java.time.LocalDateTime now = java.time.LocalDateTime.now();
        return now.format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmss")) + now.getNano()
                + alphanumeric("", 8);
    }

    static String completionId() {
        return alphanumeric("chatcmpl-", 29);
    }

    /** {@code call_} + 24 alphanumerics, as OpenAI's tool call IDs. */
    static String toolCallId() {
        return alphanumeric("call_", 24);
    }

    /** {@code resp_} + 48 hex digits, as the Responses API's IDs. */
    static String responseId() {
        return hex("resp_", 24);
    }

    /** {@code msg_} + 48 hex digits, as the Responses API's output message IDs. */
    static String messageId() {
        return hex("msg_", 24);
    }

    private static String hex(String prefix, int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return prefix + HexFormat.of().formatHex(random);
    }

    private static String alphanumeric(String prefix, int length) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder id = new StringBuilder(prefix);
        for (int i = 0; i < length; i++) {
            id.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return id.toString();
    }
}
