package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.wire.Transcript;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Reads the streamed tool-call fragments of choice 0 from a transcript's raw events: which call IDs came with which
 * {@code index}, and the first fragment without one. Parallel calls that all say {@code index: 0} are merged by
 * reassembly, so only the raw fragments show them.
 */
final class ToolFragments {
    /**
     * @param ids               distinct non-empty call IDs seen on fragments
     * @param indexes           distinct {@code index} values seen
     * @param firstWithoutIndex the raw data of the first chunk with a fragment lacking {@code index}, or null
     */
    record Scan(Set<String> ids, Set<Integer> indexes, String firstWithoutIndex) {
        /** More calls (by ID) than indexes: parallel calls share an index. */
        boolean idsSharingAnIndex() {
            return ids.size() > 1 && !indexes.isEmpty() && indexes.size() < ids.size();
        }
    }

    private ToolFragments() {
    }

    static Scan scan(Transcript t) {
        Set<String> ids = new LinkedHashSet<>();
        Set<Integer> indexes = new LinkedHashSet<>();
        String without = null;
        if (t == null) {
            return new Scan(ids, indexes, null);
        }
        for (Transcript.RawEvent e : t.events()) {
            JsonArray calls = toolCalls(e.data());
            if (calls == null) {
                continue;
            }
            for (JsonElement c : calls) {
                if (!c.isJsonObject()) {
                    continue;
                }
                JsonObject call = c.getAsJsonObject();
                if (call.has("id") && call.get("id").isJsonPrimitive() && !call.get("id").getAsString().isBlank()) {
                    ids.add(call.get("id").getAsString());
                }
                if (call.has("index") && call.get("index").isJsonPrimitive() && call.get("index").getAsJsonPrimitive().isNumber()) {
                    indexes.add(call.get("index").getAsInt());
                } else if (without == null) {
                    without = e.data();
                }
            }
        }
        return new Scan(ids, indexes, without);
    }

    private static JsonArray toolCalls(String data) {
        if (!data.contains("tool_calls")) {
            return null;
        }
        try {
            JsonObject chunk = JsonParser.parseString(data).getAsJsonObject();
            JsonArray choices = chunk.getAsJsonArray("choices");
            if (choices == null || choices.isEmpty() || !choices.get(0).isJsonObject()) {
                return null;
            }
            JsonObject delta = choices.get(0).getAsJsonObject().getAsJsonObject("delta");
            if (delta == null || !delta.has("tool_calls") || !delta.get("tool_calls").isJsonArray()) {
                return null;
            }
            return delta.getAsJsonArray("tool_calls");
        } catch (RuntimeException notAChunk) {
            return null;
        }
    }
}
