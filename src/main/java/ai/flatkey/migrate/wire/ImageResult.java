package ai.flatkey.migrate.wire;

import java.util.List;

/**
 * An images answer (generation or edit).
 *
 * @param created         {@code created} (epoch seconds), or null when absent
 * @param hasData         whether the answer has a {@code data} array
 * @param images          the items of {@code data[]}, in order
 * @param usage           {@code usage} ({@code input_tokens}/{@code output_tokens} or prompt/completion), or null
 * @param formatRequested the {@code response_format} sent, or empty when none was
 */
public record ImageResult(Long created, boolean hasData, List<GeneratedImage> images, Usage usage,
                          String formatRequested, String requestId, int status, Timing timing,
                          ResponseHeaders headers, Transcript transcript) {
    public ImageResult {
        images = List.copyOf(images);
        formatRequested = formatRequested == null ? "" : formatRequested;
        headers = headers == null ? ResponseHeaders.EMPTY : headers;
    }

    /** The formats the items came in, distinct, in order. */
    public List<String> formatsReceived() {
        return images.stream().map(GeneratedImage::format).distinct().toList();
    }

    ImageResult withTranscript(Transcript t) {
        return new ImageResult(created, hasData, images, usage, formatRequested, requestId, status, timing, headers, t);
    }

    String summary() {
        return "images: " + images.size() + " item" + (images.size() == 1 ? "" : "s") + " as "
                + String.join("/", formatsReceived()) + (created == null ? ", no created" : "")
                + (usage == null ? ", no usage" : ", usage " + usage.totalTokens() + " tokens");
    }
}
