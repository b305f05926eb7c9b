package ai.flatkey.migrate.ui.doc;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Opens every file dialog in the folder the person last used in one (picked a file in, or picked), for this session;
 * before any, where the caller suggests (the plan's folder, or the folder of the most recent plan). Without it each
 * dialog started over in the home folder.
 */
public final class RememberingFileDialogs implements FileDialogs {

    private final FileDialogs dialogs;
    private Path last;

    /** @param lastUsed the folder to start in before any dialog was used (may be null) */
    public RememberingFileDialogs(FileDialogs dialogs, Path lastUsed) {
        this.dialogs = Objects.requireNonNull(dialogs);
        this.last = lastUsed;
    }

    @Override
    public Optional<Path> openPlan(Path suggestedDir) {
        return file(dialogs.openPlan(dir(suggestedDir)));
    }

    @Override
    public Optional<Path> savePlan(Path suggestedDir, String suggestedName) {
        return file(dialogs.savePlan(dir(suggestedDir), suggestedName));
    }

    @Override
    public Optional<Path> saveExport(Path suggestedDir, String suggestedName, String description, String extension) {
        return file(dialogs.saveExport(dir(suggestedDir), suggestedName, description, extension));
    }

    @Override
    public Optional<Path> openImport(Path suggestedDir, String description, String extension) {
        return file(dialogs.openImport(dir(suggestedDir), description, extension));
    }

    @Override
    public Optional<Path> chooseFolder(Path suggestedDir, String title) {
        Optional<Path> folder = dialogs.chooseFolder(dir(suggestedDir), title);
        folder.ifPresent(f -> last = f.toAbsolutePath());
        return folder;
    }

    /** The folder the next dialog opens in. */
    public Path lastUsed() {
        return last;
    }

    private Path dir(Path suggested) {
        return last != null ? last : suggested;
    }

    private Optional<Path> file(Optional<Path> chosen) {
        chosen.map(p -> p.toAbsolutePath().getParent()).ifPresent(d -> last = d);
        return chosen;
    }
}
