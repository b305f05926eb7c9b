package ai.flatkey.migrate.wire;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An embeddings request ({@code POST /embeddings}).
 *
 * @param encodingFormat {@code float}, {@code base64}, or null to leave it out (the server's default: float)
 * @param dimensions     {@code dimensions}, or null
 * @param extra          more top-level fields, sent last and verbatim
 */
public record EmbeddingsRequest(String model, List<String> input, String encodingFormat, Integer dimensions,
                                Map<String, Object> extra) {
    public EmbeddingsRequest {
        Objects.requireNonNull(model, "model");
        input = List.copyOf(input);
        if (input.isEmpty()) {
            throw new IllegalArgumentException("an embeddings request needs at least one input");
        }
        extra = extra == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    public static EmbeddingsRequest of(String model, String input, String encodingFormat) {
        return new EmbeddingsRequest(model, List.of(input), encodingFormat, null, Map.of());
    }
}
