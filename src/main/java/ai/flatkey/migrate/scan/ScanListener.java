package ai.flatkey.migrate.scan;

/** Progress of a running scan. Called from worker threads: keep it cheap and thread-safe. */
@FunctionalInterface
public interface ScanListener {

    /** {@code filesVisited} files have been looked at so far (read, or skipped by name, size or content). */
    void progress(int filesVisited);

    ScanListener NONE = n -> { };
}
