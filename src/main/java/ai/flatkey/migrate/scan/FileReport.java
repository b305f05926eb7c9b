package ai.flatkey.migrate.scan;

import java.util.List;
import java.util.Map;

/**
 * What the analyser found in one file: findings (without ids yet), call sites, config values by key (for
 * resolving references across files) and references it could not resolve inside the file.
 */
record FileReport(String file, List<Finding> findings, List<CallSite> calls, Map<String, ConfigValue> config,
                  List<PendingRef> pending, List<PendingCall> pendingCalls, Map<String, String> clientVars,
                  Map<String, Constant> constants) {

    /** A report without cross-file hand-offs (a configuration file). */
    FileReport(String file, List<Finding> findings, List<CallSite> calls, Map<String, ConfigValue> config, List<PendingRef> pending) {
        this(file, findings, calls, config, pending, List.of(), Map.of(), Map.of());
    }

    /**
     * A call on a variable the file does not construct ({@code groq} imported from another module): {@code call} is its
     * position in {@link #calls()}, {@code findings} the positions of the findings inside it, both given the provider of
     * the client of that name elsewhere in the tree.
     */
    record PendingCall(int call, String receiver, List<Integer> findings) {
    }

    /**
     * An upper-case constant a file defines as a literal or an environment read, which another file may import
     * ({@code from app.clients import CHAT_DEPLOYMENT}).
     */
    record Constant(String name, String literal, String envName, String defaultValue, String file, int line) {
    }

    /** A value set in a configuration file: {@code KEY=value} at file:line. */
    record ConfigValue(String key, String value, String file, int line) {
    }

    /**
     * A model or base URL read from a variable the file does not define: resolved against config values after the
     * whole tree is read. {@code index} is the finding's position in {@link #findings()}; {@code deployment}: the value
     * is an Azure deployment name.
     */
    record PendingRef(int index, String name, String defaultValue, boolean baseUrl, boolean deployment) {
    }
}
