package ai.flatkey.migrate.ui.step.mapping;

import ai.flatkey.migrate.plan.MappingCsv;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.ui.doc.FileDialogs;
import ai.flatkey.migrate.ui.support.Background;
import ai.flatkey.migrate.ui.support.BackgroundTask;
import ai.flatkey.migrate.ui.support.Tone;

import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.ToIntFunction;

/** Step 3's CSV import and export of the mapping table: the person picks the file, the disk work runs off the UI thread. */
final class CsvTransfer {

    private static final long MAX_BYTES = 5L * 1024 * 1024;

    private final FileDialogs files;
    private final Background background;
    private final BiConsumer<String, Tone> say;

    CsvTransfer(FileDialogs files, Background background, BiConsumer<String, Tone> say) {
        this.files = files;
        this.background = background;
        this.say = say;
    }

    /** Writes {@code mappings} to a CSV file the person picks. */
    void export(List<ModelMapping> mappings) {
        Optional<Path> to = files.saveExport(home(), "model-mapping.csv", "Model mapping CSV", "csv");
        if (to.isEmpty()) {
            return;
        }
        String csv = MappingCsv.write(mappings);
        background.start(BackgroundTask.of(cancel -> {
            Path parent = to.get().toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return Files.writeString(to.get(), csv, StandardCharsets.UTF_8);
        }).onSuccess(p -> say.accept("Exported " + mappings.size() + " rows to " + p.toAbsolutePath() + ".", Tone.SUCCESS))
                .onError(e -> say.accept("Not exported: " + e.getMessage() + ". Pick another folder.", Tone.DANGER)));
    }

    /** Reads rows from a CSV file the person picks and hands them to {@code add}, which says how many it took. */
    void importInto(ToIntFunction<List<ModelMapping>> add) {
        Optional<Path> from = files.openImport(home(), "Model mapping CSV", "csv");
        if (from.isEmpty()) {
            return;
        }
        Path name = from.get().getFileName();
        background.start(BackgroundTask.of(cancel -> {
            if (Files.size(from.get()) > MAX_BYTES) {
                throw new MappingCsv.CsvException("The file is larger than 5 MB; a mapping table is a few lines.");
            }
            return MappingCsv.read(Files.readString(from.get(), StandardCharsets.UTF_8));
        }).onSuccess(list -> {
            int n = add.applyAsInt(list);
            say.accept("Imported " + n + (n == 1 ? " row" : " rows") + " from " + name + ".", Tone.SUCCESS);
        }).onError(MalformedInputException.class, e -> say.accept("Nothing imported from " + name + ": the file is not UTF-8 text.", Tone.DANGER))
                .onError(e -> say.accept("Nothing imported from " + name + ": " + e.getMessage(), Tone.DANGER)));
    }

    private static Path home() {
        return Path.of(System.getProperty("user.home"));
    }
}
