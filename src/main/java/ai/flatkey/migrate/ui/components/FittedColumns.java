package ai.flatkey.migrate.ui.components;

import javafx.animation.PauseTransition;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.util.Duration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Sizes a table's columns to their content, as a person would drag them: each column is as wide as its header or its
 * widest cell (measured in the table's font), so no name is cut while a column of dashes takes the room. The spare
 * width goes to the one flexible column (a reason, a detail), which ends in "…" with the whole text in its tooltip.
 * When the table is too narrow for every column, the columns with the lowest priority are hidden first (their values
 * are in the selected row's detail too); the flexible column is hidden before any other when it has less than its
 * minimum. Refitted when the table's width or its rows change.
 */
public final class FittedColumns<S> {

    /** A cell's left and right padding plus a little air. */
    private static final double PADDING = 20;
    /** The table's borders and its vertical scroll bar. */
    private static final double CHROME = 18;

    /**
     * One column: {@code text} gives a row's text in it (null for none), {@code extra} the width of a graphic beside it
     * (a status icon), {@code priority} the order to keep it in when room is short (0 first: never hidden),
     * {@code bold} whether a row is drawn in bold (a group header) and {@code max} the widest it gets while room is
     * short (a long path ends in "…" there, whole in its tooltip); with room to spare it grows to its whole content.
     */
    public record Fit<S>(TableColumn<S, ?> column, Function<S, String> text, double extra, int priority,
                         Function<S, Boolean> bold, double max) {

        /** A column as wide as its content needs, however wide that is. */
        public Fit(TableColumn<S, ?> column, Function<S, String> text, double extra, int priority, Function<S, Boolean> bold) {
            this(column, text, extra, priority, bold, Double.MAX_VALUE);
        }

        /** A column of plain text (never bold), at most {@code max} wide. */
        public static <S> Fit<S> plain(TableColumn<S, ?> column, Function<S, String> text, int priority, double max) {
            return new Fit<>(column, text, 0, priority, r -> false, max);
        }
    }

    private final TableView<S> table;
    private final List<Fit<S>> fits;
    private final TableColumn<S, ?> flexible;
    private final double flexibleMin;
    private final boolean keepFlexible;
    private final PauseTransition later = new PauseTransition(Duration.millis(1));

    private FittedColumns(TableView<S> table, List<Fit<S>> fits, TableColumn<S, ?> flexible, double flexibleMin,
                          boolean keepFlexible) {
        this.table = table;
        this.fits = List.copyOf(fits);
        this.flexible = flexible;
        this.flexibleMin = flexibleMin;
        this.keepFlexible = keepFlexible;
        later.setOnFinished(e -> refit());
    }

    /**
     * Fits {@code fits} in {@code table}; {@code flexible} (one of the table's columns, not in {@code fits}) takes the
     * spare width and shows only with at least {@code flexibleMin} of it; with {@code keepFlexible} that minimum is
     * kept for it before the columns of priority 1 and more (it matters more than they do).
     */
    public static <S> FittedColumns<S> install(TableView<S> table, List<Fit<S>> fits, TableColumn<S, ?> flexible,
                                               double flexibleMin, boolean keepFlexible) {
        FittedColumns<S> f = new FittedColumns<>(table, fits, flexible, flexibleMin, keepFlexible);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_LAST_COLUMN);
        table.widthProperty().addListener((o, was, now) -> f.refit());
        table.getItems().addListener((ListChangeListener<S>) c -> f.refitLater());
        table.skinProperty().addListener((o, was, now) -> f.refitLater());
        f.refit();
        return f;
    }

    /**
     * Refits once on a coming pulse (rows arrive in bursts during a run; a row's figures change in place): calls in
     * the same frame restart one short pause instead of refitting each time.
     */
    public void refitLater() {
        later.playFromStart();
    }

    /** The width a fitted column needs for its header and its widest cell (before its limit). */
    public double needed(TableColumn<S, ?> column) {
        return fits.stream().filter(f -> f.column() == column).findFirst().map(this::fullWidth).orElse(0.0);
    }

    /**
     * Sets each column's width to its content (a limited one to its limit first); hides what does not fit; then
     * widens the limited columns to their whole content while the flexible column keeps its minimum; the flexible
     * column takes the rest.
     */
    public void refit() {
        double room = table.getWidth() - CHROME;
        if (room <= 0) {
            return;
        }
        List<Fit<S>> byPriority = new ArrayList<>(fits);
        byPriority.sort(Comparator.comparingInt(Fit::priority));
        Map<Fit<S>, Double> full = new HashMap<>();
        byPriority.forEach(f -> full.put(f, fullWidth(f)));
        double used = 0;
        boolean toggled = false;
        for (Fit<S> f : byPriority) {
            double w = Math.min(f.max(), full.get(f));
            boolean shown = f.priority() == 0 || used + w + (keepFlexible ? flexibleMin : 0) <= room;
            toggled |= f.column().isVisible() != shown;
            f.column().setVisible(shown);
            if (shown) {
                used += w;
                fix(f.column(), w);
            }
        }
        double spare = widenLimited(byPriority, full, room - used);
        toggled |= giveSpare(byPriority, spare);
        if (toggled) {
            // Cells of a column shown again keep a stale layout (their text drawn at the top) until they are rebuilt.
            table.refresh();
        }
    }

    /** Widens the shown columns cut at their limit towards their whole content; returns the width left. */
    private double widenLimited(List<Fit<S>> byPriority, Map<Fit<S>, Double> full, double spare) {
        double reserve = keepFlexible || spare >= flexibleMin ? flexibleMin : 0;
        for (Fit<S> f : byPriority) {
            double missing = full.get(f) - f.column().getPrefWidth();
            if (f.column().isVisible() && missing > 0 && spare - reserve > 0) {
                double grow = Math.min(missing, spare - reserve);
                fix(f.column(), f.column().getPrefWidth() + grow);
                spare -= grow;
            }
        }
        return spare;
    }

    /** The flexible column takes {@code spare} (or, with too little for it, the widest column); true if it toggled. */
    private boolean giveSpare(List<Fit<S>> byPriority, double spare) {
        boolean flexShown = spare >= flexibleMin || keepFlexible;
        boolean toggled = flexible.isVisible() != flexShown;
        flexible.setVisible(flexShown);
        if (flexShown) {
            flexible.setMinWidth(Math.min(flexibleMin, Math.max(spare, 40)));
            flexible.setPrefWidth(Math.max(spare, 40));
            flexible.setMaxWidth(Double.MAX_VALUE);
        } else if (spare > 0) {
            // No room for the flexible column: the widest shown column (the names) takes the spare width instead.
            byPriority.stream().filter(f -> f.column().isVisible())
                    .max(Comparator.comparingDouble(f -> f.column().getPrefWidth()))
                    .ifPresent(f -> {
                        f.column().setMaxWidth(Double.MAX_VALUE);
                        f.column().setPrefWidth(f.column().getPrefWidth() + spare);
                    });
        }
        return toggled;
    }

    private static void fix(TableColumn<?, ?> column, double width) {
        column.setMinWidth(width);
        column.setPrefWidth(width);
        column.setMaxWidth(width);
    }

    private double fullWidth(Fit<S> f) {
        Font regular = cellFont();
        Font bold = Font.font(regular.getFamily(), FontWeight.BOLD, regular.getSize());
        double w = width(f.column().getText(), bold);
        for (S row : table.getItems()) {
            String s = f.text().apply(row);
            if (s != null && !s.isEmpty()) {
                w = Math.max(w, width(s, Boolean.TRUE.equals(f.bold().apply(row)) ? bold : regular) + f.extra());
            }
        }
        return Math.ceil(w + PADDING);
    }

    /** The font the table's cells are drawn in: its header label's family and size once styled, else the default. */
    private Font cellFont() {
        Node header = table.lookup(".column-header .label");
        Font f = header instanceof Labeled l ? l.getFont() : null;
        if (f == null) {
            f = Font.getDefault();
        }
        return Font.font(f.getFamily(), FontWeight.NORMAL, f.getSize());
    }

    private static double width(String s, Font font) {
        Text t = new Text(s);
        t.setFont(font);
        return t.getLayoutBounds().getWidth();
    }
}
