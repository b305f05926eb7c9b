package ai.flatkey.migrate.demo;

import java.util.List;

/**
 * A function call the demo model makes.
 *
 * @param id        {@code call_} + 24 alphanumerics
 * @param name      the function called
 * @param arguments the arguments as a JSON object text
 * @param fragments {@code arguments} split as a stream sends it (concatenated they give {@code arguments})
 */
record ToolCall(String id, String name, String arguments, List<String> fragments) {

    ToolCall {
        fragments = List.copyOf(fragments);
        if (!String.join("", fragments).equals(arguments)) {
            throw new IllegalArgumentException("fragments must concatenate to the arguments");
        }
    }

    /** Tokens billed for the call: one per argument fragment, plus one for the name. */
    int tokens() {
        return fragments.size() + 1;
    }
}
