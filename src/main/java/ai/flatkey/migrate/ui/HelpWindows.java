package ai.flatkey.migrate.ui;

import ai.flatkey.migrate.ui.components.MarkdownPreview;
import ai.flatkey.migrate.ui.theme.Themes;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The Help menu's windows: the keyboard shortcuts (read from the menus' own accelerators, so the list is the app's),
 * the documentation that ships inside the app (README and docs, drawn as Markdown), and About. Each opens once and
 * comes to the front when asked again; Escape or Close closes it.
 */
final class HelpWindows {

    /** A documentation page shipped in the app: its title and its resource under {@code help/}. */
    record Page(String title, String resource) {
    }

    static final List<Page> PAGES = List.of(new Page("Read me", "README.md"), new Page("Request checks", "docs/request-checks.md"));

    private final Supplier<Window> owner;
    private final Supplier<AboutInfo> about;
    private final java.util.function.BooleanSupplier dark;
    private Dialog<Void> shortcuts;
    private Dialog<Void> docs;
    private Dialog<Void> aboutDialog;

    HelpWindows(Supplier<Window> owner, Supplier<AboutInfo> about, java.util.function.BooleanSupplier dark) {
        this.owner = owner;
        this.about = about;
        this.dark = dark;
    }

    /** One row of the shortcut list: the menu, the command, and its keys as this OS writes them. */
    record Shortcut(String menu, String command, String keys) {
    }

    /** Every menu command that has an accelerator, in menu order (submenus included). */
    static List<Shortcut> shortcuts(List<Menu> menus) {
        List<Shortcut> out = new ArrayList<>();
        for (Menu m : menus) {
            collect(m.getText(), m.getItems(), out);
        }
        return out;
    }

    private static void collect(String menu, List<MenuItem> items, List<Shortcut> out) {
        for (MenuItem mi : items) {
            if (mi instanceof Menu sub) {
                collect(menu + " > " + sub.getText(), sub.getItems(), out);
            } else if (mi.getAccelerator() != null) {
                out.add(new Shortcut(menu, mi.getText().replaceAll("\\s+", " ").strip(), mi.getAccelerator().getDisplayText()));
            }
        }
    }

