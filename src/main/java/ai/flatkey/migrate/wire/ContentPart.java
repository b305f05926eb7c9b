package ai.flatkey.migrate.wire;

import java.util.Base64;
import java.util.Objects;

/** One part of a chat message whose content is a list: text, or an image by URL (or {@code data:} URL). */
public sealed interface ContentPart permits ContentPart.Text, ContentPart.ImageUrl {

    /** {@code {"type":"text","text":…}}. */
    record Text(String text) implements ContentPart {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * {@code {"type":"image_url","image_url":{"url":…,"detail":…}}}.
     *
     * @param detail {@code low}, {@code high}, {@code auto}, or null to leave it out
     */
    record ImageUrl(String url, String detail) implements ContentPart {
        public ImageUrl {
            Objects.requireNonNull(url, "url");
        }
    }

    static ContentPart text(String text) {
        return new Text(text);
    }

    static ContentPart imageUrl(String url) {
        return new ImageUrl(url, null);
    }

    /** An inline image as a {@code data:<mime>;base64,…} URL. */
    static ContentPart imageData(String mimeType, byte[] bytes) {
        return new ImageUrl("data:" + mimeType + ";base64," + Base64.getEncoder().encodeToString(bytes), null);
    }
}
