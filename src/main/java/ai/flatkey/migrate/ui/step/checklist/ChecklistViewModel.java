package ai.flatkey.migrate.ui.step.checklist;

import ai.flatkey.migrate.plan.Checklist;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.ui.doc.FileDialogs;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.ui.support.Background;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Step 7, Checklist &amp; export: every checklist item with its status, evidence and note (editable), a live
 * Markdown preview, and export of that Markdown to a file chosen by the person (written off the UI thread).
 */
public final class ChecklistViewModel {

    private final PlanDocument doc;
    private final ChecklistRows rows;
    private final Function<MigrationPlan, String> markdown;
    private final FileDialogs files;
    private final Background background;
    private final StringBinding preview;
    private final StringBinding progress;
    private final StringProperty exportMessage = new SimpleStringProperty(this, "exportMessage", "");
    private final StringProperty exportStyle = new SimpleStringProperty(this, "exportStyle", "");
    private final BooleanProperty exporting = new SimpleBooleanProperty(this, "exporting");

    public ChecklistViewModel(PlanDocument doc, Function<MigrationPlan, String> markdown, FileDialogs files, Background background) {
        this.doc = doc;
        this.rows = new ChecklistRows(doc, id -> true);
        this.markdown = markdown;
        this.files = files;
        this.background = background;
        preview = Bindings.createStringBinding(() -> markdown.apply(doc.plan()), doc.planProperty());
        progress = Bindings.createStringBinding(() -> {
            var entries = Checklist.derive(doc.plan());
            return Checklist.doneCount(entries) + " of " + entries.size() + " items done or not applicable.";
        }, doc.planProperty());
        doc.revisionProperty().addListener((o, a, b) -> exportMessage.set(""));
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

    /** "text-success" or "text-danger" for the export message. */
    public ReadOnlyStringProperty exportStyleProperty() {
        return exportStyle;
    }

    public ReadOnlyBooleanProperty exportingProperty() {
        return exporting;
    }

    /** The file name offered for the export, from the plan name. */
    public String suggestedName() {
        String base = doc.plan().name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return (base.isEmpty() ? "migration" : base) + "-checklist.md";
    }

    /** Asks for a file and writes the Markdown checklist to it off the UI thread. */
    public void exportMarkdown() {
        if (exporting.get()) {
            return;
        }
        Path dir = doc.file() != null && doc.file().toAbsolutePath().getParent() != null
                ? doc.file().toAbsolutePath().getParent() : Path.of(System.getProperty("user.home"));
        Optional<Path> chosen = files.saveExport(dir, suggestedName(), "Markdown", "md");
        if (chosen.isEmpty()) {
            return;
        }
        Path out = chosen.get();
        String text = markdown.apply(doc.plan());
        exporting.set(true);
        exportMessage.set("Writing " + out + "…");
        exportStyle.set("");
        background.run(() -> {
            Path abs = out.toAbsolutePath();
            if (abs.getParent() != null) {
                Files.createDirectories(abs.getParent());
            }
            Files.writeString(abs, text, StandardCharsets.UTF_8);
            return abs;
        }, written -> {
            exporting.set(false);
            exportStyle.set("text-success");
            exportMessage.set("Exported the checklist to " + written + " (" + text.getBytes(StandardCharsets.UTF_8).length + " bytes).");
        }, error -> {
            exporting.set(false);
            exportStyle.set("text-danger");
            exportMessage.set("Could not write " + out + ": " + error.getMessage() + ". Nothing else was changed.");
        });
    }
}
