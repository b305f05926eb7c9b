package ai.flatkey.migrate.demo;

import com.google.gson.JsonObject;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Streams a completion as server-sent events: a role chunk, one chunk per piece paced at the configured tokens per
 * second and flushed on its own, a finish chunk, the usage chunk when asked for, then {@code data: [DONE]}.
 */
final class ChatStreamer {

    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);

    private final long nanosPerPiece;
    private final Consumer<StreamOutcome> listener;

    /** @param tokensPerSecond pace of content chunks; 0 or less sends them without delay */
    ChatStreamer(int tokensPerSecond, Consumer<StreamOutcome> listener) {
        this.nanosPerPiece = tokensPerSecond <= 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / tokensPerSecond;
        this.listener = listener;
    }

    void stream(Call call, ChatCall chat, Completion completion, String id, long created) {
        List<String> pieces = completion.pieces();
        int sent = 0;
        StreamOutcome.End end = StreamOutcome.End.COMPLETED;
        try {
            OutputStream out = call.startEventStream();
            send(out, ChatResponses.chunk(id, created, chat, ChatResponses.roleDelta(), null));
            long start = System.nanoTime();
            for (String piece : pieces) {
                pace(start + (sent + 1) * nanosPerPiece);
                send(out, ChatResponses.chunk(id, created, chat, ChatResponses.contentDelta(piece), null));
                sent++;
            }
            send(out, ChatResponses.chunk(id, created, chat, new JsonObject(), completion.finishReason()));
            if (chat.includeUsage()) {
                send(out, ChatResponses.usageChunk(id, created, chat, completion));
            }
            out.write(DONE);
            out.flush();
        } catch (IOException e) {
            end = StreamOutcome.End.CLIENT_GONE;
        } catch (InterruptedException e) {
            end = StreamOutcome.End.INTERRUPTED;
            Thread.currentThread().interrupt();
        }
        listener.accept(new StreamOutcome(call.requestId(), sent, pieces.size(), end));
    }

    private static void send(OutputStream out, JsonObject chunk) throws IOException {
        out.write(("data: " + Json.write(chunk) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void pace(long deadlineNanos) throws InterruptedException {
        long wait = deadlineNanos - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        } else if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }
}
