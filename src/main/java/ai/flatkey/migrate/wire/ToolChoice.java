package ai.flatkey.migrate.wire;

import java.util.Objects;

/**
 * {@code tool_choice}: {@code "auto"}, {@code "none"}, {@code "required"}, or a named function
 * ({@code {"type":"function","function":{"name":…}}}).
 *
 * @param mode         auto, none, required or function
 * @param functionName the function to force when {@code mode} is {@code function}, else null
 */
public record ToolChoice(String mode, String functionName) {
    public ToolChoice {
        Objects.requireNonNull(mode, "mode");
        if (mode.equals("function")) {
            Objects.requireNonNull(functionName, "functionName");
        }
    }

    public static ToolChoice auto() {
        return new ToolChoice("auto", null);
    }

    public static ToolChoice none() {
        return new ToolChoice("none", null);
    }

    public static ToolChoice required() {
        return new ToolChoice("required", null);
    }

    public static ToolChoice function(String name) {
        return new ToolChoice("function", name);
    }
}
