package ai.flatkey.migrate.ui.step.checklist;

import ai.flatkey.migrate.ui.components.ChecklistRows;
import ai.flatkey.migrate.ui.components.ChecklistRow;
import ai.flatkey.migrate.export.ExportFile;
import ai.flatkey.migrate.export.Exporter;
import ai.flatkey.migrate.export.Format;
import ai.flatkey.migrate.plan.Checklist;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.ui.doc.FileDialogs;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.ui.support.Background;
import ai.flatkey.migrate.ui.support.BackgroundTask;
import ai.flatkey.migrate.ui.support.Bind;
import ai.flatkey.migrate.ui.support.Tone;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * Step 7, Checklist &amp; export: every checklist item with its status, evidence and note (editable), a live
 * Markdown preview, and export: the Markdown to a file, any other format to a file or folder, or every format into one
 * folder. Files are rendered and written off the UI thread; afterwards {@link #writtenFiles()} lists what was written.
 */
public final class ChecklistViewModel {

    /** One written file, as listed after an export: its path, its name within the export folder and its size. */
    public record Written(Path path, String name, long bytes) {
        @Override
        public String toString() {
            return name + "  (" + size(bytes) + ")";
        }
    }

    private final PlanDocument doc;
    private final ChecklistRows rows;
    private final Function<MigrationPlan, String> markdown;
    private final Exporter exporter;
    private final FileDialogs files;
    private final StringBinding preview;
    private final StringBinding progress;
    private final StringProperty exportMessage = new SimpleStringProperty(this, "exportMessage", "");
    private final ObjectProperty<Tone> exportTone = new SimpleObjectProperty<>(this, "exportTone", Tone.NEUTRAL);
    private final BackgroundTask.Slot exportTask;
    private final BooleanProperty exporting = new SimpleBooleanProperty(this, "exporting");
    private final ObservableList<Written> written = FXCollections.observableArrayList();

    public ChecklistViewModel(PlanDocument doc, Function<MigrationPlan, String> markdown, FileDialogs files, Background background) {
        this(doc, markdown, new Exporter(Clock.systemUTC()), files, background);
    }

    public ChecklistViewModel(PlanDocument doc, Function<MigrationPlan, String> markdown, Exporter exporter, FileDialogs files,
                              Background background) {
        this.doc = doc;
        this.rows = new ChecklistRows(doc, id -> true);
        this.markdown = markdown;
        this.exporter = Objects.requireNonNull(exporter);
        this.files = files;
        this.exportTask = new BackgroundTask.Slot(background);
        preview = Bind.text(() -> markdown.apply(doc.plan()), doc.planProperty());
        progress = Bind.text(() -> {
            var entries = Checklist.derive(doc.plan());
            return Checklist.doneCount(entries) + " of " + entries.size() + " items done or not applicable.";
        }, doc.planProperty());
        // a New or Open makes the last export's list stale
        doc.revisionProperty().addListener((o, a, b) -> {
            if (!exporting.get()) {
                exportMessage.set("");
                written.clear();
            }
        });
    }

    public ObservableList<ChecklistRow> rows() {
        return rows.rows();
    }

    public StringBinding previewProperty() {
        return preview;
    }

    public StringBinding progressProperty() {
        return progress;
    }

    public ReadOnlyStringProperty exportMessageProperty() {
        return exportMessage;
    }

    /** How the export message reads: neutral while writing, success or danger afterwards. */
    public ReadOnlyObjectProperty<Tone> exportToneProperty() {
        return exportTone;
    }

    public ReadOnlyBooleanProperty exportingProperty() {
        return exporting;
    }

    /** The files the last export wrote (empty before one, or after the plan changed). */
    public ObservableList<Written> writtenFiles() {
        return FXCollections.unmodifiableObservableList(written);
    }

    /** The file name offered for the Markdown export, from the plan name. */
    public String suggestedName() {
        return Exporter.fileName(doc.plan(), Format.MARKDOWN);
    }

    private Path suggestedDir() {
        return doc.file() != null && doc.file().toAbsolutePath().getParent() != null
                ? doc.file().toAbsolutePath().getParent() : Path.of(System.getProperty("user.home"));
    }

    /** Asks for a file and writes the Markdown checklist (exactly the preview) to it off the UI thread. */
    public void exportMarkdown() {
        if (exporting.get()) {
            return;
        }
        Optional<Path> chosen = files.saveExport(suggestedDir(), suggestedName(), "Markdown", "md");
        if (chosen.isEmpty()) {
            return;
        }
        Path out = chosen.get().toAbsolutePath();
        byte[] bytes = markdown.apply(doc.plan()).getBytes(StandardCharsets.UTF_8);
        start("Writing " + out + "…", out, () -> {
            Exporter.writeAtomically(out, bytes);
            return List.of(out);
        }, "the checklist");
    }

    /**
     * Exports one format: a single-file format to a file the person chooses; .env files and snippets (several files)
     * into a folder they choose.
     */
    public void export(Format format) {
        if (format == Format.MARKDOWN) {
            exportMarkdown();
            return;
        }
        if (exporting.get()) {
            return;
        }
        MigrationPlan plan = doc.plan();
        if (format == Format.ENV || format == Format.SNIPPETS) {
            Optional<Path> dir = files.chooseFolder(suggestedDir(), "Export " + format.description() + " into a folder");
            if (dir.isPresent()) {
                Path out = dir.get().toAbsolutePath();
                start("Writing " + format.description() + " into " + out + "…", out,
                        () -> exporter.export(plan, format, out), format.description());
            }
            return;
        }
        String ext = switch (format) {
            case JUNIT -> "xml";
            default -> format.cliName();
        };
        Optional<Path> chosen = files.saveExport(suggestedDir(), Exporter.fileName(plan, format), format.description(), ext);
        if (chosen.isEmpty()) {
            return;
        }
        Path out = chosen.get().toAbsolutePath();
        start("Writing " + out + "…", out, () -> {
            List<ExportFile> rendered = exporter.render(plan, format);
            Exporter.writeAtomically(out, rendered.get(0).content());
            return List.of(out);
        }, "the " + format.description());
    }

    /** Asks for a folder and writes every format into it. */
    public void exportAll() {
        if (exporting.get()) {
            return;
        }
        Optional<Path> dir = files.chooseFolder(suggestedDir(), "Export every format into a folder");
        if (dir.isEmpty()) {
            return;
        }
        MigrationPlan plan = doc.plan();
        Path out = dir.get().toAbsolutePath();
        start("Writing every format into " + out + "…", out, () -> exporter.export(plan, Format.ALL, out), "every format");
    }

    private void start(String progressText, Path where, Callable<List<Path>> work, String what) {
        exporting.set(true);
        exportTone.set(Tone.NEUTRAL);
        exportMessage.set(progressText);
        written.clear();
        exportTask.start(BackgroundTask.of(cancel -> listed(where, work.call()))
                .onSuccess(done -> {
                    exportTone.set(Tone.SUCCESS);
                    written.setAll(done);
                    exportMessage.set(done.size() == 1
                            ? "Exported " + what + " to " + done.get(0).path() + " (" + size(done.get(0).bytes()) + ")."
                            : "Exported " + done.size() + " files into " + where + ". No key values are included.");
                })
                .onError(error -> {
                    exportTone.set(Tone.DANGER);
                    exportMessage.set("Could not export " + what + " to " + where + ": " + describe(error)
                            + ". Files already there were left as they were.");
                })
                .andFinally(() -> exporting.set(false)));
    }

    /** The written files with their names within {@code where} and their sizes. */
    private static List<Written> listed(Path where, List<Path> paths) throws java.io.IOException {
        List<Written> done = new ArrayList<>();
        for (Path p : paths) {
            String name = p.startsWith(where) && !p.equals(where) ? where.relativize(p).toString().replace('\\', '/')
                    : String.valueOf(p.getFileName());
            done.add(new Written(p, name, Files.size(p)));
        }
        return done;
    }

    private static String describe(Throwable e) {
        if (e instanceof AccessDeniedException a) {
            return "permission denied for " + a.getFile();
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getFile() + ": " + f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }
}
