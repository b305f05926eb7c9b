package ai.flatkey.migrate.reliability;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Heap in use once garbage collection has settled: collects until two readings agree within 1 MB. */
final class HeapGauge {
    private static final long MB = 1024 * 1024;

    private HeapGauge() {
    }

    static long settledUsed() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long previous = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            long used = memory.getHeapMemoryUsage().getUsed();
            if (Math.abs(previous - used) < MB) {
                return Math.min(previous, used);
            }
            previous = used;
        }
        return previous;
    }
}
