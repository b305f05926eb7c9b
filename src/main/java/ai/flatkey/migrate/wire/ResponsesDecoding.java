package ai.flatkey.migrate.wire;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Decoding of Responses API answers: the response object, and the typed event stream. */
final class ResponsesDecoding {
    private ResponsesDecoding() {
    }

    static final String COMPLETED = "response.completed";
    static final String INCOMPLETE = "response.incomplete";
    static final String FAILED = "response.failed";

    /** A result from a {@code response} object. */
    static ResponsesResult result(JsonObject root, String deltaText, String requestId, int httpStatus, Timing timing,
                                  boolean streamed, String terminal, List<ResponseEvent> events,
                                  ResponseHeaders headers, Failures failures) {
        List<ResponseOutputItem> output = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        if (root.get("output") instanceof JsonArray items) {
            for (JsonElement e : items) {
                if (!(e instanceof JsonObject item)) {
                    continue;
                }
                StringBuilder itemText = new StringBuilder();
                List<String> partTypes = new ArrayList<>();
                if (item.get("content") instanceof JsonArray parts) {
                    for (JsonElement p : parts) {
                        if (p instanceof JsonObject part) {
                            String type = ErrorBody.str(part, "type");
                            partTypes.add(type);
                            if (type.equals("output_text")) {
                                itemText.append(ErrorBody.str(part, "text"));
                            }
                        }
                    }
                }
                text.append(itemText);
                output.add(new ResponseOutputItem(ErrorBody.str(item, "type"), ErrorBody.str(item, "id"),
                        ErrorBody.str(item, "role"), ErrorBody.str(item, "status"), itemText.toString(),
                        String.join(",", partTypes), ErrorBody.str(item, "name"), ErrorBody.str(item, "arguments"),
                        ErrorBody.str(item, "call_id")));
            }
        }
        String outputText = ErrorBody.str(root, "output_text");
        if (outputText.isEmpty()) {
            outputText = text.length() > 0 ? text.toString() : deltaText;
        }
        Usage usage = null;
        if (root.get("usage") instanceof JsonObject u) {
            usage = new Usage((int) ChatDecoding.longOr0(u.get("input_tokens")),
                    (int) ChatDecoding.longOr0(u.get("output_tokens")), (int) ChatDecoding.longOr0(u.get("total_tokens")));
        }
        String incomplete = root.get("incomplete_details") instanceof JsonObject d ? ErrorBody.str(d, "reason") : "";
        String error = root.get("error") instanceof JsonObject err ? failures.redact(ErrorBody.str(err, "message")) : "";
        return new ResponsesResult(ErrorBody.str(root, "id"), ErrorBody.str(root, "object"),
                ErrorBody.str(root, "status"), ErrorBody.str(root, "model"), outputText, output, usage, incomplete,
                error, requestId, httpStatus, timing, streamed, terminal, events, headers, null);
    }

    /** What a Responses stream has delivered so far. */
    static final class StreamState {
        private final String requestId;
        private final int httpStatus;
        private final ResponseHeaders headers;
        private final Timing base;
        private final Failures failures;
        private final List<ResponseEvent> events = new ArrayList<>();
        private final StringBuilder deltas = new StringBuilder();
        private final List<Long> tokenTimes = new ArrayList<>();
        private JsonObject lastResponse = new JsonObject();
        private String terminal = "";
        private ErrorBody failed;
        private Long ttft;
        private long lastAt;

        StreamState(String requestId, int httpStatus, ResponseHeaders headers, Timing base, Failures failures) {
            this.requestId = requestId;
            this.httpStatus = httpStatus;
            this.headers = headers;
            this.base = base;
            this.failures = failures;
        }

        int count() {
            return events.size();
        }

        ResponseEvent add(JsonObject o, String eventName, long atMs) {
            lastAt = atMs;
            String type = ErrorBody.str(o, "type");
            if (type.isEmpty()) {
                type = eventName;
            }
            String delta = "";
            if (type.equals("response.output_text.delta")) {
                delta = ErrorBody.str(o, "delta");
                if (!delta.isEmpty()) {
                    if (ttft == null) {
                        ttft = atMs;
                    }
                    tokenTimes.add(atMs);
                    deltas.append(delta);
                }
            }
            if (o.get("response") instanceof JsonObject r) {
                lastResponse = r;
            }
            if (type.equals(COMPLETED) || type.equals(INCOMPLETE)) {
                terminal = type;
            } else if (type.equals(FAILED)) {
                terminal = type;
                JsonObject err = lastResponse.get("error") instanceof JsonObject e ? e : new JsonObject();
                failed = ErrorBody.fromJson(wrap(err));
            } else if (type.equals("error") || eventName.equals("error")) {
                failed = ErrorBody.fromJson(o.has("error") ? o : wrap(o));
            }
            ResponseEvent e = new ResponseEvent(type, eventName, ChatDecoding.longOrNull(o.get("sequence_number")),
                    delta, atMs);
            events.add(e);
            return e;
        }

        private static JsonObject wrap(JsonObject error) {
            JsonObject o = new JsonObject();
            o.add("error", error);
            return o;
        }

        /** The error of a {@code response.failed} or {@code error} event, or null. */
        ErrorBody failedError() {
            return failed;
        }

        boolean terminal() {
            return terminal.equals(COMPLETED) || terminal.equals(INCOMPLETE);
        }

        ResponsesResult result(boolean done) {
            List<Long> gaps = new ArrayList<>();
            for (int i = 1; i < tokenTimes.size(); i++) {
                gaps.add(tokenTimes.get(i) - tokenTimes.get(i - 1));
            }
            Timing t = new Timing(base.ttfbMs(), ttft, lastAt, base.connectMs(), base.tlsMs(), gaps);
            return ResponsesDecoding.result(lastResponse, deltas.toString(), requestId, httpStatus, t, true, terminal,
                    events, headers, failures);
        }
    }
}
