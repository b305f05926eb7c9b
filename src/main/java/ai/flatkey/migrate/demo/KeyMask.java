package ai.flatkey.migrate.demo;

/** Shows a key in error messages without revealing it: the first 4 and last 4 characters at most. */
final class KeyMask {

    private KeyMask() {
    }

    static String mask(String key) {
        if (key == null || key.isEmpty()) {
            return "";
        }
        // Below 12 characters, 8 shown characters would reveal most of the key: show none.
        if (key.length() < 12) {
            return "****";
        }
        return key.substring(0, 4) + "****" + key.substring(key.length() - 4);
    }
}
