package ai.flatkey.migrate.ui.components;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListBlock;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

import java.util.ArrayList;
import java.util.List;

/**
 * Markdown drawn as a reader sees it on a code host: headings, paragraphs with bold, italics and code, lists, code
 * blocks, rules and GFM tables, in the theme's colours. CommonMark parses it (the same grammar the pull request's
 * page uses); this class only turns the parsed blocks into nodes. Text cannot be selected here: the Markdown source
 * sits beside it for copying.
 */
public final class MarkdownPreview {

    private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create())).build();
    /** The widest a table column's share of the width is sized for, in characters (longer cells wrap). */
    private static final int WIDEST_COLUMN = 48;
    /** A table cell's left and right padding and its border. */
    private static final double CELL_PADDING = 18;

    private MarkdownPreview() {
    }

    /** The document's blocks, top to bottom, in a box styled {@code markdown-body}. */
    public static VBox render(String markdown) {
        VBox body = new VBox(10);
        body.getStyleClass().add("markdown-body");
        body.getChildren().setAll(blocks(PARSER.parse(markdown == null ? "" : markdown)));
        return body;
    }

    private static List<javafx.scene.Node> blocks(Node parent) {
        List<javafx.scene.Node> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            javafx.scene.Node block = block(n);
            if (block != null) {
                out.add(block);
            }
        }
        return out;
    }

    private static javafx.scene.Node block(Node n) {
        if (n instanceof Heading h) {
            TextFlow flow = flow(h, "md-h" + Math.min(h.getLevel(), 4));
            flow.getStyleClass().add("md-heading");
            flow.setAccessibleRole(AccessibleRole.TEXT);
            flow.setAccessibleText(plain(h));
            VBox.setMargin(flow, new Insets(h.getLevel() <= 2 ? 8 : 4, 0, 0, 0));
            return flow;
        }
        if (n instanceof Paragraph p) {
            return flow(p, null);
        }
        if (n instanceof FencedCodeBlock code) {
            return codeBlock(code.getLiteral());
        }
        if (n instanceof IndentedCodeBlock code) {
            return codeBlock(code.getLiteral());
        }
        if (n instanceof ThematicBreak) {
            return new Separator();
        }
        if (n instanceof ListBlock list) {
            return list(list);
        }
        if (n instanceof TableBlock table) {
            return table(table);
        }
        if (n instanceof BlockQuote quote) {
            VBox box = new VBox(6);
            box.getStyleClass().add("md-quote");
            box.getChildren().setAll(blocks(quote));
            return box;
        }
        VBox other = new VBox(6);
        other.getChildren().setAll(blocks(n));
        return other.getChildren().isEmpty() ? null : other;
    }

    private static Label codeBlock(String literal) {
        String text = literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal;
        Label code = new Label(text);
        code.getStyleClass().addAll("code-block", "md-code-block");
        code.setMaxWidth(Double.MAX_VALUE);
        code.setWrapText(true);
        return code;
    }

    private static VBox list(ListBlock list) {
        VBox box = new VBox(3);
        int number = list instanceof OrderedList o && o.getMarkerStartNumber() != null ? o.getMarkerStartNumber() : 1;
        for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            Label marker = new Label(list instanceof BulletList ? "•" : (number++) + ".");
            marker.getStyleClass().add("md-marker");
            marker.setMinWidth(18);
            VBox content = new VBox(4);
            content.getChildren().setAll(blocks(item));
            HBox.setHgrow(content, Priority.ALWAYS);
            HBox row = new HBox(6, marker, content);
            row.setAlignment(Pos.TOP_LEFT);
            box.getChildren().add(row);
        }
        return box;
    }

    /**
     * A GFM table as a grid: a column is never narrower than its longest word (no word broken over lines), is as wide
     * as its longest cell up to {@value #WIDEST_COLUMN} characters where the width allows, and long cells wrap.
     */
    private static GridPane table(TableBlock table) {
        List<List<TableCell>> rows = new ArrayList<>();
        collectRows(table, rows);
        GridPane grid = new GridPane();
        grid.getStyleClass().add("md-table");
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        for (int c = 0; c < columns; c++) {
            grid.getColumnConstraints().add(column(rows, c));
        }
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < rows.get(r).size(); c++) {
                TableCell cell = rows.get(r).get(c);
                StackPane box = new StackPane(flow(cell, cell.isHeader() ? "md-strong" : null));
                box.setAlignment(Pos.TOP_LEFT);
                box.getStyleClass().addAll("md-cell", cell.isHeader() ? "md-header-cell" : r % 2 == 0 ? "md-even" : "md-odd");
                box.setMinWidth(0);
                grid.add(box, c, r);
            }
        }
        return grid;
    }

    private static ColumnConstraints column(List<List<TableCell>> rows, int c) {
        double word = 0;
        double longest = 0;
        for (List<TableCell> row : rows) {
            if (c < row.size()) {
                String text = plain(row.get(c)).strip();
                longest = Math.max(longest, textWidth(text.length() > WIDEST_COLUMN ? text.substring(0, WIDEST_COLUMN) : text));
                for (String w : text.split("\\s+")) {
                    word = Math.max(word, textWidth(w));
                }
            }
        }
        ColumnConstraints cc = new ColumnConstraints();
        cc.setMinWidth(word + CELL_PADDING);
        cc.setPrefWidth(Math.max(word, longest) + CELL_PADDING);
        cc.setHgrow(Priority.SOMETIMES);
        cc.setFillWidth(true);
        return cc;
    }

    /** Roughly how wide {@code s} is drawn in the preview's bold text (a little wider than its plain text). */
    private static double textWidth(String s) {
        Text t = new Text(s);
        t.setFont(javafx.scene.text.Font.font(null, javafx.scene.text.FontWeight.BOLD, 13));
        return Math.ceil(t.getLayoutBounds().getWidth());
    }

    private static void collectRows(Node parent, List<List<TableCell>> rows) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof TableRow row) {
                List<TableCell> cells = new ArrayList<>();
                for (Node c = row.getFirstChild(); c != null; c = c.getNext()) {
                    if (c instanceof TableCell cell) {
                        cells.add(cell);
                    }
                }
                rows.add(cells);
            } else {
                collectRows(n, rows); // the head and the body
            }
        }
    }

    /** The inline content of {@code block} as styled text runs; {@code style} adds a class to every run. */
    private static TextFlow flow(Node block, String style) {
        TextFlow flow = new TextFlow();
        flow.getStyleClass().add("md-flow");
        List<String> styles = new ArrayList<>();
        if (style != null) {
            styles.add(style);
        }
        inline(block, styles, flow.getChildren());
        return flow;
    }

    private static void inline(Node parent, List<String> styles, List<javafx.scene.Node> out) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof org.commonmark.node.Text t) {
                out.add(run(t.getLiteral(), styles));
            } else if (n instanceof Code c) {
                out.add(run(c.getLiteral(), with(styles, "md-code")));
            } else if (n instanceof HtmlInline html) {
                out.add(run(html.getLiteral(), styles));
            } else if (n instanceof SoftLineBreak) {
                out.add(run(" ", styles));
            } else if (n instanceof HardLineBreak) {
                out.add(run("\n", styles));
            } else if (n instanceof StrongEmphasis) {
                inline(n, with(styles, "md-strong"), out);
            } else if (n instanceof Emphasis) {
                inline(n, with(styles, "md-emphasis"), out);
            } else if (n instanceof org.commonmark.node.Image) {
                out.add(run("[picture: " + plain(n) + "]", with(styles, "md-muted")));
            } else if (n instanceof Link) {
                inline(n, with(styles, "md-link"), out);
            } else {
                inline(n, styles, out);
            }
        }
    }

    private static Text run(String text, List<String> styles) {
        Text run = new Text(text);
        run.getStyleClass().add("md-text");
        run.getStyleClass().addAll(styles);
        return run;
    }

    private static List<String> with(List<String> styles, String extra) {
        List<String> more = new ArrayList<>(styles);
        more.add(extra);
        return more;
    }

    /** The text of a node and its descendants, without any markup. */
    static String plain(Node n) {
        StringBuilder sb = new StringBuilder();
        for (Node c = n.getFirstChild(); c != null; c = c.getNext()) {
            if (c instanceof org.commonmark.node.Text t) {
                sb.append(t.getLiteral());
            } else if (c instanceof Code code) {
                sb.append(code.getLiteral());
            } else if (c instanceof SoftLineBreak || c instanceof HardLineBreak) {
                sb.append(' ');
            } else {
                sb.append(plain(c));
            }
        }
        return sb.toString();
    }
}
