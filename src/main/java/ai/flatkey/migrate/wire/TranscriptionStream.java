package ai.flatkey.migrate.wire;

import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.util.ArrayList;
import java.util.List;

/**
 * A streamed transcription ({@code POST /audio/transcriptions} with {@code stream=true}; gpt-4o-transcribe and
 * gpt-4o-mini-transcribe stream, whisper-1 ignores the flag): OpenAI's events are {@code transcript.text.delta}
 * ({@code delta}, optional {@code logprobs}, {@code segment_id}) and one {@code transcript.text.done} ({@code text},
 * optional {@code logprobs} and {@code usage}).
 *
 * @param text        the done event's {@code text}, or null when no done event came
 * @param deltaText   the deltas joined in order
 * @param deltas      how many delta events came
 * @param done        whether the {@code transcript.text.done} event came (the stream is complete)
 * @param usage       the done event's token usage, or null
 * @param otherTypes  the types of events that are neither, in order (a newer event a client may not know)
 * @param firstDeltaMs milliseconds from the request to the first delta, or null
 */
public record TranscriptionStream(String model, String text, String deltaText, int deltas, boolean done, Usage usage,
                                  List<String> otherTypes, Long firstDeltaMs, String requestId, int status,
                                  Timing timing, ResponseHeaders headers, Transcript transcript) {
    public static final String DELTA = "transcript.text.delta";
    public static final String DONE = "transcript.text.done";

    public TranscriptionStream {
        deltaText = deltaText == null ? "" : deltaText;
        otherTypes = List.copyOf(otherTypes);
        headers = headers == null ? ResponseHeaders.EMPTY : headers;
    }

    TranscriptionStream withTranscript(Transcript t) {
        return new TranscriptionStream(model, text, deltaText, deltas, done, usage, otherTypes, firstDeltaMs, requestId,
                status, timing, headers, t);
    }

    String summary() {
        return "streamed transcription: " + deltas + " delta event" + (deltas == 1 ? "" : "s")
                + (done ? ", done with " + (text == null ? 0 : text.length()) + " characters" : ", no done event")
                + (usage != null ? ", usage " + usage.totalTokens() + " tokens" : ", no usage");
    }

    /** Collects the events of one stream. */
    static final class Reader implements OpenAiClient.EventSink<TranscriptionStream> {
        private final String model;
        private final StringBuilder deltaText = new StringBuilder();
        private final List<String> other = new ArrayList<>();
        private int deltas;
        private String text;
        private Usage usage;
        private Long firstDeltaMs;

        Reader(String model) {
            this.model = model;
        }

        @Override
        public boolean event(JsonObject event, long elapsedMs) {
            String type = event.get("type") instanceof JsonPrimitive p && p.isString() ? p.getAsString() : "";
            if (type.equals(DELTA)) {
                deltas++;
                if (event.get("delta") instanceof JsonPrimitive d && d.isString()) {
                    deltaText.append(d.getAsString());
                }
                if (firstDeltaMs == null) {
                    firstDeltaMs = elapsedMs;
                }
                return false;
            }
            if (type.equals(DONE)) {
                text = event.get("text") instanceof JsonPrimitive t && t.isString() ? t.getAsString() : "";
                usage = FamilyClient.mediaUsage(event.get("usage"));
                return true;
            }
            other.add(type.isEmpty() ? "(no type)" : type);
            return false;
        }

        @Override
        public TranscriptionStream result(String requestId, int status, ResponseHeaders headers, Timing timing,
                                          boolean complete) {
            Timing t = timing == null ? null : new Timing(timing.ttfbMs(), firstDeltaMs, timing.totalMs(),
                    timing.connectMs(), timing.tlsMs(), timing.gapsMs());
            return new TranscriptionStream(model, complete ? text : null, deltaText.toString(), deltas, complete, usage,
                    other, firstDeltaMs, requestId, status, t, headers, null);
        }
    }
}
