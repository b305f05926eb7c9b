package ai.flatkey.migrate.wire;

import java.util.Arrays;
import java.util.Objects;

/**
 * One embedding vector.
 *
 * @param index    the {@code index} field
 * @param vector   the values; a base64 answer decoded as little-endian float32
 * @param encoding how it arrived: {@code float} (a JSON array) or {@code base64} (a string)
 */
public record Embedding(int index, float[] vector, String encoding) {
    public Embedding {
        vector = vector.clone();
    }

    @Override
    public float[] vector() {
        return vector.clone();
    }

    public int dimensions() {
        return vector.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Embedding e && e.index == index && Arrays.equals(e.vector, vector)
                && Objects.equals(e.encoding, encoding);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, Arrays.hashCode(vector), encoding);
    }

    @Override
    public String toString() {
        return "Embedding[index=" + index + ", dimensions=" + vector.length + ", encoding=" + encoding + "]";
    }
}
