package ai.flatkey.migrate.demo;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** Random identifiers in the shapes OpenAI uses: {@code req_} + 24 hex, {@code chatcmpl-} + 29 alphanumerics. */
final class Ids {

    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private Ids() {
    }

    static String requestId() {
        byte[] bytes = new byte[12];
        ThreadLocalRandom.current().nextBytes(bytes);
        return "req_" + HexFormat.of().formatHex(bytes);
    }

    static String completionId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder id = new StringBuilder("chatcmpl-");
        for (int i = 0; i < 29; i++) {
            id.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return id.toString();
    }
}
