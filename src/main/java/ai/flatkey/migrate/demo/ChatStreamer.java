package ai.flatkey.migrate.demo;

import com.google.gson.JsonObject;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Streams a chat completion as server-sent events, as OpenAI does: a role chunk, one chunk per token (content
 * words, or tool-call fragments) paced at the configured first-token delay and tokens per second and flushed on its
 * own, a finish chunk, the usage chunk when asked for, then {@code data: [DONE]}. Stream {@link Faults} change that
 * sequence on request.
 */
final class ChatStreamer {

    /** A length far beyond any answer, declared by the "drop" fault so that the early close cuts the connection. */
    static final long DROP_DECLARED_LENGTH = 1L << 30;

    private final long nanosPerPiece;
    private final long firstTokenDelayNanos;
    private final Consumer<StreamOutcome> listener;

    /**
     * @param tokensPerSecond    pace of tokens; 0 or less sends them without delay
     * @param firstTokenDelayMs  delay before the first token; 0 for none beyond the pace
     */
    ChatStreamer(int tokensPerSecond, int firstTokenDelayMs, Consumer<StreamOutcome> listener) {
        this.nanosPerPiece = tokensPerSecond <= 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / tokensPerSecond;
        this.firstTokenDelayNanos = TimeUnit.MILLISECONDS.toNanos(firstTokenDelayMs);
        this.listener = listener;
    }

    ChatStreamer(int tokensPerSecond, Consumer<StreamOutcome> listener) {
        this(tokensPerSecond, 0, listener);
    }

    long firstTokenDelayNanos() {
        return firstTokenDelayNanos;
    }

    /** A pacer for one answer: the configured pace, slowed to the drip interval when dripping. */
    Pacer pacer(Faults faults) {
        return new Pacer(firstTokenDelayNanos, Math.max(nanosPerPiece,
                TimeUnit.MILLISECONDS.toNanos(faults.dripMillis())));
    }

    /** Reports how a stream of another API (Responses) ended. */
    void report(StreamOutcome outcome) {
        listener.accept(outcome);
    }

    void stream(Call call, ChatCall chat, Completion completion, String id, long created) {
        stream(call, chat, completion, id, created, Faults.NONE);
    }

    void stream(Call call, ChatCall chat, Completion completion, String id, long created, Faults faults) {
        boolean tools = completion.hasToolCalls();
        List<JsonObject> deltas = tools
                ? ChatResponses.toolCallDeltas(completion.toolCalls(), faults.toolIndexMissing())
                : contentDeltas(completion.pieces());
        int planned = deltas.size();
        int cut = faults.stopsHalfway() ? Math.max(planned > 1 ? 1 : 0, planned / 2) : planned;
        int sent = 0;
        StreamOutcome.End end = StreamOutcome.End.COMPLETED;
        try {
            OutputStream out = call.startEventStream(faults.drop() ? DROP_DECLARED_LENGTH : 0);
            SseWriter writer = new SseWriter(out, faults);
            Pacer pacer = pacer(faults);
            if (faults.emptyFirstChoices()) {
                writer.data(Json.write(ChatResponses.emptyChoicesChunk(id, created, chat)));
            }
            if (!tools) {
                writer.data(Json.write(ChatResponses.chunk(id, created, chat, ChatResponses.roleDelta(), null)));
            }
            for (int i = 0; i < cut; i++) {
                pacer.awaitToken(i);
                writer.data(Json.write(ChatResponses.chunk(id, created, chat, deltas.get(i), null)));
                sent++;
            }
            if (cut < planned) {
                end = StreamOutcome.End.FAULT;
                if (faults.midstreamError()) {
                    writer.data(Json.write(midstreamError(call.requestId())));
                }
                if (faults.drop()) {
                    call.cut();
                }
            } else {
                writer.data(Json.write(ChatResponses.chunk(id, created, chat, new JsonObject(),
                        completion.finishReason())));
                if (chat.includeUsage() && !faults.noUsage()) {
                    writer.data(Json.write(ChatResponses.usageChunk(id, created, chat, completion)));
                }
                if (faults.noDone()) {
                    end = StreamOutcome.End.FAULT;
                } else {
                    writer.done();
                }
            }
        } catch (IOException e) {
            end = faults.drop() && sent == cut ? StreamOutcome.End.FAULT : StreamOutcome.End.CLIENT_GONE;
        } catch (InterruptedException e) {
            end = StreamOutcome.End.INTERRUPTED;
            Thread.currentThread().interrupt();
        }
        listener.accept(new StreamOutcome(call.requestId(), sent, planned, end));
    }

    static JsonObject midstreamError(String requestId) {
        JsonObject error = new JsonObject();
        error.addProperty("message", "The demo gateway failed while generating this answer (fault midstream-error,"
                + " request " + requestId + ").");
        error.addProperty("type", "server_error");
        error.add("param", com.google.gson.JsonNull.INSTANCE);
        error.addProperty("code", "server_error");
        JsonObject root = new JsonObject();
        root.add("error", error);
        return root;
    }

    private static List<JsonObject> contentDeltas(List<String> pieces) {
        List<JsonObject> deltas = new ArrayList<>(pieces.size());
        for (String piece : pieces) {
            deltas.add(ChatResponses.contentDelta(piece));
        }
        return deltas;
    }
}
