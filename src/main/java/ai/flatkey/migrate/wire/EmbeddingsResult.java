package ai.flatkey.migrate.wire;

import java.util.List;

/**
 * An embeddings answer.
 *
 * @param object            the {@code object} field (expected {@code list})
 * @param data              the vectors, in the order received
 * @param usage             {@code prompt_tokens}/{@code total_tokens} (completion 0), or null when absent
 * @param encodingRequested the {@code encoding_format} sent, or empty when none was
 * @param headers           typed response headers
 * @param transcript        the exchange, redacted
 */
public record EmbeddingsResult(String object, String model, List<Embedding> data, Usage usage,
                               String encodingRequested, String requestId, int status, Timing timing,
                               ResponseHeaders headers, Transcript transcript) {
    public EmbeddingsResult {
        data = List.copyOf(data);
        encodingRequested = encodingRequested == null ? "" : encodingRequested;
        headers = headers == null ? ResponseHeaders.EMPTY : headers;
    }

    /** The encodings the vectors came in ({@code float}, {@code base64}), distinct, in order. */
    public List<String> encodingsReceived() {
        return data.stream().map(Embedding::encoding).distinct().toList();
    }

    /** Whether the server answered in the encoding asked for (float when none was asked). */
    public boolean encodingHonoured() {
        String wanted = encodingRequested.isEmpty() ? "float" : encodingRequested;
        return data.stream().allMatch(e -> e.encoding().equals(wanted));
    }

    EmbeddingsResult withTranscript(Transcript t) {
        return new EmbeddingsResult(object, model, data, usage, encodingRequested, requestId, status, timing, headers,
                t);
    }

    String summary() {
        return "embeddings " + (object.isEmpty() ? "(no object)" : object) + ", model " + (model.isEmpty() ? "(none)"
                : model) + ", " + data.size() + " vector" + (data.size() == 1 ? "" : "s")
                + (data.isEmpty() ? "" : " of " + data.get(0).dimensions() + " dimensions") + ", encoding "
                + String.join("/", encodingsReceived()) + (usage == null ? ", no usage" : ", usage "
                + usage.promptTokens() + "/" + usage.totalTokens());
    }
}
