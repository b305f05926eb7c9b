package ai.flatkey.migrate.wire;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An image edit ({@code POST /images/edits}): always multipart, the image(s) as file parts.
 *
 * @param images         at least one image
 * @param arrayField     whether the images go as {@code image[]} (gpt-image models take several) rather than
 *                       {@code image}
 * @param size           e.g. {@code 256x256}, or null
 * @param responseFormat {@code b64_json} or {@code url}, or null to leave it out
 * @param mask           the mask image, or null
 * @param fields         further form fields sent after these, in order (a request check's {@code n},
 *                       {@code quality}, …, as written)
 */
public record ImageEditRequest(String model, String prompt, List<Upload> images, boolean arrayField, String size,
                               String responseFormat, Upload mask, List<Map.Entry<String, String>> fields) {
    public ImageEditRequest(String model, String prompt, List<Upload> images, boolean arrayField, String size,
                            String responseFormat) {
        this(model, prompt, images, arrayField, size, responseFormat, null, List.of());
    }

    public ImageEditRequest {
        fields = fields == null ? List.of() : List.copyOf(fields);
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(prompt, "prompt");
        images = List.copyOf(images);
        if (images.isEmpty()) {
            throw new IllegalArgumentException("an image edit needs at least one image");
        }
    }
}
