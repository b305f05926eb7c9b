package ai.flatkey.migrate.scan;

import java.util.List;
import java.util.Map;

/**
 * What the analyser found in one file: findings (without ids yet), call sites, config values by key (for
 * resolving references across files) and references it could not resolve inside the file.
 */
record FileReport(String file, List<Finding> findings, List<CallSite> calls, Map<String, ConfigValue> config,
                  List<PendingRef> pending) {

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
