package ai.flatkey.migrate.export;

import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.SmokeRun;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Latency per check (time to first token and total time), as horizontal bars: inline SVG for the HTML page, plain
 * boxes for the PDF. With a run against the current provider, each check gets a second bar for it, side by side.
 */
final class LatencyChart {
    private static final int WIDTH = 960;
    private static final int LABEL_W = 250;
    private static final int BAR_X = 262;
    private static final int BAR_W = 540;

    private LatencyChart() {
    }

    /** A check with at least one time, and the same check in the comparison run, if any. */
    private record Row(String label, Long ttft, Long total, Long srcTtft, Long srcTotal) {
    }

    private static List<Row> rows(SmokeRun run, Map<String, CheckResult> source) {
        return run.results().stream().filter(r -> r.totalMs() != null || r.ttftMs() != null).map(r -> {
            Optional<CheckResult> other = Optional.ofNullable(source.get(r.checkId()));
            return new Row(Text.clip(r.feature() + (r.model().isBlank() ? "" : " \u00b7 " + r.model()), 36), r.ttftMs(), r.totalMs(),
                    other.map(CheckResult::ttftMs).orElse(null), other.map(CheckResult::totalMs).orElse(null));
        }).toList();
    }

    private static long max(List<Row> rows) {
        long m = 1;
        for (Row r : rows) {
            for (Long v : new Long[]{r.ttft(), r.total(), r.srcTtft(), r.srcTotal()}) {
                if (v != null) {
                    m = Math.max(m, v);
                }
            }
        }
        return niceCeiling(m);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code v}. */
    static long niceCeiling(long v) {
        long p = 1;
        while (p * 10 <= v) {
            p *= 10;
        }
        for (long m : new long[]{1, 2, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static String legend(boolean compare) {
        StringBuilder sb = new StringBuilder("<p class=\"chart-legend\">");
        sb.append(compare ? "Target:" : "").append("<span class=\"swatch sw-ttft\"></span>time to first token")
                .append("<span class=\"swatch sw-total\"></span>total time");
        if (compare) {
            sb.append(" \u00a0 Current provider:<span class=\"swatch sw-src-ttft\"></span>time to first token")
                    .append("<span class=\"swatch sw-src-total\"></span>total time");
        }
        return sb.append("</p>\n").toString();
    }

    private static String untimed(SmokeRun run, List<Row> rows) {
        long none = run.results().size() - rows.size();
        return none == 0 ? "" : "<p class=\"small muted\">" + none + (none == 1 ? " check has" : " checks have")
                + " no timing (it ended before an answer arrived).</p>\n";
    }

    static String svg(SmokeRun run, Map<String, CheckResult> source) {
        List<Row> rows = rows(run, source);
        if (rows.isEmpty()) {
            return "<p class=\"empty\">No check of this run recorded a time.</p>\n";
        }
        boolean compare = !source.isEmpty();
        long max = max(rows);
        int rowH = compare ? 34 : 24;
        int top = 8;
        int height = top + rows.size() * rowH + 24;
        StringBuilder s = new StringBuilder(legend(compare));
        s.append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"Latency per check in milliseconds\">\n");
        for (int i = 0; i <= 4; i++) {
            double x = BAR_X + BAR_W * i / 4.0;
            s.append("<line class=\"grid-line\" x1=\"").append(f(x)).append("\" y1=\"").append(top - 4).append("\" x2=\"").append(f(x))
                    .append("\" y2=\"").append(top + rows.size() * rowH).append("\"/>\n");
            s.append("<text class=\"axis\" x=\"").append(f(x)).append("\" y=\"").append(height - 6).append("\" text-anchor=\"middle\">")
                    .append(max * i / 4).append(i == 4 ? " ms" : "").append("</text>\n");
        }
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            int y = top + i * rowH;
            s.append("<text x=\"").append(LABEL_W).append("\" y=\"").append(y + (compare ? 20 : 15)).append("\" text-anchor=\"end\">")
                    .append(Text.xml(r.label())).append("</text>\n");
            bar(s, y + 3, compare ? 12 : 14, r.ttft(), r.total(), max, "", "not measured");
            if (compare) {
                bar(s, y + 17, 12, r.srcTtft(), r.srcTotal(), max, "src-", "not run against the current provider");
            }
        }
        s.append("</svg>\n");
        return s.append(untimed(run, rows)).toString();
    }

    private static void bar(StringBuilder s, int y, int h, Long ttft, Long total, long max, String kind, String missing) {
        if (ttft == null && total == null) {
            s.append("<text class=\"axis\" x=\"").append(BAR_X + 4).append("\" y=\"").append(y + h - 2).append("\">")
                    .append(missing).append("</text>\n");
            return;
        }
        if (total != null) {
            s.append("<rect class=\"bar-").append(kind).append("total\" x=\"").append(BAR_X).append("\" y=\"").append(y)
                    .append("\" width=\"").append(f(width(total, max))).append("\" height=\"").append(h).append("\" rx=\"2\"/>\n");
        }
        if (ttft != null) {
            s.append("<rect class=\"bar-").append(kind).append("ttft\" x=\"").append(BAR_X).append("\" y=\"").append(y)
                    .append("\" width=\"").append(f(width(ttft, max))).append("\" height=\"").append(h).append("\" rx=\"2\"/>\n");
        }
        double end = BAR_X + width(total != null ? total : ttft, max);
        s.append("<text x=\"").append(f(end + 6)).append("\" y=\"").append(y + h - 2).append("\">").append(Text.xml(values(ttft, total)))
                .append("</text>\n");
    }

    private static double width(long v, long max) {
        return Math.max(1.0, BAR_W * (double) v / max);
    }

    private static String values(Long ttft, Long total) {
        if (ttft != null && total != null) {
            return ttft + " / " + total + " ms";
        }
        return (ttft != null ? "TTFT " + ttft : "total " + total) + " ms";
    }

    /** The same chart as table rows with boxes (the PDF renderer draws no SVG). */
    static String boxes(SmokeRun run, Map<String, CheckResult> source) {
        List<Row> rows = rows(run, source);
        if (rows.isEmpty()) {
            return "<p class=\"empty\">No check of this run recorded a time.</p>\n";
        }
        boolean compare = !source.isEmpty();
        long max = max(rows);
        StringBuilder s = new StringBuilder(legend(compare));
        s.append("<table class=\"bars\">\n");
        for (Row r : rows) {
            s.append("<tr><td class=\"bar-label\">").append(Text.xml(r.label())).append("</td><td>");
            box(s, r.ttft(), r.total(), max, "");
            if (compare) {
                box(s, r.srcTtft(), r.srcTotal(), max, "src-");
            }
            s.append("</td><td class=\"bar-value\">").append(Text.xml(values(r.ttft(), r.total())));
            if (compare) {
                s.append("<br/>").append(r.srcTtft() == null && r.srcTotal() == null ? "not run" : Text.xml(values(r.srcTtft(), r.srcTotal())));
            }
            s.append("</td></tr>\n");
        }
        s.append("</table>\n<p class=\"small muted\">Dark: time to first token; light: total time; scale 0 to ").append(max).append(" ms.</p>\n");
        return s.append(untimed(run, rows)).toString();
    }

    private static void box(StringBuilder s, Long ttft, Long total, long max, String kind) {
        if (ttft == null && total == null) {
            s.append("<div class=\"track\"></div>\n");
            return;
        }
        long outer = total != null ? total : (ttft != null ? ttft : 0);
        double outerPct = 100.0 * outer / max;
        double innerPct = ttft == null || outer == 0 ? 0 : 100.0 * ttft / outer;
        s.append("<div class=\"track\"><div class=\"bar bar-").append(kind).append("total\" style=\"width: ").append(f(Math.max(0.5, outerPct)))
                .append("%\"><div class=\"bar-").append(kind).append("ttft\" style=\"width: ").append(f(Math.min(100, innerPct)))
                .append("%\"></div></div></div>\n");
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
