package ai.flatkey.migrate.ui;

import ai.flatkey.migrate.ui.doc.FileDialogs;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/** {@link FileDialogs} over the system file chooser. */
final class FxFileDialogs implements FileDialogs {

    private static final FileChooser.ExtensionFilter PLANS =
            new FileChooser.ExtensionFilter("Migration plans (*.json)", "*.json");
    private static final FileChooser.ExtensionFilter ALL = new FileChooser.ExtensionFilter("All files", "*.*");

    private final Supplier<Window> owner;

    FxFileDialogs(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public Optional<Path> openPlan(Path suggestedDir) {
        FileChooser fc = chooser("Open migration plan", suggestedDir);
        fc.getExtensionFilters().addAll(PLANS, ALL);
        return path(fc.showOpenDialog(owner.get()));
    }

    @Override
    public Optional<Path> savePlan(Path suggestedDir, String suggestedName) {
        FileChooser fc = chooser("Save migration plan", suggestedDir);
        fc.getExtensionFilters().addAll(PLANS, ALL);
        fc.setInitialFileName(suggestedName);
        return path(fc.showSaveDialog(owner.get()));
    }

    @Override
    public Optional<Path> saveExport(Path suggestedDir, String suggestedName, String description, String extension) {
        FileChooser fc = chooser("Export " + description, suggestedDir);
        fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter(description + " (*." + extension + ")", "*." + extension), ALL);
        fc.setInitialFileName(suggestedName);
        return path(fc.showSaveDialog(owner.get()));
    }

    @Override
    public Optional<Path> openImport(Path suggestedDir, String description, String extension) {
        FileChooser fc = chooser("Import " + description, suggestedDir);
        fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter(description + " (*." + extension + ")", "*." + extension), ALL);
        return path(fc.showOpenDialog(owner.get()));
    }

    @Override
    public Optional<Path> chooseFolder(Path suggestedDir, String title) {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle(title);
        if (suggestedDir != null && Files.isDirectory(suggestedDir)) {
            dc.setInitialDirectory(suggestedDir.toFile());
        }
        return path(dc.showDialog(owner.get()));
    }

    private static FileChooser chooser(String title, Path dir) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        if (dir != null && Files.isDirectory(dir)) {
            fc.setInitialDirectory(dir.toFile());
        }
        return fc;
    }

    private static Optional<Path> path(File f) {
        return f == null ? Optional.empty() : Optional.of(f.toPath());
    }
}
