package ai.flatkey.migrate.wire;

import java.util.List;
import java.util.Objects;

/**
 * An image edit ({@code POST /images/edits}): always multipart, the image(s) as file parts.
 *
 * @param images         at least one image
 * @param arrayField     whether the images go as {@code image[]} (gpt-image models take several) rather than
 *                       {@code image}
 * @param size           e.g. {@code 256x256}, or null
 * @param responseFormat {@code b64_json} or {@code url}, or null to leave it out
 */
public record ImageEditRequest(String model, String prompt, List<Upload> images, boolean arrayField, String size,
                               String responseFormat) {
    public ImageEditRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(prompt, "prompt");
        images = List.copyOf(images);
        if (images.isEmpty()) {
            throw new IllegalArgumentException("an image edit needs at least one image");
        }
    }
}
