package ai.flatkey.migrate.plan;

/**
 * A custom check of plan schema 3: a prompt sent to every mapped target model, and the shape the answer must have.
 * Read only to convert it: a schema-3 plan's custom checks become {@link RequestCheck}s when it is opened
 * ({@link RequestCheck#fromCustom}); schema 4 has no custom checks.
 *
 * @param name        a short name, unique in the plan (it was the check ID {@code custom:NAME:MODEL})
 * @param prompt      the user message
 * @param system      an optional system message
 * @param extraJson   an optional JSON object meant for the request body (e.g. {@code {"temperature":0}}), or empty;
 *                    schema 3 never sent it: the request check made from it does
 * @param expect      what the answer must satisfy: {@link Expectation}
 * @param expectValue the text, regular expression or nothing, depending on {@code expect}
 * @param stream      whether to send it streamed
 */
public record CustomCheck(String name, String prompt, String system, String extraJson, Expectation expect,
                          String expectValue, boolean stream) {

    /** What a custom check's answer must satisfy. */
    public enum Expectation {
        /** Any non-empty assistant text. */
        NON_EMPTY,
        /** The text contains {@code expectValue} (case-insensitive). */
        CONTAINS,
        /** The text matches the regular expression {@code expectValue} (find). */
        MATCHES,
        /** The text parses as a JSON object. */
        JSON_OBJECT
    }

    public CustomCheck {
        name = Lists.text(name).strip();
        prompt = Lists.text(prompt);
        system = Lists.text(system);
        extraJson = Lists.text(extraJson).strip();
        expect = expect == null ? Expectation.NON_EMPTY : expect;
        expectValue = Lists.text(expectValue);
    }
}
