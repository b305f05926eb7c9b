package ai.flatkey.migrate.scan;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Walks a folder and reports OpenAI-compatible client use. The calling thread walks the tree (honouring .gitignore
 * files, skipping VCS, dependency and build folders, and never following a symlink out of the tree) and hands
 * files to {@link ScanOptions#threads()} workers through a bounded queue; a worker reads a file only if its name is a
 * language the scanner knows and it is under the size limit, skips it if it looks binary (a NUL byte in its first
 * 8 KB), and analyses it only if a cheap byte-level pre-filter finds one of the trigger words.
 */
public final class Scanner {

    /** Folder names never entered: version control, dependencies, virtualenvs, caches and build outputs. */
    public static final Set<String> SKIPPED_DIRS = Set.of(".git", ".hg", ".svn", "node_modules", "target", "build", "dist",
            "out", ".venv", "venv", "__pycache__", ".gradle", ".idea", "vendor", ".tox", ".mypy_cache", ".pytest_cache",
            ".next", ".nuxt", "bin", "obj", ".terraform", "coverage");

    private static final int SNIFF_BYTES = 8000;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    /** Tells a worker that the walk is over (compared by identity: a list of its own, not the shared List.of()). */
    private static final List<Task> POISON = new ArrayList<>(0);
    /**
     * Files handed to a worker at a time: one queue hand-off (and at most one wake-up) per batch instead of per file,
     * which on a large tree saved more CPU than the hand-offs' bookkeeping costs.
     */
    private static final int BATCH = 32;

    private final ThreadFactory threads;

    /** @param threads makes the worker threads (named, daemon) */
    public Scanner(ThreadFactory threads) {
        this.threads = threads;
    }

    /** @param size the size the walk saw, or -1 when not known (a symlink: the walk saw the link) */
    private record Task(Path path, String rel, Language lang, long size) {
    }

    private static final class Counters {
        final AtomicInteger visited = new AtomicInteger();
        final AtomicInteger read = new AtomicInteger();
        final AtomicInteger analysed = new AtomicInteger();
        final AtomicInteger ignored = new AtomicInteger();
        final AtomicInteger otherTypes = new AtomicInteger();
        final AtomicInteger binary = new AtomicInteger();
        final AtomicInteger tooLarge = new AtomicInteger();
        final AtomicInteger symlinks = new AtomicInteger();
        final AtomicInteger unreadable = new AtomicInteger();
        final AtomicLong bytes = new AtomicLong();
    }

    /**
     * Scans {@code root}. Blocks until done; checks {@code cancelled} between files.
     *
     * @throws IOException             the folder does not exist, is not a folder, or cannot be listed
     * @throws ScanCancelledException  {@code cancelled} became true
     */
    public ScanResult scan(Path root, ScanOptions options, ScanListener listener, BooleanSupplier cancelled)
            throws IOException, ScanCancelledException {
        long t0 = System.nanoTime();
        if (!Files.exists(root)) {
            throw new NoSuchFileException(root.toString(), null, "the folder does not exist");
        }
        if (!Files.isDirectory(root)) {
            throw new IOException(root + " is a file, not a folder: choose the folder that holds the project");
        }
        Path realRoot = root.toRealPath();
        Counters n = new Counters();
        BlockingQueue<List<Task>> queue = new ArrayBlockingQueue<>(4096 / BATCH);
        List<List<FileReport>> perWorker = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < options.threads(); i++) {
            List<FileReport> out = new ArrayList<>();
            perWorker.add(out);
            Thread t = threads.newThread(() -> work(queue, out, options, n, listener, cancelled));
            workers.add(t);
            t.start();
        }
        try {
            Walker walker = new Walker(realRoot, queue, n, listener, cancelled);
            Files.walkFileTree(realRoot, walker);
            walker.flush();
        } finally {
            for (int i = 0; i < workers.size(); i++) {
                putUninterruptibly(queue, POISON);
            }
            for (Thread t : workers) {
                joinUninterruptibly(t);
            }
        }
        if (cancelled.getAsBoolean()) {
            throw new ScanCancelledException(n.visited.get());
        }
        List<FileReport> reports = new ArrayList<>();
        for (List<FileReport> done : perWorker) {
            reports.addAll(done);
        }
        reports.sort(REPORTS_BY_FILE);
        ScanStats stats = new ScanStats(n.visited.get(), n.read.get(), n.analysed.get(), n.ignored.get(), n.otherTypes.get(),
                n.binary.get(), n.tooLarge.get(), n.symlinks.get(), n.unreadable.get(), n.bytes.get(),
                (System.nanoTime() - t0) / 1_000_000);
        return assemble(root.toString(), reports, options, stats);
    }

    private void work(BlockingQueue<List<Task>> queue, List<FileReport> out, ScanOptions options, Counters n,
                      ScanListener listener, BooleanSupplier cancelled) {
        Buffer buffer = new Buffer();
        while (true) {
            List<Task> batch;
            try {
                batch = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (batch == POISON) {
                return;
            }
            for (Task task : batch) {
                if (cancelled.getAsBoolean()) {
                    break;
                }
                try {
                    FileReport r = readAndAnalyse(task, options, n, buffer);
                    if (r != null && (!r.findings().isEmpty() || !r.config().isEmpty())) {
                        out.add(r);
                    }
                } catch (IOException | RuntimeException | StackOverflowError e) {
                    n.unreadable.incrementAndGet();
                }
                listener.progress(n.visited.incrementAndGet());
            }
        }
    }

    /**
     * A worker's read buffer, reused from file to file and grown (up to the size limit) when a file needs more; and its
     * analyser, made when the first file passes the pre-filter (loading the rules takes a while: this way it happens
     * on a worker while the tree is being walked and read, not before).
     */
    private static final class Buffer {
        byte[] bytes = new byte[64 * 1024];
        int length;
        private Analyzer analyzer;

        Analyzer analyzer() {
            if (analyzer == null) {
                analyzer = new Analyzer();
            }
            return analyzer;
        }

        /**
         * Reads the file whole; false (and nothing read) when it is larger than {@code max}. {@code knownSize} is the
         * size the walk saw (saves asking again), or -1.
         */
        boolean read(Path path, long knownSize, long max) throws IOException {
            if (knownSize > max) {
                return false;
            }
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
                long size = knownSize >= 0 ? knownSize : ch.size();
                if (size > max) {
                    return false;
                }
                length = 0;
                while (true) {
                    if (length == bytes.length) {
                        if (length > max) {
                            return false; // grew while being read
                        }
                        bytes = Arrays.copyOf(bytes, (int) Math.min(max + 1, Math.max(size + 1, 2L * bytes.length)));
                    }
                    int got = ch.read(ByteBuffer.wrap(bytes, length, bytes.length - length));
                    if (got < 0) {
                        return length <= max;
                    }
                    length += got;
                    if (length == size && length < bytes.length) {
                        return true; // all the bytes the file had when opened: no extra read to see the end
                    }
                }
            }
        }
    }

    private FileReport readAndAnalyse(Task task, ScanOptions options, Counters n, Buffer buffer) throws IOException {
        if (!buffer.read(task.path(), task.size(), options.maxFileBytes())) {
            n.tooLarge.incrementAndGet();
            return null;
        }
        byte[] bytes = buffer.bytes;
        int length = buffer.length;
        n.read.incrementAndGet();
        n.bytes.addAndGet(length);
        if (!Prefilter.mayMatch(bytes, length)) {
            return null; // nothing to analyse, text or not
        }
        // Sniffed only in files that mention a trigger: the others are passed over whatever they hold, and on a large
        // tree the sniff cost as much CPU as the pre-filter's search of the same bytes.
        if (hasNul(bytes, Math.min(length, SNIFF_BYTES))) {
            n.binary.incrementAndGet();
            return null;
        }
        n.analysed.incrementAndGet();
        String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        return buffer.analyzer().analyze(task.rel(), task.lang(), text);
    }

    /** Whether {@code b[0..len)} holds a zero byte; eight bytes per step (the classic has-zero-byte bit trick). */
    static boolean hasNul(byte[] b, int len) {
        int i = 0;
        for (; i + Long.BYTES <= len; i += Long.BYTES) {
            long x = (long) LONGS.get(b, i);
            if (((x - ONES) & ~x & HIGHS) != 0) {
                return true;
            }
        }
        for (; i < len; i++) {
            if (b[i] == 0) {
                return true;
            }
        }
        return false;
    }

    private static final class Walker extends SimpleFileVisitor<Path> {
        private final Path root;
        private final BlockingQueue<List<Task>> queue;
        private List<Task> batch = new ArrayList<>(BATCH);
        private final Counters n;
        private final ScanListener listener;
        private final BooleanSupplier cancelled;
        /** .gitignore rule sets from the root down to the current folder, with the folder each applies to. */
        private final Deque<Map.Entry<String, GitIgnore>> ignores = new ArrayDeque<>();

        Walker(Path root, BlockingQueue<List<Task>> queue, Counters n, ScanListener listener, BooleanSupplier cancelled) {
            this.root = root;
            this.queue = queue;
            this.n = n;
            this.listener = listener;
            this.cancelled = cancelled;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (cancelled.getAsBoolean()) {
                return FileVisitResult.TERMINATE;
            }
            String rel = ignores.isEmpty() ? "" : child(dir.getFileName().toString());
            if (!rel.isEmpty()) {
                String name = dir.getFileName().toString();
                if (SKIPPED_DIRS.contains(name) || ignored(rel, true)) {
                    n.ignored.incrementAndGet();
                    return FileVisitResult.SKIP_SUBTREE;
                }
            }
            Path gi = dir.resolve(".gitignore");
            GitIgnore rules = null;
            if (Files.isRegularFile(gi, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    if (Files.size(gi) < 1_000_000) {
                        rules = GitIgnore.parse(Files.readString(gi, StandardCharsets.UTF_8));
                    }
                } catch (IOException | RuntimeException unreadable) {
                    n.unreadable.incrementAndGet();
                }
            }
            ignores.addLast(Map.entry(rel, rules == null ? GitIgnore.parse("") : rules));
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException exc) {
            ignores.pollLast();
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (cancelled.getAsBoolean()) {
                return FileVisitResult.TERMINATE;
            }
            String name = file.getFileName().toString();
            if (attrs.isSymbolicLink()) {
                if (!linkInsideTree(file)) {
                    count(n.symlinks);
                    return FileVisitResult.CONTINUE;
                }
            } else if (!attrs.isRegularFile()) {
                count(n.otherTypes);
                return FileVisitResult.CONTINUE;
            }
            Language lang = Language.of(name);
            if (lang == null) {
                count(n.otherTypes);
                return FileVisitResult.CONTINUE;
            }
            String rel = child(name);
            if (ignored(rel, false)) {
                count(n.ignored);
                return FileVisitResult.CONTINUE;
            }
            batch.add(new Task(file, rel, lang, attrs.isSymbolicLink() ? -1 : attrs.size()));
            if (batch.size() == BATCH) {
                flush();
            }
            return FileVisitResult.CONTINUE;
        }

        /** Hands the files collected so far to the workers. */
        void flush() {
            if (!batch.isEmpty()) {
                putUninterruptibly(queue, batch);
                batch = new ArrayList<>(BATCH);
            }
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException exc) {
            if (file.equals(root)) {
                return FileVisitResult.TERMINATE;
            }
            count(n.unreadable);
            return FileVisitResult.CONTINUE;
        }

        private void count(AtomicInteger c) {
            c.incrementAndGet();
            listener.progress(n.visited.incrementAndGet());
        }

        /** A symlink is read only if it points to a regular file inside the scanned tree. */
        private boolean linkInsideTree(Path link) {
            try {
                Path real = link.toRealPath();
                return real.startsWith(root) && Files.isRegularFile(real);
            } catch (IOException | SecurityException e) {
                return false;
            }
        }

        /**
         * The path relative to the root of an entry of the folder being walked (the last one entered: files are visited
         * between entering and leaving their folder), built from that folder's relative path, not by relativizing.
         */
        private String child(String name) {
            String dir = ignores.peekLast().getKey();
            return dir.isEmpty() ? name : dir + "/" + name;
        }

        private boolean ignored(String rel, boolean dir) {
            GitIgnore.Match result = GitIgnore.Match.NONE;
            for (Map.Entry<String, GitIgnore> e : ignores) {
                String base = e.getKey();
                if (e.getValue().isEmpty()) {
                    continue;
                }
                String sub = base.isEmpty() ? rel : rel.startsWith(base + "/") ? rel.substring(base.length() + 1) : null;
                if (sub == null) {
                    continue;
                }
                GitIgnore.Match m = e.getValue().match(sub, dir);
                if (m != GitIgnore.Match.NONE) {
                    result = m;
                }
            }
            return result == GitIgnore.Match.IGNORED;
        }
    }

    // ------------------------------------------------------------------ assembling the result

    static ScanResult assemble(String root, List<FileReport> reports, ScanOptions options, ScanStats stats) {
        Map<String, FileReport.ConfigValue> config = new LinkedHashMap<>();
        for (FileReport r : reports) {
            for (Map.Entry<String, FileReport.ConfigValue> e : r.config().entrySet()) {
                config.putIfAbsent(e.getKey(), e.getValue());
                config.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
            }
        }
        java.util.function.Function<String, String> lookup = name -> {
            FileReport.ConfigValue cv = config.get(name);
            if (cv == null) {
                cv = config.get(name.toLowerCase(Locale.ROOT));
            }
            return cv == null ? null : cv.value();
        };
        // Across files: the clients by variable name (one provider per name, else none), the exported constants (one value per name).
        Map<String, String> clientVars = new java.util.HashMap<>();
        Map<String, FileReport.Constant> constants = new java.util.HashMap<>();
        Set<String> clashes = new java.util.HashSet<>();
        for (FileReport r : reports) {
            r.clientVars().forEach((var, provider) -> clientVars.merge(var, Providers.resolve(provider, lookup),
                    (a, b) -> a.equals(b) ? a : Analyzer.AMBIGUOUS));
            r.constants().forEach((name, c) -> {
                FileReport.Constant old = constants.putIfAbsent(name, c);
                if (old != null && !(java.util.Objects.equals(old.literal(), c.literal()) && java.util.Objects.equals(old.envName(), c.envName()))) {
                    clashes.add(name);
                }
            });
        }
        clashes.forEach(constants::remove);
        List<Finding> all = new ArrayList<>();
        List<CallSite> calls = new ArrayList<>();
        for (FileReport r : reports) {
            List<Finding> fs = new ArrayList<>(r.findings());
            for (FileReport.PendingRef p : r.pending()) {
                Finding f = fs.get(p.index());
                FileReport.ConfigValue cv = config.get(p.name());
                if (cv == null) {
                    cv = config.get(p.name().toLowerCase(Locale.ROOT));
                }
                if (cv == null) {
                    cv = fromConstant(constants.get(p.name()), config);
                }
                fs.set(p.index(), resolved(f, p, cv));
            }
            for (int i = 0; i < fs.size(); i++) {
                fs.set(i, resolvedProvider(fs.get(i), lookup));
            }
            List<CallSite> mine = new ArrayList<>(r.calls());
            for (FileReport.PendingCall pc : r.pendingCalls()) {
                String provider = clientVars.get(pc.receiver());
                if (provider != null && !provider.equals(Analyzer.AMBIGUOUS) && mine.get(pc.call()).provider().isEmpty()) {
                    mine.set(pc.call(), mine.get(pc.call()).withProvider(provider));
                    for (int k : pc.findings()) {
                        if (fs.get(k).provider().isEmpty()) {
                            fs.set(k, fs.get(k).withProvider(provider));
                        }
                    }
                }
            }
            all.addAll(fs);
            for (CallSite c : mine) {
                CallSite m = c.model().isEmpty() ? withModelNear(c, fs) : c;
                calls.add(Providers.isRef(m.provider()) ? m.withProvider(Providers.resolve(m.provider(), lookup)) : m);
            }
        }
        providers(all, calls);
        all.addAll(risks(all, calls, options));
        all.sort(BY_PLACE);
        List<Finding> numbered = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            numbered.add(all.get(i).withId("f".concat(Integer.toString(i + 1)))); // no string-concat bootstrap at the end of a scan
        }
        calls.sort(CALLS_BY_PLACE);
        return new ScanResult(root, numbered, calls, stats);
    }

    /*
     * The orders of the result, written out rather than as lambdas or chains of key-extracting comparators: the result
     * is assembled once per scan, in code not yet compiled, where each lambda's bootstrap costs more than its sort.
     */

    /** Findings by file, line, kind and value. */
    private static final Comparator<Finding> BY_PLACE = new Comparator<>() {
        @Override
        public int compare(Finding a, Finding b) {
            return byPlace(a, b);
        }
    };
    private static final Comparator<Finding> BY_FILE_AND_LINE = new Comparator<>() {
        @Override
        public int compare(Finding a, Finding b) {
            return byFileAndLine(a, b);
        }
    };
    private static final Comparator<CallSite> CALLS_BY_PLACE = new Comparator<>() {
        @Override
        public int compare(CallSite a, CallSite b) {
            int c = a.file().compareTo(b.file());
            return c != 0 ? c : Integer.compare(a.line(), b.line());
        }
    };
    private static final Comparator<FileReport> REPORTS_BY_FILE = new Comparator<>() {
        @Override
        public int compare(FileReport a, FileReport b) {
            return a.file().compareTo(b.file());
        }
    };

    private static int byPlace(Finding a, Finding b) {
        int c = byFileAndLine(a, b);
        if (c != 0) {
            return c;
        }
        c = a.kind().compareTo(b.kind());
        return c != 0 ? c : a.value().compareTo(b.value());
    }

    private static int byFileAndLine(Finding a, Finding b) {
        int c = a.file().compareTo(b.file());
        return c != 0 ? c : Integer.compare(a.line(), b.line());
    }

    private static Finding resolved(Finding f, FileReport.PendingRef p, FileReport.ConfigValue cv) {
        if (p.baseUrl()) {
            if (cv != null && Analyzer.isUrl(cv.value())) {
                return new Finding("", f.file(), f.line(), f.snippet(), Confidence.MEDIUM, FindingKind.BASE_URL, InventoryField.NONE,
                        Analyzer.trimSlash(cv.value()), f.detail() + " (" + p.name() + " = " + cv.value() + " at " + cv.file() + ":" + cv.line() + ")",
                        f.provider());
            }
            return f;
        }
        InventoryField field = p.deployment() || Analyzer.tokens(p.name()).contains("deployment") ? InventoryField.DEPLOYMENT : InventoryField.MODEL;
        if (cv != null && !cv.value().contains(" ") && !Analyzer.isUrl(cv.value()) && cv.value().length() <= 100) {
            return new Finding("", f.file(), f.line(), f.snippet(), Confidence.MEDIUM, FindingKind.MODEL, field,
                    cv.value(), f.detail() + " (" + p.name() + " = " + cv.value() + " at " + cv.file() + ":" + cv.line() + ")", f.provider());
        }
        if (p.defaultValue() != null && !p.defaultValue().isBlank()) {
            return new Finding("", f.file(), f.line(), f.snippet(), Confidence.MEDIUM, FindingKind.MODEL, field,
                    p.defaultValue(), f.detail() + " (default when " + p.name() + " is not set)", f.provider());
        }
        return f;
    }

    private static CallSite withModelNear(CallSite c, List<Finding> fs) {
        for (Finding f : fs) {
            if (f.kind() == FindingKind.MODEL && f.line() >= c.line() && f.line() <= c.line() + 30) {
                return c.withModel(f.value());
            }
        }
        return c;
    }

    /**
     * A constant another file defines, as the value a reference to it resolves to: its literal, or the configuration
     * value of the environment variable it reads (else that read's default); null when none is known.
     */
    private static FileReport.ConfigValue fromConstant(FileReport.Constant c, Map<String, FileReport.ConfigValue> config) {
        if (c == null) {
            return null;
        }
        if (c.literal() != null) {
            return new FileReport.ConfigValue(c.name(), c.literal(), c.file(), c.line());
        }
        FileReport.ConfigValue env = config.get(c.envName());
        if (env != null) {
            return env;
        }
        return c.defaultValue() == null || c.defaultValue().isBlank() ? null
                : new FileReport.ConfigValue(c.envName(), c.defaultValue(), c.file(), c.line());
    }

    /** A finding with its provider (and, for a provider finding, its value) resolved against the tree's configuration. */
    private static Finding resolvedProvider(Finding f, java.util.function.Function<String, String> lookup) {
        Finding out = f;
        if (Providers.isRef(out.provider())) {
            out = out.withProvider(Providers.resolve(out.provider(), lookup));
        }
        if (out.kind() == FindingKind.PROVIDER && Providers.isRef(out.value())) {
            out = out.withValue(out.provider());
        }
        return out;
    }

    /**
     * After references are resolved: a provider finding repeated on a line (two references that turned out the same) is
     * dropped; when the whole tree talks to one provider, whatever the scan could not attribute is that provider's; and
     * the model an Azure OpenAI client sends is a deployment name.
     */
    private static void providers(List<Finding> all, List<CallSite> calls) {
        Set<String> seen = new java.util.HashSet<>();
        Set<String> names = new LinkedHashSet<>();
        for (java.util.Iterator<Finding> it = all.iterator(); it.hasNext(); ) {
            Finding f = it.next();
            if (f.kind() == FindingKind.PROVIDER) {
                if (!seen.add(f.file() + "\n" + f.line() + "\n" + f.value())) {
                    it.remove();
                } else {
                    names.add(f.value());
                }
            }
        }
        for (CallSite c : calls) {
            if (!c.provider().isEmpty()) {
                names.add(c.provider());
            }
        }
        String single = names.size() == 1 ? names.iterator().next() : null;
        if (single != null) {
            for (int i = 0; i < calls.size(); i++) {
                if (calls.get(i).provider().isEmpty()) {
                    calls.set(i, calls.get(i).withProvider(single));
                }
            }
        }
        for (int i = 0; i < all.size(); i++) {
            Finding f = all.get(i);
            if (single != null && f.provider().isEmpty() && !f.kind().isRisk()) {
                f = f.withProvider(single);
            }
            if (f.kind() == FindingKind.MODEL && f.field() == InventoryField.MODEL
                    && (Providers.isAzure(f.provider()) || Providers.isLiteLlmAzure(f.value()))) {
                f = f.withField(InventoryField.DEPLOYMENT, f.detail() + " — an Azure OpenAI deployment name: the mapping asks for the model behind it");
            }
            all.set(i, f);
        }
    }

    private static List<Finding> risks(List<Finding> all, List<CallSite> calls, ScanOptions options) {
        List<Finding> risks = new ArrayList<>();
        // Plain loops, no streams or lambdas: this runs once per scan, cold, where each lambda's bootstrap costs more
        // than the loop.
        List<Finding> hardCoded = new ArrayList<>();
        Map<String, Finding> firstModel = new LinkedHashMap<>();
        for (Finding f : all) {
            if (f.kind() == FindingKind.BASE_URL && f.field() == InventoryField.CURRENT_BASE_URL && f.confidence() == Confidence.HIGH) {
                hardCoded.add(f);
            } else if (f.kind() == FindingKind.MODEL) {
                firstModel.putIfAbsent(f.value(), f);
            }
        }
        hardCoded.sort(BY_FILE_AND_LINE);
        // Per endpoint: one endpoint written in several places is one setting scattered; two providers' URLs are two
        // settings, each its own decision (see the provider findings).
        Map<String, List<Finding>> byEndpoint = new LinkedHashMap<>();
        for (Finding f : hardCoded) {
            byEndpoint.computeIfAbsent(Providers.endpointKey(f.value()), k -> new ArrayList<>()).add(f);
        }
        for (List<Finding> same : byEndpoint.values()) {
            Set<String> places = new LinkedHashSet<>();
            Set<String> urls = new LinkedHashSet<>();
            Finding first = null;
            for (Finding f : same) {
                places.add(f.location());
                urls.add(f.value());
                if (first == null && !Language.of(fileName(f.file())).isConfig()) {
                    first = f;
                }
            }
            if (places.size() >= 2) {
                Finding at = first != null ? first : same.get(0);
                risks.add(risk(at, FindingKind.RISK_REPEATED_BASE_URL, String.join(", ", urls), Confidence.HIGH, "base URL "
                        + String.join(" / ", urls) + " hard-coded in " + places.size() + " places (" + String.join(", ", places)
                        + "): keep it in one setting so switching gateways is one change").withProvider(at.provider()));
            }
        }
        for (Map.Entry<String, Finding> e : firstModel.entrySet()) {
            String model = e.getKey();
            if (!options.mappedModels().contains(model)) {
                boolean deployment = e.getValue().field() == InventoryField.DEPLOYMENT;
                risks.add(risk(e.getValue(), FindingKind.RISK_UNMAPPED_MODEL, model, Confidence.MEDIUM, deployment
                        ? "Azure deployment " + model + " is used here but the plan does not map it to the model behind it"
                        : "model " + model + " is used here but the plan does not map it to a target model").withProvider(e.getValue().provider()));
            }
        }
        Map<String, Finding> features = new LinkedHashMap<>();
        for (Finding f : all) {
            String feature = switch (f.kind()) {
                case CALL -> f.value().equals("chat") ? null : f.value();
                case PARAMETER -> switch (f.field()) {
                    case STREAM -> "streaming";
                    case TOOLS -> "tools";
                    case RESPONSE_FORMAT -> f.value();
                    case MESSAGE_SHAPE -> f.value().equals("image parts") ? "vision" : f.value().equals("developer messages") ? "developer role" : null;
                    case MAPPING_NOTES -> f.value().equals("stream_options") ? "stream_options (usage in streams)" : null;
                    default -> null;
                };
                default -> null;
            };
            if (feature != null) {
                features.putIfAbsent(feature, f);
            }
        }
        for (Map.Entry<String, Finding> e : features.entrySet()) {
            risks.add(risk(e.getValue(), FindingKind.RISK_NEEDS_SMOKE_CHECK, e.getKey(), Confidence.MEDIUM,
                    e.getKey() + " is used: it needs its own smoke check on the new gateway"));
        }
        return risks;
    }

    private static String fileName(String rel) {
        return rel.substring(rel.lastIndexOf('/') + 1);
    }

    private static Finding risk(Finding at, FindingKind kind, String value, Confidence c, String detail) {
        return new Finding("", at.file(), at.line(), at.snippet(), c, kind, InventoryField.NONE, value, detail);
    }

    private static void putUninterruptibly(BlockingQueue<List<Task>> q, List<Task> t) {
        boolean interrupted = false;
        while (true) {
            try {
                q.put(t);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

}
