package ai.flatkey.migrate.export;

import ai.flatkey.migrate.plan.MigrationPlan;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * The one entry point for exports: renders a plan in one or more {@link Format}s and writes the files into a folder,
 * each atomically (temp file, fsync, rename), named after the plan ({@code support-bot-checklist.md}, …). Everything
 * rendered depends on the plan alone, and every text in it passes {@link KeyScrubber} first. The clock stamps HTML,
 * PDF and JSON; Markdown, JUnit XML, .env files and snippets carry no export time, so they diff cleanly.
 */
public final class Exporter {

    private final Clock clock;
    private final String generator;

    public Exporter(Clock clock, String generator) {
        this.clock = Objects.requireNonNull(clock);
        this.generator = Objects.requireNonNull(generator);
    }

    /** An exporter that names this build as the generator. */
    public Exporter(Clock clock) {
        this(clock, "Flatkey Migration Assistant " + version());
    }

    private static String version() {
        String v = Exporter.class.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }

    /** The stem every exported file name starts with, from the plan name ("support-bot-to-flatkey"). */
    public static String baseName(MigrationPlan plan) {
        return Text.slug(plan);
    }

    /** The file (or, for snippets, folder) name a format is written under. */
    public static String fileName(MigrationPlan plan, Format format) {
        return fileName(baseName(plan), format);
    }

    /** The file (or, for snippets, folder) name a format is written under, for a given stem. */
    public static String fileName(String base, Format format) {
        return switch (format) {
            case MARKDOWN -> base + "-checklist.md";
            case HTML -> base + "-checklist.html";
            case PDF -> base + "-checklist.pdf";
            case JSON -> base + "-export.json";
            case JUNIT -> base + "-junit.xml";
            case ENV -> base + "-flatkey.env";
            case SNIPPETS -> base + "-snippets";
        };
    }

    /** Renders one format; most give one file, .env gives two and snippets a folder's worth. */
    public List<ExportFile> render(MigrationPlan plan, Format format) throws IOException {
        return render(plan, format, baseName(plan));
    }

    /** Renders one format with file names that start with {@code base} (see {@link #stem(String)}). */
    public List<ExportFile> render(MigrationPlan plan, Format format, String base) throws IOException {
        Objects.requireNonNull(plan);
        base = stem(base);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return switch (format) {
            case MARKDOWN -> List.of(ExportFile.text(format, fileName(base, format), ChecklistMarkdown.render(plan)));
            case HTML -> List.of(ExportFile.text(format, fileName(base, format), ChecklistHtml.render(plan, now, generator)));
            case PDF -> List.of(new ExportFile(format, fileName(base, format), ChecklistPdf.render(plan, now, generator)));
            case JSON -> List.of(ExportFile.text(format, fileName(base, format), PlanJson.render(plan, now, generator)));
            case JUNIT -> List.of(ExportFile.text(format, fileName(base, format), JunitXml.render(plan)));
            case ENV -> List.of(ExportFile.text(format, base + "-flatkey.env", EnvFiles.newConfig(plan)),
                    ExportFile.text(format, base + "-rollback.env", EnvFiles.rollbackConfig(plan)));
            case SNIPPETS -> {
                String dir = fileName(base, format) + "/";
                List<ClientSnippets.Snippet> snippets = ClientSnippets.render(plan);
                List<ExportFile> files = new ArrayList<>();
                files.add(ExportFile.text(format, dir + "README.md", ClientSnippets.readme(plan, snippets)));
                snippets.forEach(s -> files.add(ExportFile.text(format, dir + s.fileName(), s.text())));
                yield List.copyOf(files);
            }
        };
    }

    /** Renders several formats, in {@link Format} order. */
    public List<ExportFile> render(MigrationPlan plan, Collection<Format> formats) throws IOException {
        return render(plan, formats, baseName(plan));
    }

    private List<ExportFile> render(MigrationPlan plan, Collection<Format> formats, String base) throws IOException {
        List<ExportFile> files = new ArrayList<>();
        for (Format f : formats.isEmpty() ? EnumSet.noneOf(Format.class) : EnumSet.copyOf(formats)) {
            files.addAll(render(plan, f, base));
        }
        return files;
    }

    /** A safe file-name stem: letters, digits, dot, dash and underscore; "migration" if nothing is left. */
    public static String stem(String base) {
        String s = base == null ? "" : base.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[.-]+|-+$", "");
        return s.isEmpty() ? "migration" : s;
    }

    /** Writes one format into {@code outDir}; returns the files written. */
    public List<Path> export(MigrationPlan plan, Format format, Path outDir) throws IOException {
        return export(plan, EnumSet.of(format), outDir);
    }

    /**
     * Renders every format first (so a rendering failure writes nothing), then writes each file atomically into
     * {@code outDir}, creating it if needed. Returns the files written, in order.
     */
    public List<Path> export(MigrationPlan plan, Collection<Format> formats, Path outDir) throws IOException {
        return export(plan, formats, outDir, baseName(plan));
    }

    /** As {@link #export(MigrationPlan, Collection, Path)}, with file names that start with {@code base}. */
    public List<Path> export(MigrationPlan plan, Collection<Format> formats, Path outDir, String base) throws IOException {
        List<ExportFile> files = render(plan, formats, base);
        Path dir = outDir.toAbsolutePath().normalize();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new FileAlreadyExistsException(dir.toString(), null, "it is a file, not a folder; choose a folder to export into");
        }
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        for (ExportFile f : files) {
            Path target = dir.resolve(f.name()).normalize();
            if (!target.startsWith(dir)) {
                throw new IOException("refused to write " + f.name() + " outside " + dir);
            }
            writeAtomically(target, f.content());
            written.add(target);
        }
        return written;
    }

    /** Writes bytes to a file atomically: a temp file in the same folder, fsync, then a rename over the target. */
    public static void writeAtomically(Path file, byte[] content) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        if (Files.isDirectory(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "a folder has that name");
        }
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
