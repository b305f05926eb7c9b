package ai.flatkey.migrate.scan;

/** Thrown by {@link Scanner#scan} when the scan was cancelled; carries how far it got. */
public final class ScanCancelledException extends Exception {
    private final int filesVisited;

    public ScanCancelledException(int filesVisited) {
        super("Scan cancelled after " + filesVisited + " files.");
        this.filesVisited = filesVisited;
    }

    public int filesVisited() {
        return filesVisited;
    }
}
