package ai.flatkey.migrate.ui.step.checklist;

import ai.flatkey.migrate.export.Format;
import ai.flatkey.migrate.ui.components.ChecklistRow;
import ai.flatkey.migrate.ui.components.ChecklistTable;
import ai.flatkey.migrate.ui.components.Forms;
import ai.flatkey.migrate.ui.components.MarkdownPreview;
import ai.flatkey.migrate.ui.components.Tones;
import ai.flatkey.migrate.ui.components.StepView;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.List;

/** Step 7 view: export buttons (Markdown, every format into a folder, or one format), checklist table, Markdown preview. */
public final class ChecklistView implements StepView {

    private final Node root;
    private final ChecklistViewModel vm;

    public ChecklistView(ChecklistViewModel vm) {
        this.vm = vm;
        root = Forms.page("step-checklist", "Checklist & export",
                "Review every item, mark what you confirmed by hand, and export the checklist for the pull request. No key is ever exported.",
                Forms.messageLabel(vm.progressProperty(), "step-status"),
                Forms.section("Export", "Markdown for the pull request (the preview below draws exactly what is written, and its source tab is the file); HTML and PDF "
                        + "for review and sign-off; JSON and JUnit XML for CI; .env files and client snippets for the change itself. "
                        + "Files are named after the plan.", new VBox(10, mainExports(), oneFormat(), exportMessage(), writtenList())),
                Forms.section("Checklist", "Status comes from the plan's evidence unless you set it. Notes are saved in the plan.", table()),
                Forms.section("Markdown preview", "As the pull request shows it; the Markdown source tab has the text to copy.", preview()));
    }

    private TableView<ChecklistRow> table() {
        TableView<ChecklistRow> table = ChecklistTable.of("checklist-table", vm.rows());
        table.prefHeightProperty().bind(table.fixedCellSizeProperty().multiply(11).add(36));
        table.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        return table;
    }

    /**
     * Exactly the Markdown an export writes: drawn as the pull request will show it, and its source beside it to copy.
     * The drawing is redone when the Markdown changes (once typing pauses), and only while the step is on screen.
     */
    private TabPane preview() {
        ScrollPane rendered = new ScrollPane();
        rendered.setId("markdown-preview");
        rendered.getStyleClass().add("markdown-preview");
        rendered.setFitToWidth(true);
        rendered.setPrefViewportHeight(460);
        rendered.setFocusTraversable(true);
        rendered.setAccessibleText("Markdown preview, rendered");
        Runnable draw = () -> rendered.setContent(MarkdownPreview.render(vm.previewProperty().get()));
        boolean[] stale = {true};
        // typing a note changes the Markdown at every key: the drawing follows once the typing pauses
        javafx.animation.PauseTransition settle = new javafx.animation.PauseTransition(javafx.util.Duration.millis(150));
        settle.setOnFinished(e -> draw.run());
        vm.previewProperty().addListener((o, was, now) -> {
            if (rendered.getScene() != null) {
                settle.playFromStart();
            } else {
                stale[0] = true;
            }
        });
        rendered.sceneProperty().addListener((o, was, now) -> {
            if (now != null && stale[0]) {
                stale[0] = false;
                draw.run();
            }
        });
        TextArea source = new TextArea();
        source.setId("markdown-source");
        source.setEditable(false);
        source.getStyleClass().add("mono");
        source.setPrefRowCount(22);
        source.setAccessibleText("Markdown source");
        source.textProperty().bind(vm.previewProperty());
        Tab shown = new Tab("Preview", rendered);
        shown.setId("markdown-preview-tab");
        Tab raw = new Tab("Markdown source", source);
        raw.setId("markdown-source-tab");
        TabPane tabs = new TabPane(shown, raw);
        tabs.setId("markdown-tabs");
        tabs.setAccessibleText("Markdown preview");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        return tabs;
    }

    /** Export Markdown, and every format into a folder. */
    private HBox mainExports() {
        Button export = new Button("Export Markdown…");
        export.setId("export-markdown");
        export.getStyleClass().add("accent");
        export.disableProperty().bind(vm.exportingProperty());
        export.setOnAction(e -> vm.exportMarkdown());
        export.setMinWidth(Region.USE_PREF_SIZE);
        Button all = new Button("Export all formats to a folder…");
        all.setId("export-all");
        all.disableProperty().bind(vm.exportingProperty());
        all.setOnAction(e -> vm.exportAll());
        all.setMinWidth(Region.USE_PREF_SIZE);
        HBox main = new HBox(10, export, all);
        main.setAlignment(Pos.CENTER_LEFT);
        return main;
    }

    /** One button per other format. */
    private FlowPane oneFormat() {
        FlowPane others = new FlowPane(8, 8);
        others.setAlignment(Pos.CENTER_LEFT);
        Label othersLabel = Forms.text("One format:", "field-help");
        othersLabel.setMinWidth(Region.USE_PREF_SIZE);
        others.getChildren().add(othersLabel);
        for (Format f : List.of(Format.HTML, Format.PDF, Format.JSON, Format.JUNIT, Format.ENV, Format.SNIPPETS)) {
            Button b = new Button(label(f));
            b.setId("export-" + f.cliName());
            b.setTooltip(new Tooltip(f.description()));
            b.disableProperty().bind(vm.exportingProperty());
            b.setOnAction(e -> vm.export(f));
            b.setMinWidth(Region.USE_PREF_SIZE);
            others.getChildren().add(b);
        }
        return others;
    }

    /** What the last export did, coloured by its outcome. */
    private Label exportMessage() {
        Label msg = Forms.messageLabel(vm.exportMessageProperty(), "field-help");
        msg.setId("export-message");
        Tones.bind(msg, vm.exportToneProperty());
        return msg;
    }

    /** The files an export wrote, shown when it wrote more than one. */
    private ListView<ChecklistViewModel.Written> writtenList() {
        ListView<ChecklistViewModel.Written> writtenList = new ListView<>(vm.writtenFiles());
        writtenList.setId("export-written");
        writtenList.getStyleClass().add("mono");
        writtenList.setFocusTraversable(false);
        writtenList.setFixedCellSize(26);
        writtenList.prefHeightProperty().bind(Bindings.min(8, Bindings.size(vm.writtenFiles())).multiply(26).add(4));
        writtenList.setMinHeight(Region.USE_PREF_SIZE);
        writtenList.visibleProperty().bind(Bindings.size(vm.writtenFiles()).greaterThan(1));
        writtenList.managedProperty().bind(writtenList.visibleProperty());
        return writtenList;
    }

    private static String label(Format f) {
        return switch (f) {
            case MARKDOWN -> "Markdown…";
            case HTML -> "HTML…";
            case PDF -> "PDF…";
            case JSON -> "JSON…";
            case JUNIT -> "JUnit XML…";
            case ENV -> ".env files…";
            case SNIPPETS -> "Client snippets…";
        };
    }

    @Override
    public Node root() {
        return root;
    }
}
