package ai.flatkey.migrate.ui;

import ai.flatkey.migrate.ui.doc.FileDialogs;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** Answers file dialogs with paths queued by the test; an empty queue means "cancelled". */
public final class FakeFileDialogs implements FileDialogs {
    private final Deque<Path> answers = new ArrayDeque<>();
    private final java.util.List<Path> suggested = new java.util.ArrayList<>();
    private int asked;

    public synchronized FakeFileDialogs answer(Path p) {
        answers.add(p);
        return this;
    }

    public synchronized int asked() {
        return asked;
    }

    /** The folder each dialog was asked to open in, in order. */
    public synchronized java.util.List<Path> suggestedDirs() {
        return java.util.Collections.unmodifiableList(new java.util.ArrayList<>(suggested)); // may hold nulls
    }

    private synchronized Optional<Path> next(Path suggestedDir) {
        asked++;
        suggested.add(suggestedDir);
        return Optional.ofNullable(answers.poll());
    }

    @Override
    public Optional<Path> openPlan(Path suggestedDir) {
        return next(suggestedDir);
    }

    @Override
    public Optional<Path> savePlan(Path suggestedDir, String suggestedName) {
        return next(suggestedDir);
    }

    @Override
    public Optional<Path> saveExport(Path suggestedDir, String suggestedName, String description, String extension) {
        return next(suggestedDir);
    }

    @Override
    public Optional<Path> openImport(Path suggestedDir, String description, String extension) {
        return next(suggestedDir);
    }

    @Override
    public Optional<Path> chooseFolder(Path suggestedDir, String title) {
        return next(suggestedDir);
    }
}
