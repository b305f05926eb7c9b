package ai.flatkey.migrate.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The mapping table as CSV: {@code source_model,target_model,features,notes,input_per_1m,output_per_1m}, features
 * separated by {@code ;}. Reading is strict and names the line of any problem; nothing is half-imported.
 */
public final class MappingCsv {

    public static final String HEADER = "source_model,target_model,features,notes,input_per_1m,output_per_1m";

    private MappingCsv() {
    }

    /** A problem in an imported file, with its line. */
    public static final class CsvException extends Exception {
        public CsvException(String message) {
            super(message);
        }
    }

    public static String write(List<ModelMapping> rows) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (ModelMapping m : rows) {
            sb.append(cell(m.sourceModel())).append(',').append(cell(m.targetModel())).append(',')
                    .append(cell(String.join(";", m.features()))).append(',').append(cell(m.notes())).append(',')
                    .append(m.inputPer1M() == null ? "" : num(m.inputPer1M())).append(',')
                    .append(m.outputPer1M() == null ? "" : num(m.outputPer1M())).append('\n');
        }
        return sb.toString();
    }

    public static List<ModelMapping> read(String text) throws CsvException {
        List<List<String>> records = parse(text == null ? "" : text.replace("\uFEFF", ""));
        if (records.isEmpty()) {
            throw new CsvException("The file is empty. Expected a header line: " + HEADER);
        }
        List<String> head = records.get(0).stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        int src = head.indexOf("source_model");
        int tgt = head.indexOf("target_model");
        if (src < 0 || tgt < 0) {
            throw new CsvException("Line 1: the header must name source_model and target_model (got: " + String.join(",", head) + ").");
        }
        int feats = head.indexOf("features");
        int notes = head.indexOf("notes");
        int in = head.indexOf("input_per_1m");
        int out = head.indexOf("output_per_1m");
        List<ModelMapping> rows = new ArrayList<>();
        for (int i = 1; i < records.size(); i++) {
            List<String> r = records.get(i);
            int line = i + 1;
            if (r.stream().allMatch(String::isBlank)) {
                continue;
            }
            if (r.size() > head.size()) {
                throw new CsvException("Line " + line + ": " + r.size() + " fields, the header has " + head.size() + ".");
            }
            String source = get(r, src);
            if (source.isBlank()) {
                throw new CsvException("Line " + line + ": source_model is empty.");
            }
            List<String> f = new ArrayList<>();
            for (String x : get(r, feats).split("[;|\\s]+")) {
                if (!x.isBlank()) {
                    f.add(x.strip().toLowerCase(Locale.ROOT));
                }
            }
            rows.add(new ModelMapping(source, get(r, tgt), f, get(r, notes), price(get(r, in), line, "input_per_1m"),
                    price(get(r, out), line, "output_per_1m")));
        }
        return rows;
    }

    private static Double price(String v, int line, String column) throws CsvException {
        if (v.isBlank()) {
            return null;
        }
        try {
            double d = Double.parseDouble(v.strip().replace("$", ""));
            if (d < 0 || Double.isNaN(d) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new CsvException("Line " + line + ": " + column + " \"" + v + "\" is not a price (USD per 1M tokens, e.g. 0.15).");
        }
    }

    private static String get(List<String> r, int i) {
        return i < 0 || i >= r.size() ? "" : r.get(i).strip();
    }

    private static String cell(String v) {
        String s = v == null ? "" : v;
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
                ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String num(double d) {
        return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    /** RFC 4180: quoted fields with doubled quotes, commas and line breaks inside quotes. */
    static List<List<String>> parse(String text) throws CsvException {
        List<List<String>> out = new ArrayList<>();
        List<String> rec = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        f.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                any = true;
            } else if (c == ',') {
                rec.add(f.toString());
                f.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any || f.length() > 0) {
                    rec.add(f.toString());
                    out.add(rec);
                }
                rec = new ArrayList<>();
                f.setLength(0);
                any = false;
                line++;
            } else {
                f.append(c);
            }
        }
        if (quoted) {
            throw new CsvException("Line " + line + ": a quoted field is not closed.");
        }
        if (any || f.length() > 0) {
            rec.add(f.toString());
            out.add(rec);
        }
        return out;
    }
}
