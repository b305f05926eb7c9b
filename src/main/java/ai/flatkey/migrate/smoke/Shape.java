package ai.flatkey.migrate.smoke;

import ai.flatkey.migrate.wire.ChatResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The response shape of one exchange, as compared between the current provider and the target: which fields were
 * there, how the answer ended, how the stream behaved. Text is never compared (mapped models answer differently).
 */
record Shape(boolean answered, String finishReason, boolean usage, boolean content, boolean streamed, boolean incremental,
             boolean done, int status) {

    static final Shape NONE = new Shape(false, null, false, false, false, false, false, 0);

    static Shape of(ChatResult r) {
        if (r == null) {
            return NONE;
        }
        return new Shape(true, r.finishReason(), r.usage() != null, r.content() != null && !r.content().isBlank(),
                r.streamed(), r.streamed() && r.chunkCount() > 2, r.sawDone(), r.status());
    }

    /** A successful answer that is not a chat completion (a model list, a Responses answer, embeddings). */
    static Shape ok(boolean usage, boolean content) {
        return new Shape(true, null, usage, content, false, false, false, 200);
    }

    static Shape status(int status) {
        return new Shape(false, null, false, false, false, false, false, status);
    }

    /** Differences from {@code source} to this (target) shape, in plain words; empty when they match. */
    List<String> differencesFrom(Shape source) {
        List<String> d = new ArrayList<>();
        if (source.answered != answered) {
            d.add(answered ? "the current provider did not answer; the target did"
                    : "the current provider answered; the target did not (" + statusText(status) + ")");
            return d;
        }
        if (!answered) {
            if (source.status != status) {
                d.add("failed with " + statusText(source.status) + " on the current provider, " + statusText(status)
                        + " on the target");
            }
            return d;
        }
        if (!Objects.equals(source.finishReason, finishReason)) {
            d.add("finish_reason " + q(source.finishReason) + " → " + q(finishReason));
        }
        if (source.usage != usage) {
            d.add(usage ? "usage present only on the target" : "usage missing on the target (present on the current provider)");
        }
        if (source.content != content) {
            d.add(content ? "assistant text only on the target" : "no assistant text on the target");
        }
        if (source.streamed && streamed) {
            if (source.incremental != incremental) {
                d.add(incremental ? "the target streams in pieces; the current provider sent one block"
                        : "the target sends the text in one block; the current provider streams in pieces");
            }
            if (source.done != done) {
                d.add(done ? "the current provider's stream lacks [DONE]" : "the target's stream lacks [DONE]");
            }
        }
        return d;
    }

    /** "HTTP 404", or "no HTTP answer" when none arrived (a network error, a timeout, a check that did not run). */
    private static String statusText(int status) {
        return status > 0 ? "HTTP " + status : "no HTTP answer";
    }

    private static String q(String s) {
        return s == null ? "missing" : s;
    }
}
