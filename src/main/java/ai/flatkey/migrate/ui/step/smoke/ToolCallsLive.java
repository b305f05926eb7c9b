package ai.flatkey.migrate.ui.step.smoke;

import ai.flatkey.migrate.wire.Excerpts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One check's streamed tool calls as they grow: per tool-call {@code index}, in order of first arrival, the function
 * name (from the first fragment) and the argument text joined from every fragment. A fragment without an
 * {@code index} continues the latest call (or starts call 0). Touched only on the UI thread.
 */
final class ToolCallsLive {
    /** Longest argument text shown on a call's line. */
    static final int SHOWN_ARGUMENT_CHARS = 4_000;

    /** One call so far. */
    static final class Call {
        final int index;
        String name = "";
        final StringBuilder arguments = new StringBuilder();

        Call(int index) {
            this.index = index;
        }

        /** The line the live pane shows for this call. */
        String line() {
            String args = arguments.length() <= SHOWN_ARGUMENT_CHARS ? arguments.toString()
                    : Excerpts.cut(arguments.toString(), SHOWN_ARGUMENT_CHARS) + " … (" + arguments.length() + " characters)";
            return "tool call #" + index + " · " + (name.isEmpty() ? "(no name yet)" : name) + " · "
                    + (args.isEmpty() ? "(no arguments yet)" : args);
        }
    }

    private final Map<Integer, Call> calls = new LinkedHashMap<>();
    private Integer last;

    /**
     * Applies one (or several joined) fragments.
     *
     * @return the position of the call among {@link #calls()} (order of first arrival)
     */
    int add(Integer index, String name, String arguments) {
        int key = index != null ? index : last != null ? last : 0;
        Call c = calls.get(key);
        if (c == null) {
            c = new Call(key);
            calls.put(key, c);
        }
        if (name != null && !name.isEmpty() && c.name.isEmpty()) {
            c.name = name;
        }
        if (arguments != null) {
            c.arguments.append(arguments);
        }
        last = key;
        return position(key);
    }

    private int position(int key) {
        int i = 0;
        for (Integer k : calls.keySet()) {
            if (k == key) {
                return i;
            }
            i++;
        }
        return -1;
    }

    List<Call> calls() {
        return new ArrayList<>(calls.values());
    }

    int size() {
        return calls.size();
    }

    Call at(int position) {
        return calls().get(position);
    }

    boolean isEmpty() {
        return calls.isEmpty();
    }
}
