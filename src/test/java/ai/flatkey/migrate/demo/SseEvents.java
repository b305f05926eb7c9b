package ai.flatkey.migrate.demo;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.util.ArrayList;
import java.util.List;

/**
 * The events of a server-sent-event body, checked for framing on the way: every event is one {@code data:} line
 * followed by a blank line.
 */
record SseEvents(List<String> data, List<Long> arrivalNanos) {

    static SseEvents parse(List<TestHttp.TimedLine> lines) {
        List<String> data = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).text();
            if (line.isEmpty()) {
                continue;
            }
            if (!line.startsWith("data: ")) {
                throw new AssertionError("not a data line: " + line);
            }
            if (i + 1 >= lines.size() || !lines.get(i + 1).text().isEmpty()) {
                throw new AssertionError("event not followed by a blank line: " + line);
            }
            data.add(line.substring("data: ".length()));
            times.add(lines.get(i).nanos());
        }
        return new SseEvents(data, times);
    }

    /** The JSON chunks: every event but the final {@code [DONE]}. */
    List<JsonObject> chunks() {
        return data.subList(0, data.size() - 1).stream()
                .map(d -> JsonParser.parseString(d).getAsJsonObject())
                .toList();
    }

    String last() {
        return data.get(data.size() - 1);
    }

    /** The streamed content, reassembled. */
    String content() {
        StringBuilder text = new StringBuilder();
        for (JsonObject chunk : chunks()) {
            if (chunk.getAsJsonArray("choices").isEmpty()) {
                continue;
            }
            JsonObject delta = chunk.getAsJsonArray("choices").get(0).getAsJsonObject().getAsJsonObject("delta");
            if (delta.has("content")) {
                text.append(delta.get("content").getAsString());
            }
        }
        return text.toString();
    }
}
