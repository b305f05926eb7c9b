package ai.flatkey.migrate.wire;

/** How the key goes along with a call to one of the gateway's own routes ({@link OpenAiClient#getJson}). */
public enum KeySent {
    /** Not at all: a public route (prices). */
    NONE,
    /** As {@code Authorization: Bearer …}, as every API call sends it. */
    BEARER,
    /** As the {@code ?key=} query parameter: new-api's documented form for its log route. */
    QUERY
}