    void showShortcuts(List<Menu> menus) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("shortcut-list");
        grid.setHgap(18);
        grid.setVgap(6);
        int row = 0;
        String lastMenu = null;
        for (Shortcut s : shortcuts(menus)) {
            if (!s.menu().equals(lastMenu)) {
                Label heading = new Label(s.menu());
                heading.getStyleClass().add("shortcut-menu");
                GridPane.setMargin(heading, new Insets(row == 0 ? 0 : 8, 0, 0, 0));
                grid.add(heading, 0, row++, 2, 1);
                lastMenu = s.menu();
            }
            Label keys = new Label(s.keys());
            keys.getStyleClass().add("kbd");
            keys.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            Label command = new Label(s.command());
            grid.add(keys, 0, row);
            grid.add(command, 1, row++);
        }
        Label note = new Label("Tab and Shift+Tab move between fields (in a notes area too), Space or Enter presses the focused "
                + "button, and F10 or Alt opens the menus. This list is read from the menus, so it is always the app's own.");
        note.getStyleClass().add("field-help");
        note.setWrapText(true);
        note.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        ScrollPane scroll = scroll(grid);
        scroll.setPrefViewportHeight(420);
        VBox body = new VBox(12, scroll, note);
        body.setPrefWidth(560);
        shortcuts = show(shortcuts, "help-shortcuts", "Keyboard shortcuts", body);
    }

    void showDocumentation() {
        ScrollPane page = new ScrollPane();
        page.setId("help-doc-page");
        page.setFitToWidth(true);
        page.setFocusTraversable(true);
        page.setAccessibleText("Documentation page");
        page.getStyleClass().add("markdown-preview");
        VBox.setVgrow(page, Priority.ALWAYS);
        ToggleGroup group = new ToggleGroup();
        HBox tabs = new HBox(6);
        tabs.setAlignment(Pos.CENTER_LEFT);
        for (Page p : PAGES) {
            ToggleButton b = new ToggleButton(p.title());
            b.setId("help-doc-" + p.resource().replaceAll("[^a-z]+", "-"));
            b.setToggleGroup(group);
            b.setOnAction(e -> {
                b.setSelected(true);
                page.setContent(MarkdownPreview.render(read(p.resource())));
                page.setVvalue(0);
            });
            tabs.getChildren().add(b);
        }
        Label where = new Label("These pages ship inside the app; they are README.md and docs/ in the source. "
                + "The command line lists its own help with: flatkey-migrate --help");
        where.getStyleClass().add("field-help");
        where.setWrapText(true);
        where.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        VBox body = new VBox(10, tabs, page, where);
        body.setPrefSize(860, 600);
        body.setMinSize(520, 360);
        docs = show(docs, "help-documentation", "Documentation", body);
        ((ToggleButton) tabs.getChildren().get(0)).fire();
    }

    void showAbout() {
        AboutInfo info = about.get();
        Label name = new Label(info.name());
        name.getStyleClass().add("about-name");
        Label what = new Label("Moves an OpenAI-compatible app onto the Flatkey gateway by configuration, and proves the move.");
        what.setWrapText(true);
        GridPane grid = new GridPane();
        grid.setHgap(14);
        grid.setVgap(8);
        int row = 0;
        for (var e : info.rows().entrySet()) {
            Label k = new Label(e.getKey());
            k.getStyleClass().add("form-label");
            k.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            Label v = new Label(e.getValue());
            v.setWrapText(true);
            v.setId("about-" + e.getKey().toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
            k.setLabelFor(v);
            GridPane.setValignment(k, javafx.geometry.VPos.TOP);
            GridPane.setHgrow(v, Priority.ALWAYS);
            grid.add(k, 0, row);
            grid.add(v, 1, row++);
        }
        Button copy = new Button("Copy these details");
        copy.setId("about-copy");
        Label copied = new Label();
        copied.getStyleClass().add("field-help");
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(info.asText());
            Clipboard.getSystemClipboard().setContent(c);
            copied.setText("Copied.");
        });
        HBox actions = new HBox(10, copy, copied);
        actions.setAlignment(Pos.CENTER_LEFT);
        VBox body = new VBox(12, name, what, grid, actions);
        body.setPrefWidth(760); // a path in the config folder fits on one line more often than not
        aboutDialog = show(aboutDialog, "help-about", "About " + info.name(), body);
    }

    /** Shows {@code body} in the window {@code open} (made the first time), which comes to the front. */
    private Dialog<Void> show(Dialog<Void> open, String id, String title, Node body) {
        Dialog<Void> d = open;
        if (d == null) {
            d = new Dialog<>();
            d.getDialogPane().setId(id);
            d.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
            d.setResizable(true);
            Window w = owner.get();
            if (w != null) {
                d.initOwner(w);
                d.initModality(Modality.NONE);
            }
        }
        if (!d.getDialogPane().getStyleClass().contains("help-window")) {
            d.getDialogPane().getStyleClass().add("help-window");
        }
        d.setTitle(title);
        d.setHeaderText(null);
        d.getDialogPane().setContent(body);
        if (d.isShowing()) {
            ((javafx.stage.Stage) d.getDialogPane().getScene().getWindow()).toFront();
        } else {
            d.show();
            if (body instanceof javafx.scene.layout.Region r && r.getPrefWidth() > 0) {
                fit(d, r);
            }
        }
        if (d.getDialogPane().getScene() != null) {
            Themes.apply(d.getDialogPane().getScene(), dark.getAsBoolean()); // the scene a closed dialog gets again
        }
        return d;
    }

    /** Sizes {@code d} to its body's preferred size: a dialog opens at most 600 px wide unless told. */
    private static void fit(Dialog<Void> d, javafx.scene.layout.Region body) {
        double frame = d.getHeight() - d.getDialogPane().getHeight();
        double width = body.getPrefWidth() + 40;
        d.setWidth(width);
        d.setHeight(body.getPrefHeight() > 0 ? body.getPrefHeight() + 110 : d.getDialogPane().prefHeight(width) + frame);
    }

    private static ScrollPane scroll(Node content) {
        ScrollPane s = new ScrollPane(content);
        s.setFitToWidth(true);
        s.getStyleClass().add("help-scroll");
        return s;
    }

    /** A documentation page from inside the app, or a line saying it is missing from this build. */
    static String read(String resource) {
        try (InputStream in = HelpWindows.class.getResourceAsStream("help/" + resource)) {
            if (in == null) {
                return "_This build does not include " + resource + "._";
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "_Could not read " + resource + ": " + e.getMessage() + "_";
        }
    }
}
