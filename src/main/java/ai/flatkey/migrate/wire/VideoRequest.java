package ai.flatkey.migrate.wire;

import java.util.Objects;

/**
 * A video job ({@code POST /videos}).
 *
 * @param seconds the clip's length as the API takes it ({@code "4"}), or null
 * @param size    e.g. {@code 720x1280}, or null
 */
public record VideoRequest(String model, String prompt, String seconds, String size) {
    public VideoRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(prompt, "prompt");
    }
}
