package ai.flatkey.migrate.wire;

import java.util.List;

/**
 * A Responses API answer (non-streamed, or the stream's final {@code response} object with what the deltas said).
 *
 * @param object           the {@code object} field (expected {@code response})
 * @param status           {@code completed}, {@code incomplete}, {@code failed}, {@code in_progress}, …
 * @param outputText       the text of all {@code output_text} parts (streams: the deltas joined when the final
 *                         object holds none)
 * @param output           the {@code output[]} items
 * @param usage            {@code input_tokens}/{@code output_tokens}/{@code total_tokens} as prompt/completion/total
 * @param incompleteReason {@code incomplete_details.reason}, or empty
 * @param error            {@code error.message} of a failed response (redacted), or empty
 * @param httpStatus       the HTTP status
 * @param streamed         whether it came as a stream
 * @param terminalEvent    for streams: {@code response.completed} / {@code response.incomplete} /
 *                         {@code response.failed}, or empty when the stream ended without one
 * @param events           for streams: every typed event in order (empty otherwise)
 * @param headers          typed response headers
 * @param transcript       the exchange, redacted; null on a partial result inside an {@link ApiException}
 */
public record ResponsesResult(String id, String object, String status, String model, String outputText,
                              List<ResponseOutputItem> output, Usage usage, String incompleteReason, String error,
                              String requestId, int httpStatus, Timing timing, boolean streamed,
                              String terminalEvent, List<ResponseEvent> events, ResponseHeaders headers,
                              Transcript transcript) {
    public ResponsesResult {
        output = List.copyOf(output);
        events = List.copyOf(events);
        headers = headers == null ? ResponseHeaders.EMPTY : headers;
    }

    /** Whether {@code sequence_number} was present on every event and strictly increasing. */
    public boolean sequenceNumbersIncrease() {
        Long last = null;
        for (ResponseEvent e : events) {
            if (e.sequenceNumber() == null || (last != null && e.sequenceNumber() <= last)) {
                return false;
            }
            last = e.sequenceNumber();
        }
        return true;
    }

    /** Event types in arrival order. */
    public List<String> eventTypes() {
        return events.stream().map(ResponseEvent::type).toList();
    }

    ResponsesResult withTranscript(Transcript t) {
        return new ResponsesResult(id, object, status, model, outputText, output, usage, incompleteReason, error,
                requestId, httpStatus, timing, streamed, terminalEvent, events, headers, t);
    }

    String summary() {
        return (streamed ? "stream of " + events.size() + " events, terminal " + (terminalEvent.isEmpty() ? "(none)"
                : terminalEvent) + ", " : "") + "response " + (id.isEmpty() ? "(no id)" : id) + ", status "
                + (status.isEmpty() ? "(none)" : status) + ", " + output.size() + " output item"
                + (output.size() == 1 ? "" : "s") + ", " + outputText.length() + " characters of text"
                + (usage == null ? ", no usage" : ", usage " + usage.promptTokens() + "+" + usage.completionTokens()
                + "=" + usage.totalTokens());
    }
}
