package ai.flatkey.migrate.scan;

import java.util.Set;

/**
 * How to scan: files larger than {@code maxFileBytes} are skipped, {@code threads} workers read and analyse files,
 * and {@code mappedModels} (the plan's current source model IDs) decide which models are reported as unmapped.
 */
public record ScanOptions(long maxFileBytes, int threads, Set<String> mappedModels) {

    public static final long DEFAULT_MAX_FILE_BYTES = 2L * 1024 * 1024;

    public ScanOptions {
        if (maxFileBytes <= 0) {
            throw new IllegalArgumentException("maxFileBytes must be positive");
        }
        threads = Math.max(1, Math.min(threads, 16));
        mappedModels = mappedModels == null ? Set.of() : Set.copyOf(mappedModels);
    }

    /** 2 MB per file, two workers, no mapped models. */
    public static ScanOptions defaults() {
        return new ScanOptions(DEFAULT_MAX_FILE_BYTES, 2, Set.of());
    }

    public ScanOptions withMappedModels(Set<String> models) {
        return new ScanOptions(maxFileBytes, threads, models);
    }
}
