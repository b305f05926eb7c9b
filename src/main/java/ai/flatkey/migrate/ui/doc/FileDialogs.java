package ai.flatkey.migrate.ui.doc;

import java.nio.file.Path;
import java.util.Optional;

/** File choosers, behind an interface so tests can answer with temp paths. Called on the UI thread. */
public interface FileDialogs {

    /** Asks for a plan file to open. */
    Optional<Path> openPlan(Path suggestedDir);

    /** Asks where to save the plan. */
    Optional<Path> savePlan(Path suggestedDir, String suggestedName);

    /** Asks where to write an export (e.g. the Markdown checklist). */
    Optional<Path> saveExport(Path suggestedDir, String suggestedName, String description, String extension);

    /** Asks for a file to import (e.g. a mapping CSV). */
    Optional<Path> openImport(Path suggestedDir, String description, String extension);

    /** Asks for a folder (a project to scan, or where to export every format). */
    Optional<Path> chooseFolder(Path suggestedDir, String title);
}
