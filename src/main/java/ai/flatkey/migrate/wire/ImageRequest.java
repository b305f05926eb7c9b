package ai.flatkey.migrate.wire;

import java.util.Objects;

/**
 * An image generation ({@code POST /images/generations}, JSON).
 *
 * @param size           e.g. {@code 1024x1024}, or null to leave it out
 * @param n              how many images, or null (the server's default: 1)
 * @param responseFormat {@code b64_json} or {@code url}, or null to leave it out (models such as gpt-image-1 refuse
 *                       or ignore it and always answer {@code b64_json})
 * @param quality        e.g. {@code low}, or null
 */
public record ImageRequest(String model, String prompt, String size, Integer n, String responseFormat,
                           String quality) {
    public ImageRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(prompt, "prompt");
    }
}
