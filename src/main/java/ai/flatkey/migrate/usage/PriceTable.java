package ai.flatkey.migrate.usage;

import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Prices per model, from the best source there is: the gateway's own price list, else an imported CSV/JSON file,
 * else what the person typed in the mapping table.
 */
public final class PriceTable {
    private final Map<String, ModelPrice> byModel;

    private PriceTable(Map<String, ModelPrice> byModel) {
        this.byModel = byModel;
    }

    public static PriceTable empty() {
        return new PriceTable(Map.of());
    }

    /** Gateway prices win over imported ones, which win over typed ones. */
    public static PriceTable of(Collection<ModelPrice> gateway, Collection<ModelPrice> imported, MigrationPlan plan) {
        Map<String, ModelPrice> m = new LinkedHashMap<>();
        for (ModelMapping row : plan.mappings()) {
            if (row.hasPrices() && !row.targetModel().isBlank()) {
                m.put(row.targetModel(), new ModelPrice(row.targetModel(), row.inputPer1M(), row.outputPer1M(), 0, "typed"));
            }
        }
        imported.forEach(p -> m.put(p.model(), p));
        gateway.forEach(p -> m.put(p.model(), p));
        return new PriceTable(Map.copyOf(m));
    }

    public Optional<ModelPrice> price(String model) {
        if (model == null) {
            return Optional.empty();
        }
        ModelPrice p = byModel.get(model);
        if (p == null && model.startsWith("models/")) {
            p = byModel.get(model.substring(7));
        }
        return Optional.ofNullable(p);
    }

    /**
     * The cost of one request, or null without a price for the model or without token counts. A model priced per
     * request only (an image, a whisper transcription, a video job) costs its price without token counts too.
     */
    public Double cost(String model, Integer promptTokens, Integer completionTokens) {
        if (promptTokens == null || completionTokens == null) {
            return price(model).filter(ModelPrice::perRequestOnly).map(p -> p.cost(0, 0)).orElse(null);
        }
        return price(model).map(p -> p.cost(promptTokens, completionTokens)).orElse(null);
    }

    /**
     * The cost of one request that a check sent: a video job ({@code taskSeconds} &gt; 0, see
     * {@link MediaPricing#taskSeconds}) at its per-second price, anything else as {@link #cost(String, Integer, Integer)}.
     */
    public Double cost(String model, Integer promptTokens, Integer completionTokens, int taskSeconds) {
        if (taskSeconds > 0) {
            return price(model).map(p -> p.taskCost(taskSeconds)).orElse(null);
        }
        return cost(model, promptTokens, completionTokens);
    }

    public int size() {
        return byModel.size();
    }

    /**
     * Reads prices from a file: CSV with a header {@code model,input_per_1m,output_per_1m[,per_request]}, or JSON —
     * a list of {@code {"model","input_per_1m","output_per_1m","per_request"}} or an object
     * {@code {"MODEL": {"input": …, "output": …}}}. Errors name the line or entry.
     */
    public static List<ModelPrice> read(Path file) throws UsageException {
        String text;
        try {
            if (Files.size(file) > 16L * 1024 * 1024) {
                throw new UsageException(file.getFileName() + " is larger than 16 MB; it is not a price list.", null);
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("Could not read " + file.getFileName() + ": " + e.getMessage(), e);
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String t = text.strip();
        return name.endsWith(".json") || t.startsWith("{") || t.startsWith("[") ? readJson(t, file.getFileName().toString())
                : readCsv(text, file.getFileName().toString());
    }

    static List<ModelPrice> readCsv(String text, String where) throws UsageException {
        List<ModelPrice> out = new ArrayList<>();
        String[] lines = text.split("\r?\n");
        int header = -1;
        Map<String, Integer> col = new LinkedHashMap<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (header < 0) {
                header = i;
                for (int c = 0; c < cells.length; c++) {
                    col.put(cells[c].strip().toLowerCase(Locale.ROOT), c);
                }
                if (!col.containsKey("model") || !col.containsKey("input_per_1m") || !col.containsKey("output_per_1m")) {
                    throw new UsageException(where + " line " + (i + 1) + ": the header must name model, input_per_1m and"
                            + " output_per_1m (found: " + line + ").", null);
                }
                continue;
            }
            String model = cell(cells, col.get("model"));
            if (model.isEmpty()) {
                throw new UsageException(where + " line " + (i + 1) + ": the model is empty.", null);
            }
            out.add(new ModelPrice(model, num(cells, col.get("input_per_1m"), where, i, "input_per_1m"),
                    num(cells, col.get("output_per_1m"), where, i, "output_per_1m"),
                    col.containsKey("per_request") && !cell(cells, col.get("per_request")).isEmpty()
                            ? num(cells, col.get("per_request"), where, i, "per_request") : 0, "file"));
        }
        if (header < 0) {
            throw new UsageException(where + " is empty.", null);
        }
        return out;
    }

    private static String cell(String[] cells, int i) {
        return i < cells.length ? cells[i].strip().replaceAll("^\"|\"$", "") : "";
    }

    private static double num(String[] cells, int i, String where, int line, String what) throws UsageException {
        String v = cell(cells, i).replace("$", "");
        try {
            double d = Double.parseDouble(v);
            if (d < 0 || Double.isNaN(d) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new UsageException(where + " line " + (line + 1) + ": " + what + " must be a non-negative number; got '" + v + "'.", null);
        }
    }

    static List<ModelPrice> readJson(String text, String where) throws UsageException {
        JsonElement root;
        try {
            root = JsonParser.parseString(text);
        } catch (RuntimeException e) {
            throw new UsageException(where + " is not valid JSON: " + e.getMessage(), e);
        }
        List<ModelPrice> out = new ArrayList<>();
        if (root.isJsonArray()) {
            int i = 0;
            for (JsonElement e : root.getAsJsonArray()) {
                i++;
                String model = Json.text(e, "model", "id");
                Double in = Json.number(e, "input_per_1m", "input");
                Double o = Json.number(e, "output_per_1m", "output");
                if (model == null || in == null || o == null || in < 0 || o < 0) {
                    throw new UsageException(where + " entry " + i + ": needs model, input_per_1m and output_per_1m (non-negative numbers).", null);
                }
                Double pr = Json.number(e, "per_request");
                out.add(new ModelPrice(model, in, o, pr == null ? 0 : pr, "file"));
            }
        } else if (root.isJsonObject()) {
            for (Map.Entry<String, JsonElement> e : root.getAsJsonObject().entrySet()) {
                Double in = Json.number(e.getValue(), "input_per_1m", "input");
                Double o = Json.number(e.getValue(), "output_per_1m", "output");
                if (in == null || o == null || in < 0 || o < 0) {
                    throw new UsageException(where + " entry '" + e.getKey() + "': needs input and output prices (non-negative numbers).", null);
                }
                Double pr = Json.number(e.getValue(), "per_request");
                out.add(new ModelPrice(e.getKey(), in, o, pr == null ? 0 : pr, "file"));
            }
        } else {
            throw new UsageException(where + ": expected a list or an object of prices.", null);
        }
        return out;
    }
}
