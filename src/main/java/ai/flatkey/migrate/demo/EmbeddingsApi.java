package ai.flatkey.migrate.demo;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static ai.flatkey.migrate.demo.ChatRequestReader.invalidType;
import static ai.flatkey.migrate.demo.ChatRequestReader.isString;
import static ai.flatkey.migrate.demo.ChatRequestReader.present;
import static ai.flatkey.migrate.demo.ChatRequestReader.reject;

/**
 * Embeddings ({@code POST /v1/embeddings}): deterministic unit vectors of {@value #DIMENSIONS} dimensions (or
 * {@code dimensions}) seeded by a SHA-256 of each input, as {@code float} arrays or {@code base64} of little-endian
 * float32 values. Input: a string, an array of strings, an array of token IDs, or an array of such arrays.
 */
final class EmbeddingsApi {

    static final int DIMENSIONS = 1536;
    static final int MAX_INPUTS = 2048;
    private static final Set<String> KNOWN = Set.of("model", "input", "encoding_format", "dimensions", "user");

    /**
     * A validated request.
     *
     * @param model      the embedding model
     * @param inputs     each input as text (token arrays as their numbers joined by spaces)
     * @param tokens     tokens per input
     * @param base64     whether vectors are sent as base64
     * @param dimensions vector length
     */
    record Request(CatalogModel model, List<String> inputs, List<Integer> tokens, boolean base64, int dimensions) {

        Request {
            inputs = List.copyOf(inputs);
            tokens = List.copyOf(tokens);
        }

