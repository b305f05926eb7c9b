package ai.flatkey.migrate.demo;

/**
 * {@code tool_choice}: {@code none}, {@code auto}, {@code required} or one named function.
 *
 * @param mode     how the model may use tools
 * @param function the function named when {@code mode} is {@link Mode#NAMED}, else ""
 */
record ToolChoice(Mode mode, String function) {

    enum Mode { NONE, AUTO, REQUIRED, NAMED }

    static final ToolChoice AUTO = new ToolChoice(Mode.AUTO, "");
    static final ToolChoice NONE = new ToolChoice(Mode.NONE, "");

    static ToolChoice named(String function) {
        return new ToolChoice(Mode.NAMED, function);
    }

    /** The wire form: {@code "auto"} or {@code {"type":"function","function":{"name":...}}} (as text for logs). */
    String wireValue() {
        return mode == Mode.NAMED ? function : mode.name().toLowerCase(java.util.Locale.ROOT);
    }
}
