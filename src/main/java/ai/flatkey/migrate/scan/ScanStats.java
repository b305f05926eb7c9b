package ai.flatkey.migrate.scan;

/**
 * Counts for one scan: files visited, files read, files analysed (passed the cheap pre-filter), and what was
 * skipped: ignored by .gitignore or a build/vendor folder, not a language the scanner reads, binary (counted among the
 * files that mention a trigger word, the only ones that would otherwise be analysed), too large, symlinks out of the
 * tree (or to folders), unreadable.
 */
public record ScanStats(int filesVisited, int filesRead, int filesAnalysed, int ignored, int otherTypes, int binary,
                        int tooLarge, int symlinksSkipped, int unreadable, long bytesRead, long millis) {
}