        int promptTokens() {
            return tokens.stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final Catalog catalog;

    EmbeddingsApi(Catalog catalog) {
        this.catalog = catalog;
    }

    Request read(String body) throws Rejection {
        JsonObject request = ChatRequestReader.parseObject(body);
        for (Map.Entry<String, JsonElement> field : request.entrySet()) {
            if (!field.getValue().isJsonNull() && !KNOWN.contains(field.getKey())) {
                throw reject("Unrecognized request argument supplied: " + field.getKey(), field.getKey(),
                        "unknown_parameter");
            }
        }
        String modelId = ChatRequestReader.modelId(request);
        List<String> inputs = new ArrayList<>();
        List<Integer> tokens = new ArrayList<>();
        inputs(request, inputs, tokens);
        boolean base64 = false;
        JsonElement format = present(request, "encoding_format");
        if (format != null) {
            if (!isString(format) || !(format.getAsString().equals("float") || format.getAsString().equals("base64"))) {
                throw reject("Invalid value: '" + (isString(format) ? format.getAsString() : format) + "'. Supported"
                        + " values are: 'float' and 'base64'.", "encoding_format", "invalid_value");
            }
            base64 = format.getAsString().equals("base64");
        }
        int dimensions = DIMENSIONS;
        JsonElement dims = present(request, "dimensions");
        if (dims != null) {
            BigDecimal number = ChatRequestReader.number(dims);
            if (number == null || number.stripTrailingZeros().scale() > 0) {
                throw invalidType("dimensions", "an integer", dims);
            }
            if (number.compareTo(BigDecimal.ONE) < 0 || number.compareTo(BigDecimal.valueOf(DIMENSIONS)) > 0) {
                throw reject("Invalid 'dimensions': expected a value between 1 and " + DIMENSIONS + ", but got "
                        + number.toPlainString() + " instead.", "dimensions", "invalid_value");
            }
            dimensions = number.intValue();
        }
        CatalogModel model = catalog.find(modelId).orElseThrow(() -> new Rejection(ApiError.invalidRequest(404,
                "The model `" + modelId + "` does not exist or you do not have access to it.",
                "model", "model_not_found")));
        if (!model.embedding()) {
            throw reject("The model `" + modelId + "` is not an embedding model and is not supported on"
                    + " v1/embeddings. Use an embedding model such as `text-embedding-3-small`.", "model",
                    "model_not_supported");
        }
        return new Request(model, inputs, tokens, base64, dimensions);
    }

    private static void inputs(JsonObject request, List<String> inputs, List<Integer> tokens) throws Rejection {
        JsonElement input = present(request, "input");
        if (input == null) {
            throw reject("Missing required parameter: 'input'.", "input", "missing_required_parameter");
        }
        if (isString(input)) {
            addText(input.getAsString(), "input", inputs, tokens);
            return;
        }
        if (!input.isJsonArray()) {
            throw invalidType("input", "one of a string or array", input);
        }
        JsonArray array = input.getAsJsonArray();
        if (array.isEmpty()) {
            throw reject("Invalid 'input': empty array. Expected an array with minimum length 1, but got an empty"
                    + " array instead.", "input", "empty_array");
        }
        if (array.size() > MAX_INPUTS) {
            throw reject("Invalid 'input': array too long. Expected an array with maximum length " + MAX_INPUTS
                    + ", but got an array with length " + array.size() + " instead.", "input", "array_above_max_length");
        }
        if (array.get(0).isJsonPrimitive() && array.get(0).getAsJsonPrimitive().isNumber()) {
            addTokens(array, "input", inputs, tokens);
            return;
        }
        for (int i = 0; i < array.size(); i++) {
            JsonElement item = array.get(i);
            String path = "input[" + i + "]";
            if (isString(item)) {
                addText(item.getAsString(), path, inputs, tokens);
            } else if (item.isJsonArray()) {
                addTokens(item.getAsJsonArray(), path, inputs, tokens);
            } else {
                throw invalidType(path, "a string or an array of integers", item);
            }
        }
    }

    private static void addText(String text, String path, List<String> inputs, List<Integer> tokens)
            throws Rejection {
        if (text.isEmpty()) {
            throw reject("Invalid '" + path + "': empty string. Expected a string with minimum length 1, but got an"
                    + " empty string instead.", path, "empty_string");
        }
        inputs.add(text);
        String stripped = text.strip();
        int words = stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
        tokens.add(Math.max(1, (words * 4 + 2) / 3));
    }

    private static void addTokens(JsonArray array, String path, List<String> inputs, List<Integer> tokens)
            throws Rejection {
        if (array.isEmpty()) {
            throw reject("Invalid '" + path + "': empty array. Expected an array with minimum length 1, but got an"
                    + " empty array instead.", path, "empty_array");
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < array.size(); i++) {
            BigDecimal number = ChatRequestReader.number(array.get(i));
            if (number == null || number.stripTrailingZeros().scale() > 0 || number.signum() < 0) {
                throw invalidType(path + "[" + i + "]", "a non-negative integer token ID", array.get(i));
            }
            text.append(i == 0 ? "" : " ").append(number.toPlainString());
        }
        inputs.add("tokens:" + text);
        tokens.add(array.size());
    }

    /** The deterministic unit vector of {@code input}. */
    static float[] vector(String input, int dimensions) {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        SplittableRandom random = new SplittableRandom(ByteBuffer.wrap(hash).getLong());
        double[] values = new double[dimensions];
        double norm = 0;
        for (int i = 0; i < dimensions; i++) {
            // Box-Muller: Gaussian components give a direction uniform on the sphere.
            double u = 1.0 - random.nextDouble();
            double v = random.nextDouble();
            values[i] = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
            norm += values[i] * values[i];
        }
        norm = Math.sqrt(norm);
        float[] vector = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            vector[i] = (float) (values[i] / norm);
        }
        return vector;
    }

    static String base64(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : vector) {
            buffer.putFloat(value);
        }
        return Base64.getEncoder().encodeToString(buffer.array());
    }

    static JsonObject response(Request request, boolean withUsage) {
        JsonArray data = new JsonArray();
        for (int i = 0; i < request.inputs().size(); i++) {
            float[] vector = vector(request.inputs().get(i), request.dimensions());
            JsonObject item = new JsonObject();
            item.addProperty("object", "embedding");
            item.addProperty("index", i);
            if (request.base64()) {
                item.addProperty("embedding", base64(vector));
            } else {
                JsonArray values = new JsonArray(vector.length);
                for (float value : vector) {
                    values.add(value);
                }
                item.add("embedding", values);
            }
            data.add(item);
        }
        JsonObject root = new JsonObject();
        root.addProperty("object", "list");
        root.add("data", data);
        root.addProperty("model", request.model().id());
        if (withUsage) {
            JsonObject usage = new JsonObject();
            usage.addProperty("prompt_tokens", request.promptTokens());
            usage.addProperty("total_tokens", request.promptTokens());
            root.add("usage", usage);
        }
        return root;
    }
}
